"""Plan definitions: the plan, its ambitions, indicators and targets (docs/definitions.md).

>>> from wyoutcomes.definitions import Plan, Target
>>> sorted(Target.model_fields)[:3]
['baseline', 'change', 'count_basis']
"""

from __future__ import annotations

from wyoutcomes.definitions.loader import bundled_plan_path, load_plan
from wyoutcomes.definitions.models import (
    Ambition,
    Band,
    Baseline,
    Citation,
    ExcludedPeriod,
    Groups,
    Indicator,
    Milestone,
    Plan,
    PlausibleRange,
    Scope,
    Source,
    SourceDocument,
    StatedAs,
    StepChange,
    Target,
)
from wyoutcomes.definitions.vocabulary import (
    CIMethod,
    CountBasis,
    MeasureType,
    Polarity,
    ScopeType,
    Sex,
    TargetKind,
    Trajectory,
)

__all__ = [
    "Ambition",
    "Band",
    "Baseline",
    "CIMethod",
    "Citation",
    "CountBasis",
    "ExcludedPeriod",
    "Groups",
    "Indicator",
    "MeasureType",
    "Milestone",
    "Plan",
    "PlausibleRange",
    "Polarity",
    "Scope",
    "ScopeType",
    "Sex",
    "Source",
    "SourceDocument",
    "StatedAs",
    "StepChange",
    "Target",
    "TargetKind",
    "Trajectory",
    "bundled_plan_path",
    "load_plan",
]
