"""Means with Student-t confidence limits."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from wyoutcomes.stats._confidence import Levels, confidence_levels
from wyoutcomes.stats._grouping import By, make_groups, numeric, require_columns, require_frame
from wyoutcomes.stats._output import result_frame
from wyoutcomes.stats.ci import student_t_ci

__all__ = ["finish_mean", "mean"]


def mean(
    data: pd.DataFrame,
    x: str,
    by: By = None,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """Mean of x per group with Student-t limits (PHE ``phe_mean``).

    Adds ``value_sum``, ``value_count`` (the number of rows, NAs included, as the reference
    counts them) and ``stdev`` (sample standard deviation). As in the reference there is no NA
    removal: any NA makes the group NA. A group of one value has NaN limits.

    >>> frame = pd.DataFrame({"area": ["A"] * 5, "score": [8.0, 9, 10, 11, 12]})
    >>> out = mean(frame, "score", by="area")
    >>> print(out[["value", "lower_ci", "upper_ci"]].round(4).to_string(index=False))
     value  lower_ci  upper_ci
      10.0    8.0368   11.9632
    """
    function = "mean"
    require_frame(data, function)
    require_columns(data, function, x=x)
    levels = confidence_levels(confidence)
    groups = make_groups(data, by, function)
    xs = numeric(data, x, function)
    total = groups.sum(xs)
    count = np.bincount(groups.codes, minlength=groups.count).astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        # deviations from the group mean, not the raw-moment shortcut, to keep precision
        squares = groups.sum((xs - (total / count)[groups.codes]) ** 2)
    return finish_mean(groups.frame(), total, count, squares, levels)


def finish_mean(
    keys: pd.DataFrame,
    total: np.ndarray,
    count: np.ndarray,
    squares: np.ndarray,
    levels: Levels,
) -> pd.DataFrame:
    """Mean and limits from each group's Σx, row count and Σ(x − mean)² (the one finish)."""
    count = np.asarray(count, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        average = total / count
        variance = squares / (count - 1)
    stdev = np.sqrt(np.where(count > 1, variance, np.nan))

    def limits(level: float) -> tuple[np.ndarray, np.ndarray]:
        return student_t_ci(average, stdev, count, level)

    return result_frame(
        keys,
        {"value_sum": total, "value_count": count.astype("int64"), "stdev": stdev},
        average,
        levels,
        limits,
        "mean",
        "Student's t-distribution",
    )
