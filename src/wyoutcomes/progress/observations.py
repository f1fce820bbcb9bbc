"""The values a judgement is made on: one observation per period, and derived series.

An observation is a period (label, start, end, mid-point) with a value, its 95% CI and, where
submitted, the counts behind it. The judged quantity of a target kind is a series of these:
the indicator's own values, the gap between two groups (`gap_series`), or people counted in
excess of the baseline year (`cumulative_extra_series`).

>>> from datetime import date
>>> span = ("2019", date(2019, 1, 1), date(2019, 12, 31), date(2019, 7, 2))
>>> a = Observation(*span, 80.0, 79.5, 80.5)
>>> b = Observation(*span, 72.0, 71.4, 72.6)
>>> gap = gap_series([a], [b], orientation=1)[0]
>>> round(gap.value, 1), round(gap.lower, 3), round(gap.upper, 3)
(8.0, 7.219, 8.781)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from wyoutcomes.progress.significance import Estimate, mover_difference

__all__ = ["Observation", "cumulative_extra_series", "gap_series", "years_between"]

_NAN = math.nan


@dataclass(frozen=True)
class Observation:
    """One period's value with its 95% CI (NaN where unknown) and counts (NaN where absent)."""

    period: str
    start: date
    end: date
    mid: date
    value: float
    lower: float = _NAN
    upper: float = _NAN
    numerator: float = _NAN
    denominator: float = _NAN

    @property
    def estimate(self) -> Estimate:
        return Estimate(self.value, self.lower, self.upper)

    def same_period(self, other: Observation) -> bool:
        return (self.start, self.end) == (other.start, other.end)


def years_between(earlier: date, later: date) -> float:
    """Years from one date to another (365.25-day years), the time axis of fits."""
    return (later - earlier).days / 365.25


def gap_series(
    first: Sequence[Observation], second: Sequence[Observation], orientation: int
) -> list[Observation]:
    """first − second per period present in both, times `orientation` (±1), with MOVER CIs.

    Periods present in only one group are left out: a gap needs both.
    """
    by_span = {(o.start, o.end): o for o in second}
    gaps = []
    for a in first:
        b = by_span.get((a.start, a.end))
        if b is None or not (math.isfinite(a.value) and math.isfinite(b.value)):
            continue
        lower = upper = _NAN
        if a.estimate.has_ci and b.estimate.has_ci:
            x, y = (a, b) if orientation > 0 else (b, a)
            _, lower, upper = mover_difference(x.estimate, y.estimate)
        value = (a.value - b.value) * orientation
        gaps.append(Observation(a.period, a.start, a.end, a.mid, value, lower, upper))
    return gaps


def cumulative_extra_series(
    counts: Sequence[Observation], baseline: Observation | None, baseline_count: float
) -> tuple[list[Observation], bool]:
    """Running total, year by year after the baseline, of count − baseline_count.

    Returns the series (the baseline period itself, when known, carries 0) and whether it is
    complete: False when a period between the baseline and the latest is missing, since a
    running total with a hole in it undercounts.

    >>> from datetime import date
    >>> def fy(y, n):
    ...     return Observation(f"{y}/{y % 100 + 1:02d}", date(y, 4, 1), date(y + 1, 3, 31),
    ...                        date(y, 9, 30), float(n))
    >>> series, complete = cumulative_extra_series([fy(2018, 500), fy(2019, 600), fy(2020, 650)],
    ...                                            fy(2018, 500), 500.0)
    >>> [o.value for o in series], complete
    ([0.0, 100.0, 250.0], True)
    """
    ordered = sorted(counts, key=lambda o: (o.start, o.end))
    after = [o for o in ordered if baseline is None or o.start > baseline.end]
    series: list[Observation] = []
    previous_end = None
    if baseline is not None:
        series.append(replace(baseline, value=0.0, lower=_NAN, upper=_NAN))
        previous_end = baseline.end
    complete = True
    total = 0.0
    for o in after:
        if previous_end is not None and o.start != previous_end + timedelta(days=1):
            complete = False
        total += o.value - baseline_count
        series.append(Observation(o.period, o.start, o.end, o.mid, total, numerator=o.value))
        previous_end = o.end
    return series, complete
