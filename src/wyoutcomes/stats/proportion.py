"""Proportions with Wilson score confidence limits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from wyoutcomes.stats._confidence import Levels, confidence_levels
from wyoutcomes.stats._grouping import By, GroupFail, counts_by_group
from wyoutcomes.stats._output import multiplier_label, result_frame, warn
from wyoutcomes.stats.ci import wilson_ci

__all__ = ["finish_proportion", "proportion"]

ZeroDenominator = Literal["error", "na"]


def proportion(
    data: pd.DataFrame,
    x: str,
    n: str,
    by: By = None,
    confidence: float | Sequence[float] | None = 0.95,
    multiplier: float = 1,
    zero_denominator: ZeroDenominator = "error",
) -> pd.DataFrame:
    """Proportion x/n per group with Wilson score limits (PHE ``phe_proportion``).

    x and n are summed within each group first. NA in x or n makes that group's outputs NA;
    other groups are still computed. ``confidence=None`` leaves out the limits.
    ``zero_denominator="na"`` turns a group whose denominator is 0 into NA with a warning
    instead of an error (the reference always errors).

    >>> frame = pd.DataFrame({"area": ["A", "B"], "cases": [65, 20], "people": [100, 100]})
    >>> out = proportion(frame, "cases", "people", by="area", multiplier=100)
    >>> print(out[["area", "value", "lower_ci", "upper_ci"]].round(4).to_string(index=False))
    area  value  lower_ci  upper_ci
       A   65.0   55.2544   73.6358
       B   20.0   13.3367   28.8829
    """
    levels = None if confidence is None else confidence_levels(confidence)
    groups, x_sum, n_sum = counts_by_group(data, x, n, by, "proportion", zero_denominator)
    return finish_proportion(
        groups.frame(), x, n, x_sum, n_sum, levels, multiplier, groups.fail_groups
    )


def finish_proportion(
    keys: pd.DataFrame,
    x: str,
    n: str,
    x_sum: np.ndarray,
    n_sum: np.ndarray,
    levels: Levels | None,
    multiplier: float,
    fail: GroupFail,
) -> pd.DataFrame:
    """The proportion of each group from its summed x and n (NaN where the group has an NA).

    The one finishing step behind :func:`proportion` and ``wyoutcomes.engines.proportion``:
    only the sums differ in where they are computed.
    """
    if np.any(x_sum > n_sum):
        raise fail(
            x_sum > n_sum,
            "numerator-exceeds-denominator",
            x,
            "numerators must not exceed denominators",
        )
    zero = n_sum == 0
    if zero.any():
        warn(f"proportion: {int(zero.sum())} group(s) with a zero denominator are NA")
        n_sum = np.where(zero, np.nan, n_sum)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = x_sum / n_sum * multiplier

    def limits(level: float) -> tuple[np.ndarray, np.ndarray]:
        lower, upper = wilson_ci(x_sum, n_sum, level)
        return lower * multiplier, upper * multiplier

    statistic = (
        "percentage" if multiplier == 100 else f"proportion of {multiplier_label(multiplier)}"
    )
    return result_frame(
        keys,
        {x: x_sum, n: n_sum},
        value,
        levels,
        limits,
        statistic,
        "Wilson" if levels else None,
    )
