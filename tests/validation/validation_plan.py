"""A small, self-contained plan for the validation spec tests.

The rules are tested against these hand-written facts (two indicators, a handful of areas,
three period forms), so each spec is independent of the bundled plan's content; the bundled
plan gets its own end-to-end test.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from wyoutcomes.validation.expectations import AreaFacts, IndicatorFacts, PeriodFacts, PlanFacts

FIXTURES = Path(__file__).parents[1] / "fixtures" / "submissions"
AS_OF = date(2025, 6, 30)


def _parse_period(label: str, period_type: str | None) -> PeriodFacts:
    """calendar_year "2019", calendar_years_pooled "2017 - 19", financial_year "2019/20"."""
    if m := re.fullmatch(r"(\d{4})", label):
        found = PeriodFacts(
            label, "calendar_year", date(int(label), 1, 1), date(int(label), 12, 31)
        )
    elif m := re.fullmatch(r"(\d{4}) ?- ?(\d{2})", label):
        first = int(m.group(1))
        last = first // 100 * 100 + int(m.group(2))
        found = PeriodFacts(
            f"{first} - {m.group(2)}",
            "calendar_years_pooled",
            date(first, 1, 1),
            date(last, 12, 31),
        )
    elif m := re.fullmatch(r"(\d{4})/(\d{2})", label):
        first = int(m.group(1))
        if (first + 1) % 100 != int(m.group(2)):
            raise ValueError(f"bad financial year {label!r}")
        found = PeriodFacts(label, "financial_year", date(first, 4, 1), date(first + 1, 3, 31))
    else:
        raise ValueError(f"not a period label: {label!r}")
    if period_type is not None and found.type != period_type:
        raise ValueError(f"{label!r} is not a {period_type}")
    return found


_AREAS = {
    "E08000032": AreaFacts("E08000032", "local_authority", None, None, "WYHBDC"),  # Bradford
    "E08000035": AreaFacts("E08000035", "local_authority", None, None, "WYHLDS"),  # Leeds
    "E54000005": AreaFacts("E54000005", "stp_icb", None, date(2021, 3, 31)),  # WY&H STP
    "E54000054": AreaFacts("E54000054", "stp_icb", date(2021, 4, 1), None),  # WY ICB
    "E38000225": AreaFacts("E38000225", "sub_icb_ccg", date(2018, 4, 1), None, "WYHLDS"),
    "WYHBDC": AreaFacts("WYHBDC", "place", None, None, "WYHBDC"),
    "WYHLDS": AreaFacts("WYHLDS", "place", None, None, "WYHLDS"),
}
_CARRIERS = {
    "WYHBDC": (_AREAS["E08000032"],),
    "WYHLDS": (_AREAS["E08000035"], _AREAS["E38000225"]),
}


def make_facts() -> PlanFacts:
    return PlanFacts(
        indicators={
            "suicide-rate": IndicatorFacts(
                "suicide-rate",
                "calendar_years_pooled",
                ("local_authority", "stp_icb"),
                "dsr",
                100000,
                1,
                "dobson",
                (),
                0.0,
                100.0,
            ),
            "smoking-at-delivery": IndicatorFacts(
                "smoking-at-delivery",
                "financial_year",
                ("local_authority",),
                "proportion",
                100,
                1,
                "wilson",
                ("deprivation_decile", "sex"),
                0.0,
                100.0,
            ),
        },
        places=("WYHBDC", "WYHLDS"),
        parse_period=_parse_period,
        area=_AREAS.get,
        carriers=lambda place: _CARRIERS.get(place, ()),
        categories={"deprivation_decile": frozenset(str(d) for d in range(1, 11))},
        fingertips_ids={"41001": "suicide-rate", "93085": "smoking-at-delivery"},
    )
