"""Scales for the report's hand-written SVG charts: numbers and dates to pixel positions.

Three scales cover every chart in the report:

* :class:`LinearScale` maps a numeric domain onto a pixel range (y axes, value axes);
* :class:`TimeScale` maps dates (period mid-points) onto a pixel range (trajectory x axes);
* :class:`BandScale` gives each category (a place, a period label) an equal slot.

:func:`nice_ticks` picks axis ticks at 1, 2 or 5 × a power of ten that cover the data, so an
axis never cuts a value off and its labels are round numbers. Every position is rounded to one
decimal place (:func:`px`) so the SVG text is short and identical on every machine.

>>> scale = LinearScale.covering([3.2, 11.7], (200.0, 0.0), max_ticks=6)
>>> scale.ticks
(2.0, 4.0, 6.0, 8.0, 10.0, 12.0)
>>> scale(7.0)
100.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "BandScale",
    "LinearScale",
    "TimeScale",
    "nice_step",
    "nice_ticks",
    "px",
    "step_decimals",
    "year_ticks",
]

_STEPS = (1.0, 2.0, 5.0)
#: indicators are published to at most 6 decimals, so a narrower domain is a single value
_MIN_SPAN = 1e-6


def px(value: float) -> float:
    """A pixel coordinate rounded to 1 dp (-0.0 becomes 0.0 so output never shows "-0")."""
    rounded = round(value, 1)
    return 0.0 if rounded == 0 else rounded


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest step of 1, 2 or 5 × 10^k that spans ``span`` in at most ``max_ticks - 1``."""
    if max_ticks < 3:
        raise ValueError("max_ticks must be at least 3 (an axis crossing zero needs three ticks)")
    if not math.isfinite(span) or span <= 0:
        raise ValueError(f"span must be a positive finite number, got {span!r}")
    rough = span / (max_ticks - 1)
    power = 10.0 ** math.floor(math.log10(rough))
    for multiple in (*_STEPS, 10.0):
        step = multiple * power
        if step >= rough * (1 - 1e-12):
            return step
    return 10.0 * power  # pragma: no cover - the loop always returns by multiple 10


def step_decimals(step: float) -> int:
    """Decimal places needed to write multiples of ``step`` exactly (0.25 → 2, 5 → 0)."""
    for decimals in range(0, 12):
        if abs(round(step, decimals) - step) <= abs(step) * 1e-9:
            return decimals
    return 12


