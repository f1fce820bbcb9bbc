"""The closed vocabularies of a plan definition: measure types, polarities, CI methods, target
kinds, scopes and trajectories. Each is a ``str`` enum, so a member equals its YAML spelling
and prints as it (``str(MeasureType.DSR) == "dsr"``), in messages and templates alike.

>>> Polarity("lower_is_better") == "lower_is_better"
True
>>> str(MeasureType.DSR), f"{Polarity.TARGET_BAND}"
('dsr', 'target_band')
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "CIMethod",
    "CountBasis",
    "FootprintChange",
    "MeasureType",
    "Polarity",
    "ScopeType",
    "Sex",
    "TargetKind",
    "Trajectory",
    "Vocabulary",
]


class Vocabulary(str, Enum):
    """A closed list of words: each member is its spelling, and prints as it."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class MeasureType(Vocabulary):
    """What kind of number an indicator is (decides which statistics apply)."""

    PROPORTION = "proportion"
    CRUDE_RATE = "crude_rate"
    DSR = "dsr"
    ISR = "isr"
    LIFE_EXPECTANCY = "life_expectancy"
    GAP = "gap"
    SII = "sii"
    COUNT = "count"
    MEAN = "mean"
    RATIO = "ratio"
    SCORE = "score"
    CURRENCY = "currency"


class Polarity(Vocabulary):
    """Which way is better. ``target_band``: inside the indicator's band (e.g. WRES ratios)."""

    LOWER_IS_BETTER = "lower_is_better"
    HIGHER_IS_BETTER = "higher_is_better"
    TARGET_BAND = "target_band"
    NO_JUDGEMENT = "no_judgement"


class CIMethod(Vocabulary):
    """The confidence-interval method of an indicator (docs in the statistics reference)."""

    WILSON = "wilson"
    BYARS = "byars"
    EXACT_POISSON = "exact_poisson"
    DOBSON = "dobson"
    CHIANG_SILCOCKS = "chiang_silcocks"
    SIMULATION = "simulation"
    STUDENT_T = "student_t"
    NONE = "none"


class TargetKind(Vocabulary):
    """How a target is stated."""

    RELATIVE_CHANGE = "relative_change"  # change: -0.10 is a 10% cut on the baseline
    ABSOLUTE_VALUE = "absolute_value"  # value: the level to reach by the deadline
    GAP_REDUCTION = "gap_reduction"  # change: -0.05 narrows the gap between two groups by 5%
    COUNT_INCREASE = "count_increase"  # change: +1000 more people than in the baseline period
    HALT_TREND = "halt_trend"  # no further rise (or fall) beyond the baseline
    BAND = "band"  # stay within the indicator's band
    DIRECTION_ONLY = "direction_only"  # no number: improving is the aim


class CountBasis(Vocabulary):
    """How a count_increase target counts its extra people (docs/progress.md, rule 7)."""

    PER_YEAR = "per_year"  # each year's count against the baseline year's: "1,000 more a year"
    CUMULATIVE = "cumulative"  # the extra people summed over the years since the baseline year


class ScopeType(Vocabulary):
    """Where a target applies."""

    PARTNERSHIP = "partnership"
    PLACES = "places"
    TARGETED_AREAS = "targeted_areas"


class Trajectory(Vocabulary):
    """How the expected path from baseline to deadline is drawn."""

    LINEAR = "linear"
    MILESTONES = "milestones"


class FootprintChange(Vocabulary):
    """How a target is judged when its area's code is succeeded by one with another footprint
    (E54000005, West Yorkshire and Harrogate, by E54000054, West Yorkshire, in April 2021)."""

    JOIN_WITH_NOTE = "join_with_note"  # judge the joined series, and say the footprint changed
    REBASE = (
        "rebase"  # restart the trajectory from the new footprint's value in the baseline period
    )


class Sex(Vocabulary):
    """The sex a target is about (the canonical submission frame's spelling)."""

    PERSONS = "Persons"
    MALE = "Male"
    FEMALE = "Female"
