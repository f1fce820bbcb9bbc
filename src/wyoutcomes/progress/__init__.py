"""Progress: where each target of a plan stands against its trajectory (docs/progress.md).

The stable import is ``from wyoutcomes.progress import progress_frame``; the same function is
exported as ``wyoutcomes.progress`` (see docs/progress.md, "Names").
"""

from __future__ import annotations

from wyoutcomes.progress.columns import COLUMNS
from wyoutcomes.progress.frame import SERIES_COLUMNS, judged_series, progress_frame
from wyoutcomes.progress.rollup import ambition_rollup
from wyoutcomes.progress.status import Qualifier, Status

__all__ = [
    "COLUMNS",
    "SERIES_COLUMNS",
    "Qualifier",
    "Status",
    "ambition_rollup",
    "judged_series",
    "progress_frame",
]
