"""The status vocabulary and the decision rules, one small function per kind of judgement.

Every rule takes `better`: +1 when a higher judged quantity is better, −1 when lower is better,
0 when no direction is defined. Comparisons are made at the indicator's published precision
(`decimals`), so a value equal to its expected value once both are rounded counts as on it.

>>> directional_status(better=-1, value=9.4, target=9.5, expected=9.8, deadline_assessed=True)
<Status.MET: 'met'>
>>> directional_status(better=-1, value=9.9, target=9.5, expected=9.8, deadline_assessed=False)
<Status.OFF_TRACK: 'off_track'>

With the value's 95% CI the same value is behind the trajectory but not significantly so:

>>> directional_status(better=-1, value=9.9, target=9.5, expected=9.8, deadline_assessed=False,
...                    lower=9.5, upper=10.3)
<Status.BEHIND_NOT_SIGNIFICANT: 'behind_not_significant'>
"""

from __future__ import annotations

import math
from enum import Enum

from wyoutcomes.progress.significance import Change

__all__ = [
    "Basis",
    "Qualifier",
    "Status",
    "band_status",
    "compare",
    "direction_of_change",
    "directional_judgement",
    "directional_status",
    "distance_to_band",
    "halt_trend_status",
    "slope_direction",
]


class Status(str, Enum):
    """Where a target stands (defined one by one in docs/progress.md)."""

    MET = "met"
    ON_TRACK = "on_track"
    BEHIND_NOT_SIGNIFICANT = "behind_not_significant"
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


class Basis(str, Enum):
    """What a status rests on (the `status_basis` column; docs/progress.md, rule 2)."""

    DEADLINE_VALUE = "deadline_value"  # the deadline period's own value: a final verdict
    CI_BEYOND_TARGET = "ci_beyond_target"  # met early: the whole 95% CI is past the target
    SUSTAINED = "target_reached_in_consecutive_periods"  # met early: two independent periods
    REACHED_ONCE = "target_reached_once"  # on track: at the target, not yet sustained
    AT_OR_BETTER_THAN_TRAJECTORY = "at_or_better_than_trajectory"
    CI_INCLUDES_TRAJECTORY = "ci_includes_trajectory"  # worse, not significantly
    CI_EXCLUDES_TRAJECTORY = "ci_excludes_trajectory"  # significantly worse
    POINT_ESTIMATE = "point_estimate_no_ci"  # worse, and no CI to say whether significantly
    SLOPE_SIGNIFICANTLY_WORSE = "slope_significantly_worse"
    SLOPE_NOT_SIGNIFICANTLY_WORSE = "slope_not_significantly_worse"


def _finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


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
    lower: float = math.nan,
    upper: float = math.nan,
    previous_reached: bool = False,
) -> Status:
    """Status of a numeric target (relative_change, absolute_value, gap_reduction, count_increase).

    The status alone; :func:`directional_judgement` also says what it rests on.

    >>> directional_status(better=1, value=80, target=100, expected=75, deadline_assessed=False)
    <Status.ON_TRACK: 'on_track'>
    >>> directional_status(better=1, value=80, target=100, expected=75, deadline_assessed=True)
    <Status.NOT_MET: 'not_met'>
    """
    return directional_judgement(
        better=better,
        value=value,
        target=target,
        expected=expected,
        deadline_assessed=deadline_assessed,
        decimals=decimals,
        lower=lower,
        upper=upper,
        previous_reached=previous_reached,
    )[0]


