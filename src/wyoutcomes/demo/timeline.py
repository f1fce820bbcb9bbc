"""The periods the demo fills for an indicator, and the single years (or months) they pool.

A pooled value ("2017 - 19") is the sum of the counts of its years, as the real statistic is,
so the demo draws counts for **base periods** (years, or months for rolling 12-month
indicators) and adds them up; consecutive pooled periods share their years, as real ones do.

>>> line = timeline("calendar_years_pooled", first="2016 - 18", last_end=date(2021, 3, 31))
>>> [p.label for p in line.periods], [b.label for b in line.bases]
(['2016 - 18', '2017 - 19', '2018 - 20'], ['2016', '2017', '2018', '2019', '2020'])
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from wyoutcomes.periods import Period

__all__ = ["DEFAULT_FIRST", "ORIGIN", "Timeline", "timeline"]

#: time zero of the demo's trends: the middle of 2019, when the plan was written
ORIGIN = date(2019, 7, 1)

#: (base period type, how many base periods one period pools, first base label's form)
_BASE = {
    "calendar_year": ("calendar_year", 1),
    "calendar_years_pooled": ("calendar_year", 3),
    "financial_year": ("financial_year", 1),
    "financial_years_pooled": ("financial_year", 2),
    "academic_year": ("academic_year", 1),
    "rolling_12_months": ("month", 12),
    "month": ("month", 1),
    "financial_quarter": ("financial_quarter", 1),
}

#: the first period of a series when neither a target nor a published figure starts it earlier
DEFAULT_FIRST = {
    "calendar_year": "2015",
    "calendar_years_pooled": "2013 - 15",
    "financial_year": "2015/16",
    "financial_years_pooled": "2014/15 - 15/16",
    "academic_year": "2015/16",
    "rolling_12_months": "12 months to 2016-03",
    "month": "2016-03",
    "financial_quarter": "2015/16 Q4",
}


@dataclass(frozen=True)
class Timeline:
    """Output periods, base periods and which bases each period pools (``pools[k, j]``)."""

    periods: tuple[Period, ...]
    bases: tuple[Period, ...]
    pools: np.ndarray

    @property
    def years(self) -> np.ndarray:
        """Years from :data:`ORIGIN` to each base period's mid-point."""
        return np.array([(b.mid - ORIGIN).days / 365.25 for b in self.bases])

    def in_year(self, year: int) -> np.ndarray:
        """Which base periods have their mid-point in the financial year starting in ``year``."""
        lo, hi = date(year, 4, 1), date(year + 1, 3, 31)
        return np.array([lo <= b.mid <= hi for b in self.bases])


def _first_base(period: Period, base_type: str) -> Period:
    start = period.start
    if base_type == "calendar_year":
        label = f"{start.year}"
    elif base_type in {"financial_year", "academic_year"}:
        label = f"{start.year}/{(start.year + 1) % 100:02d}"
    elif base_type == "month":
        label = f"{start.year}-{start.month:02d}"
    else:
        return period
    return Period.parse(label, base_type)


def timeline(
    period_type: str, first: str | None = None, last_end: date = date(2026, 3, 31)
) -> Timeline:
    """Every period of ``period_type`` from ``first`` to the last one ending by ``last_end``."""
    base_type, pool = _BASE[period_type]
    period = Period.parse(first or DEFAULT_FIRST[period_type], period_type)
    periods = []
    while period.end <= last_end:
        periods.append(period)
        period = period.next()
    base = _first_base(periods[0], base_type) if periods else period
    bases = [base]
    for _ in range(len(periods) + pool - 2):
        bases.append(bases[-1].next())
    pools = np.zeros((len(periods), len(bases)), dtype=np.int64)
    for k in range(len(periods)):
        pools[k, k : k + pool] = 1
    return Timeline(tuple(periods), tuple(bases), pools)
