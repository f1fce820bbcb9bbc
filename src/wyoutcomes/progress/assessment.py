"""Judge one target in one area: from its observations to every number of a progress row.

`assess(spec, series, as_at_end)` is pure: the target, already reduced to what the judgement
needs (`TargetSpec`, in the units of the judged quantity), and the judged series (see
`observations`). It returns an `Assessment`, the numeric half of a progress-frame row;
`frame` adds the names, the SPC icons and the sentence.

>>> from datetime import date
>>> def year(y, v):
...     return Observation(str(y), date(y, 1, 1), date(y, 12, 31), date(y, 7, 2), v)
>>> spec = TargetSpec(kind="relative_change", better=-1, change=-0.10,
...                   baseline=PeriodSpan("2016", date(2016, 1, 1), date(2016, 12, 31),
...                                       date(2016, 7, 2)), baseline_value=10.0,
...                   deadline=PeriodSpan("2020", date(2020, 1, 1), date(2020, 12, 31),
...                                       date(2020, 7, 2)), decimals=1)
>>> result = assess(spec, [year(2016, 10.0), year(2017, 9.8), year(2018, 9.5)], date(2019, 3, 31))
>>> result.status.value, result.target_value, round(result.expected_value, 2)
('on_track', 9.0, 9.5)
>>> result.trend_note
'3 non-overlapping periods since the baseline; a trend needs 5'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from wyoutcomes.progress.independence import (
    MIN_TREND_POINTS,
    Exclusion,
    independent,
    likelihood,
    split_excluded,
)
from wyoutcomes.progress.observations import Observation, years_between
from wyoutcomes.progress.projection import (
    LineFit,
    fit_line,
    probability_at_least,
    probability_between,
    se_from_ci,
)
from wyoutcomes.progress.significance import Change, Estimate, change_between
from wyoutcomes.progress.status import (
    Basis,
    Qualifier,
    Status,
    band_status,
    compare,
    direction_of_change,
    directional_judgement,
    distance_to_band,
    halt_trend_status,
    slope_direction,
)
from wyoutcomes.progress.trajectory import Trajectory, share_of_change

__all__ = ["RECENT_POINTS", "Assessment", "PeriodSpan", "TargetSpec", "assess"]

_NAN = math.nan
#: the projection and the halt_trend slope use at most this many of the latest points
RECENT_POINTS = 6
NUMERIC_KINDS = frozenset({"relative_change", "absolute_value", "gap_reduction", "count_increase"})


@dataclass(frozen=True)
class PeriodSpan:
    """The dates of a period that a judgement needs."""

    label: str
    start: date
    end: date
    mid: date


@dataclass(frozen=True)
class TargetSpec:
    """A target reduced to its judged quantity.

    `baseline_value` is the plan's declared baseline (NaN: read it from the data);
    `target_value` the declared value at the deadline (NaN: derive it from `change`);
    `change` a relative change (−0.10 = a 10% cut) or, for count_increase, the number of extra
    people; `milestones` are (period, value) pairs when the trajectory is declared.
    """

    kind: str
    better: int
    baseline: PeriodSpan | None
    deadline: PeriodSpan
    baseline_value: float = _NAN
    target_value: float = _NAN
    change: float = _NAN
    milestones: tuple[tuple[PeriodSpan, float], ...] = ()
    band: tuple[float, float] | None = None
    decimals: int | None = None
    exclusions: tuple[Exclusion, ...] = ()


@dataclass
class Assessment:
    """The numbers of one progress row (see docs/progress.md for each)."""

    status: Status
    reason: str = ""  # why, for insufficient_data (used in the summary sentence)
    baseline_period: str | None = None
    baseline_value: float = _NAN
    baseline_source: str | None = None
    latest: Observation | None = None
    n_points: int = 0
    target_value: float = _NAN
    deadline_passed: bool = False
    assessed: Observation | None = None
    expected_value: float = _NAN
    distance_from_trajectory: float = _NAN
    share_of_change_achieved: float = _NAN
    qualifier: Qualifier | None = None
    change: Change = field(default_factory=lambda: Change(_NAN))
    trend_slope: float = _NAN
    trend_lower: float = _NAN
    trend_upper: float = _NAN
    projection_value: float = _NAN
    projection_lower: float = _NAN
    projection_upper: float = _NAN
    probability_met: float = _NAN
    projection_points: int = 0
    status_basis: Basis | None = None
    probability_band: str | None = None
    trend_note: str = ""
    trend_points: tuple[Observation, ...] = ()  # the independent points the trend was fitted on
    excluded: tuple[Observation, ...] = ()  # values left out as declared series breaks
    # the path the row was compared with (None where the target sets no numeric path)
    trajectory: Trajectory | None = None


def _find(series: Sequence[Observation], span: PeriodSpan | None) -> Observation | None:
    if span is None:
        return None
    for o in series:
        if (o.start, o.end) == (span.start, span.end):
            return o
    return None


def _target_value(spec: TargetSpec, baseline_value: float) -> float:
    if spec.kind in ("band", "direction_only"):
        return _NAN
    if spec.kind == "halt_trend":
        return baseline_value
    if math.isfinite(spec.target_value):
        return spec.target_value
    if spec.kind == "count_increase":
        return spec.change
    return baseline_value * (1 + spec.change)


def _trajectory(spec: TargetSpec, baseline_value: float, target: float) -> Trajectory | None:
    if spec.baseline is None or not (math.isfinite(baseline_value) and math.isfinite(target)):
        return None
    if spec.milestones:
        return Trajectory.through_milestones(
            spec.baseline.mid,
            baseline_value,
            [(span.mid, value) for span, value in spec.milestones],
            spec.deadline.mid,
            target,
        )
    return Trajectory.linear(spec.baseline.mid, baseline_value, spec.deadline.mid, target)


def _recent_fit(
    series: Sequence[Observation], baseline: Observation | None, upto: Observation
) -> tuple[LineFit | None, list[Observation], date, str]:
    """The line through the latest independent points since the baseline (at most
    RECENT_POINTS, at least MIN_TREND_POINTS), and a note on how many were used and why."""
    points = independent(series, upto)
    if baseline is not None:
        points = [o for o in points if o.start >= baseline.start]
    points = points[-RECENT_POINTS:]
    origin = points[0].mid if points else upto.mid
    since = "since the baseline" if baseline is not None else "in the series"
    if len(points) < MIN_TREND_POINTS:
        note = f"{len(points)} non-overlapping periods {since}; a trend needs {MIN_TREND_POINTS}"
        return None, points, origin, note
    fit = fit_line(
        [years_between(origin, o.mid) for o in points],
        [o.value for o in points],
        [se_from_ci(o.lower, o.upper) for o in points],
    )
    note = f"{len(points)} non-overlapping periods, {points[0].period} to {points[-1].period}"
    return fit, points, origin, note


def assess(
    spec: TargetSpec,
    series: Sequence[Observation],
    as_at_end: date,
    *,
    complete: bool = True,
    change: Change | None = None,
) -> Assessment:
    """Judge the target on its judged series (periods ending after `as_at_end` are ignored).

    Values in a declared series break (`spec.exclusions`) are kept aside: listed in
    `excluded`, never judged, fitted or charted. Values for periods starting before the
    baseline period are not judged either. The baseline is the period the spec names;
    with none there is no trajectory (never "the earliest value there is").
    `complete=False` marks a series with a hole that forbids a judgement (count_increase);
    `change` overrides the change from the baseline (count_increase tests counts, not totals).
    """
    ordered = sorted((o for o in series if o.end <= as_at_end), key=lambda o: (o.start, o.end))
    series, excluded = split_excluded(ordered, spec.exclusions)
    if spec.baseline is not None:
        # a promise is judged on what happened from its baseline on: older history is context
        # for a chart, never evidence (adding it must not move a verdict)
        series = [o for o in series if o.start >= spec.baseline.start]
    deadline_passed = as_at_end >= spec.deadline.end
    result = Assessment(status=Status.NO_DATA, deadline_passed=deadline_passed)
    result.excluded = tuple(excluded)
    result.baseline_period = spec.baseline.label if spec.baseline else None
    result.baseline_value = spec.baseline_value
    result.baseline_source = "plan" if math.isfinite(spec.baseline_value) else None
    if not series:
        result.target_value = _target_value(spec, spec.baseline_value)
        result.trajectory = _trajectory(spec, spec.baseline_value, result.target_value)
        if excluded:
            # values exist, but every one is a declared series break: nothing comparable
            result.status = Status.INSUFFICIENT_DATA
            result.reason = "every value since the baseline falls in a declared series break"
        else:
            result.reason = "no values"
        return result

    latest = series[-1]
    result.latest = latest
    result.n_points = len(series)
    baseline_obs = _find(series, spec.baseline)
    if not math.isfinite(result.baseline_value) and baseline_obs is not None:
        result.baseline_value = baseline_obs.value
        result.baseline_source = "data"
    baseline_value = result.baseline_value

    deadline_obs = None
    if deadline_passed:
        within = [o for o in series if spec.deadline.start <= o.end <= spec.deadline.end]
        deadline_obs = within[-1] if within else None
    assessed = deadline_obs if deadline_obs is not None else latest
    result.assessed = assessed
    deadline_assessed = deadline_obs is not None

    target = _target_value(spec, baseline_value)
    result.target_value = target
    trajectory = _trajectory(spec, baseline_value, target)
    result.trajectory = trajectory
    if spec.kind in NUMERIC_KINDS and trajectory is not None:
        result.expected_value = trajectory.expected(latest.mid)
        result.distance_from_trajectory = latest.value - result.expected_value
        result.share_of_change_achieved = share_of_change(latest.value, baseline_value, target)
    elif spec.kind == "halt_trend" and math.isfinite(baseline_value):
        result.expected_value = baseline_value
        result.distance_from_trajectory = latest.value - baseline_value

    baseline_estimate = (
        baseline_obs.estimate if baseline_obs is not None else Estimate(baseline_value)
    )
    result.change = (
        change if change is not None else change_between(latest.estimate, baseline_estimate)
    )

    fit, points, origin, result.trend_note = _recent_fit(series, baseline_obs, assessed)
    result.trend_points = tuple(points) if fit is not None else ()
    result.projection_points = len(points) if fit is not None else 0
    if fit is not None:
        result.trend_slope = fit.slope
        result.trend_lower, result.trend_upper = fit.slope_interval()
        if not deadline_assessed:
            x = years_between(origin, spec.deadline.mid)
            value, lower, upper = fit.prediction_interval(x)
            result.projection_value, result.projection_lower = value, lower
            result.projection_upper = upper
            result.probability_met = _probability(spec, fit, x, target)
            result.probability_band = likelihood(result.probability_met)

    result.status, result.qualifier, result.reason, result.status_basis = _judge(
        spec, result, assessed, deadline_assessed, complete, fit, series
    )
    return result


def _probability(spec: TargetSpec, fit: LineFit, x: float, target: float) -> float:
    if spec.kind == "band" and spec.band is not None:
        return probability_between(fit, x, *spec.band)
    if spec.kind == "halt_trend":
        return fit.slope_probability_at_least(0.0, spec.better) if spec.better else _NAN
    if spec.kind in NUMERIC_KINDS and spec.better and math.isfinite(target):
        return probability_at_least(fit, x, target, spec.better)
    return _NAN


def _previous_reached(
    spec: TargetSpec, series: Sequence[Observation], assessed: Observation, target: float
) -> bool:
    """Whether the independent period before `assessed` was at the target too."""
    chain = independent(series, assessed)
    if spec.baseline is not None:
        # the evidence is what happened since the promise: older history never counts
        chain = [o for o in chain if o.start >= spec.baseline.start]
    if len(chain) < 2 or not math.isfinite(target):
        return False
    return spec.better * compare(chain[-2].value, target, spec.decimals) >= 0


def _judge(
    spec: TargetSpec,
    result: Assessment,
    assessed: Observation,
    deadline_assessed: bool,
    complete: bool,
    fit: LineFit | None,
    series: Sequence[Observation],
) -> tuple[Status, Qualifier | None, str, Basis | None]:
    qualifier = direction_of_change(result.change, spec.better)
    if spec.better == 0 and spec.kind not in ("band",):
        return Status.INSUFFICIENT_DATA, None, "no direction of improvement is defined", None
    if spec.kind == "band":
        if spec.band is None:
            return Status.INSUFFICIENT_DATA, None, "no band is defined", None
        status = band_status(assessed.value, *spec.band, decimals=spec.decimals)
        return status, _band_qualifier(spec.band, result), "", None
    if spec.kind == "halt_trend":
        if fit is None:
            return Status.INSUFFICIENT_DATA, None, result.trend_note, None
        status = halt_trend_status(
            better=spec.better,
            slope=fit.slope,
            deadline_assessed=deadline_assessed,
            lower=result.trend_lower,
            upper=result.trend_upper,
        )
        halt_basis = (
            Basis.SLOPE_NOT_SIGNIFICANTLY_WORSE
            if status in (Status.ON_TRACK, Status.MET)
            else Basis.SLOPE_SIGNIFICANTLY_WORSE
        )
        slope = slope_direction(result.trend_lower, result.trend_upper, spec.better)
        return status, slope, "", halt_basis
    if spec.kind == "direction_only":
        if qualifier is None and fit is not None:
            qualifier = slope_direction(result.trend_lower, result.trend_upper, spec.better)
        if qualifier is None:
            why = "neither a baseline value with CIs nor a trend"
            return Status.INSUFFICIENT_DATA, None, f"{why} ({result.trend_note})", None
        return Status(qualifier.value), qualifier, "", None
    if not math.isfinite(result.baseline_value) and not math.isfinite(spec.target_value):
        if spec.baseline is None:
            return Status.INSUFFICIENT_DATA, qualifier, "the plan declares no baseline period", None
        return Status.INSUFFICIENT_DATA, qualifier, "the baseline period has no value", None
    if not complete:
        return Status.INSUFFICIENT_DATA, qualifier, "a year is missing since the baseline", None
    status, basis = directional_judgement(
        better=spec.better,
        value=assessed.value,
        target=result.target_value,
        expected=result.expected_value,
        deadline_assessed=deadline_assessed,
        decimals=spec.decimals,
        lower=assessed.lower,
        upper=assessed.upper,
        previous_reached=_previous_reached(spec, series, assessed, result.target_value),
    )
    reason = ""
    if status is Status.INSUFFICIENT_DATA:
        reason = (
            "the plan declares no baseline, so there is no trajectory to compare with"
            if spec.baseline is None
            else "the baseline period has no value"
        )
    return status, qualifier, reason, basis


def _band_qualifier(band: tuple[float, float], result: Assessment) -> Qualifier | None:
    change = result.change
    if change.significant is None or result.latest is None:
        return None
    if not change.significant:
        return Qualifier.NO_SIGNIFICANT_CHANGE
    before = distance_to_band(result.latest.value - change.difference, *band)
    after = distance_to_band(result.latest.value, *band)
    if after < before:
        return Qualifier.IMPROVING
    if after > before:
        return Qualifier.WORSENING
    return Qualifier.NO_SIGNIFICANT_CHANGE
