"""Checks on what callers pass to the SPC functions; each failure names the rule broken."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from wyoutcomes.errors import StatsInputError
from wyoutcomes.spc.icons import DIRECTIONS
from wyoutcomes.spc.options import SPCOptions

__all__ = [
    "check_fix_after",
    "check_improvement",
    "check_target",
    "date_index",
    "numeric_values",
    "show_date",
]

#: the reference validates that fixed limits rest on at least this many points
MIN_FIX_AFTER = 12


def check_improvement(improvement: str, where: str = "") -> int:
    """The sign of an improvement direction, or a clear error."""
    if improvement not in DIRECTIONS:
        raise StatsInputError(
            f"{where}improvement={improvement!r}: must be one of 'increase', 'decrease', "
            "'neutral' (rule 'unknown-improvement-direction')"
        )
    return DIRECTIONS[improvement]


def check_fix_after(fix_after_n_points: int | None) -> int | None:
    """None, or a whole number ≥ 12."""
    if fix_after_n_points is None:
        return None
    n = fix_after_n_points
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < MIN_FIX_AFTER:
        raise StatsInputError(
            f"fix_after_n_points={n!r}: must be a whole number of at least {MIN_FIX_AFTER} "
            "(rule 'fix-after-too-few')"
        )
    return int(n)


def check_target(target: float | None, where: str = "") -> float:
    """The target as a float (NaN for none); infinities and text are refused."""
    if target is None:
        return math.nan
    try:
        value = float(target)
    except (TypeError, ValueError):
        raise StatsInputError(
            f"{where}target={target!r}: must be a number or None (rule 'target-not-numeric')"
        ) from None
    if math.isinf(value):
        raise StatsInputError(f"{where}target={target!r}: must be finite (rule 'non-finite')")
    return value


def numeric_values(values: object, column: str, options: SPCOptions) -> np.ndarray:
    """The values as float64, missing as NaN; text, infinities and (if rejected) gaps fail."""
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    series = series.reset_index(drop=True)
    numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    if not numeric:
        numbers = pd.to_numeric(series, errors="coerce")
        bad = (numbers.isna() & series.notna()) | series.map(lambda v: isinstance(v, bool))
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise StatsInputError(
                f"{column}: row {row + 1} holds {series.iloc[row]!r}, which is not a number "
                "(rule 'value-not-numeric')"
            )
        series = numbers
    array = series.to_numpy(dtype=np.float64, na_value=np.nan)
    infinite = np.isinf(array)
    if infinite.any():
        row = int(np.flatnonzero(infinite)[0])
        raise StatsInputError(f"{column}: row {row + 1} is infinite (rule 'non-finite')")
    if options.missing == "reject" and np.isnan(array).any():
        row = int(np.flatnonzero(np.isnan(array))[0])
        raise StatsInputError(
            f"{column}: row {row + 1} is missing and options.missing is 'reject' "
            "(rule 'missing-value')"
        )
    return array


def date_index(dates: Sequence[object] | pd.Series | pd.Index, column: str) -> pd.Index:
    """Dates as an ordered index: datetimes where they parse, else the values as given
    (numbers, or objects such as periods that order themselves)."""
    index = pd.Index(dates)
    if pd.api.types.is_object_dtype(index) or pd.api.types.is_string_dtype(index):
        # keep objects that sort themselves (e.g. period labels like "2024/25 Q1") as they are
        with contextlib.suppress(ValueError, TypeError, OverflowError):
            index = pd.Index(pd.to_datetime(index, format="mixed"))
    if index.hasnans:
        raise StatsInputError(f"{column}: a date is missing (rule 'date-missing')")
    try:
        if pd.api.types.is_object_dtype(index):  # only objects can fail to order
            index.argsort()
    except TypeError:
        raise StatsInputError(
            f"{column}: dates of different kinds cannot be put in order (rule 'date-unordered')"
        ) from None
    return index


def show_date(when: object) -> str:
    """A date as a reader expects it in a message: 2024-03-01, not 2024-03-01 00:00:00."""
    if isinstance(when, pd.Timestamp) and when == when.normalize():
        return when.date().isoformat()
    return str(when)
