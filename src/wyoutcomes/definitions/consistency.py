"""Whole-plan consistency checks, run when a plan is loaded.

Each check yields ``(plan key path, rule code, message)``; the loader turns them into one
:class:`~wyoutcomes.errors.DefinitionError` naming the file. The rule codes are stable and
listed in docs/definitions.md. The checks only read: the parsed periods
(``target.deadline_period``, ``target.baseline.period_obj``, ``milestone.period_obj``) are the
models' own, read when the :class:`~wyoutcomes.definitions.models.Plan` is built.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Iterator

from wyoutcomes.definitions.models import Indicator, Plan, Target
from wyoutcomes.definitions.models import time_point as _time_point
from wyoutcomes.definitions.problems import Loc
from wyoutcomes.definitions.vocabulary import MeasureType, Polarity, ScopeType, TargetKind
from wyoutcomes.definitions.vocabulary import Trajectory as TrajectoryKind
from wyoutcomes.errors import AreaError, PeriodError
from wyoutcomes.periods import Period, PeriodType

__all__ = ["TIME_UNITS", "check_plan"]

Finding = tuple[Loc, str, str]

#: units a "stated as" amount may use for an indicator measured in years, as years per unit
TIME_UNITS: dict[str, float] = {
    "years": 1.0,
    "months": 1.0 / 12.0,
    "weeks": 7.0 / 365.25,
    "days": 1.0 / 365.25,
}

_PER = re.compile(r"^per\s+([\d,]+)\b")

#: measure types whose own values are a gap between groups (an SII is a modelled gap)
_OWN_GAP = (MeasureType.GAP, MeasureType.SII)

# which way each kind moves the indicator, for the polarity check
_NEEDS_DIRECTION = (
    TargetKind.RELATIVE_CHANGE,
    TargetKind.COUNT_INCREASE,
    TargetKind.HALT_TREND,
    TargetKind.DIRECTION_ONLY,
    TargetKind.ABSOLUTE_VALUE,
)


def check_plan(plan: Plan) -> list[Finding]:
    """Every consistency problem of ``plan``, in plan order (empty when it is consistent)."""
    findings: list[Finding] = []
    findings += _check_ambitions(plan)
    indicators: dict[str, Indicator] = {}
    for a_i, ambition in enumerate(plan.ambitions):
        for i_i, indicator in enumerate(ambition.indicators):
            loc: Loc = ("ambitions", a_i, "indicators", i_i)
            if indicator.id in indicators:
                findings.append(
                    (
                        (*loc, "id"),
                        "duplicate-indicator",
                        f"indicator id {indicator.id!r} is "
                        "declared twice in the plan; ids must be unique",
                    )
                )
            indicators.setdefault(indicator.id, indicator)
            findings += _check_indicator(indicator, loc)
    findings += _check_plan_areas(plan)
    seen_targets: set[str] = set()
    for a_i, ambition in enumerate(plan.ambitions):
        for t_i, target in enumerate(ambition.targets):
            loc = ("ambitions", a_i, "targets", t_i)
            if target.id in seen_targets:
                findings.append(
                    (
                        (*loc, "id"),
                        "duplicate-target",
                        f"target id {target.id!r} is declared "
                        "twice in the plan; ids must be unique",
                    )
                )
            seen_targets.add(target.id)
            of_target = indicators.get(target.indicator)
            if of_target is None:
                findings.append(_unknown_indicator(target, indicators, loc))
                continue
            findings += _check_target(plan, target, of_target, loc)
    return findings


def _check_ambitions(plan: Plan) -> Iterator[Finding]:
    numbers: dict[int, int] = {}
    slugs: set[str] = set()
    previous = 0
    for a_i, ambition in enumerate(plan.ambitions):
        loc: Loc = ("ambitions", a_i)
        if ambition.number in numbers:
            yield (
                (*loc, "number"),
                "duplicate-ambition",
                f"ambition number {ambition.number} is also used by "
                f"ambitions[{numbers[ambition.number]}]",
            )
        elif ambition.number < previous:
            yield (
                (*loc, "number"),
                "ambitions-out-of-order",
                f"ambition {ambition.number} comes after ambition {previous}; name the files so "
                "that they sort in ambition order (01-…, 02-…)",
            )
        numbers.setdefault(ambition.number, a_i)
        previous = max(previous, ambition.number)
        if ambition.slug in slugs:
            yield ((*loc, "slug"), "duplicate-ambition", f"slug {ambition.slug!r} is used twice")
        slugs.add(ambition.slug)
        if not ambition.targets:
            yield (
                (*loc, "targets"),
                "no-targets",
                "an ambition needs at least one target (use kind: direction_only when the plan "
                "gives no number)",
            )


def _check_indicator(indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    if indicator.polarity == Polarity.TARGET_BAND and indicator.band is None:
        yield ((*loc, "band"), "band-missing", "polarity target_band needs a band: {lo, hi}")
    if indicator.band is not None and indicator.polarity != Polarity.TARGET_BAND:
        yield (
            (*loc, "band"),
            "band-not-used",
            f"a band is only used with polarity target_band (this indicator is "
            f"{indicator.polarity.value})",
        )
    unit = indicator.unit.strip().lower()
    expected = None
    if unit in ("%", "percent", "per cent"):
        expected = 100.0
    elif match := _PER.match(unit):
        expected = float(match.group(1).replace(",", ""))
    if expected is not None and not math.isclose(indicator.multiplier, expected):
        yield (
            (*loc, "multiplier"),
            "unit-mismatch",
            f"unit {indicator.unit!r} means a multiplier of {expected:g}, not "
            f"{indicator.multiplier:g}",
        )
    band = indicator.band
    rng = indicator.plausible_range
    if band is not None and not (rng.min <= band.lo and band.hi <= rng.max):
        yield (
            (*loc, "band"),
            "band-outside-plausible-range",
            f"band {band.lo:g}–{band.hi:g} lies outside the plausible range "
            f"{rng.min:g}–{rng.max:g}",
        )
    yield from _check_area_types(indicator, loc)


def _unknown_indicator(target: Target, indicators: dict[str, Indicator], loc: Loc) -> Finding:
    close = difflib.get_close_matches(target.indicator, sorted(indicators), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return (
        (*loc, "indicator"),
        "unknown-indicator",
        f"no indicator {target.indicator!r} is declared in the plan{hint}",
    )


def _check_target(plan: Plan, target: Target, indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    yield from _check_amounts(target, indicator, loc)
    yield from _check_direction(target, indicator, loc)
    yield from _check_units(target, indicator, loc)
    yield from _check_stated_as(target, indicator, loc)
    yield from _check_plausible(target, indicator, loc)
    yield from _check_periods(target, indicator, loc)
    yield from _check_scope(plan, target, loc)
    yield from _check_area_type_reported(plan, target, indicator, loc)


def _check_amounts(target: Target, indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    kind = target.kind
    wants_change = kind in (
        TargetKind.RELATIVE_CHANGE,
        TargetKind.GAP_REDUCTION,
        TargetKind.COUNT_INCREASE,
    )
    wants_value = kind == TargetKind.ABSOLUTE_VALUE
    if wants_change and target.change is None:
        yield ((*loc, "change"), "missing-change", f"a {kind.value} target needs a change")
    if not wants_change and target.change is not None:
        yield ((*loc, "change"), "change-not-used", f"a {kind.value} target takes no change")
    if wants_value and target.value is None:
        yield ((*loc, "value"), "missing-value", "an absolute_value target needs a value")
    if not wants_value and target.value is not None:
        yield ((*loc, "value"), "value-not-used", f"a {kind.value} target takes no value")
    change = target.change
    if change is not None and kind in (TargetKind.RELATIVE_CHANGE, TargetKind.GAP_REDUCTION):
        if change == 0 or change <= -1:
            yield (
                (*loc, "change"),
                "change-out-of-range",
                f"change {change:g} is a fraction of the baseline (−0.10 is a 10% cut): it must "
                "be above −1 and not 0",
            )
        elif abs(change) > 1 and kind == TargetKind.RELATIVE_CHANGE:
            yield (
                (*loc, "change"),
                "change-out-of-range",
                f"change {change:g} is more than a doubling; write percentages as fractions "
                "(−0.10 for a 10% cut)",
            )
    own_gap = indicator.measure_type in _OWN_GAP
    if kind == TargetKind.GAP_REDUCTION:
        if target.groups is None and not own_gap:
            yield (
                (*loc, "groups"),
                "missing-groups",
                f"a gap_reduction target on a {indicator.measure_type.value} indicator needs the "
                "two groups whose gap it narrows",
            )
        if target.groups is not None and own_gap:
            # the indicator's own values are the gap: groups would name category rows that are
            # never read, and validation would have to accept rows the indicator cannot have
            yield (
                (*loc, "groups"),
                "groups-on-a-gap-indicator",
                f"indicator {indicator.id!r} is a {indicator.measure_type.value} measure whose "
                "own values are the gap, so the target reads no group rows; say between whom "
                "the gap lies in the indicator's definition and remove groups",
            )
        if change is not None and change > 0:
            yield (
                (*loc, "change"),
                "direction-against-polarity",
                f"a gap_reduction narrows the gap, so change must be negative (got {change:g})",
            )
    elif target.groups is not None:
        yield (
            (*loc, "groups"),
            "groups-not-used",
            "groups are only used by gap_reduction targets",
        )
    if (
        target.groups is not None
        and not own_gap
        and target.groups.category_type not in indicator.breakdowns
    ):
        yield (
            (*loc, "groups", "category_type"),
            "groups-not-a-breakdown",
            f"indicator {indicator.id!r} has no breakdown {target.groups.category_type!r} "
            f"(it has: {', '.join(indicator.breakdowns) or 'none'}), so its rows could not be "
            "submitted; add it to the indicator's breakdowns",
        )
    if target.stated_as and kind not in (TargetKind.RELATIVE_CHANGE, TargetKind.GAP_REDUCTION):
        yield (
            (*loc, "stated_as"),
            "stated-as-not-used",
            "stated_as restates a percentage change; this target has none",
        )


def _check_direction(target: Target, indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    polarity = indicator.polarity
    kind = target.kind
    where = f"indicator {indicator.id!r} is {polarity.value}"
    if kind == TargetKind.BAND:
        if polarity != Polarity.TARGET_BAND:
            yield (
                (*loc, "kind"),
                "direction-against-polarity",
                f"a band target needs an indicator with polarity target_band ({where})",
            )
        return
    if kind == TargetKind.GAP_REDUCTION:
        if polarity == Polarity.HIGHER_IS_BETTER and indicator.measure_type in _OWN_GAP:
            yield (
                (*loc, "kind"),
                "direction-against-polarity",
                f"narrowing a gap cannot be the aim when a bigger gap is better ({where})",
            )
        return
    if kind not in _NEEDS_DIRECTION:
        return
    if polarity not in (Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER):
        yield (
            (*loc, "kind"),
            "direction-against-polarity",
            f"a {kind.value} target needs an indicator where lower or higher is better ({where})",
        )
        return
    down = polarity == Polarity.LOWER_IS_BETTER
    if kind == TargetKind.COUNT_INCREASE and down:
        yield (
            (*loc, "kind"),
            "direction-against-polarity",
            f"a count_increase target needs an indicator where higher is better ({where})",
        )
    if (
        target.change is not None
        and kind == TargetKind.RELATIVE_CHANGE
        and (target.change < 0) != down
    ):
        word = "cut" if target.change < 0 else "rise"
        yield (
            (*loc, "change"),
            "direction-against-polarity",
            f"change {target.change:g} is a {word}, but {where}",
        )
    if target.value is not None and target.baseline.value is not None:
        base = target.baseline.value
        if target.value != base and (target.value < base) != down:
            yield (
                (*loc, "value"),
                "direction-against-polarity",
                f"value {target.value:g} moves away from the baseline {base:g}, but {where}",
            )


def _check_units(target: Target, indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    for key, unit in (("unit",), target.unit), (("baseline", "unit"), target.baseline.unit):
        if unit is not None and unit != indicator.unit:
            yield (
                loc + key,
                "unit-mismatch",
                f"unit {unit!r} differs from the indicator's unit {indicator.unit!r}",
            )
    for s_i, stated in enumerate(target.stated_as):
        if stated.unit != indicator.unit and not (
            stated.unit in TIME_UNITS and indicator.unit in TIME_UNITS
        ):
            yield (
                (*loc, "stated_as", s_i, "unit"),
                "unit-mismatch",
                f"unit {stated.unit!r} cannot be converted from the indicator's unit "
                f"{indicator.unit!r}",
            )


def _check_stated_as(target: Target, indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    if target.change is None:
        return
    for s_i, stated in enumerate(target.stated_as):
        if stated.unit == indicator.unit:
            factor = 1.0
        elif stated.unit in TIME_UNITS and indicator.unit in TIME_UNITS:
            factor = TIME_UNITS[indicator.unit] / TIME_UNITS[stated.unit]
        else:
            continue  # reported by _check_units
        implied = abs(target.change) * stated.baseline_value * factor
        if abs(implied - stated.amount) > stated.rounded_to / 2 + 1e-9:
            yield (
                (*loc, "stated_as", s_i, "amount"),
                "stated-as-disagrees",
                f"{abs(target.change):.0%} of {stated.baseline_value:g} {indicator.unit} is "
                f"{implied:.2f} {stated.unit}, which does not round to {stated.amount:g} "
                f"{stated.unit} (to the nearest {stated.rounded_to:g})",
            )


def _check_plausible(target: Target, indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    rng = indicator.plausible_range
    declared: list[tuple[Loc, float | None]] = [(("baseline", "value"), target.baseline.value)]
    declared += [
        (("baseline", "by_area", code), v) for code, v in (target.baseline.by_area or {}).items()
    ]
    if target.kind != TargetKind.COUNT_INCREASE:
        declared.append((("value",), target.value))
        declared += [
            (("milestones", m_i, "value"), m.value) for m_i, m in enumerate(target.milestones)
        ]
    for key, value in declared:
        if value is not None and not rng.min <= value <= rng.max:
            yield (
                loc + key,
                "outside-plausible-range",
                f"{value:g} lies outside the indicator's plausible range {rng.min:g}–{rng.max:g}",
            )


def _parse(label: str, period_type: PeriodType | None) -> Period:
    return Period.parse(label, period_type)


def _check_periods(target: Target, indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    baseline = None
    if target.baseline.period is not None:
        try:
            baseline = _parse(target.baseline.period, indicator.period_type)
        except PeriodError as exc:
            yield (
                (*loc, "baseline", "period"),
                "bad-period",
                f"{exc} (indicator {indicator.id!r} is reported by {indicator.period_type.value})",
            )
    try:
        deadline = _time_point(target.deadline, indicator.period_type)
    except PeriodError as exc:
        yield ((*loc, "deadline"), "bad-period", str(exc))
        return
    if baseline is not None and not deadline.end > baseline.end:
        yield (
            (*loc, "deadline"),
            "deadline-not-after-baseline",
            f"deadline {target.deadline} must end after the baseline period "
            f"{target.baseline.period}",
        )
    previous = baseline
    for m_i, milestone in enumerate(target.milestones):
        mloc = (*loc, "milestones", m_i, "period")
        try:
            period = _time_point(milestone.period, indicator.period_type)
        except PeriodError as exc:
            yield (mloc, "bad-period", str(exc))
            continue
        if previous is not None and not period.end > previous.end:
            yield (
                mloc,
                "milestone-order",
                f"milestone {milestone.period} must come after the baseline and any earlier "
                "milestone",
            )
        if period.end > deadline.end:
            yield (
                mloc,
                "milestone-order",
                f"milestone {milestone.period} comes after the deadline {target.deadline}",
            )
        previous = period
    if target.trajectory == TrajectoryKind.MILESTONES and not target.milestones:
        yield (
            (*loc, "trajectory"),
            "missing-milestones",
            "trajectory: milestones needs at least one milestone",
        )


def _check_scope(plan: Plan, target: Target, loc: Loc) -> Iterator[Finding]:
    scope = target.scope
    areas = list(scope.areas or [])
    for a_i, code in enumerate(areas):
        problem = _area_problem(code)
        if problem:
            yield ((*loc, "scope", "areas", a_i), "unknown-area", problem)
        elif scope.type == ScopeType.PLACES and plan.places and code not in plan.places:
            yield (
                (*loc, "scope", "areas", a_i),
                "not-a-plan-place",
                f"{code} is not one of the plan's places ({', '.join(plan.places)})",
            )
    if scope.type == ScopeType.TARGETED_AREAS and not areas and scope.note is None:
        yield (
            (*loc, "scope"),
            "targeted-areas-unnamed",
            "name the targeted areas (areas: [...]) or say in a note why they are not named",
        )
    if scope.type == ScopeType.PLACES and not areas and not plan.places:
        yield ((*loc, "scope"), "no-places", "the plan lists no places for this scope to cover")
    in_scope = set(plan.scope_areas(target))
    for code in target.baseline.by_area or {}:
        if code not in in_scope:
            yield (
                (*loc, "baseline", "by_area", code),
                "baseline-area-outside-scope",
                f"{code} is not in the target's scope ({', '.join(str(c) for c in in_scope)})",
            )


def _check_area_type_reported(
    plan: Plan, target: Target, indicator: Indicator, loc: Loc
) -> Iterator[Finding]:
    from wyoutcomes import geography

    for code in plan.scope_areas(target):
        if code is None or _area_problem(code):
            continue  # no area, or reported as unknown-area
        area_type = str(geography.area(code).type)
        if area_type not in indicator.area_types:
            yield (
                (*loc, "scope"),
                "area-type-not-reported",
                f"the scope covers {code}, a {area_type}, but indicator {indicator.id!r} is "
                f"reported at {', '.join(indicator.area_types)}; add {area_type} to its "
                "area_types or change the scope",
            )
            return


def _check_plan_areas(plan: Plan) -> Iterator[Finding]:
    if plan.area is not None and (problem := _area_problem(plan.area)):
        yield (("area",), "unknown-area", problem)
    for p_i, code in enumerate(plan.places):
        if problem := _area_problem(code):
            yield (("places", p_i), "unknown-area", problem)


def _area_problem(code: str) -> str | None:
    from wyoutcomes import geography

    try:
        area = geography.area(code)
    except AreaError as exc:
        return str(exc)
    if area.code != code:
        return f"write {code!r} as {area.code!r} (the canonical code)"
    return None


@functools.cache
def _area_types() -> frozenset[str]:
    from wyoutcomes import geography

    return frozenset(geography.areas()["type"].astype(str))


def _check_area_types(indicator: Indicator, loc: Loc) -> Iterator[Finding]:
    known = _area_types()
    for t_i, area_type in enumerate(indicator.area_types):
        if area_type not in known:
            yield (
                (*loc, "area_types", t_i),
                "unknown-area-type",
                f"{area_type!r} is not an area type of the geography table "
                f"({', '.join(sorted(known))})",
            )
