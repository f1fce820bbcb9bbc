"""What progress hands on: the progress frame and, per row, exactly what the row was judged on.

A :class:`ProgressResult` is the one hand-off from progress to anything that shows a judgement
(the report, a notebook): the frame (docs/progress.md) plus, for each target × area, a
:class:`JudgedRow` holding the judged series, the trajectory it was compared with (milestones
applied) and the SPC result behind its icons. Whoever draws a chart draws these, so a chart
cannot show a path or a point other than the one judged.

>>> from datetime import date, datetime
>>> from wyoutcomes.progress.observations import Observation
>>> point = Observation("2019", date(2019, 1, 1), date(2019, 12, 31), date(2019, 7, 2), 9.5)
>>> row = JudgedRow("t1", "E08000035", "x", "value", (point,), None, None)
>>> row.series_frame()["value"].tolist()
[9.5]
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

import pandas as pd

from wyoutcomes.progress.observations import Observation
from wyoutcomes.progress.trajectory import Trajectory
from wyoutcomes.spc import SPCResult

__all__ = ["ENGLAND", "SERIES_COLUMNS", "Benchmark", "JudgedRow", "ProgressResult"]

#: England's area code: the benchmark series shown beside a value target's areas
ENGLAND = "E92000001"

#: the columns of a judged-series table (`judged_series`, `ProgressResult.series_frame`): one row
#: per target × area × period; `value_note` is the submitted row's note ('' when none);
#: `excluded` flags a point in a declared series break (drawn, never judged)
SERIES_COLUMNS = (
    "target_id",
    "area_code",
    "judged_quantity",
    "period",
    "start",
    "end",
    "mid",
    "value",
    "lower_ci",
    "upper_ci",
    "value_note",
    "excluded",
)

_EMPTY: Mapping[str, str] = MappingProxyType({})


def _series_rows(
    target_id: str,
    area_code: str | None,
    quantity: str,
    series: tuple[Observation, ...],
    notes: Mapping[str, str],
    excluded: tuple[str, ...] = (),
) -> list[tuple[object, ...]]:
    return [
        (
            target_id,
            area_code,
            quantity,
            o.period,
            o.start,
            o.end,
            o.mid,
            o.value,
            o.lower,
            o.upper,
            notes.get(o.period, ""),
            o.period in excluded,
        )
        for o in series
    ]


@dataclass(frozen=True)
class JudgedRow:
    """One progress row's judgement material: what was judged, against what, with which SPC.

    ``series`` is the judged quantity's observations up to the end of the quarter (the gap,
    the running total or the values, with their CIs); ``complete`` is False when the series has
    a hole that forbids a judgement on a number (a running total with a year missing: the
    frame's numbers are then blank and nothing should be drawn). ``trajectory``
    is the path the row was compared with (baseline → milestones → target, mid-point to
    mid-point), None where the target sets no numeric path. ``spc`` is the XmR result behind the
    row's icons, None where SPC does not apply. ``notes`` maps a period label to the note
    submitted with the value behind that point.
    """

    target_id: str
    area_code: str | None
    indicator_id: str
    quantity: str
    series: tuple[Observation, ...]
    trajectory: Trajectory | None
    spc: SPCResult | None
    complete: bool = True
    notes: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    #: the points the XmR result was computed on (non-overlapping, outside any series break)
    spc_points: tuple[Observation, ...] = ()
    #: the periods of ``series`` that fall in a declared series break (shown, never judged)
    excluded: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str | None]:
        return self.target_id, self.area_code

    @property
    def knots(self) -> tuple[tuple[date, float], ...]:
        """The trajectory's (date, value) knots; empty when there is no trajectory."""
        return () if self.trajectory is None else self.trajectory.knots

    @property
    def spc_series(self) -> tuple[Observation, ...]:
        """The points the SPC result was computed on (in time order)."""
        if self.spc is None:
            return ()
        if self.spc_points:
            return self.spc_points
        return tuple(o for o in self.series if math.isfinite(o.value))

    def series_frame(self) -> pd.DataFrame:
        """The series as a table with :data:`SERIES_COLUMNS`."""
        rows = _series_rows(
            self.target_id, self.area_code, self.quantity, self.series, self.notes, self.excluded
        )
        return pd.DataFrame(rows, columns=list(SERIES_COLUMNS))


@dataclass(frozen=True)
class Benchmark:
    """England's series for a value target, made as each area's series is (never judged)."""

    target_id: str
    area_code: str
    series: tuple[Observation, ...]
    notes: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def series_frame(self) -> pd.DataFrame:
        """The series as a table with :data:`SERIES_COLUMNS` (``judged_quantity`` 'value')."""
        rows = _series_rows(self.target_id, self.area_code, "value", self.series, self.notes)
        return pd.DataFrame(rows, columns=list(SERIES_COLUMNS))


@dataclass(frozen=True)
class ProgressResult:
    """The judged result of a plan as at a quarter (see docs/progress.md, "The judged result").

    ``frame`` is the progress frame; ``rows`` has one :class:`JudgedRow` per frame row, in the
    frame's order; ``benchmarks`` maps a value target's id to England's series; ``values`` is
    the canonical values current at ``as_of`` for periods ending by the end of ``quarter`` (what
    the judgement could see: its hash is a report's data vintage).
    """

    quarter: str
    as_of: date | datetime | str
    frame: pd.DataFrame
    rows: tuple[JudgedRow, ...]
    values: pd.DataFrame
    benchmarks: Mapping[str, Benchmark] = field(default_factory=lambda: MappingProxyType({}))
    _index: Mapping[tuple[str, str | None], JudgedRow] = field(
        default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False
    )

    #: the columns of :meth:`series_frame` (one definition for progress and the report)
    SERIES_COLUMNS = SERIES_COLUMNS

    def __post_init__(self) -> None:
        index = MappingProxyType({row.key: row for row in self.rows})
        object.__setattr__(self, "_index", index)

    def __iter__(self) -> Iterator[JudgedRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, target_id: str, area_code: str | None) -> JudgedRow:
        """The judged row of one target in one area (KeyError when progress made none)."""
        try:
            return self._index[(target_id, area_code)]
        except KeyError:
            raise KeyError(f"no progress row for target {target_id!r} in {area_code!r}") from None

    def get(self, target_id: str, area_code: str | None) -> JudgedRow | None:
        return self._index.get((target_id, area_code))

    def benchmark(self, target_id: str) -> Benchmark | None:
        """England's series beside a value target, or None."""
        return self.benchmarks.get(target_id)

    def series_frame(self, *, complete_only: bool = True) -> pd.DataFrame:
        """Every judged point as one table (:data:`SERIES_COLUMNS`), in the rows' order.

        ``complete_only`` leaves out rows that could not be judged on a number (what
        `judged_series` returns).
        """
        rows: list[tuple[object, ...]] = []
        for row in self.rows:
            if row.complete or not complete_only:
                rows += _series_rows(
                    row.target_id, row.area_code, row.quantity, row.series, row.notes, row.excluded
                )
        return pd.DataFrame(rows, columns=list(SERIES_COLUMNS))
