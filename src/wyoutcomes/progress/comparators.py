"""Compared with England and the region: better, similar or worse, the way Fingertips does it.

Fingertips compares an area's value with a benchmark (England, or the area's region) by its
confidence interval: when the benchmark's value lies outside the area's interval the area is
significantly different, otherwise it is similar. Which side is "better" follows the
indicator's polarity; an indicator with no polarity is `higher` or `lower` instead. The default
level is 95%; 99.8% (Fingertips' second level) is an option, its interval widened from the 95%
one side by side by z(0.999)/z(0.975) — exact for symmetric intervals, an approximation for the
asymmetric ones of Wilson and Byars.

Hand-worked, lower is better, England 10.0:

===========  ==========  ========  =================================
area value   95% CI      result    why
===========  ==========  ========  =================================
12.0         11.0–13.0   worse     10.0 lies below the whole CI
10.5         9.6–11.4    similar   10.0 lies inside the CI
8.8          8.2–9.5     better    10.0 lies above the whole CI
===========  ==========  ========  =================================

>>> [compare_with_benchmark(Estimate(v, lo, hi), 10.0, better=-1)
...  for v, lo, hi in ((12.0, 11.0, 13.0), (10.5, 9.6, 11.4), (8.8, 8.2, 9.5))]
['worse', 'similar', 'better']
>>> compare_with_benchmark(Estimate(12.0, 11.0, 13.0), 10.0, better=0)
'higher'
"""

from __future__ import annotations

import math

from wyoutcomes.progress.significance import Estimate

__all__ = ["LEVELS", "compare_with_benchmark", "widen"]

_Z = {0.95: 1.959963984540054, 0.998: 3.090232306167813}
#: the confidence levels Fingertips compares at
LEVELS = frozenset(_Z)


def widen(estimate: Estimate, level: float) -> tuple[float, float]:
    """The interval at `level` (0.95 or 0.998) from the estimate's 95% CI, side by side.

    >>> [round(x, 3) for x in widen(Estimate(10.0, 9.0, 11.0), 0.998)]
    [8.423, 11.577]
    """
    if level not in _Z:
        raise ValueError(f"comparison level {level} is not one of {sorted(_Z)}")
    factor = _Z[level] / _Z[0.95]
    v = estimate.value
    return v - (v - estimate.lower) * factor, v + (estimate.upper - v) * factor


def compare_with_benchmark(
    estimate: Estimate, benchmark: float, *, better: int, level: float = 0.95
) -> str:
    """`better`, `similar`, `worse` (`higher`, `similar`, `lower` with no polarity), or
    `not_compared` when the value has no CI or there is no benchmark value."""
    if not estimate.has_ci or not math.isfinite(benchmark):
        return "not_compared"
    lower, upper = widen(estimate, level)
    if lower > benchmark:
        side = 1
    elif upper < benchmark:
        side = -1
    else:
        return "similar"
    if better == 0:
        return "higher" if side > 0 else "lower"
    return "better" if side == better else "worse"