def directional_judgement(
    *,
    better: int,
    value: float,
    target: float,
    expected: float,
    deadline_assessed: bool,
    decimals: int | None = None,
    lower: float = math.nan,
    upper: float = math.nan,
    previous_reached: bool = False,
) -> tuple[Status, Basis | None]:
    """(status, basis) of a numeric target; `lower`/`upper` are the value's 95% CI.

    `deadline_assessed`: the value is the deadline period's own value, so the verdict is final
    (met / not_met). Before the deadline a value at the target is `met` only when the evidence
    is sustained: its whole CI is past the target, or the previous independent period
    (`previous_reached`) was at the target too; otherwise it is `on_track`, reached once.
    A value short of the target is `on_track` at or better than the trajectory's expected
    value, `off_track` when its CI excludes the expected value, and `behind_not_significant`
    when it is worse than expected but its CI holds the expected value. With no CI the point
    estimate decides, and the basis says so.

    Hand-worked (lower is better, target 9.5, expected 9.8 on the trajectory):

    ======  ===========  =====================  ======================================
    value   95% CI       status                 why
    ======  ===========  =====================  ======================================
    9.4     9.0 – 9.8    on_track               at the target once; CI reaches 9.8 > 9.5
    9.4     9.1 – 9.45   met                    the whole CI is below 9.5
    9.9     9.5 – 10.3   behind_not_significant 9.8 lies inside the CI
    10.2    9.9 – 10.5   off_track              the CI's lower end 9.9 is above 9.8
    ======  ===========  =====================  ======================================

    >>> def judge(value, lower, upper):
    ...     status, basis = directional_judgement(better=-1, value=value, target=9.5,
    ...         expected=9.8, deadline_assessed=False, lower=lower, upper=upper)
    ...     return status.value, basis.value
    >>> judge(9.4, 9.0, 9.8)
    ('on_track', 'target_reached_once')
    >>> judge(9.4, 9.1, 9.45)
    ('met', 'ci_beyond_target')
    >>> judge(9.9, 9.5, 10.3)
    ('behind_not_significant', 'ci_includes_trajectory')
    >>> judge(10.2, 9.9, 10.5)
    ('off_track', 'ci_excludes_trajectory')
    """
    if better == 0 or not _finite(value, target):
        return Status.INSUFFICIENT_DATA, None
    has_ci = _finite(lower, upper) and lower <= value <= upper
    if deadline_assessed:
        met = _at_or_better(value, target, better, decimals)
        return (Status.MET if met else Status.NOT_MET), Basis.DEADLINE_VALUE
    if _at_or_better(value, target, better, decimals):
        # the CI's end on the worse side: upper when lower is better, lower when higher is
        worse_end = upper if better < 0 else lower
        if has_ci and _at_or_better(worse_end, target, better, decimals):
            return Status.MET, Basis.CI_BEYOND_TARGET
        if previous_reached:
            return Status.MET, Basis.SUSTAINED
        return Status.ON_TRACK, Basis.REACHED_ONCE
    if not math.isfinite(expected):
        return Status.INSUFFICIENT_DATA, None
    if _at_or_better(value, expected, better, decimals):
        return Status.ON_TRACK, Basis.AT_OR_BETTER_THAN_TRAJECTORY
    if not has_ci:
        return Status.OFF_TRACK, Basis.POINT_ESTIMATE
    better_end = lower if better < 0 else upper
    if _at_or_better(better_end, expected, better, decimals):
        return Status.BEHIND_NOT_SIGNIFICANT, Basis.CI_INCLUDES_TRAJECTORY
    return Status.OFF_TRACK, Basis.CI_EXCLUDES_TRAJECTORY


def halt_trend_status(
    *,
    better: int,
    slope: float,
    deadline_assessed: bool,
    lower: float = math.nan,
    upper: float = math.nan,
) -> Status:
    """Status of a halt_trend target from the slope of recent independent points (per year).

    With the slope's 95% interval the trend counts as not halted only when the whole interval
    lies on the worse side of zero (a significant worsening, as a Fingertips trend marker
    would say); without it the sign of the slope decides.

    Hand-worked (lower is better, a rise is the trend to halt):

    =====  ==============  =========  =================================
    slope  95% interval    status     why
    =====  ==============  =========  =================================
    +0.3   +0.1 to +0.5    off_track  the whole interval is a rise
    +0.3   −0.2 to +0.8    on_track   a rise not beyond chance
    −0.1   −0.4 to +0.2    met        (at the deadline) not significantly rising
    =====  ==============  =========  =================================

    >>> halt_trend_status(better=-1, slope=0.3, deadline_assessed=False, lower=0.1, upper=0.5)
    <Status.OFF_TRACK: 'off_track'>
    >>> halt_trend_status(better=-1, slope=0.3, deadline_assessed=False, lower=-0.2, upper=0.8)
    <Status.ON_TRACK: 'on_track'>
    >>> halt_trend_status(better=-1, slope=-0.1, deadline_assessed=True, lower=-0.4, upper=0.2)
    <Status.MET: 'met'>
    """
    if better == 0 or not math.isfinite(slope):
        return Status.INSUFFICIENT_DATA
    if _finite(lower, upper):
        better_end = lower if better < 0 else upper
        halted = better * compare(better_end, 0.0) >= 0
    else:
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
