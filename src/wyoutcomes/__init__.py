"""wyoutcomes: plan definitions, validated indicator data, PHE statistics, SPC and the
quarterly ambition report of the West Yorkshire and Harrogate Health and Care Partnership.

The curated public API is listed in ``__all__``; everything else is reachable through the
subpackages (``wyoutcomes.stats``, ``wyoutcomes.spc`` …) but not promised to stay put.

Importing the package is cheap: each name of ``__all__`` is imported when first used, so
``import wyoutcomes`` (and ``wyoutcomes --version``) loads neither scipy nor jinja2 nor pyarrow.

>>> import wyoutcomes
>>> wyoutcomes.PeriodType.MONTH.value
'month'
"""

from __future__ import annotations

import warnings
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from wyoutcomes._version import __version__
from wyoutcomes.errors import (
    AreaError,
    DefinitionError,
    InputFileError,
    PeriodError,
    StatsInputError,
    StoreError,
    StoreIntegrityError,
    UsageError,
    WyoutcomesError,
)

if TYPE_CHECKING:  # what the lazy names below are, for type checkers and editors
    from wyoutcomes.definitions import (
        Ambition,
        Indicator,
        Plan,
        PlanFamily,
        Target,
        bundled_family,
        load_plan,
        load_plans,
    )
    from wyoutcomes.periods import Period, PeriodType
    from wyoutcomes.progress import ProgressResult, judge
    from wyoutcomes.report import render_report
    from wyoutcomes.spc import SPCOptions, SPCResult, xmr, xmr_frame
    from wyoutcomes.store import Store, Submission
    from wyoutcomes.validation import ValidationReport, read_fingertips, validate

__all__ = [
    "Ambition",
    "AreaError",
    "DefinitionError",
    "Indicator",
    "InputFileError",
    "Period",
    "PeriodError",
    "PeriodType",
    "Plan",
    "PlanFamily",
    "ProgressResult",
    "SPCOptions",
    "SPCResult",
    "StatsInputError",
    "Store",
    "StoreError",
    "StoreIntegrityError",
    "Submission",
    "Target",
    "UsageError",
    "ValidationReport",
    "WyoutcomesError",
    "__version__",
    "bundled_family",
    "judge",
    "load_plan",
    "load_plans",
    "progress",
    "read_fingertips",
    "render_report",
    "validate",
    "xmr",
    "xmr_frame",
]

# name → the module it lives in; imported on first use (PEP 562)
_LAZY = {
    "Ambition": "wyoutcomes.definitions",
    "Indicator": "wyoutcomes.definitions",
    "Plan": "wyoutcomes.definitions",
    "Target": "wyoutcomes.definitions",
    "load_plan": "wyoutcomes.definitions",
    "PlanFamily": "wyoutcomes.definitions",
    "bundled_family": "wyoutcomes.definitions",
    "load_plans": "wyoutcomes.definitions",
    "Period": "wyoutcomes.periods",
    "PeriodType": "wyoutcomes.periods",
    "ProgressResult": "wyoutcomes.progress",
    "judge": "wyoutcomes.progress",
    "render_report": "wyoutcomes.report",
    "SPCOptions": "wyoutcomes.spc",
    "SPCResult": "wyoutcomes.spc",
    "xmr": "wyoutcomes.spc",
    "xmr_frame": "wyoutcomes.spc",
    "Store": "wyoutcomes.store",
    "Submission": "wyoutcomes.store",
    "ValidationReport": "wyoutcomes.validation",
    "read_fingertips": "wyoutcomes.validation",
    "validate": "wyoutcomes.validation",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value  # later lookups skip this function
        return value
    if name == "progress":
        # the subpackage; calling it (the old wyoutcomes.progress(plan, data)) still works
        return import_module("wyoutcomes.progress")
    raise AttributeError(f"module 'wyoutcomes' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _CallableProgress(ModuleType):
    """The ``wyoutcomes.progress`` package, still callable as the old ``wyoutcomes.progress(...)``
    for one release (it is ``progress_frame``), with a DeprecationWarning."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        warnings.warn(
            "calling wyoutcomes.progress(...) is deprecated; use "
            "wyoutcomes.progress.progress_frame(...) (wyoutcomes.progress is the subpackage)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.progress_frame(*args, **kwargs)


def _make_progress_callable(module: ModuleType) -> None:
    """Called by ``wyoutcomes.progress`` as it is imported (see its ``__init__``)."""
    module.__class__ = _CallableProgress
