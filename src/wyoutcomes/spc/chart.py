"""The XmR engine shared by :func:`~wyoutcomes.spc.xmr` and :func:`~wyoutcomes.spc.xmr_frame`.

It works on flat arrays already in chart order (series, then date), so one call handles one
series or ten thousand with the same numpy passes; only warnings are built per flagged group.

>>> import numpy as np
>>> arrays = compute(
...     np.array([1.0, 2.0, 1.0, 2.0]), np.zeros(4, dtype=np.intp), np.zeros(4, dtype=bool),
...     direction=np.array([1]), target=np.array([np.nan]),
... )
>>> arrays.variation_icon
['common_cause']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from wyoutcomes.spc.icons import (
    CLASSES,
    assurance_icons,
    point_classes,
    variation_icons,
)
from wyoutcomes.spc.limits import SegmentLimits, segment_limits
from wyoutcomes.spc.options import SPCOptions
from wyoutcomes.spc.rules import classify, label_texts

__all__ = ["POINT_COLUMNS", "ChartArrays", "compute"]

#: the computed columns of a points frame, in order (after date and value)
POINT_COLUMNS = [
    "rebase_group",
    "mean",
    "lpl",
    "upl",
    "lower_2sigma",
    "upper_2sigma",
    "relative_to_mean",
    "outside_limits",
    "close_to_limits",
    "point_type",
    "special_cause",
    "classification",
    "trial_limits",
]


@lru_cache(maxsize=32)
def label_dtype(shift_length: int, trend_length: int) -> pd.CategoricalDtype:
    """The categories of ``point_type`` (built once: categorical dtypes are slow to build)."""
    return pd.CategoricalDtype(label_texts(shift_length, trend_length))


CLASS_DTYPE = pd.CategoricalDtype(CLASSES)


@dataclass
class ChartArrays:
    """Everything computed for a batch of series, still as arrays."""

    columns: dict[str, object]  # POINT_COLUMNS → per-row arrays or categoricals
    segment_series: np.ndarray  # series id of each segment
    summary: dict[str, object]  # one entry per segment (series × rebase group) in each array
    variation_icon: list[str | None]  # one per series
    assurance_icon: list[str | None]  # one per series
    warnings: list[tuple[int, str, str]] = field(default_factory=list)  # (series, code, text)


def _last_index(mask: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """Index of the last True row in each block beginning at ``starts`` (−1 if none)."""
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    return np.maximum.reduceat(np.where(mask, np.arange(n), -1), starts)


def compute(
    values: np.ndarray,
    series: np.ndarray,
    rebase_start: np.ndarray,
    *,
    direction: np.ndarray,
    target: np.ndarray,
    fix_after_n_points: int | None = None,
    options: SPCOptions | None = None,
) -> ChartArrays:
    """Compute limits, labels, classes and icons.

    ``values`` float64 in chart order; ``series`` the non-decreasing series id (0 … S−1) of
    each row; ``rebase_start`` True where a new rebase group begins; ``direction`` (+1/−1/0)
    and ``target`` (NaN for none) have one entry per series.
    """
    opts = options or SPCOptions()
    n = values.shape[0]
    n_series = direction.shape[0]
    series_first = np.searchsorted(series, np.arange(n_series))
    new_segment = rebase_start.copy()
    new_segment[series_first[series_first < n]] = True
    segment = np.cumsum(new_segment) - 1 if n else np.zeros(0, dtype=np.intp)
    n_segments = int(segment[-1]) + 1 if n else 0
    segment_first = np.flatnonzero(new_segment)
    segment_series = series[segment_first]

    lim = segment_limits(
        values,
        segment,
        n_segments,
        fix_after_n_points=fix_after_n_points,
        screen_outliers=opts.screen_outliers,
    )
    factor = opts.limit_factor
    close_factor = 2 * (factor / 3)
    seg_lpl = lim.mean - factor * lim.amr
    seg_upl = lim.mean + factor * lim.amr
    mean = lim.mean[segment]
    lpl, upl = seg_lpl[segment], seg_upl[segment]
    lower_2s = (lim.mean - close_factor * lim.amr)[segment]
    upper_2s = (lim.mean + close_factor * lim.amr)[segment]

    present = ~np.isnan(values)
    defined = present & ~np.isnan(lim.amr[segment])
    side = np.where(defined, np.sign(np.where(defined, values - mean, 0.0)), 0.0).astype(np.int8)
    outside = defined & ((values > upl) | (values < lpl))
    beyond_2s = defined & ((values > upper_2s) | (values < lower_2s))
    close = beyond_2s if opts.two_in_three_includes_beyond_3sigma else beyond_2s & ~outside

    label = classify(
        np.where(defined, values, np.nan),
        segment,
        side,
        outside,
        close,
        shift_length=opts.shift_length,
        trend_length=opts.trend_length,
    )
    label = np.where(defined, label, -1).astype(np.int8)
    classes = point_classes(label, direction[series])
    trial = lim.n_values < opts.min_points

    columns: dict[str, object] = {
        "rebase_group": (segment - segment[series_first[series]]) if n else segment,
        "mean": mean,
        "lpl": lpl,
        "upl": upl,
        "lower_2sigma": lower_2s,
        "upper_2sigma": upper_2s,
        "relative_to_mean": side,
        "outside_limits": outside,
        "close_to_limits": close,
        "point_type": pd.Categorical.from_codes(
            label, dtype=label_dtype(opts.shift_length, opts.trend_length)
        ),
        "special_cause": label > 0,
        "classification": pd.Categorical.from_codes(classes, dtype=CLASS_DTYPE),
        "trial_limits": trial[segment] if n else np.zeros(0, dtype=bool),
    }

    # variation icon: the latest value present (or latest special-cause point) per series;
    # when that value sits in a group without limits the icon is None, not an older point's
    latest = _last_index(present, series_first, n)
    if opts.variation_from == "latest_special_cause":
        latest_special = _last_index(label > 0, series_first, n)
        latest = np.where(latest_special >= 0, latest_special, latest)
    chosen = np.maximum(latest, 0)
    ok = latest >= 0
    variation = variation_icons(
        np.where(ok, classes[chosen] if n else -1, -1), np.where(ok, label[chosen] if n else -1, -1)
    )
    # assurance: the target against the limits of each series' latest rebase group
    last_segment = segment[np.append(series_first[1:], n) - 1] if n else np.zeros(0, np.intp)
    assurance = assurance_icons(
        target,
        seg_lpl[last_segment],
        seg_upl[last_segment],
        direction,
        inclusive=opts.assurance_inclusive,
    )

    summary = _summary(segment, n_segments, segment_series, lim, seg_lpl, seg_upl, classes, trial)
    summary["first_row"] = segment_first
    segment_latest = _last_index(label >= 0, segment_first, n)
    summary["variation_type"] = pd.Categorical.from_codes(
        np.where(segment_latest >= 0, classes[np.maximum(segment_latest, 0)] if n else -1, -1),
        dtype=CLASS_DTYPE,
    )
    warnings = _warnings(lim, segment_series, segment, present, series, latest, series_first, opts)
    return ChartArrays(columns, segment_series, summary, variation, assurance, warnings)


def _summary(
    segment: np.ndarray,
    n_segments: int,
    segment_series: np.ndarray,
    lim: SegmentLimits,
    seg_lpl: np.ndarray,
    seg_upl: np.ndarray,
    classes: np.ndarray,
    trial: np.ndarray,
) -> dict[str, object]:
    """One entry per segment: centre, limits, n and counts of each class (spc.md §7)."""
    counts = {
        name: np.bincount(segment, weights=classes == code, minlength=n_segments).astype(np.int64)
        for code, name in enumerate(CLASSES)
    }
    rebase_group = np.arange(n_segments) - np.searchsorted(segment_series, segment_series)
    return {
        "series": segment_series,
        "rebase_group": rebase_group,
        "mean": lim.mean,
        "lpl": seg_lpl,
        "upl": seg_upl,
        "n": lim.n_values,
        **counts,
        "trial_limits": trial,
    }


def _warnings(
    lim: SegmentLimits,
    segment_series: np.ndarray,
    segment: np.ndarray,
    present: np.ndarray,
    series: np.ndarray,
    latest: np.ndarray,
    series_first: np.ndarray,
    opts: SPCOptions,
) -> list[tuple[int, str, str]]:
    """Warnings worth telling a reader, one per flagged segment or series."""
    out: list[tuple[int, str, str]] = []
    group_of = np.arange(segment_series.shape[0]) - np.searchsorted(segment_series, segment_series)
    rebased = np.bincount(segment_series)[segment_series] > 1

    def where(seg: int) -> str:
        return f"rebase group {group_of[seg]}" if rebased[seg] else "series"

    for seg in np.flatnonzero(lim.too_few_points).tolist():
        out.append(
            (
                int(segment_series[seg]),
                "too-few-points",
                f"{where(seg)} has no two consecutive values ({lim.n_values[seg]} value(s)): "
                "no moving range, so no limits and no point is classified",
            )
        )
    for seg in np.flatnonzero(lim.no_variation).tolist():
        out.append(
            (
                int(segment_series[seg]),
                "no-variation",
                f"{where(seg)} has no variation (every moving range is zero): limits are "
                "undefined and no point is classified",
            )
        )
    for seg in np.flatnonzero(lim.screening_fallback).tolist():
        out.append(
            (
                int(segment_series[seg]),
                "screening-fallback",
                f"{where(seg)}: moving-range screening would remove every non-zero moving range "
                "and collapse the limits onto the mean; the unscreened mean moving range is used",
            )
        )
    short = (lim.n_values < opts.min_points) & ~np.isnan(lim.amr)
    for seg in np.flatnonzero(short).tolist():
        out.append(
            (
                int(segment_series[seg]),
                "trial-limits",
                f"{where(seg)} has {lim.n_values[seg]} values (fewer than {opts.min_points}): "
                "these are trial limits, to be revised as values are added",
            )
        )
    missing = np.bincount(series, weights=~present, minlength=series_first.shape[0])
    last_row = np.append(series_first[1:], present.shape[0]) - 1
    for s in np.flatnonzero(missing).tolist():
        text = (
            f"{int(missing[s])} missing value(s) kept as gaps: left out of the mean and the "
            "moving ranges; no run or trend crosses them"
        )
        if not present[last_row[s]] and latest[s] >= 0:
            text += (
                "; the latest value is missing, so the variation icon uses the latest value present"
            )
        out.append((int(s), "missing-values", text))
    return sorted(out, key=lambda w: w[0])
