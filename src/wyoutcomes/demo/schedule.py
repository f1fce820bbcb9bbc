"""When each value would have been submitted: its period's end plus the publication lag of its
kind of statistic, rounded to the quarter the partnership's analysts would load it in.

The demo store is filled quarter by quarter in that order, so reading it "as at" any quarter
shows what was known then. Values whose statistic is revised after first publication (late
death registrations, late prescription data) are first submitted provisional and replaced a
quarter later.

>>> release_quarter("calendar_years_pooled", "2020 - 22").label
'2023/24 Q3'
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from wyoutcomes.periods import Period, quarter_of

__all__ = ["FIRST_QUARTER", "LAG_DAYS", "release_quarter", "submitted_at"]

#: days from a period's end to its publication, by period type (typical of the sources:
#: ONS death registrations about eleven months, NHS annual returns five, NCMP three,
#: prescribing two)
LAG_DAYS = {
    "calendar_year": 300,
    "calendar_years_pooled": 330,
    "financial_year": 150,
    "financial_years_pooled": 150,
    "academic_year": 90,
    "rolling_12_months": 60,
    "month": 60,
    "financial_quarter": 60,
}

#: the quarter the partnership started its store: everything published earlier is loaded then
FIRST_QUARTER = "2019/20 Q3"


def release_quarter(period_type: str, label: str) -> Period:
    """The quarter a value for ``label`` is first submitted in (never before FIRST_QUARTER)."""
    end = Period.parse(label, period_type).end
    quarter = quarter_of(end + timedelta(days=LAG_DAYS[period_type]))
    first = Period.parse(FIRST_QUARTER)
    return max(quarter, first)


def submitted_at(quarter: Period, minute: int = 0) -> datetime:
    """The fixed moment a quarter's submission is made: ten days before the quarter ends, at
    ten in the morning (UTC), plus ``minute`` minutes for the quarter's later submissions."""
    day: date = quarter.end - timedelta(days=10)
    return datetime(day.year, day.month, day.day, 10, minute, tzinfo=timezone.utc)
