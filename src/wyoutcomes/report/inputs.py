"""What the report is made from: the progress frames, the judged series and the data vintage.

The report reads only these — the progress frame (docs/progress.md), the series each target is
judged on (for the charts), the plan, SPC results, and the store's submission ids and
revisions — never raw submissions. :class:`ReportInputs` bundles them so that a report can be
rendered from a store (:func:`wyoutcomes.report.sources.inputs_from`) or from hand-built frames
in tests and notebooks alike.

``series`` has the columns of the judged series (``wyoutcomes.ProgressResult.SERIES_COLUMNS``,
docs/progress.md); the report reads ``target_id``, ``area_code``, ``period`` (label), ``mid``
(the period's mid-point, a date), ``value``, ``lower_ci``, ``upper_ci`` and ``value_note``
(text, may be empty). ``England`` values for the benchmark row are series rows with
``area_code`` E92000001. ``trajectories`` maps (target_id, area_code) to the (date, value) knots
the row was judged against; a chart draws them as they are.

A value is **demonstration data** when its ``value_note`` contains the words
"demonstration data" (any case): the report then carries a banner on its cover.

>>> import pandas as pd
>>> is_demo_note("Demonstration data: synthetic")
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from wyoutcomes.errors import InputFileError
from wyoutcomes.progress import ProgressResult

__all__ = [
    "DEMO_MARKER",
    "ENGLAND",
    "SERIES_COLUMNS",
    "ReportInputs",
    "frame_sha256",
    "is_demo_note",
]

#: the words in ``value_note`` that mark a value as made-up demonstration data
DEMO_MARKER = "demonstration data"
ENGLAND = "E92000001"
#: the judged series' columns: one definition, progress's
SERIES_COLUMNS = ProgressResult.SERIES_COLUMNS
# the ones the report reads (a hand-built frame may leave out judged_quantity, start and end)
_SERIES_READ = (
    "target_id",
    "area_code",
    "period",
    "mid",
    "value",
    "lower_ci",
    "upper_ci",
    "value_note",
)
_PROGRESS_REQUIRED = (
    "ambition",
    "indicator_id",
    "target_id",
    "area_code",
    "area_name",
    "status",
    "latest_period",
    "latest_value",
)


def is_demo_note(note: object) -> bool:
    """Whether a value note marks the value as demonstration data."""
    return isinstance(note, str) and DEMO_MARKER in note.lower()


def frame_sha256(frame: pd.DataFrame) -> str:
    """A hash of a frame's content (columns, then rows as CSV text), stable across runs."""
    ordered = frame.reindex(columns=sorted(frame.columns))
    text = ordered.to_csv(index=False, lineterminator="\n", float_format="%.17g")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReportInputs:
    """Everything one quarterly report shows, already computed.

    ``previous`` is the progress frame as at ``compare_to`` (the previous quarter);
    ``revisions`` is the store's ``revisions(since=end of compare_to, until=end of quarter)``;
    ``spc_results`` maps (target_id, area_code) to a ``wyoutcomes.spc.xmr`` result (drawn as an
    XmR chart); ``spc_svg`` instead maps them to ready SVG text made by ``wyoutcomes.spc``;
    ``warnings`` has ``indicator_id``, ``area_code``, ``message`` for validation warnings that
    affect shown values; ``trajectories`` maps (target_id, area_code) to the trajectory knots
    progress judged the row against (``JudgedRow.knots``).
    """

    quarter: str
    progress: pd.DataFrame
    series: pd.DataFrame
    previous: pd.DataFrame | None = None
    compare_to: str | None = None
    revisions: pd.DataFrame | None = None
    submission_ids: tuple[str, ...] = ()
    data_sha256: str = ""
    spc_svg: Mapping[tuple[str, str | None], str] = field(default_factory=dict)
    spc_results: Mapping[tuple[str, str | None], Any] = field(default_factory=dict)
    warnings: pd.DataFrame | None = None
    trajectories: Mapping[tuple[str, str | None], Sequence[tuple[date, float]]] = field(
        default_factory=dict
    )
    #: revised promises beside the promises they replaced (``progress.promises.revised_promises``)
    revised: pd.DataFrame | None = None
    #: SHA-256 of the plan files the quarter was judged against (``Plan.sha256``)
    plan_sha256: str = ""

    def __post_init__(self) -> None:
        missing = [c for c in _PROGRESS_REQUIRED if c not in self.progress.columns]
        if missing:
            raise InputFileError(
                f"report: the progress frame lacks column(s) {', '.join(missing)} "
                "(see docs/progress.md for the progress frame's columns)"
            )
        missing = [c for c in _SERIES_READ if c not in self.series.columns]
        if missing:
            raise InputFileError(
                f"report: the series frame lacks column(s) {', '.join(missing)} "
                f"(expected {', '.join(_SERIES_READ)})"
            )

    @property
    def vintage(self) -> str:
        """The hash shown on the cover: given, or computed from the frames the report shows."""
        if self.data_sha256:
            return self.data_sha256
        digest = hashlib.sha256()
        for frame in (self.progress, self.series):
            digest.update(frame_sha256(frame).encode("ascii"))
        return digest.hexdigest()

    @property
    def demo_values(self) -> int:
        """How many shown values are demonstration data."""
        notes = self.series["value_note"]
        return int(sum(is_demo_note(n) for n in notes))
