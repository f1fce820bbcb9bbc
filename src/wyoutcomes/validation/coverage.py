"""Coverage: the rows a submission should hold but does not (a warning, never an error).

For each indicator of the submission and each period submitted for it, every expected place
(by default the plan's six places) should have at least one row from an area carrying its
data — the place itself or a carrier (its local authority, CCG …) of a type the indicator is
reported at and in use during the period. A place no such area could carry is not expected.
Submitters miss these most often and generic validators
never look, because the missing row is not in the file to be checked.
"""

from __future__ import annotations

import numpy as np

from wyoutcomes.validation.expectations import PlanFacts
from wyoutcomes.validation.failures import FailureLog
from wyoutcomes.validation.frame import SubmittedFrame

__all__ = ["check_coverage"]


def check_coverage(
    frame: SubmittedFrame, facts: PlanFacts, log: FailureLog, expected_places: tuple[str, ...]
) -> int:
    """Log one ``coverage-missing`` warning per (indicator, place, period) with no row from
    any area carrying the place's data; returns the number of expected combinations."""
    indicator_codes, period_codes = frame.codes("indicator_id"), frame.codes("period")
    indicator_labels, period_labels = frame.labels("indicator_id"), frame.labels("period")
    area_codes, area_labels = frame.codes("area_code"), frame.labels("area_code")
    usable = (indicator_codes >= 0) & (period_codes >= 0) & (area_codes >= 0)
    if not usable.any():
        return 0
    n_periods, n_areas = len(period_labels), len(area_labels)
    pair = indicator_codes[usable].astype(np.int64) * n_periods + period_codes[usable]
    triples = np.unique(pair * n_areas + area_codes[usable])
    area_place = [_place_of(facts, label) for label in area_labels]
    covered: dict[int, set[str]] = {}
    for triple in triples.tolist():
        p, a = divmod(triple, n_areas)
        place = area_place[a]
        covered.setdefault(p, set())
        if place is not None:
            covered[p].add(place)

    expected = 0
    place_facts = {code: facts.area(code) for code in expected_places}
    for p in sorted(covered):
        indicator = facts.indicators.get(indicator_labels[p // n_periods])
        label = period_labels[p % n_periods]
        if indicator is None:
            continue
        try:
            period = facts.parse_period(label, indicator.period_type)
        except ValueError:
            continue  # reported by malformed-period / wrong-period-type
        for place in expected_places:
            candidates = [*facts.carriers(place)]
            own = place_facts[place]
            if own is not None:
                candidates.append(own)
            if not any(
                (not indicator.area_types or area.type in indicator.area_types)
                and area.in_use_during(period.start, period.end)
                for area in candidates
            ):
                continue  # no area could carry this place for this indicator and period
            expected += 1
            if place in covered[p]:
                continue
            keys = {"indicator_id": indicator.id, "area_code": place, "period": label}
            log.add(
                "coverage-missing",
                "(row)",
                np.array([0]),
                np.array([-1]),
                [_place_name(place)],
                keys=keys,
                indicator=indicator.id,
                area=_place_name(place),
                period=label,
            )
    return expected


def _place_of(facts: PlanFacts, code: str) -> str | None:
    area = facts.area(code)
    return area.place if area is not None else None


def _place_name(code: str) -> str:
    """The place's name for messages ("Leeds", not the plan's pseudo-code "WYHLDS")."""
    from wyoutcomes.errors import AreaError
    from wyoutcomes.geography import lookup

    try:
        return lookup.area(code).name
    except AreaError:  # a place of an analyst's own plan that the area table does not know
        return code
