"""The trajectory a target sets: the value expected at each date between baseline and deadline.

A value describes a whole period, so it sits at the period's mid-point. The trajectory runs in
straight lines from the baseline (at the baseline period's mid-point) through any declared
milestones to the target (at the deadline period's mid-point), and is held flat outside that
span: before the baseline nothing was promised, after the deadline the target still stands.
See docs/progress.md ("The trajectory") for why mid-point to mid-point.

>>> from datetime import date
>>> line = Trajectory.linear(date(2018, 7, 2), 10.0, date(2022, 7, 2), 9.0)
>>> round(line.expected(date(2020, 7, 2)), 3)
9.5
>>> line.expected(date(2030, 1, 1))
9.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

__all__ = ["Trajectory", "share_of_change"]


@dataclass(frozen=True)
class Trajectory:
    """A piecewise-linear path through (date, value) knots, flat beyond its ends."""

    knots: tuple[tuple[date, float], ...]

    def __post_init__(self) -> None:
        if not self.knots:
            raise ValueError("a trajectory needs at least one knot")
        days = [d for d, _ in self.knots]
        if any(b < a for a, b in pairwise(days)):
            raise ValueError("trajectory knots must be in date order")

    @classmethod
    def linear(
        cls, baseline_at: date, baseline_value: float, deadline_at: date, target_value: float
    ) -> Trajectory:
        """Straight line from the baseline to the target."""
        return cls(((baseline_at, float(baseline_value)), (deadline_at, float(target_value))))

    @classmethod
    def through_milestones(
        cls,
        baseline_at: date,
        baseline_value: float,
        milestones: Sequence[tuple[date, float]],
        deadline_at: date,
        target_value: float,
    ) -> Trajectory:
        """Baseline → each milestone in date order → target.

        A milestone dated at the deadline itself is dropped in favour of the target, and one
        dated at or before the baseline is ignored: neither can bend the path.

        >>> from datetime import date
        >>> t = Trajectory.through_milestones(
        ...     date(2019, 1, 1), 100.0, [(date(2020, 1, 1), 80.0)], date(2021, 1, 1), 70.0)
        >>> t.expected(date(2019, 7, 2)) < 91
        True
        """
        inner = sorted((d, float(v)) for d, v in milestones if baseline_at < d < deadline_at)
        knots = [(baseline_at, float(baseline_value)), *inner, (deadline_at, float(target_value))]
        return cls(tuple(knots))

    def expected(self, on: date) -> float:
        """The trajectory's value on a date (flat before the first and after the last knot)."""
        first_day, first_value = self.knots[0]
        last_day, last_value = self.knots[-1]
        if on <= first_day:
            return first_value
        if on >= last_day:
            return last_value
        for (d0, v0), (d1, v1) in pairwise(self.knots):
            if d0 <= on <= d1:
                span = (d1 - d0).days
                if span == 0:
                    return v1
                return v0 + (v1 - v0) * (on - d0).days / span
        return last_value  # unreachable: the knots cover [first_day, last_day]


def share_of_change(latest: float, baseline: float, target: float) -> float:
    """Share of the required change achieved: 0 at the baseline, 1 at the target.

    Negative when the value moved the wrong way; NaN when no change is required.

    >>> share_of_change(9.5, 10.0, 9.0)
    0.5
    """
    required = target - baseline
    if not all(math.isfinite(v) for v in (latest, baseline, target)) or required == 0:
        return math.nan
    return (latest - baseline) / required
