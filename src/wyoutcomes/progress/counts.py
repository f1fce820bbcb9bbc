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

__all__ = ["count_change", "with_count_cis"]


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
