"""The Making Data Count special-cause rules, vectorised over many segments (spc.md §3–§4).

Every function takes flat arrays in chart order plus ``segment`` (the non-decreasing id of the
series × rebase group of each row); no run or window crosses a segment boundary. Runs are found
with run-length encoding (``cumsum`` of run breaks), so there is no Python loop per point.

>>> import numpy as np
>>> seg = np.zeros(9, dtype=np.intp)
>>> trend_points(np.arange(9.0), seg, 7).astype(int).tolist()
[1, 1, 1, 1, 1, 1, 1, 1, 1]
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "LABEL_CODES",
    "classify",
    "combine",
    "label_texts",
    "shift_points",
    "trend_direction",
    "trend_points",
    "two_in_three_members",
    "two_in_three_points",
]

#: integer code of each reference label, in precedence order; -1 means "not classified"
LABEL_CODES = {
    "common_cause": 0,
    "above_ucl": 1,
    "below_lcl": 2,
    "trend_increasing": 3,
    "trend_decreasing": 4,
    "two_in_three_above": 5,
    "two_in_three_below": 6,
    "shift_above": 7,
    "shift_below": 8,
}


def label_texts(shift_length: int = 7, trend_length: int = 7) -> list[str]:
    """The reference's point labels, indexed by :data:`LABEL_CODES`.

    >>> label_texts()[3]
    '7 Point Trend (Increasing)'
    """
    return [
        "Common Cause",
        "Above UCL",
        "Below LCL",
        f"{trend_length} Point Trend (Increasing)",
        f"{trend_length} Point Trend (Decreasing)",
        "2 in 3 Above CL",
        "2 in 3 Below CL",
        f"{shift_length} Points Above CL",
        f"{shift_length} Points Below CL",
    ]


def _run_length(breaks: np.ndarray) -> np.ndarray:
    """Length of the run each row belongs to; a run starts wherever ``breaks`` is True."""
    if breaks.size == 0:
        return np.zeros(0, dtype=np.int64)
    run_id = np.cumsum(breaks) - 1
    return np.bincount(run_id)[run_id]


def _segment_starts(segment: np.ndarray) -> np.ndarray:
    starts = np.ones(segment.shape, dtype=bool)
    starts[1:] = segment[1:] != segment[:-1]
    return starts


def shift_points(side: np.ndarray, segment: np.ndarray, length: int = 7) -> np.ndarray:
    """Rows in a run of ≥ ``length`` consecutive points on the same side of the mean.

    ``side`` is −1, 0 or +1; a point on the mean (0) breaks the run.
    """
    breaks = _segment_starts(segment)
    breaks[1:] |= side[1:] != side[:-1]
    return (side != 0) & (_run_length(breaks) >= length)


def _steps(values: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """sign(yₜ − yₜ₋₁) within a segment; 0 at segment starts, ties and missing values."""
    step = np.zeros(values.shape, dtype=np.int8)
    if values.size > 1:
        diff = np.diff(values)
        step[1:] = np.where(diff > 0, 1, np.where(diff < 0, -1, 0))  # NaN compares False
        step[_segment_starts(segment)] = 0
    return step


def trend_points(values: np.ndarray, segment: np.ndarray, length: int = 7) -> np.ndarray:
    """Rows in a run of ≥ ``length`` points each strictly above (or each strictly below) the
    one before. A tie or a missing value breaks the run.
    """
    step = _steps(values, segment)
    breaks = _segment_starts(segment)
    breaks[1:] |= step[1:] != step[:-1]
    # a run of length-1 equal non-zero steps spans `length` points: the step's own row and
    # the row before the run's first step
    in_run = (step != 0) & (_run_length(breaks) >= length - 1)
    points = in_run.copy()
    points[:-1] |= in_run[1:]
    return points


def trend_direction(values: np.ndarray, segment: np.ndarray, trend: np.ndarray) -> np.ndarray:
    """+1 (increasing) or −1 (decreasing) for each trend row, by direction of travel.

    A row followed by another trend row in its segment takes the step to that next row (so a
    run's first point takes the run's direction, and a shared peak takes the falling
    direction); otherwise it takes the step into itself. As in the reference, a zero step
    counts as decreasing.
    """
    step = _steps(values, segment)
    next_step = np.zeros_like(step)
    next_step[:-1] = step[1:]
    next_is_trend = np.zeros_like(trend)
    next_is_trend[:-1] = trend[1:] & (segment[1:] == segment[:-1])
    direction = np.where(trend & next_is_trend, next_step, step)
    return np.where(direction == 1, 1, -1).astype(np.int8)


def two_in_three_members(close: np.ndarray, side: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """Rows inside some window of three consecutive points (one segment) in which at least two
    points are *close* and all three lie strictly on the same side of the mean.
    """
    n = close.shape[0]
    members = np.zeros(n, dtype=bool)
    if n < 3:
        return members
    c = close.astype(np.int8)
    s = side.astype(np.int8)
    fires = (
        (segment[:-2] == segment[2:])
        & (c[:-2] + c[1:-1] + c[2:] >= 2)
        & (np.abs(s[:-2] + s[1:-1] + s[2:]) == 3)
    )
    members[:-2] |= fires
    members[1:-1] |= fires
    members[2:] |= fires
    return members


def two_in_three_points(close: np.ndarray, side: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """Rows flagged by two-in-three: window members that are themselves *close*."""
    return close & two_in_three_members(close, side, segment)


def classify(
    values: np.ndarray,
    segment: np.ndarray,
    side: np.ndarray,
    outside: np.ndarray,
    close: np.ndarray,
    *,
    shift_length: int = 7,
    trend_length: int = 7,
) -> np.ndarray:
    """One label code per row (:data:`LABEL_CODES`), by the reference's precedence:
    outside limits → trend → two in three → shift → common cause.
    """
    trend = trend_points(values, segment, trend_length)
    return combine(
        side,
        outside,
        trend,
        trend_direction(values, segment, trend),
        two_in_three_points(close, side, segment),
        shift_points(side, segment, shift_length),
    )


def combine(
    side: np.ndarray,
    outside: np.ndarray,
    trend: np.ndarray,
    direction: np.ndarray,
    two_in_three: np.ndarray,
    shift: np.ndarray,
) -> np.ndarray:
    """Label codes from each rule's flags: the first rule that fires, in precedence order.

    >>> import numpy as np
    >>> f, t = np.array([False]), np.array([True])
    >>> combine(np.array([1]), f, t, np.array([-1]), t, t).tolist()
    [4]
    """
    above = side > 0
    return np.select(
        [outside, trend, two_in_three, shift],
        [
            np.where(side == 1, 1, 2),
            np.where(direction == 1, 3, 4),
            np.where(above, 5, 6),
            np.where(above, 7, 8),
        ],
        default=0,
    ).astype(np.int8)
