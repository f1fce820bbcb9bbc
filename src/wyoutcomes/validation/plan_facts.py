"""Build :class:`PlanFacts` from the real models: ``wyoutcomes.definitions``, ``periods`` and
``geography``. The only module of validation that knows their field names."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from wyoutcomes.errors import AreaError, PeriodError
from wyoutcomes.validation.expectations import AreaFacts, IndicatorFacts, PeriodFacts, PlanFacts

__all__ = ["facts_from_plan"]


def facts_from_plan(plan: Any = None) -> PlanFacts:
    """Lookups for ``plan`` (None: the bundled plan)."""
    from wyoutcomes.definitions import load_plan

    if plan is None:
        plan = load_plan()
    # A target by sex needs the indicator's rows by sex. A target's groups add nothing: the
    # loader already insists their category type is one of the indicator's breakdowns (and a gap
    # or SII indicator, whose own values are the gap, takes no groups).
    extra: dict[str, set[str]] = {}
    for target in plan.targets:
        more = extra.setdefault(target.indicator, set())
        if _value(target.sex) != "Persons":
            more.add("sex")
    indicators = {i.id: _indicator(i, extra.get(i.id, set())) for i in plan.indicators}
    return PlanFacts(
        indicators=indicators,
        places=tuple(str(code) for code in plan.places),
        parse_period=_parse_period,
        area=_area,
        carriers=_carriers,
        fingertips_ids={
            str(i.source.fingertips_id): i.id
            for i in plan.indicators
            if getattr(getattr(i, "source", None), "fingertips_id", None) is not None
        },
    )


def _value(x: Any) -> str:
    return str(x)


def _indicator(indicator: Any, extra_breakdowns: set[str]) -> IndicatorFacts:
    plausible = getattr(indicator, "plausible_range", None)
    low = getattr(plausible, "min", None) if plausible is not None else None
    high = getattr(plausible, "max", None) if plausible is not None else None
    return IndicatorFacts(
        id=indicator.id,
        period_type=_value(indicator.period_type),
        area_types=tuple(_value(t) for t in indicator.area_types),
        measure_type=_value(indicator.measure_type),
        multiplier=float(indicator.multiplier),
        decimals=int(indicator.decimals),
        ci_method=_value(indicator.ci_method),
        breakdowns=tuple(
            dict.fromkeys([*(_value(b) for b in indicator.breakdowns), *sorted(extra_breakdowns)])
        ),
        plausible_min=None if low is None else float(low),
        plausible_max=None if high is None else float(high),
    )


@lru_cache(maxsize=4096)
def _parse_period(label: str, period_type: str | None) -> PeriodFacts:
    from wyoutcomes.periods import Period

    try:
        period = Period.parse(label, period_type)
    except PeriodError:
        raise
    except (TypeError, KeyError) as exc:  # an unknown period type name
        raise PeriodError(str(exc)) from exc
    return PeriodFacts(period.label, _value(period.type), period.start, period.end)


@lru_cache(maxsize=4096)
def _area(code: str) -> AreaFacts | None:
    from wyoutcomes import geography

    try:
        area = geography.area(code)
    except AreaError:
        return None
    if area.code != code:  # normalised (e.g. an n-prefix): the submitted code is not canonical
        return None
    return _facts(area)


def _facts(area: Any) -> AreaFacts:
    return AreaFacts(area.code, _value(area.type), area.valid_from, area.valid_to, area.place)


@lru_cache(maxsize=64)
def _carriers(place: str) -> tuple[AreaFacts, ...]:
    from wyoutcomes import geography

    try:
        return tuple(_facts(a) for a in geography.carriers(place))
    except AreaError:
        return ()
