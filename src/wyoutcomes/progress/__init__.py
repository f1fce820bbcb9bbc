"""Progress: where each target of a plan stands against its trajectory (docs/progress.md).

``judge(plan, values, quarter)`` returns a :class:`ProgressResult`: the progress frame plus, per
row, what it was judged on. ``progress_frame`` returns the frame alone.

``wyoutcomes.progress`` is this subpackage; calling it like the function it used to be
(``wyoutcomes.progress(plan, values, ...)``) still works for one release, with a
DeprecationWarning (docs/progress.md, "Names").
"""

from __future__ import annotations

import sys

from wyoutcomes import _make_progress_callable
from wyoutcomes.progress.columns import COLUMNS
from wyoutcomes.progress.frame import judge, judged_series, progress_frame
from wyoutcomes.progress.result import SERIES_COLUMNS, Benchmark, JudgedRow, ProgressResult
from wyoutcomes.progress.rollup import ambition_rollup
from wyoutcomes.progress.status import Qualifier, Status

__all__ = [
    "COLUMNS",
    "SERIES_COLUMNS",
    "Benchmark",
    "JudgedRow",
    "ProgressResult",
    "Qualifier",
    "Status",
    "ambition_rollup",
    "judge",
    "judged_series",
    "progress_frame",
]

# the old callable wyoutcomes.progress(...), kept for one release (see wyoutcomes/__init__.py)
_make_progress_callable(sys.modules[__name__])
