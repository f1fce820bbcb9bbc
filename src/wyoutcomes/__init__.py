"""wyoutcomes: plan definitions, validated indicator data, PHE statistics, SPC and the
quarterly ambition report of the West Yorkshire and Harrogate Health and Care Partnership.

The curated public API is listed in ``__all__``; everything else is reachable through the
subpackages (``wyoutcomes.stats``, ``wyoutcomes.spc`` …) but not promised to stay put.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from wyoutcomes.definitions import Ambition, Indicator, Plan, Target, load_plan
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
from wyoutcomes.periods import Period, PeriodType

# `progress` is both a subpackage and the function users call. Importing the subpackage binds the
# module to the name; the `as progress` binding then replaces it with the function, so
# `wyoutcomes.progress(plan, data)` works. Stable import: `from wyoutcomes.progress import
# progress_frame` (docs/progress.md, "Names").
from wyoutcomes.progress import progress_frame as progress
from wyoutcomes.progress.frame import judge
from wyoutcomes.progress.result import ProgressResult
from wyoutcomes.report import render_report
from wyoutcomes.spc import SPCOptions, SPCResult, xmr, xmr_frame
from wyoutcomes.store import Store, Submission
from wyoutcomes.validation import ValidationReport, read_fingertips, validate

try:
    __version__ = version("wyoutcomes")
except PackageNotFoundError:  # running from a checkout with PYTHONPATH=src
    __version__ = "0.0.0+unknown"

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
    "judge",
    "load_plan",
    "progress",
    "read_fingertips",
    "render_report",
    "validate",
    "xmr",
    "xmr_frame",
]
