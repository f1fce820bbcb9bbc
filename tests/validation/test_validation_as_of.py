"""``validate(..., as_of=...)`` takes a date, a datetime or ISO date text; anything else is a
usage error (exit code 2), never a TypeError traceback.

The 2017-19 suicide rate (pooled calendar years) ends on 31 Dec 2019: before an as-of date of
15 Jan 2020 it is in the past, on 30 Dec 2019 it has not ended (period-in-future).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pandas as pd
import pytest

import wyoutcomes
from wyoutcomes.errors import UsageError, WyoutcomesError

FRAME = pd.DataFrame(
    {
        "indicator_id": ["suicide-rate"],
        "area_code": ["E08000035"],
        "period": ["2017 - 19"],
        "sex": ["Persons"],
        "age": ["10+ yrs"],
        "category_type": [""],
        "category": [""],
        "value": [11.0],
        "lower_ci": [10.0],
        "upper_ci": [12.0],
    }
)


def _future(report) -> bool:
    return bool((report.failures["rule"] == "period-in-future").any())


@pytest.mark.parametrize(
    "as_of",
    [
        "2020-01-15",
        " 2020-01-15 ",
        "2020-01-15T09:30:00",
        "2020-01-15T09:30:00Z",
        date(2020, 1, 15),
        datetime(2020, 1, 15, 9, 30),
        datetime(2020, 1, 15, 9, 30, tzinfo=timezone.utc),
        pd.Timestamp("2020-01-15 09:30"),
    ],
)
def test_every_spelling_of_15_january_2020(as_of):
    report = wyoutcomes.validate(FRAME, as_of=as_of)
    assert report.as_of == date(2020, 1, 15)
    assert type(report.as_of) is date
    assert not _future(report)


def test_a_string_date_before_the_end_of_the_period_makes_it_future():
    report = wyoutcomes.validate(FRAME, as_of="2019-12-30")
    assert _future(report)
    assert report.outcome == "rejected"


@pytest.mark.parametrize("as_of", ["15/01/2020", "2020-13-01", "", "yesterday", 20200115, 2020.0])
def test_anything_else_is_a_usage_error_naming_the_value(as_of):
    with pytest.raises(UsageError) as caught:
        wyoutcomes.validate(FRAME, as_of=as_of)
    assert f"as_of={as_of!r}" in str(caught.value)
    assert "2025-01-15" in str(caught.value)  # shows the form that works
    assert isinstance(caught.value, WyoutcomesError) and isinstance(caught.value, ValueError)
    assert caught.value.exit_code == 2


def test_the_schema_takes_the_same_dates():
    from wyoutcomes.validation.schema import submission_schema

    schema = submission_schema(as_of="2020-01-15")
    assert schema.validate(FRAME).equals(FRAME)
    with pytest.raises(UsageError):
        submission_schema(as_of=[2020, 1, 15])