def nice_ticks(lo: float, hi: float, max_ticks: int = 6) -> tuple[float, ...]:
    """Round-numbered ticks, first ≤ ``lo`` and last ≥ ``hi``, at most ``max_ticks`` of them.

    A domain narrower than a millionth (finer than any indicator is published to) is widened
    around its value so that an axis can still be drawn.

    >>> nice_ticks(0.0, 1.0, 6)
    (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    >>> nice_ticks(-3.0, 3.0, 3)
    (-5.0, 0.0, 5.0)
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"ticks need a finite domain, got ({lo!r}, {hi!r})")
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo < _MIN_SPAN:
        lo = hi = (lo + hi) / 2
        half = max(abs(lo) * 0.05, 0.5)
        lo, hi = lo - half, hi + half
    span = hi - lo
    step = nice_step(span, max_ticks)
    while True:
        first, last = _tick_range(lo, hi, step)
        if last - first + 1 <= max_ticks:
            break
        # rounding out at both ends can need one more tick than the span alone: go up a step
        step = nice_step(step * (max_ticks - 1) * 1.0001, max_ticks)
    decimals = step_decimals(step)
    return tuple(_clean(round(k * step, decimals)) for k in range(first, last + 1))


def _tick_range(lo: float, hi: float, step: float) -> tuple[int, int]:
    """Multiples of step bracketing [lo, hi] as written (rounded), without a spare at either end."""
    decimals = step_decimals(step)
    first, last = math.floor(lo / step), math.ceil(hi / step)
    # division can land a hair either side of a multiple: judge on the rounded tick values
    while round((first + 1) * step, decimals) <= lo:
        first += 1
    while round(first * step, decimals) > lo:
        first -= 1
    while round((last - 1) * step, decimals) >= hi:
        last -= 1
    while round(last * step, decimals) < hi:
        last += 1
    return first, last


def _clean(value: float) -> float:
    return 0.0 if value == 0 else value


@dataclass(frozen=True)
class LinearScale:
    """A numeric domain mapped linearly onto a pixel range (which may run downwards).

    >>> LinearScale((0.0, 10.0), (100.0, 0.0))(2.5)
    75.0
    """

    domain: tuple[float, float]
    range: tuple[float, float]
    ticks: tuple[float, ...] = field(default=())

    @classmethod
    def covering(
        cls,
        values: Iterable[float],
        pixels: tuple[float, float],
        *,
        max_ticks: int = 6,
        include_zero: bool = False,
    ) -> LinearScale:
        """The scale whose nice ticks cover every finite value (and zero when asked)."""
        finite = [float(v) for v in values if v is not None and math.isfinite(v)]
        if include_zero:
            finite.append(0.0)
        if not finite:
            finite = [0.0, 1.0]
        ticks = nice_ticks(min(finite), max(finite), max_ticks)
        return cls((ticks[0], ticks[-1]), pixels, ticks)

    def __call__(self, value: float) -> float:
        (d0, d1), (r0, r1) = self.domain, self.range
        if d1 == d0:
            return px((r0 + r1) / 2)
        return px(r0 + (value - d0) / (d1 - d0) * (r1 - r0))

    @property
    def tick_decimals(self) -> int:
        """Decimal places that write every tick exactly."""
        if len(self.ticks) < 2:
            return 0
        return step_decimals(abs(self.ticks[1] - self.ticks[0]))


@dataclass(frozen=True)
class TimeScale:
    """Dates mapped linearly onto a pixel range (day resolution).

    >>> scale = TimeScale((date(2020, 1, 1), date(2022, 1, 1)), (0.0, 731.0))
    >>> scale(date(2021, 1, 1))
    366.0
    """

    domain: tuple[date, date]
    range: tuple[float, float]

    def __call__(self, day: date) -> float:
        (d0, d1), (r0, r1) = self.domain, self.range
        total = (d1 - d0).days
        if total == 0:
            return px((r0 + r1) / 2)
        return px(r0 + (day - d0).days / total * (r1 - r0))

    @classmethod
    def covering(cls, days: Iterable[date], pixels: tuple[float, float]) -> TimeScale:
        """From 1 January of the first date's year to 1 January after the last date."""
        known = sorted(days)
        if not known:
            raise ValueError("a time scale needs at least one date")
        return cls((date(known[0].year, 1, 1), date(known[-1].year + 1, 1, 1)), pixels)


def year_ticks(first: date, last: date, max_ticks: int = 8) -> tuple[date, ...]:
    """1 January of every 1st, 2nd, 5th or 10th… year from ``first`` to ``last``, ≤ max_ticks.

    >>> [d.year for d in year_ticks(date(2015, 1, 1), date(2031, 1, 1), 6)]
    [2015, 2020, 2025, 2030]
    """
    if max_ticks < 2:
        raise ValueError("max_ticks must be at least 2")
    for step in (m * 10**k for k in range(0, 4) for m in (1, 2, 5)):
        start = -(-first.year // step) * step  # the first multiple of step on or after first
        if first > date(start, 1, 1):
            start += step
        years = range(start, last.year + 1, step)
        if len(years) <= max_ticks:
            return tuple(date(year, 1, 1) for year in years)
    raise ValueError(f"no year step fits {max_ticks} ticks between {first} and {last}")


@dataclass(frozen=True)
class BandScale:
    """Equal slots for categories along a pixel range; ``position`` is a slot's centre.

    >>> places = BandScale(("Bradford", "Calderdale"), (0.0, 100.0))
    >>> places.position("Calderdale"), places.bandwidth
    (75.0, 50.0)
    """

    categories: Sequence[str]
    range: tuple[float, float]

    def __post_init__(self) -> None:
        if len(set(self.categories)) != len(self.categories):
            raise ValueError("band scale categories must be distinct")

    @property
    def bandwidth(self) -> float:
        r0, r1 = self.range
        return px(abs(r1 - r0) / max(len(self.categories), 1))

    def position(self, category: str) -> float:
        index = list(self.categories).index(category)
        r0, r1 = self.range
        width = (r1 - r0) / max(len(self.categories), 1)
        return px(r0 + width * (index + 0.5))
