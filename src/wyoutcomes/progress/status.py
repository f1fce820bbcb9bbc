"""The status vocabulary and the decision rules, one small function per kind of judgement.

Every rule takes `better`: +1 when a higher judged quantity is better, −1 when lower is better,
0 when no direction is defined. Comparisons are made at the indicator's published precision
(`decimals`), so a value equal to its expected value once both are rounded counts as on it.

>>> directional_status(better=-1, value=9.4, target=9.5, expected=9.8, deadline_assessed=False)
<Status.MET: 'met'>
>>> directional_status(better=-1, value=9.9, target=9.5, expected=9.8, deadline_assessed=False)
<Status.OFF_TRACK: 'off_track'>
"""

from __future__ import annotations

import math
from enum import Enum

from wyoutcomes.progress.significance import Change

__all__ = [
    "Qualifier",
    "Status",
    "band_status",
    "compare",
    "direction_of_change",
    "directional_status",
    "distance_to_band",
    "halt_trend_status",
    "slope_direction",
]


class Status(str, Enum):
    """Where a target stands (defined one by one in docs/progress.md)."""

    MET = "met"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NOT_MET = "not_met"
    WITHIN_BAND = "within_band"
    OUTSIDE_BAND = "outside_band"
    IMPROVING = "improving"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    WORSENING = "worsening"
    NO_DATA = "no_data"
    INSUFFICIENT_DATA = "insufficient_data"


class Qualifier(str, Enum):
    """Whether the change since the baseline is beyond chance, and which way."""

    IMPROVING = "improving"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    WORSENING = "worsening"


def compare(a: float, b: float, decimals: int | None = None) -> float:
    """a − b after rounding both to the published precision (0 when they agree).

    Without `decimals`, differences within floating-point noise count as 0.

    >>> compare(9.54, 9.5, decimals=1)
    0.0
    """
    if decimals is not None:
        return round(a, decimals) - round(b, decimals)
    diff = a - b
    return 0.0 if abs(diff) <= 1e-9 * max(1.0, abs(a), abs(b)) else diff


def _at_or_better(value: float, reference: float, better: int, decimals: int | None) -> bool:
    return better * compare(value, reference, decimals) >= 0


def directional_status(
    *,
    better: int,
    value: float,
    target: float,
    expected: float,
    deadline_assessed: bool,
    decimals: int | None = None,
) -> Status:
    """Status of a numeric target (relative_change, absolute_value, gap_reduction, count_increase).

    `deadline_assessed`: the value is the deadline period's own value, so the verdict is final
    (met / not_met). Otherwise a value already at the target is `met`, else the trajectory's
    expected value decides between on_track and off_track.

    >>> directional_status(better=1, value=80, target=100, expected=75, deadline_assessed=False)
    <Status.ON_TRACK: 'on_track'>
    >>> directional_status(better=1, value=80, target=100, expected=75, deadline_assessed=True)
    <Status.NOT_MET: 'not_met'>
    """
    if better == 0 or not (math.isfinite(value) and math.isfinite(target)):
        return Status.INSUFFICIENT_DATA
    if _at_or_better(value, target, better, decimals):
        return Status.MET
    if deadline_assessed:
        return Status.NOT_MET
    if not math.isfinite(expected):
        return Status.INSUFFICIENT_DATA
    return Status.ON_TRACK if _at_or_better(value, expected, better, decimals) else Status.OFF_TRACK


def halt_trend_status(*, better: int, slope: float, deadline_assessed: bool) -> Status:
    """Status of a halt_trend target from the slope of recent points (per year).

    A slope of zero or in the better direction means the trend has halted.

    >>> halt_trend_status(better=-1, slope=0.3, deadline_assessed=False)
    <Status.OFF_TRACK: 'off_track'>
    >>> halt_trend_status(better=-1, slope=-0.1, deadline_assessed=True)
    <Status.MET: 'met'>
    """
    if better == 0 or not math.isfinite(slope):
        return Status.INSUFFICIENT_DATA
    halted = better * compare(slope, 0.0) >= 0
    if deadline_assessed:
        return Status.MET if halted else Status.NOT_MET
    return Status.ON_TRACK if halted else Status.OFF_TRACK


def band_status(value: float, lower: float, upper: float, decimals: int | None = None) -> Status:
    """within_band when lower ≤ value ≤ upper at the published precision (edges inclusive).

    >>> band_status(1.26, 0.8, 1.25, decimals=2)
    <Status.OUTSIDE_BAND: 'outside_band'>
    """
    if not math.isfinite(value):
        return Status.INSUFFICIENT_DATA
    inside = compare(value, lower, decimals) >= 0 and compare(value, upper, decimals) <= 0
    return Status.WITHIN_BAND if inside else Status.OUTSIDE_BAND


def distance_to_band(value: float, lower: float, upper: float) -> float:
    """How far a value lies outside [lower, upper] (0 inside)."""
    return max(lower - value, 0.0, value - upper)


def direction_of_change(change: Change, better: int) -> Qualifier | None:
    """improving / worsening when the change is significant, else no_significant_change.

    None when significance is unknown or no direction of improvement is defined.

    >>> direction_of_change(Change(-1.2, -2.0, -0.4, significant=True), better=-1)
    <Qualifier.IMPROVING: 'improving'>
    """
    if change.significant is None or better == 0:
        return None
    if not change.significant or change.direction == 0:
        return Qualifier.NO_SIGNIFICANT_CHANGE
    return Qualifier.IMPROVING if change.direction == better else Qualifier.WORSENING


def slope_direction(lower: float, upper: float, better: int) -> Qualifier | None:
    """Qualifier from a slope's 95% interval: wholly on one side of zero, or straddling it."""
    if better == 0 or not (math.isfinite(lower) and math.isfinite(upper)):
        return None
    if lower > 0 or upper < 0:
        going_up = lower > 0
        return Qualifier.IMPROVING if (1 if going_up else -1) == better else Qualifier.WORSENING
    return Qualifier.NO_SIGNIFICANT_CHANGE
