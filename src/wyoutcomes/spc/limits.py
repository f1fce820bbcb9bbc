"""XmR centre line and process limits for many segments at once (reference spc.md §2).

A *segment* is one series (facet) × one rebase group: a run of consecutive rows in the flat
arrays. Everything is done with ``np.bincount`` over segment ids, so 10,000 series cost one
pass, not 10,000.

>>> import numpy as np
>>> lim = segment_limits(np.array([1.0, 3.0, 1.0, 3.0]), np.zeros(4, dtype=np.intp), 1)
>>> float(lim.mean[0]), float(lim.amr[0])
(2.0, 2.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["MR_SCREEN_FACTOR", "SegmentLimits", "segment_limits"]

#: D₄, the upper range limit of the moving-range chart in units of the mean moving range
MR_SCREEN_FACTOR = 3.267


@dataclass(frozen=True)
class SegmentLimits:
    """Per-segment statistics; every array has one entry per segment."""

    mean: np.ndarray  # centre line (NaN when the segment has no value)
    amr: np.ndarray  # mean moving range used for the limits (NaN when undefined)
    amr_unscreened: np.ndarray  # before screening (NaN when there is no moving range)
    n_values: np.ndarray  # non-missing values in the segment (all of them, not only the window)
    screening_fallback: np.ndarray  # screening left only zero ranges, so unscreened AMR is used
    no_variation: np.ndarray  # every moving range is zero: limits undefined
    too_few_points: np.ndarray  # no moving range at all (fewer than two consecutive values)


def _ratio(total: np.ndarray, count: np.ndarray) -> np.ndarray:
    """total / count, NaN where count is zero, without numpy's divide warning."""
    out = np.full(total.shape, np.nan)
    np.divide(total, count, out=out, where=count > 0)
    return out


def segment_limits(
    values: np.ndarray,
    segment: np.ndarray,
    n_segments: int,
    *,
    fix_after_n_points: int | None = None,
    screen_outliers: bool = True,
) -> SegmentLimits:
    """Centre and mean moving range of each segment.

    ``values`` are float64 in chart order, ``segment`` the non-decreasing segment id of each.
    With ``fix_after_n_points = k`` only the first k rows of each segment count.
    """
    n = values.shape[0]
    present = ~np.isnan(values)
    first_row = np.searchsorted(segment, np.arange(n_segments))
    position = np.arange(n) - first_row[segment] if n else np.zeros(0, dtype=np.intp)
    in_window = present
    if fix_after_n_points is not None:
        in_window = present & (position < fix_after_n_points)

    counted = np.where(in_window, values, 0.0)
    mean = _ratio(
        np.bincount(segment, weights=counted, minlength=n_segments),
        np.bincount(segment, weights=in_window, minlength=n_segments),
    )

    # A moving range needs both of its points in the same segment and inside the window;
    # a missing value therefore removes the two ranges that touch it (no bridging across it).
    mr_ok = in_window[1:] & in_window[:-1] & (segment[1:] == segment[:-1])
    mr = np.where(mr_ok, np.abs(np.diff(values)), 0.0)  # NaN arithmetic is silent in numpy
    mr_segment = segment[1:]
    mr_count = np.bincount(mr_segment, weights=mr_ok, minlength=n_segments)
    amr_unscreened = _ratio(
        np.bincount(mr_segment, weights=mr, minlength=n_segments),
        mr_count,
    )
    amr = amr_unscreened
    fallback = np.zeros(n_segments, dtype=bool)
    if screen_outliers and n > 1:
        # single pass, strict: keep only ranges below D₄ × AMR
        keep = mr_ok & (mr < MR_SCREEN_FACTOR * np.nan_to_num(amr_unscreened[mr_segment]))
        amr = _ratio(
            np.bincount(mr_segment, weights=np.where(keep, mr, 0.0), minlength=n_segments),
            np.bincount(mr_segment, weights=keep, minlength=n_segments),
        )
        # Screening drops the only non-zero ranges (e.g. all ranges zero but one), which
        # would collapse the limits onto the mean; fall back to the unscreened AMR instead.
        fallback = (amr_unscreened > 0) & ~(amr > 0)
        amr = np.where(fallback, amr_unscreened, amr)

    too_few = mr_count == 0
    no_variation = ~too_few & (amr_unscreened == 0)
    amr = np.where(no_variation | too_few, np.nan, amr)
    n_values = np.bincount(segment, weights=present, minlength=n_segments).astype(np.int64)
    return SegmentLimits(
        mean=mean,
        amr=amr,
        amr_unscreened=amr_unscreened,
        n_values=n_values,
        screening_fallback=fallback,
        no_variation=no_variation,
        too_few_points=too_few,
    )
