"""Read what a judgement needs from the plan's models (`wyoutcomes.definitions`).

The only module of `wyoutcomes.progress` that touches the plan's attribute names: it walks the
plan in order and reduces a target, for one area, to a `TargetSpec` in the units of its judged
quantity.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from wyoutcomes.definitions import Ambition, Indicator, Plan, Target
from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period
from wyoutcomes.progress.assessment import PeriodSpan, TargetSpec
from wyoutcomes.progress.independence import Exclusion
from wyoutcomes.spc.icons import DIRECTIONS, POLARITY_TO_IMPROVEMENT

__all__ = [
    "OWN_GAP_MEASURES",
    "anchored_baseline",
    "better_direction",
    "count_basis",
    "exclusions",
    "gap_from_groups",
    "judged_quantity",
    "parse_period",
    "span",
    "target_spec",
    "walk_targets",
]

_NAN = math.nan
#: measure types whose own values are the gap (the plan declares no groups for them)
OWN_GAP_MEASURES = frozenset({"gap", "sii"})


def _text(value: object) -> str:
    return str(value)


def span(period: Period) -> PeriodSpan:
    return PeriodSpan(period.label, period.start, period.end, period.mid)


def parse_period(label: str, period_type: Any, parsed: Period | None = None) -> Period:
    """A plan's period label: as the loader parsed it, else in the indicator's period type,
    else in whatever type the label spells (a deadline "2024" for a pooled-years indicator)."""
    if parsed is not None:
        return parsed
    try:
        return Period.parse(label, period_type)
    except PeriodError:
        return Period.parse(label)


def walk_targets(plan: Plan) -> Iterator[tuple[Ambition, Indicator, Target]]:
    """(ambition, indicator, target) for every target, in plan order."""
    for ambition in plan.ambitions:
        for target in ambition.targets:
            yield ambition, plan.indicator(target.indicator), target


def count_basis(target: Target) -> str:
    """`per_year` or `cumulative` for a count_increase target (undeclared: `cumulative`, the
    reading of plans written before the key existed)."""
    return _text(target.count_basis) if target.count_basis is not None else "cumulative"


def judged_quantity(target: Target) -> str:
    """`gap`, `extra_per_year`, `cumulative_extra` or `value` (docs/progress.md, "The judged
    quantity")."""
    kind = _text(target.kind)
    if kind == "gap_reduction":
        return "gap"
    if kind == "count_increase":
        return "extra_per_year" if count_basis(target) == "per_year" else "cumulative_extra"
    return "value"


def _months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    # the same day of the month, or the month's last day when it is shorter
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover


def anchored_baseline(template: Period, published: date, lag_months: int) -> Period:
    """The latest period like `template` published by `published`, `lag_months` after its end.

    A promise is measured from what was known when it was made: a plan of November 2019 on a
    three-year pooled rate published about 11 months after the period ends is measured from
    2016 - 18 (ended Dec 2018, out by Nov 2019), not 2017 - 19.

    >>> anchored_baseline(Period.parse("2022 - 24"), date(2019, 11, 1), 10).label
    '2016 - 18'
    >>> anchored_baseline(Period.parse("2023/24"), date(2019, 11, 1), 6).label
    '2018/19'
    """
    period = template
    # step forward first if the template is early, then back to the last one out by then
    while _months_after(period.end, lag_months) + timedelta(days=1) <= published:
        period = period.next()
    while _months_after(period.end, lag_months) > published:
        period = period.previous()
    return period


def exclusions(indicator: Indicator) -> tuple[Exclusion, ...]:
    """The indicator's declared series breaks as date ranges (a label of any period type)."""
    found = []
    for item in indicator.excluded_periods:
        period = parse_period(item.period, indicator.period_type)
        found.append(Exclusion(period.label, period.start, period.end, item.reason))
    return tuple(found)


def gap_from_groups(target: Target, indicator: Indicator) -> bool:
    """True when the target's judged gap is computed from its two groups' category rows; False
    when it is read from the indicator's own values (a gap or SII indicator) or is no gap.

    >>> from wyoutcomes.definitions import load_plan
    >>> plan = load_plan()
    >>> target = next(t for t in plan.targets if t.id == "a1-life-expectancy-gap-men")
    >>> gap_from_groups(target, plan.indicator(target.indicator))
    False
    """
    return (
        judged_quantity(target) == "gap"
        and target.groups is not None
        and _text(indicator.measure_type) not in OWN_GAP_MEASURES
    )


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
        return -1 if math.isfinite(change) and change < 0 else 1
    if kind == "band":
        return 0
    # the one polarity → direction table is spc's (polarity → improvement → sign)
    sign = DIRECTIONS.get(POLARITY_TO_IMPROVEMENT.get(polarity, "neutral"), 0)
    if sign:
        return sign
    step = change if math.isfinite(change) else value - baseline
    if math.isfinite(step) and step != 0:
        return 1 if step > 0 else -1
    return 0


def _number(value: float | None) -> float:
    return _NAN if value is None else float(value)


def target_spec(
    target: Target, indicator: Indicator, area: str | None, published: date | None = None
) -> tuple[TargetSpec, float]:
    """The target for one area in judged-quantity units, and (count_increase) the baseline
    year's declared count (NaN: read it from the data).

    A target naming no baseline period is anchored on the plan's date (`published`) when the
    indicator declares its publication lag; otherwise it has no baseline."""
    kind = _text(target.kind)
    period_type = indicator.period_type
    baseline = target.baseline
    baseline_period = None
    deadline = parse_period(target.deadline, period_type, target.deadline_period)
    if baseline.period is not None:
        baseline_period = span(parse_period(baseline.period, period_type, baseline.period_obj))
    elif (
        published is not None
        and indicator.publication_lag_months is not None
        and kind != "band"
        and _text(deadline.type) == _text(period_type)
    ):
        baseline_period = span(
            anchored_baseline(deadline, published, indicator.publication_lag_months)
        )
    baseline_value = _number(baseline.value_for(area))
    change, value = _number(target.change), _number(target.value)
    baseline_count = _NAN
    if kind == "count_increase":
        # judged on the running total of extra people, which is 0 at the baseline
        baseline_count = baseline_value
        baseline_value = 0.0 if baseline_period is not None else _NAN
        if not math.isfinite(change) and math.isfinite(value) and math.isfinite(baseline_count):
            change = value - baseline_count
        value = _NAN
    band = None
    if kind == "band" and indicator.band is not None:
        band = (indicator.band.lo, indicator.band.hi)
    milestones: tuple[tuple[PeriodSpan, float], ...] = ()
    if _text(target.trajectory) == "milestones":
        milestones = tuple(
            (span(parse_period(m.period, period_type, m.period_obj)), float(m.value))
            for m in target.milestones
        )
    spec = TargetSpec(
        kind=kind,
        better=better_direction(kind, _text(indicator.polarity), change, baseline_value, value),
        baseline=baseline_period,
        deadline=span(deadline),
        baseline_value=baseline_value,
        target_value=value,
        change=change,
        milestones=milestones,
        band=band,
        decimals=indicator.decimals,
        exclusions=exclusions(indicator),
    )
    return spec, baseline_count
