"""Many XmR charts at once: :func:`xmr_frame`, one chart per group of a long table.

All groups go through the engine together (flat numpy arrays with group offsets), so ten
thousand series cost a handful of array passes rather than ten thousand calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from wyoutcomes.errors import StatsInputError
from wyoutcomes.spc.chart import compute
from wyoutcomes.spc.icons import DIRECTIONS
from wyoutcomes.spc.inputs import (
    check_fix_after,
    check_target,
    date_index,
    numeric_values,
    show_date,
)
from wyoutcomes.spc.options import SPCOptions
from wyoutcomes.spc.result import SPCFrameResult

__all__ = ["xmr_frame"]


def _columns(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _require(data: pd.DataFrame, names: Iterable[str]) -> None:
    missing = [name for name in names if name not in data.columns]
    if missing:
        raise StatsInputError(
            f"column(s) {missing} not in the data (columns: {list(data.columns)}) "
            "(rule 'column-missing')"
        )


def _per_group(
    data: pd.DataFrame, column: str, series: np.ndarray, first: np.ndarray, order: np.ndarray
) -> np.ndarray:
    """The value of ``column`` for each group, which must be the same on every row of it."""
    values = data[column].to_numpy()[order]
    changes = np.flatnonzero(pd.Series(values).ne(pd.Series(values).shift()).to_numpy()[1:]) + 1
    inconsistent = changes[series[changes] == series[changes - 1]]
    if inconsistent.size:
        row = int(order[inconsistent[0]]) + 1
        raise StatsInputError(
            f"{column}: row {row} differs from the other rows of its group; it must be the "
            "same for every row of a series (rule 'not-constant-in-group')"
        )
    return values[first]


def xmr_frame(
    data: pd.DataFrame,
    value: str,
    by: str | Sequence[str] | None,
    date: str,
    *,
    improvement: str = "increase",
    target: float | str | None = None,
    rebase: str | Iterable[object] | Mapping[object, Iterable[object]] | None = None,
    fix_after_n_points: int | None = None,
    screen_outliers: bool | None = None,
    options: SPCOptions | None = None,
) -> SPCFrameResult:
    """XmR charts of every group of a long table (one row per group × date).

    ``improvement`` is "increase", "decrease", "neutral" or the name of a column holding one
    of them per group; ``target`` a number or a column (constant within each group);
    ``rebase`` a boolean column (True where new limits start), a list of dates for every
    group, or a mapping from group key (a tuple when ``by`` has several columns) to dates.
    The rest is as :func:`~wyoutcomes.spc.xmr`.

    >>> table = pd.DataFrame({
    ...     "area": ["A"] * 4 + ["B"] * 4,
    ...     "month": list(pd.date_range("2024-01-01", periods=4, freq="MS")) * 2,
    ...     "rate": [5, 6, 5, 6, 9, 8, 9, 8],
    ... })
    >>> charts = xmr_frame(table, "rate", "area", "month")
    >>> charts.icons["variation_icon"].tolist()
    ['common_cause', 'common_cause']
    """
    opts = (options or SPCOptions()).with_screening(screen_outliers)
    keys = _columns(by)
    rebase_column = rebase if isinstance(rebase, str) else None
    improvement_column = improvement if improvement not in DIRECTIONS else None
    target_column = target if isinstance(target, str) else None
    _require(
        data,
        [value, date, *keys]
        + [c for c in (rebase_column, improvement_column, target_column) if c is not None],
    )
    fix_after = check_fix_after(fix_after_n_points)
    n = len(data)

    # group codes in order of first appearance of each key; keys may not be missing
    if keys:
        group_frame = data[keys]
        if group_frame.isna().any().any():
            row = int(np.flatnonzero(group_frame.isna().any(axis=1).to_numpy())[0]) + 1
            raise StatsInputError(f"{keys}: row {row} has no group key (rule 'group-key-missing')")
        codes = data.groupby(keys, sort=True, dropna=False).ngroup().to_numpy()
    else:
        codes = np.zeros(n, dtype=np.intp)
    dates = date_index(data[date], date)
    date_rank, date_levels = pd.factorize(dates, sort=True)
    order = np.lexsort((date_rank, codes))
    series = codes[order].astype(np.intp)
    ranks = date_rank[order]
    duplicate = np.flatnonzero((series[1:] == series[:-1]) & (ranks[1:] == ranks[:-1]))
    if duplicate.size:
        row = int(order[duplicate[0] + 1]) + 1
        repeated = show_date(dates[order[duplicate[0]]])
        raise StatsInputError(
            f"{date}: row {row} repeats the date {repeated} of its group; a chart needs one "
            "value per date (rule 'duplicate-date')"
        )
    n_series = int(series[-1]) + 1 if n else 0
    first = np.searchsorted(series, np.arange(n_series))

    values = numeric_values(data[value], value, opts)[order]
    if improvement_column is None:
        direction = np.full(n_series, DIRECTIONS[improvement], dtype=np.int8)
        improvements = np.full(n_series, improvement, dtype=object)
    else:
        improvements = _per_group(data, improvement_column, series, first, order)
        unknown = sorted({str(v) for v in improvements} - set(DIRECTIONS))
        if unknown:
            raise StatsInputError(
                f"{improvement_column}: {unknown} not one of 'increase', 'decrease', 'neutral' "
                "(rule 'unknown-improvement-direction')"
            )
        direction = np.array([DIRECTIONS[v] for v in improvements], dtype=np.int8)
    if not isinstance(target, str):
        goals = np.full(n_series, check_target(target))
    else:
        raw = _per_group(data, target, series, first, order)
        goals = np.array([check_target(None if pd.isna(t) else t, f"{target}: ") for t in raw])

    starts, notes = _rebase_rows(
        rebase, rebase_column, data, order, series, ranks, dates, date_levels, keys, first
    )
    arrays = compute(
        values,
        series,
        starts,
        direction=direction,
        target=goals,
        fix_after_n_points=fix_after,
        options=opts,
    )

    group_values = {k: data[k].to_numpy()[order] for k in keys}
    sorted_dates = dates[order]
    points = pd.DataFrame({**group_values, "date": sorted_dates, "value": values, **arrays.columns})
    last = np.append(first[1:], n) - 1
    icons = pd.DataFrame(
        {
            **{k: v[first] for k, v in group_values.items()},
            "improvement": improvements,
            "target": goals,
            "n": np.diff(np.append(first, n)),
            "latest_date": sorted_dates[last],
            "variation_icon": arrays.variation_icon,
            "assurance_icon": arrays.assurance_icon,
        }
    )
    summary_arrays = dict(arrays.summary)
    seg_series = summary_arrays.pop("series")
    first_row = summary_arrays.pop("first_row")
    summary = pd.DataFrame(
        {
            **{k: v[first][seg_series] for k, v in group_values.items()},
            "rebase_group": summary_arrays.pop("rebase_group"),
            "start": sorted_dates[first_row],
            **summary_arrays,
        }
    )
    warning_rows = [(s, "rebase-ignored", text) for s, text in notes] + arrays.warnings
    warning_rows.sort(key=lambda w: w[0])
    flagged = np.array([w[0] for w in warning_rows], dtype=np.intp)
    warnings = pd.DataFrame(
        {
            **{k: v[first][flagged] for k, v in group_values.items()},
            "code": [w[1] for w in warning_rows],
            "message": [w[2] for w in warning_rows],
        }
    )
    return SPCFrameResult(
        points=points,
        icons=icons,
        summary=summary,
        warnings=warnings,
        options=opts,
        by=tuple(keys),
    )


def _rebase_rows(
    rebase: str | Iterable[object] | Mapping[object, Iterable[object]] | None,
    rebase_column: str | None,
    data: pd.DataFrame,
    order: np.ndarray,
    series: np.ndarray,
    ranks: np.ndarray,
    dates: pd.Index,
    date_levels: pd.Index,
    keys: list[str],
    first: np.ndarray,
) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """Rows (in chart order) that start a new rebase group, and notes on ignored dates."""
    n = series.shape[0]
    starts = np.zeros(n, dtype=bool)
    notes: list[tuple[int, str]] = []
    if rebase is None:
        return starts, notes
    if rebase_column is not None:
        flags = data[rebase_column].to_numpy()[order]
        if not pd.api.types.is_bool_dtype(data[rebase_column]):
            flags = pd.Series(flags).fillna(0).astype(float).to_numpy() != 0
        return flags.astype(bool), notes

    if isinstance(rebase, Mapping):
        lookup = {
            k if isinstance(k, tuple) or len(keys) != 1 else (k,): v for k, v in rebase.items()
        }
        key_of = [tuple(data[k].to_numpy()[order][f] for k in keys) for f in first]
        wanted = [(s, when) for s, key in enumerate(key_of) for when in lookup.get(key, ())]
    else:
        wanted = [(s, when) for s in range(first.shape[0]) for when in rebase]
    if not wanted:
        return starts, notes
    when_index = date_index([w for _, w in wanted], "rebase")
    if isinstance(dates, pd.DatetimeIndex) != isinstance(when_index, pd.DatetimeIndex):
        raise StatsInputError(
            "rebase: dates must be of the same kind as the date column (rule 'rebase-not-a-date')"
        )
    # rank each rebase date among the data's dates: a rebase takes effect at the first point
    # on or after it
    rank = date_levels.searchsorted(when_index, side="left")
    exact = (rank < len(date_levels)) & (
        date_levels[np.minimum(rank, len(date_levels) - 1)] == when_index
    )
    group = np.array([s for s, _ in wanted], dtype=np.intp)
    span = np.int64(len(date_levels) + 1)
    chart_keys = series.astype(np.int64) * span + ranks
    row = np.searchsorted(chart_keys, group.astype(np.int64) * span + rank, side="left")
    inside = (row < n) & (series[np.minimum(row, n - 1)] == group)
    at_first = inside & (row == first[group])
    starts[row[inside & ~at_first]] = True
    ignored = ~inside | (at_first & ~(exact & (ranks[np.minimum(row, n - 1)] == rank)))
    for g, when in zip(group[ignored].tolist(), when_index[ignored], strict=True):
        notes.append((g, f"rebase date {show_date(when)} is outside the series and was ignored"))
    return starts, notes
