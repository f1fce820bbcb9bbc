"""Crude rates with exact Poisson (below 10 events) or Byars (from 10) limits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from wyoutcomes.stats._confidence import Levels, confidence_levels
from wyoutcomes.stats._grouping import By, counts_by_group
from wyoutcomes.stats._output import multiplier_label, result_frame, warn
from wyoutcomes.stats.ci import poisson_ci

__all__ = ["finish_rate", "rate"]


def rate(
    data: pd.DataFrame,
    x: str,
    n: str,
    by: By = None,
    confidence: float | Sequence[float] | None = 0.95,
    multiplier: float = 100_000,
    zero_denominator: Literal["error", "na"] = "error",
) -> pd.DataFrame:
    """Crude rate x/n × multiplier per group (PHE ``phe_rate``).

    Limits are exact Poisson when the group's summed count is below 10 and Byars from 10; the
    ``method`` column says which. x > n is allowed. NA in x or n gives NA outputs, with method
    NA when x is NA. ``confidence=None`` leaves out the limits; ``zero_denominator="na"``
    gives NA with a warning instead of an error for a zero denominator.

    >>> frame = pd.DataFrame({"area": ["A", "B"], "deaths": [5, 65], "people": [100, 100]})
    >>> out = rate(frame, "deaths", "people", by="area", multiplier=100)
    >>> columns = ["area", "value", "lower_ci", "upper_ci", "method"]
    >>> print(out[columns].round(4).to_string(index=False))
    area  value  lower_ci  upper_ci method
       A    5.0    1.6235   11.6683  Exact
       B   65.0   50.1632   82.8491  Byars
    """
    levels = None if confidence is None else confidence_levels(confidence)
    groups, x_sum, n_sum = counts_by_group(data, x, n, by, "rate", zero_denominator)
    return finish_rate(groups.frame(), x, n, x_sum, n_sum, levels, multiplier)


def finish_rate(
    keys: pd.DataFrame,
    x: str,
    n: str,
    x_sum: np.ndarray,
    n_sum: np.ndarray,
    levels: Levels | None,
    multiplier: float,
) -> pd.DataFrame:
    """The crude rate of each group from its summed x and n (the one finish of every engine)."""
    zero = n_sum == 0
    if zero.any():
        warn(f"rate: {int(zero.sum())} group(s) with a zero denominator are NA")
        n_sum = np.where(zero, np.nan, n_sum)
    value = x_sum / n_sum * multiplier

    def limits(level: float) -> tuple[np.ndarray, np.ndarray]:
        lower, upper = poisson_ci(x_sum, level)
        return lower * multiplier / n_sum, upper * multiplier / n_sum

    method = None
    if levels:
        # numpy's stubs do not admit None as a fill value; numpy makes an object array
        method = np.where(np.isnan(x_sum), None, np.where(x_sum < 10, "Exact", "Byars"))  # type: ignore[call-overload]
    return result_frame(
        keys,
        {x: x_sum, n: n_sum},
        value,
        levels,
        limits,
        f"rate per {multiplier_label(multiplier)}",
        method,
    )
