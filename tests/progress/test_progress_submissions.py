"""As-at reading of submitted values: revisions, cut-offs and bad frames (spec tables)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from wyoutcomes.errors import InputFileError
from wyoutcomes.progress.submissions import current_values, cut_off


def history() -> pd.DataFrame:
    """West Yorkshire suicide rate 2019 - 21: 13.2 in the 2021 release, revised to 13.0 in the
    2022 release (suicidepreventionwestyorkshire.co.uk)."""
    return pd.DataFrame(
        {
            "indicator_id": ["suicide-rate", "suicide-rate", "suicide-rate"],
            "area_code": ["E54000054"] * 3,
            "period": ["2018 - 20", "2019 - 21", "2019 - 21"],
            "value": [12.6, 13.2, 13.0],
            "submitted_at": pd.to_datetime(
                ["2021-09-07T10:00", "2022-09-06T10:00", "2023-09-05T10:00"], utc=True
            ),
        }
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2021, 12, 31), {"2018 - 20": 12.6}),
        (date(2022, 9, 6), {"2018 - 20": 12.6, "2019 - 21": 13.2}),  # same day counts
        (date(2023, 12, 31), {"2018 - 20": 12.6, "2019 - 21": 13.0}),  # the revision wins
        (None, {"2018 - 20": 12.6, "2019 - 21": 13.0}),
    ],
)
def test_revised_values_as_they_stood(as_of, expected):
    values = current_values(history(), as_of=as_of)
    assert dict(zip(values["period"], values["value"], strict=True)) == expected


def test_cut_off_is_the_last_instant_of_the_day():
    assert cut_off(date(2024, 9, 30)) == pd.Timestamp("2024-09-30 23:59:59.999999", tz="UTC")


def test_missing_optional_columns_get_their_defaults():
    values = current_values(history().drop(columns="submitted_at").iloc[:2])
    assert values["sex"].tolist() == ["Persons", "Persons"]
    assert values["category_type"].tolist() == ["", ""]
    assert values["lower_ci"].isna().all()


def test_duplicate_keys_without_submission_times_are_an_error():
    frame = history().drop(columns="submitted_at")
    with pytest.raises(InputFileError, match="duplicate-key"):
        current_values(frame)


def test_missing_required_column_is_named():
    with pytest.raises(InputFileError, match=r"missing required column.*value"):
        current_values(history().drop(columns="value"))


def test_a_value_that_is_not_a_number_is_located():
    frame = history().astype({"value": object})
    frame.loc[1, "value"] = "13,2"
    with pytest.raises(InputFileError, match=r"row 2, column value: '13,2'"):
        current_values(frame)


class _FakeStore:
    """Records what it was asked: the store's own as-of semantics are tested on its branch."""

    def __init__(self) -> None:
        self.asked: dict[str, object] = {}

    def read(self, as_of=None, indicators=None, areas=None):
        self.asked = {"as_of": as_of, "indicators": indicators, "areas": areas}
        return history().iloc[:1].drop(columns="submitted_at")


def test_a_store_is_read_as_of_the_cut_off():
    store = _FakeStore()
    values = current_values(store, as_of=date(2024, 9, 30))
    assert store.asked["as_of"] == cut_off(date(2024, 9, 30))
    assert values["value"].tolist() == [12.6]


def test_anything_else_is_refused():
    with pytest.raises(InputFileError, match="expected a DataFrame"):
        current_values([1, 2, 3])


def test_a_withdrawal_in_a_history_frame_hides_the_key():
    """The store's history marks a withdrawal with `withdrawn`: after it the key has no value."""
    frame = history().assign(withdrawn=False)
    withdrawal = frame.iloc[[2]].assign(
        submitted_at=pd.Timestamp("2024-01-10", tz="UTC"), withdrawn=True
    )
    full = pd.concat([frame, withdrawal])
    before = current_values(full, as_of=date(2023, 12, 31))
    after = current_values(full, as_of=date(2024, 1, 31))
    assert sorted(before["period"]) == ["2018 - 20", "2019 - 21"]
    assert sorted(after["period"]) == ["2018 - 20"]


def test_the_old_keyword_names_still_work_with_a_warning():
    with pytest.warns(DeprecationWarning, match="as_of"):
        old = current_values(source=history(), submitted_by=date(2021, 12, 31))
    assert old["value"].tolist() == [12.6]
