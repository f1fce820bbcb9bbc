"""Plan definitions: the plan, its ambitions, indicators and targets (docs/definitions.md).

>>> from wyoutcomes.definitions import Plan, Target
>>> sorted(Target.model_fields)[:3]
['baseline', 'change', 'count_basis']
"""

from __future__ import annotations

from wyoutcomes.definitions.lineage import (
    PlanFamily,
    RevisedPromise,
    bundled_family,
    bundled_plans_dir,
    family_of,
    load_family,
    load_plans,
)
from wyoutcomes.definitions.loader import bundled_plan_path, load_plan
from wyoutcomes.definitions.models import (
    Ambition,
    AmbitionLink,
    Band,
    Baseline,
    Citation,
    Decision,
    ExcludedPeriod,
    Groups,
    Indicator,
    Milestone,
    Plan,
    PlausibleRange,
    Revision,
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
    FootprintChange,
    MeasureType,
    Polarity,
    ScopeType,
    Sex,
    TargetKind,
    Trajectory,
)

__all__ = [
    "Ambition",
    "AmbitionLink",
    "Band",
    "Baseline",
    "CIMethod",
    "Citation",
    "CountBasis",
    "Decision",
    "ExcludedPeriod",
    "FootprintChange",
    "Groups",
    "Indicator",
    "MeasureType",
    "Milestone",
    "Plan",
    "PlanFamily",
    "PlausibleRange",
    "Polarity",
    "RevisedPromise",
    "Revision",
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
    "bundled_family",
    "bundled_plan_path",
    "bundled_plans_dir",
    "family_of",
    "load_family",
    "load_plan",
    "load_plans",
]
