"""Confidence intervals from submitted counts, via `wyoutcomes.stats`, where no CI was submitted.

Significance needs an interval for each value. When a submission gives the numerator and
denominator but no CI, the interval is computed the way PHE would: Wilson for proportions,
exact Poisson below 10 events and Byars from 10 for counts and rates. For count_increase targets
the year's count is compared with the baseline year's count on exact Poisson limits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from wyoutcomes import stats
from wyoutcomes.progress.observations import Observation
from wyoutcomes.progress.significance import Change, Estimate, change_between

__all__ = ["count_change", "extra_per_year_series", "with_count_cis"]


def _poisson_limits(x: float) -> tuple[float, float]:
    lower, upper = (stats.exact_poisson_ci if x < 10 else stats.byars_ci)([x])
    return float(lower[0]), float(upper[0])


def with_count_cis(
    series: Sequence[Observation], measure_type: str, multiplier: float | None
) -> list[Observation]:
    """The series with CIs filled in from counts where a CI is missing and counts allow it."""
    filled = []
    m = float(multiplier) if multiplier else 1.0
    for o in series:
        if o.estimate.has_ci or not math.isfinite(o.numerator):
            filled.append(o)
            continue
        x, n = o.numerator, o.denominator
        if measure_type == "proportion" and math.isfinite(n) and n > 0 and 0 <= x <= n:
            wilson_lower, wilson_upper = stats.wilson_ci([x], [n])
            filled.append(
                replace(o, lower=float(wilson_lower[0]) * m, upper=float(wilson_upper[0]) * m)
            )
        elif measure_type == "count" and x >= 0:
            lower, upper = _poisson_limits(x)
            filled.append(replace(o, lower=lower, upper=upper))
        elif measure_type == "crude_rate" and x >= 0 and math.isfinite(n) and n > 0:
            lower, upper = _poisson_limits(x)
            filled.append(replace(o, lower=lower * m / n, upper=upper * m / n))
        else:
            filled.append(o)
    return filled


def count_change(latest_count: float, baseline_count: float) -> Change:
    """The change in a yearly count from the baseline year, with exact Poisson/Byars limits."""
    if not (math.isfinite(latest_count) and math.isfinite(baseline_count)):
        return Change(math.nan)
    if latest_count < 0 or baseline_count < 0:
        return change_between(Estimate(latest_count), Estimate(baseline_count))
    return change_between(
        Estimate(latest_count, *_poisson_limits(latest_count)),
        Estimate(baseline_count, *_poisson_limits(baseline_count)),
    )


def extra_per_year_series(
    counts: Sequence[Observation], baseline: Observation, baseline_count: float
) -> list[Observation]:
    """Each year's count minus the baseline year's, from the baseline year on (0 there).

    The interval of each year's extra is the year's own exact Poisson (below 10) or Byars
    interval shifted by the baseline count, which is treated as the fixed reference the plan
    names ("1,000 more a year than in 2018/19").

    Hand-worked: 5,665 people in 2018/19 and 7,047 in 2023/24 are 1,382 more that year; Byars
    gives 6,883.4 to 7,213.5 for 7,047, so the extra runs from 1,218.4 to 1,548.5.

    >>> from datetime import date
    >>> def fy(y, n):
    ...     return Observation(f"{y}/{y % 100 + 1:02d}", date(y, 4, 1), date(y + 1, 3, 31),
    ...                        date(y, 9, 30), float(n), numerator=float(n))
    >>> series = extra_per_year_series([fy(2018, 5665), fy(2023, 7047)], fy(2018, 5665), 5665.0)
    >>> [(o.period, o.value, round(o.lower, 1), round(o.upper, 1)) for o in series]
    [('2018/19', 0.0, nan, nan), ('2023/24', 1382.0, 1218.4, 1548.5)]
    """
    series = [replace(baseline, value=0.0, lower=math.nan, upper=math.nan)]
    for o in sorted(counts, key=lambda o: (o.start, o.end)):
        if o.start <= baseline.end:
            continue
        lower = upper = math.nan
        if o.value >= 0:
            lower, upper = _poisson_limits(o.value)
        series.append(
            Observation(
                o.period,
                o.start,
                o.end,
                o.mid,
                o.value - baseline_count,
                lower - baseline_count,
                upper - baseline_count,
                numerator=o.value,
            )
        )
    return series
