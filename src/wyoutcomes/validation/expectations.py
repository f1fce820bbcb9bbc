"""What the plan expects of a submitted row, in the few facts the rules need.

The rules never read the pydantic models directly: this module turns a ``Plan`` (and the area
table and period grammar) into plain lookups, so the rules stay vectorised and the coupling to
the definitions' field names lives in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

__all__ = ["AreaFacts", "IndicatorFacts", "PeriodFacts", "PlanFacts"]

#: measure types whose value is numerator ÷ denominator × multiplier
RATIO_MEASURES = frozenset({"proportion", "crude_rate"})


@dataclass(frozen=True)
class IndicatorFacts:
    id: str
    period_type: str
    area_types: tuple[str, ...]
    measure_type: str
    multiplier: float
    decimals: int
    ci_method: str
    breakdowns: tuple[str, ...]  # category types, plus "sex" when split by sex
    plausible_min: float | None
    plausible_max: float | None


@dataclass(frozen=True)
class PeriodFacts:
    label: str
    type: str
    start: date
    end: date


@dataclass(frozen=True)
class AreaFacts:
    code: str
    type: str
    valid_from: date | None
    valid_to: date | None
    place: str | None = None  # the plan place whose data this code carries

    def in_use_during(self, start: date, end: date) -> bool:
        """True when the code was in use on at least one day of [start, end]."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or self.valid_to >= start
        )


@dataclass
class PlanFacts:
    """Lookups derived from a plan. ``parse_period(label, type_or_None)`` raises ``ValueError``
    (``PeriodError`` is one) for a bad label; ``area(code)`` returns None for an unknown code."""

    indicators: dict[str, IndicatorFacts]
    places: tuple[str, ...]
    parse_period: Callable[[str, str | None], PeriodFacts]
    area: Callable[[str], AreaFacts | None]
    #: the areas whose data count towards a place (not the place row itself)
    carriers: Callable[[str], tuple[AreaFacts, ...]] = lambda place: ()
    #: category vocabulary per category type; a type missing here accepts any category
    categories: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Fingertips indicator number (as text) → plan indicator id
    fingertips_ids: dict[str, str] = field(default_factory=dict)
    period_forms: str = "e.g. 2019, 2019/20, 2017 - 19, 2024/25 Q2, 2024-07"
