"""How the demo makes up each indicator: its family of counts, level, trend and denominators.

These numbers are invented to look plausible for West Yorkshire and Harrogate around 2019; they
are not estimates. Where a real figure exists (examples/data/published_figures.csv) the level
of that area follows it instead (see :mod:`wyoutcomes.demo.anchors`). An indicator the table does
not list (a plan that grew) still gets data: :func:`spec_for` derives a spec from its measure
type and plausible range.

>>> spec_for(load_plan().indicator("suicide-rate")).family
'dsr'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["SPECS", "DemoSpec", "load_plan", "spec_for"]


@dataclass(frozen=True)
class DemoSpec:
    """Recipe for one indicator.

    - ``family``: which counts are drawn (``proportion``, ``rate``, ``dsr``, ``isr``,
      ``poisson_count``, ``items_per_weight``, ``life_table_sii``, ``noisy_value``,
      ``difference_from``).
    - ``level``: the persons' value in 2019 for an average atom (indicator units).
    - ``trend``: relative change a year (``-0.02`` is 2% lower each year).
    - ``denominator``: people in the denominator per person per base period (births,
      children measured, respondents, cancers …).
    - ``gradient``: how much worse the rate is for a deprived atom (or decile), as a share of
      the level between the least and the most deprived.
    - ``sex``: (male, female) multipliers of the level, for indicators broken down by sex.
    - ``cv``: coefficient of variation of the year-to-year noise for ``noisy_value``.
    - ``age``: the age label written in the ``age`` column (Fingertips spelling).
    - ``shocks``: relative change in given base years (e.g. the pandemic).
    - ``of``, ``reference`` (family ``difference_from``): the indicator a gap is derived from
      and the area it is measured against: the gap is the reference area's value minus the
      area's, computed from the generated values.
    - ``provisional``: the share of the events already counted when a value is first
      submitted (late registrations, late prescription data); below 1 the value is submitted
      again, complete, a quarter later, which the store keeps as a revision.
    """

    family: str
    level: float
    trend: float = 0.0
    denominator: float = 1.0
    gradient: float = 0.2
    sex: tuple[float, float] = (1.0, 1.0)
    cv: float = 0.03
    age: str = "All ages"
    shocks: dict[int, float] = field(default_factory=dict)
    provisional: float = 1.0
    of: str | None = None
    reference: str | None = None


_COVID = {2020: -0.12}

SPECS: dict[str, DemoSpec] = {
    # ambition 1: the life-expectancy gap is the SII of life expectancy by decile, computed
    # from deaths; healthy life expectancy needs the Sullivan method, which wyoutcomes.stats
    # does not have, so it is a noisy value (anchored on the published figures) and its gap to
    # England is derived from it
    "healthy-life-expectancy": DemoSpec(
        "noisy_value", 62.0, 0.0, sex=(0.99, 1.01), cv=0.005, gradient=-0.12
    ),
    "healthy-life-expectancy-gap-england": DemoSpec(
        "difference_from", 0.0, of="healthy-life-expectancy", reference="E92000001"
    ),
    "life-expectancy-gap-deprivation": DemoSpec(
        "life_table_sii", 9.2, -0.004, sex=(1.087, 0.902), gradient=0.3
    ),
    "healthy-life-expectancy-gap-most-deprived": DemoSpec("noisy_value", 12.0, -0.01, cv=0.03),
    # ambition 2
    "smi-excess-under-75-mortality": DemoSpec(
        "isr", 390.0, 0.01, denominator=0.009, age="18-74 yrs"
    ),
    "learning-disability-life-expectancy-gap": DemoSpec("noisy_value", 20.0, -0.01, cv=0.03),
    # ambition 3
    "children-absolute-low-income": DemoSpec(
        "proportion", 17.0, 0.02, denominator=0.20, gradient=0.8, age="<16 yrs"
    ),
    "reception-obesity": DemoSpec(
        "proportion", 10.0, 0.01, denominator=0.012, gradient=0.6, age="4-5 yrs"
    ),
    "year6-obesity": DemoSpec(
        "proportion", 21.5, 0.015, denominator=0.012, gradient=0.5, age="10-11 yrs"
    ),
    # ambition 4
    "people-diagnosed-early": DemoSpec("poisson_count", 0.0026, 0.02, shocks=_COVID, gradient=-0.1),
    "early-stage-diagnosis-proportion": DemoSpec(
        "proportion", 52.0, 0.01, denominator=0.0052, gradient=-0.1, shocks={2020: -0.06}
    ),
    # ambition 5
    "suicide-rate": DemoSpec("dsr", 11.5, 0.01, sex=(1.5, 0.5), gradient=0.4, provisional=0.95),
    # ambition 6
    "e-coli-bacteraemia-rate": DemoSpec("rate", 80.0, -0.01, denominator=1.0, provisional=0.97),
    "antibiotic-items-per-star-pu": DemoSpec(
        "items_per_weight", 1.05, -0.04, denominator=0.9, shocks={2020: -0.18}, provisional=0.98
    ),
    # ambition 7
    "stillbirth-rate": DemoSpec("rate", 4.5, -0.03, denominator=0.0125, gradient=0.6),
    "neonatal-mortality-rate": DemoSpec("rate", 3.0, -0.02, denominator=0.0124, gradient=0.5),
    "brain-injury-rate": DemoSpec("rate", 4.3, -0.01, denominator=0.0125),
    "maternal-mortality-rate": DemoSpec("rate", 10.0, 0.0, denominator=0.0125),
    # ambition 8 (WRES): workforce ratios and gaps as noisy values, survey items as proportions
    "wres-1-bme-senior-gap": DemoSpec("noisy_value", -9.0, -0.06, cv=0.05),
    "wres-2-shortlisting-ratio": DemoSpec("noisy_value", 1.55, -0.05, cv=0.04),
    "wres-3-disciplinary-ratio": DemoSpec("noisy_value", 1.35, -0.04, cv=0.05),
    "wres-4-training-ratio": DemoSpec("noisy_value", 1.05, 0.0, cv=0.03),
    "wres-5-harassment-by-public": DemoSpec("proportion", 28.0, -0.01, denominator=0.008),
    "wres-6-harassment-by-staff": DemoSpec("proportion", 26.0, -0.005, denominator=0.008),
    "wres-7-career-progression": DemoSpec("proportion", 45.0, 0.01, denominator=0.008),
    "wres-8-discrimination": DemoSpec("proportion", 15.0, 0.0, denominator=0.008),
    "wres-9-board-gap": DemoSpec("noisy_value", -8.0, -0.08, cv=0.06),
    # ambition 9
    "nhs-carbon-footprint": DemoSpec("noisy_value", 0.26, -0.03, cv=0.02),
    "nhs-carbon-footprint-plus": DemoSpec("noisy_value", 0.93, -0.02, cv=0.02),
    "pm25-concentration": DemoSpec("noisy_value", 9.0, -0.03, cv=0.04, gradient=0.1),
    # ambition 10
    "average-weekly-earnings": DemoSpec("noisy_value", 560.0, 0.04, cv=0.015, gradient=-0.2),
    "employment-rate": DemoSpec(
        "proportion", 73.0, 0.003, denominator=0.006, gradient=-0.1, age="16-64 yrs"
    ),
    "employment-gap-long-term-condition": DemoSpec("noisy_value", 12.0, -0.01, cv=0.05),
}

#: measure types whose values scale with the population (per person per year in SPECS)
PER_PERSON = frozenset({"nhs-carbon-footprint", "nhs-carbon-footprint-plus"})


def spec_for(indicator: Any) -> DemoSpec:
    """The demo recipe for ``indicator`` (a plan Indicator)."""
    if indicator.id in SPECS:
        return SPECS[indicator.id]
    low, high = indicator.plausible_range.min, indicator.plausible_range.max
    middle = low + (high - low) / 4
    measure = str(indicator.measure_type)
    if measure == "proportion":
        return DemoSpec("proportion", middle, 0.0, denominator=0.01)
    if measure in {"crude_rate", "dsr"}:
        return DemoSpec("rate", middle, 0.0, denominator=1.0)
    return DemoSpec("noisy_value", middle, 0.0, cv=0.03)


def load_plan() -> Any:
    """The bundled plan (for the doctest)."""
    from wyoutcomes.definitions import load_plan as load

    return load()
