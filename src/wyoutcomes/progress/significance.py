"""Is the change from the baseline beyond chance? Intervals for differences from two CIs.

The difference of two independent estimates gets its 95% interval by MOVER (method of variance
estimates recovery; Zou & Donner 2008, Stat Med 27:1693): each side of the difference borrows the
matching side of each estimate's own CI, so asymmetric intervals (Wilson, Byars, exact Poisson)
keep their shape. For two Wilson intervals this is Newcombe's (1998) method 10. Testing whether
the difference interval excludes zero is sharper than asking whether the two CIs overlap, which
misses real changes.

>>> change = change_between(Estimate(12.0, 11.0, 13.0), Estimate(10.0, 9.0, 11.0))
>>> round(change.difference, 3), round(change.lower, 3), change.significant
(2.0, 0.586, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Change", "Estimate", "change_between", "mover_difference"]


@dataclass(frozen=True)
class Estimate:
    """A value with its 95% confidence limits (NaN where unknown)."""

    value: float
    lower: float = math.nan
    upper: float = math.nan

    @property
    def has_value(self) -> bool:
        return math.isfinite(self.value)

    @property
    def has_ci(self) -> bool:
        return (
            math.isfinite(self.value)
            and math.isfinite(self.lower)
            and math.isfinite(self.upper)
            and self.lower <= self.value <= self.upper
        )


@dataclass(frozen=True)
class Change:
    """A difference (later − earlier) with its 95% interval; `significant` is None if unknown."""

    difference: float
    lower: float = math.nan
    upper: float = math.nan
    significant: bool | None = None

    @property
    def direction(self) -> int:
        """+1 up, −1 down, 0 no change (the sign of the point estimate)."""
        if not math.isfinite(self.difference) or self.difference == 0:
            return 0
        return 1 if self.difference > 0 else -1


def mover_difference(a: Estimate, b: Estimate) -> tuple[float, float, float]:
    """a − b with its MOVER interval; both estimates need CIs.

    >>> mover_difference(Estimate(5.0, 4.0, 6.0), Estimate(3.0, 2.0, 4.0))[1:]
    (0.5857864376269049, 3.414213562373095)
    """
    d = a.value - b.value
    lower = d - math.sqrt((a.value - a.lower) ** 2 + (b.upper - b.value) ** 2)
    upper = d + math.sqrt((a.upper - a.value) ** 2 + (b.value - b.lower) ** 2)
    return d, lower, upper


def change_between(later: Estimate, earlier: Estimate) -> Change:
    """The change from `earlier` to `later`, and whether it is significant at 95%.

    With no CI on `earlier` (a published baseline with no data row) it is treated as a fixed
    number: the change is significant when it lies outside `later`'s CI. With no CI on `later`
    significance is unknown.

    >>> change_between(Estimate(12.0, 11.0, 13.0), Estimate(10.0)).significant
    True
    >>> change_between(Estimate(12.0), Estimate(10.0, 9.0, 11.0)).significant is None
    True
    """
    if not (later.has_value and earlier.has_value):
        return Change(math.nan)
    if later.has_ci and earlier.has_ci:
        d, lower, upper = mover_difference(later, earlier)
    elif later.has_ci:
        d = later.value - earlier.value
        lower, upper = later.lower - earlier.value, later.upper - earlier.value
    else:
        return Change(later.value - earlier.value)
    return Change(d, lower, upper, significant=bool(lower > 0 or upper < 0))
