"""Read what a judgement needs from the plan's models (`wyoutcomes.definitions`).

The only module of `wyoutcomes.progress` that touches the plan's attribute names: it walks the
plan in order, finds each target's areas, and reduces a target to a `TargetSpec` in the units of
its judged quantity.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from wyoutcomes.periods import Period
from wyoutcomes.progress.assessment import PeriodSpan, TargetSpec

__all__ = [
    "better_direction",
    "judged_quantity",
    "scope_areas",
    "span",
    "target_spec",
    "walk_targets",
]

_NAN = math.nan
_POLARITY = {"higher_is_better": 1, "lower_is_better": -1}


def span(period: Period) -> PeriodSpan:
    return PeriodSpan(period.label, period.start, period.end, period.mid)


def walk_targets(plan: Any) -> Iterator[tuple[Any, Any, Any]]:
    """(ambition, indicator, target) for every target, in plan order."""
    ambition_of = {}
    for ambition in plan.ambitions:
        for indicator in ambition.indicators:
            ambition_of[indicator.id] = ambition
    for target in plan.targets:
        yield ambition_of.get(target.indicator), plan.indicator(target.indicator), target


def scope_areas(plan: Any, target: Any) -> list[str]:
    """The area codes a target is judged in, in the order the plan gives them."""
    return list(target.scope.areas)


def judged_quantity(target: Any) -> str:
    if target.kind == "gap_reduction" and target.groups:
        return "gap"
    if target.kind == "count_increase":
        return "cumulative_extra"
    return "value"


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) else _NAN


def better_direction(kind: str, polarity: str, change: float, baseline: float, value: float) -> int:
    """+1 if higher is better for the judged quantity, −1 if lower, 0 if undefined.

    Polarity decides; where it gives no direction (no_judgement, target_band), the direction
    from the baseline to the target does.

    >>> better_direction("relative_change", "no_judgement", -0.1, 10.0, math.nan)
    -1
    >>> better_direction("gap_reduction", "higher_is_better", -0.05, 10.0, math.nan)
    -1
    """
    if kind == "gap_reduction":
        return -1  # whatever the indicator, a narrower gap is the aim
    if kind == "count_increase":
        return 1 if not (math.isfinite(change) and change < 0) else -1
    if kind == "band":
        return 0
    if polarity in _POLARITY:
        return _POLARITY[polarity]
    step = change if math.isfinite(change) else value - baseline
    if math.isfinite(step) and step != 0:
        return 1 if step > 0 else -1
    return 0


def target_spec(target: Any, indicator: Any) -> tuple[TargetSpec, float]:
    """The target in judged-quantity units, and (count_increase) the baseline year's count."""
    baseline = target.baseline
    baseline_period = span(baseline.period_obj) if baseline and baseline.period_obj else None
    baseline_value = _number(getattr(baseline, "value", None)) if baseline else _NAN
    change, value = _number(target.change), _number(target.value)
    baseline_count = _NAN
    if target.kind == "count_increase":
        # the judged quantity is the running total of extra people: 0 at the baseline
        baseline_count, baseline_value = baseline_value, 0.0 if baseline_period else _NAN
        if not math.isfinite(change) and math.isfinite(value) and math.isfinite(baseline_count):
            change = value - baseline_count
        value = _NAN
    band = None
    if target.kind == "band":
        source = getattr(target, "band", None) or indicator.band
        band = (float(source.lo), float(source.hi)) if source else None
    milestones = (
        tuple((span(m.period_obj), float(m.value)) for m in (target.milestones or ()))
        if target.trajectory == "milestones"
        else ()
    )
    spec = TargetSpec(
        kind=target.kind,
        better=better_direction(target.kind, indicator.polarity, change, baseline_value, value),
        baseline=baseline_period,
        deadline=span(target.deadline_period),
        baseline_value=baseline_value,
        target_value=value,
        change=change,
        milestones=milestones,
        band=band,
        decimals=indicator.decimals,
    )
    return spec, baseline_count
