"""One XmR chart: :func:`xmr`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from wyoutcomes.errors import StatsInputError
from wyoutcomes.spc.chart import compute
from wyoutcomes.spc.inputs import (
    check_fix_after,
    check_improvement,
    check_target,
    date_index,
    numeric_values,
    show_date,
)
from wyoutcomes.spc.options import SPCOptions
from wyoutcomes.spc.result import SPCResult, SPCWarning

__all__ = ["rebase_starts", "xmr"]


def rebase_starts(index: pd.Index, rebase: Iterable[object] | None) -> tuple[np.ndarray, list[str]]:
    """Rows (of a date-ordered series) that start a new rebase group, and notes on ignored dates.

    A rebase group starts at the first point dated on or after each rebase date, so a date
    that falls between two points still takes effect at the next point.
    """
    starts = np.zeros(len(index), dtype=bool)
    notes: list[str] = []
    if rebase is None:
        return starts, notes
    wanted = list(rebase) if not isinstance(rebase, (str, bytes)) else [rebase]
    if isinstance(index, pd.DatetimeIndex):
        try:
            wanted = list(pd.to_datetime(pd.Index(wanted), format="mixed"))
        except (ValueError, TypeError):
            raise StatsInputError(
                f"rebase={rebase!r}: every rebase date must be a date (rule 'rebase-not-a-date')"
            ) from None
    for when in wanted:
        try:
            row = int(index.searchsorted(when, side="left"))
        except TypeError:
            raise StatsInputError(
                f"rebase date {when!r} cannot be compared with the dates of the series "
                "(rule 'rebase-not-a-date')"
            ) from None
        if row == len(index) or (row == 0 and index[0] != when):
            notes.append(f"rebase date {show_date(when)} is outside the series and was ignored")
        elif row > 0:
            starts[row] = True
    return starts, notes


def xmr(
    values: Sequence[float] | np.ndarray | pd.Series,
    *,
    dates: Sequence[object] | pd.Series | pd.Index | None = None,
    improvement: str = "increase",
    target: float | None = None,
    rebase: Iterable[object] | None = None,
    fix_after_n_points: int | None = None,
    screen_outliers: bool | None = None,
    options: SPCOptions | None = None,
) -> SPCResult:
    """A Making Data Count XmR chart of one series, as NHSRplotthedots 0.2.2 computes it.

    ``dates`` orders the points (when omitted: the index of a ``values`` Series indexed by
    dates or periods, else positions 1…n); ``improvement`` is "increase",
    "decrease" or "neutral"; ``target`` gives the assurance icon; ``rebase`` lists dates (or
    positions) where new limits start; ``fix_after_n_points`` (≥ 12) computes the limits from
    the first n points of each rebase group only; ``screen_outliers`` overrides
    ``options.screen_outliers``; ``options`` selects the variants of :class:`SPCOptions`.

    >>> r = xmr([5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15], target=20)
    >>> r.points["point_type"].iloc[-1], r.variation_icon, r.assurance_icon
    ('Above UCL', 'special_cause_improving_high', 'consistent_fail')
    """
    opts = (options or SPCOptions()).with_screening(screen_outliers)
    direction = check_improvement(improvement)
    fix_after = check_fix_after(fix_after_n_points)
    goal = check_target(target)
    if dates is None and isinstance(values, pd.Series):
        # a Series indexed by dates is a time series: its index orders and labels the points
        if isinstance(values.index, pd.DatetimeIndex):
            dates = values.index
        elif isinstance(values.index, pd.PeriodIndex):
            dates = values.index.to_timestamp()
    y = numeric_values(values, "values", opts)
    if dates is None:
        index = pd.Index(np.arange(1, len(y) + 1))
    else:
        index = date_index(dates, "dates")
        if len(index) != len(y):
            raise StatsInputError(
                f"dates: {len(index)} dates for {len(y)} values (rule 'length-mismatch')"
            )
        if index.has_duplicates:
            repeated = show_date(index[index.duplicated()][0])
            raise StatsInputError(
                f"dates: {repeated} appears more than once; a chart needs one value per date "
                "(rule 'duplicate-date')"
            )
        order = index.argsort()
        index, y = index[order], y[order]
    starts, notes = rebase_starts(index, rebase)
    if len(y) == 0:
        return _empty(index, opts, improvement)
    arrays = compute(
        y,
        np.zeros(len(y), dtype=np.intp),
        starts,
        direction=np.array([direction]),
        target=np.array([goal]),
        fix_after_n_points=fix_after,
        options=opts,
    )
    points = pd.DataFrame({"date": index, "value": y, **arrays.columns})
    summary = dict(arrays.summary)
    del summary["series"]
    summary = {
        "rebase_group": summary.pop("rebase_group"),
        "start": index[summary.pop("first_row")],
        **summary,
    }
    warnings = [SPCWarning("rebase-ignored", note) for note in notes]
    warnings += [SPCWarning(code, text) for _, code, text in arrays.warnings]
    return SPCResult(
        points=points,
        summary=pd.DataFrame(summary),
        variation_icon=arrays.variation_icon[0],
        assurance_icon=arrays.assurance_icon[0],
        warnings=tuple(warnings),
        improvement=improvement,
        target=None if np.isnan(goal) else goal,
        options=opts,
    )


def _empty(index: pd.Index, opts: SPCOptions, improvement: str) -> SPCResult:
    """The defined result for a series without points: no limits, no icons, a warning."""
    nothing = compute(
        np.array([np.nan]),
        np.zeros(1, dtype=np.intp),
        np.zeros(1, dtype=bool),
        direction=np.array([0]),
        target=np.array([np.nan]),
        options=opts,
    )
    points = pd.DataFrame({"date": [np.nan], "value": [np.nan], **nothing.columns}).iloc[:0]
    return SPCResult(
        points=points,
        summary=pd.DataFrame(nothing.summary).drop(columns=["series", "first_row"]).iloc[:0],
        variation_icon=None,
        assurance_icon=None,
        warnings=(SPCWarning("too-few-points", "the series has no points: no limits, no icons"),),
        improvement=improvement,
        target=None,
        options=opts,
    )
