"""Assembling result frames: group keys, then counts, value, limits and metadata."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from wyoutcomes.stats._confidence import Levels, confidence_label, limit_columns

LimitFunction = Callable[[float], tuple[np.ndarray, np.ndarray]]


def result_frame(
    keys: pd.DataFrame,
    counts: Mapping[str, np.ndarray],
    value: np.ndarray,
    levels: Levels | None,
    limits: LimitFunction,
    statistic: str | np.ndarray,
    method: str | np.ndarray | None,
) -> pd.DataFrame:
    """One row per group: keys, counts, ``value``, limit columns, ``confidence``, metadata."""
    columns: dict[str, object] = {name: keys[name].to_numpy() for name in keys.columns}
    columns.update(counts)
    columns["value"] = value
    if levels:
        for (lower_name, upper_name), level in zip(limit_columns(levels), levels, strict=True):
            columns[lower_name], columns[upper_name] = limits(level)
        columns["confidence"] = confidence_label(levels)
    else:
        columns["confidence"] = "not requested"
    columns["statistic"] = statistic
    columns["method"] = method
    return pd.DataFrame(columns, index=pd.RangeIndex(len(value)))


def multiplier_label(multiplier: float) -> str:
    """100000 → "100000", 0.5 → "0.5" (as the reference prints it)."""
    return f"{multiplier:g}" if multiplier < 1e15 else f"{multiplier:.0f}"


def warn(message: str) -> None:
    warnings.warn(message, UserWarning, stacklevel=3)
