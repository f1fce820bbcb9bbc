"""Property: inject k faults of one kind into a clean submission and exactly k are found.

The clean submission is generated (two indicators, two places, one row per age band so every
key is unique and coverage is complete); a fault rewrites cells of k chosen rows as a CSV
file would carry them. The report must list exactly k errors, all of the injected rule, and
a clean file must produce no failure at all — not even a warning.
"""

from __future__ import annotations

import csv
import math
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validation_plan import AS_OF, make_facts

from wyoutcomes.validation import validate

COLUMNS = [
    "indicator_id",
    "area_code",
    "period",
    "sex",
    "age",
    "category_type",
    "category",
    "value",
    "lower_ci",
    "upper_ci",
    "numerator",
    "denominator",
    "value_note",
]
PLACES = ("E08000032", "E08000035")
Row = dict[str, str]


def _wilson_percent(x: int, n: int) -> tuple[float, float]:
    """Wilson 95% limits in percent, written out here (Wilson 1927; statistics reference)."""
    z = 1.959963984540054
    centre, spread = 2 * x + z * z, z * math.sqrt(z * z + 4 * x * (1 - x / n))
    return 100 * (centre - spread) / (2 * (n + z * z)), 100 * (centre + spread) / (2 * (n + z * z))


@st.composite
def clean_rows(draw: st.DrawFn) -> list[Row]:
    n = draw(st.integers(min_value=2, max_value=40))
    rows = []
    for i in range(n):
        smoking = draw(st.booleans())
        if smoking:
            denominator = draw(st.integers(min_value=50, max_value=20000))
            numerator = draw(st.integers(min_value=1, max_value=denominator))
            value = round(numerator / denominator * 100, 2)
            low, high = _wilson_percent(numerator, denominator)
            row = {
                "indicator_id": "smoking-at-delivery",
                "period": "2019/20",
                "numerator": str(numerator),
                "denominator": str(denominator),
                "lower_ci": str(round(low, 2)),
                "upper_ci": str(round(high, 2)),
            }
        else:
            value = draw(st.floats(min_value=1, max_value=90, allow_nan=False)).__round__(1)
            row = {
                "indicator_id": "suicide-rate",
                "period": "2017 - 19",
                "numerator": str(draw(st.integers(0, 500))),
                "denominator": "2250000",
                "lower_ci": str(round(value - 0.5, 2)),
                "upper_ci": str(round(value + 0.5, 2)),
            }
        row.update(
            area_code=PLACES[i % 2],
            # only smoking-at-delivery is split by sex in the test plan
            sex=draw(st.sampled_from(["Persons", "Male", "Female"])) if smoking else "Persons",
            age=f"{i} yrs",
            category_type="",
            category="",
            value=str(value),
            value_note="",
        )
        rows.append(row)
    # coverage: every (indicator, period) present must have both places
    for indicator, period in {(r["indicator_id"], r["period"]) for r in rows}:
        for place in PLACES:
            if not any(r["indicator_id"] == indicator and r["area_code"] == place for r in rows):
                extra = dict(next(r for r in rows if r["indicator_id"] == indicator))
                extra.update(area_code=place, age=f"{len(rows)} yrs", period=period)
                rows.append(extra)
    return rows


def _smoking(row: Row) -> bool:
    return row["indicator_id"] == "smoking-at-delivery"


def _set(**cells: str) -> Callable[[Row], None]:
    return lambda row: row.update(cells)


def _period_of_other_type(row: Row) -> None:
    row["period"] = "2017 - 19" if _smoking(row) else "2019/20"


def _future(row: Row) -> None:
    row["period"] = "2030/31" if _smoking(row) else "2030 - 32"


def _out_of_range(row: Row) -> None:
    row.update(value="150", lower_ci="149", upper_ci="151", numerator="", denominator="")


def _inverted(row: Row) -> None:
    row["lower_ci"], row["upper_ci"] = row["upper_ci"], row["lower_ci"]


def _not_bracketing(row: Row) -> None:
    value = float(row["value"])
    row.update(lower_ci=str(value + 0.5), upper_ci=str(value + 1))


def _exceeds(row: Row) -> None:
    row["numerator"] = str(int(row["denominator"]) + 10)


def _inconsistent(row: Row) -> None:
    value = float(row["value"])
    value = value - 5 if value > 50 else value + 5  # stay inside the plausible range
    row.update(value=str(value), lower_ci=str(value - 1), upper_ci=str(value + 1))


# rule → (which rows it can be injected into, how)
FAULTS: dict[str, tuple[Callable[[Row], bool], Callable[[Row], None]]] = {
    "invalid-sex": (lambda r: True, _set(sex="persons")),
    "unknown-area": (lambda r: True, _set(area_code="E99999999")),
    "missing-value": (lambda r: True, _set(area_code="")),
    "unknown-indicator": (lambda r: True, _set(indicator_id="not-an-indicator")),
    "malformed-period": (lambda r: True, _set(period="20x9")),
    "wrong-period-type": (lambda r: True, _period_of_other_type),
    "period-in-future": (lambda r: True, _future),
    "value-out-of-range": (lambda r: True, _out_of_range),
    "ci-inverted": (lambda r: True, _inverted),
    "ci-not-bracketing": (lambda r: True, _not_bracketing),
    "negative-count": (lambda r: True, _set(numerator="-5")),
    "numerator-exceeds-denominator": (_smoking, _exceeds),
    "value-inconsistent-with-counts": (_smoking, _inconsistent),
    "suppression-marker": (lambda r: True, _set(value="*")),
    "excel-error": (lambda r: True, _set(lower_ci="#DIV/0!")),
    "thousands-separator": (lambda r: True, _set(denominator="2,250,000")),
    "not-a-number": (lambda r: True, _set(upper_ci="abc")),
    "not-finite": (lambda r: True, _set(value="inf")),
    "category-incomplete": (_smoking, _set(category_type="deprivation_decile", category="")),
    "invalid-breakdown": (_smoking, _set(category_type="deprivation_decile", category="11")),
}


def _validate(rows: list[Row]):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "submission.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return validate(path, make_facts(), as_of=AS_OF)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=clean_rows(), rule=st.sampled_from(sorted(FAULTS)), data=st.data())
def test_k_injected_faults_give_exactly_k_failures(rows, rule, data):
    eligible, inject = FAULTS[rule]
    candidates = [i for i, row in enumerate(rows) if eligible(row)]
    chosen = data.draw(
        st.lists(st.sampled_from(candidates), unique=True) if candidates else st.just([])
    )
    for i in chosen:
        inject(rows[i])
    report = _validate(rows)
    errors = report.failures[report.failures["severity"] == "error"]
    assert Counter(errors["rule"].astype(str)) == (
        Counter({rule: len(chosen)}) if chosen else Counter()
    )
    assert sorted(errors["row"].tolist()) == sorted(i + 1 for i in chosen)


@settings(max_examples=20, deadline=None)
@given(rows=clean_rows())
def test_a_clean_submission_has_no_failure_at_all(rows):
    report = _validate(rows)
    assert report.failures.empty, report.failures.to_string()
    assert report.outcome == "accepted"
