"""The contract between the links (wyoutcomes.contract): one statement of the columns, one reader.

Spec tables: tiny frames beside the values a reader must see, worked out by hand from the rules
in docs/architecture.md ("latest version wins"; a bare date as_of is the whole day).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from wyoutcomes import contract
from wyoutcomes.contract import (
    DTYPES,
    FIGURE_COLUMNS,
    KEY_COLUMNS,
    FrameValues,
    ValuesSource,
    as_of_moment,
    canonical_values,
    values_source,
)
from wyoutcomes.errors import InputFileError, StoreError, UsageError
from wyoutcomes.store import Store

SRC = Path(contract.__file__).parent


def _runs_of(names: tuple[str, ...], length: int) -> re.Pattern[str]:
    """A run of `length` or more of `names` written as string literals, comma-separated."""
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    one = rf'"(?:{alternatives})"'
    return re.compile(rf"{one}(?:\s*,\s*{one}){{{length - 1},}}")


@pytest.mark.parametrize("names", [KEY_COLUMNS, FIGURE_COLUMNS], ids=["key", "figures"])
def test_the_columns_are_spelled_out_in_the_contract_only(names):
    """Five or more of the key (or figure) columns written out in a row is a restated list:
    only wyoutcomes/contract.py may hold one (stats' own output columns are three)."""
    pattern = _runs_of(names, 5)
    holders = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    )
    assert holders == ["contract.py"]


def test_the_contract_imports_nothing_of_ours_but_errors_and_periods():
    text = (SRC / "contract.py").read_text(encoding="utf-8")
    top_level = re.findall(r"^from (wyoutcomes[\w.]*) import", text, flags=re.MULTILINE)
    assert set(top_level) <= {"wyoutcomes.errors", "wyoutcomes.periods"}


def test_canonical_values_gives_the_contract_dtypes():
    """Text cells as submitted in a CSV: figures become floats, empty cells NaN, missing key
    parts take their defaults (sex Persons, the rest empty)."""
    raw = pd.DataFrame(
        {
            "indicator_id": [" suicide-rate "],
            "area_code": ["E08000035"],
            "period": ["2019 - 21"],
            "value": ["13.2"],
            "lower_ci": [""],
            "upper_ci": ["15.0"],
        }
    )
    out = canonical_values(raw)
    assert out.loc[0, "indicator_id"] == "suicide-rate"
    assert (out.loc[0, "sex"], out.loc[0, "age"], out.loc[0, "category"]) == ("Persons", "", "")
    assert out.loc[0, "value"] == 13.2 and pd.isna(out.loc[0, "lower_ci"])
    for column in [*KEY_COLUMNS, "value", "lower_ci", "upper_ci", "numerator", "denominator"]:
        kind = (
            pd.api.types.is_string_dtype if DTYPES[column] is str else pd.api.types.is_float_dtype
        )
        assert kind(out[column]), column


def test_canonical_values_names_row_and_column_of_a_bad_figure():
    raw = pd.DataFrame(
        {"indicator_id": ["x", "x"], "area_code": ["E1", "E2"], "period": ["2019"] * 2}
    ).assign(value=["1", "1,5"])
    with pytest.raises(InputFileError, match=r"row 2, column value: '1,5'.*not-a-number"):
        canonical_values(raw)


# submitted_at → value; as_of → the value current then, worked out by hand
HISTORY = pd.DataFrame(
    {
        "indicator_id": ["x", "x", "x"],
        "area_code": ["E1", "E1", "E1"],
        "period": ["2019", "2019", "2019"],
        "value": [1.0, 2.0, 3.0],
        "submitted_at": ["2024-07-01T09:00Z", "2024-07-01T23:30Z", "2024-07-02T00:00Z"],
    }
)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2024-06-30", []),
        ("2024-07-01", [2.0]),  # a bare date: the whole day, so the 23:30 revision counts
        (date(2024, 7, 1), [2.0]),
        ("2024-07-01T12:00Z", [1.0]),
        ("2024-07-01T09:00", [1.0]),  # naive: UTC, and the moment itself counts
        (None, [3.0]),
    ],
)
def test_a_frame_reads_as_it_stood(as_of, expected):
    assert FrameValues(HISTORY).read(as_of=as_of)["value"].tolist() == expected


def test_as_of_that_is_not_a_time_is_a_usage_error():
    with pytest.raises(UsageError, match="as_of='soon'"):
        as_of_moment("soon")


@pytest.mark.parametrize("day", ["0000-00-00", "2024-02-30", "2023-13-01"])
def test_a_date_shaped_text_with_no_such_day_is_a_usage_error(day):
    """Found by the CLI property test: `--submitted-by 0000-00-00` was a ValueError (exit 70)."""
    with pytest.raises(UsageError, match="not a date"):
        as_of_moment(day)


def _store_with_history(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    for when, value in [("2024-07-01T09:00Z", "1"), ("2024-07-01T23:30Z", "2")]:
        frame = pd.DataFrame(
            {
                "indicator_id": ["x"],
                "area_code": ["E1"],
                "period": ["2019"],
                "sex": ["Persons"],
                "age": ["All ages"],
                "category_type": [""],
                "category": [""],
                "value": [value],
                "lower_ci": [""],
                "upper_ci": [""],
            }
        )
        store.ingest(frame, submitter="Leeds", submitted_at=when, plan_rules=False)
    return store


def test_a_store_and_a_frame_are_both_values_sources(tmp_path):
    store = _store_with_history(tmp_path)
    assert isinstance(store, ValuesSource)
    assert isinstance(FrameValues(HISTORY), ValuesSource)
    assert values_source(store) is store
    # the same history, read the same way through either
    assert store.read(as_of="2024-07-01")["value"].tolist() == [2.0]
    assert store.read(as_of=date(2024, 6, 30)).empty
    assert store.read(as_of="2024-07-01T12:00Z")["value"].tolist() == [1.0]


def test_values_source_opens_paths(tmp_path):
    store = _store_with_history(tmp_path)
    assert isinstance(values_source(store.path), Store)
    csv = tmp_path / "values.csv"
    HISTORY.to_csv(csv, index=False)
    read = values_source(csv).read(as_of="2024-07-01")
    assert read["value"].tolist() == [2.0]
    with pytest.raises(InputFileError, match="no such file"):
        values_source(tmp_path / "absent.csv")
    with pytest.raises(InputFileError, match="expected a DataFrame"):
        values_source([1, 2])


def test_store_failures_are_read_through_the_store(tmp_path):
    """A row whose interval is inverted (lower 5 > upper 4) fails ci-inverted; the store keeps
    the failure table and hands it out with the submission's id."""
    store = Store(tmp_path / "store")
    frame = pd.DataFrame(
        {
            "indicator_id": ["x", "x"],
            "area_code": ["E1", "E2"],
            "period": ["2019", "2019"],
            "sex": ["Persons"] * 2,
            "age": ["All ages"] * 2,
            "category_type": [""] * 2,
            "category": [""] * 2,
            "value": ["4.5", "4.5"],
            "lower_ci": ["4", "5"],
            "upper_ci": ["5", "4"],
        }
    )
    record = store.ingest(frame, submitter="Leeds", plan_rules=False, accept_valid_rows=True)
    failures = store.failures([record.submission_id])
    assert set(failures["rule"]) == {"ci-inverted"}
    assert set(failures["area_code"]) == {"E2"}
    assert set(failures["submission_id"]) == {record.submission_id}
    assert store.failures([]).empty
    with pytest.raises(StoreError, match="no submission"):
        store.failures(["20240101T000000Z-nope"])
