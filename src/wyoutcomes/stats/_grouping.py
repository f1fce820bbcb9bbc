"""Group codes for vectorised statistics, and errors that name the offending group.

Every public function turns its ``by`` columns into one integer code per row and sums with
``np.bincount``: one pass over the data whatever the number of groups, never a Python loop
per group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wyoutcomes.errors import StatsInputError

By = str | Sequence[str] | None

#: Raise for whole groups: ``fail(bad_groups, rule, column, message)`` with one boolean per
#: group. The finishing steps judge group totals through it, so that the pandas path can name
#: the first offending row and an engine (where rows have no order) the first offending group.
GroupFail = Callable[[np.ndarray, str, str, str], StatsInputError]


def by_columns(by: By) -> list[str]:
    """The grouping argument as a list of column names."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def require_frame(data: object, function: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise StatsInputError(
            f"[not-a-frame] {function}: data must be a pandas DataFrame, not {type(data).__name__}"
        )
    return data


def require_columns(data: pd.DataFrame, function: str, **columns: str | None) -> None:
    """Each named argument must be a column of ``data`` (None means the argument was not given)."""
    for argument, column in columns.items():
        if column is not None and column not in data.columns:
            raise StatsInputError(
                f"[missing-column] {function}: {argument}={column!r} is not a column of the data "
                f"(columns: {', '.join(map(str, data.columns))})"
            )


def numeric(data: pd.DataFrame, column: str, function: str) -> np.ndarray:
    """A column as float64, NA as NaN; a non-numeric column is an error naming it."""
    series = data[column]
    if not (pd.api.types.is_numeric_dtype(series) or series.isna().all()):
        raise StatsInputError(
            f"[not-numeric] {function}: column {column!r} must be numeric, not {series.dtype}"
        )
    return series.to_numpy(dtype="float64", na_value=np.nan)


@dataclass(frozen=True)
class Groups:
    """Rows of a frame mapped to groups: ``codes[i]`` is the group of row i."""

    columns: list[str]
    codes: np.ndarray
    keys: pd.DataFrame  # one row per group, in code order (sorted like dplyr's group_by)

    @property
    def count(self) -> int:
        return len(self.keys)

    def sum(self, values: np.ndarray) -> np.ndarray:
        """Per-group sums; NaN anywhere in a group gives NaN (R's sum without na.rm)."""
        return np.bincount(self.codes, weights=values, minlength=self.count)

    def describe(self, code: int) -> str:
        """Human words for a group, for error messages: "area='E08000032', year=2019"."""
        if not self.columns:
            return "the whole data (no grouping)"
        row = self.keys.iloc[int(code)]
        return ", ".join(f"{c}={row[c]!r}" for c in self.columns)

    def fail(self, rows: np.ndarray, rule: str, column: str, message: str) -> StatsInputError:
        """A StatsInputError naming the first offending group, the column and the rule."""
        first = int(np.flatnonzero(rows)[0])
        extra = int(rows.sum()) - 1
        more = f" (and {extra} more row{'s' if extra != 1 else ''})" if extra else ""
        return StatsInputError(
            f"[{rule}] column {column!r}, group {self.describe(self.codes[first])}, "
            f"row {first + 1}{more}: {message}"
        )

    def fail_groups(
        self, bad_groups: np.ndarray, rule: str, column: str, message: str
    ) -> StatsInputError:
        """As :meth:`fail`, for a boolean per group (all rows of a bad group offend)."""
        rows = np.asarray(bad_groups, dtype=bool)[self.codes]
        return self.fail(rows, rule, column, message)

    def frame(self) -> pd.DataFrame:
        """The group keys as the leading columns of an output frame."""
        return self.keys.copy()


def make_groups(data: pd.DataFrame, by: By, function: str) -> Groups:
    columns = by_columns(by)
    require_columns(data, function, **{f"by[{i}]": c for i, c in enumerate(columns)})
    if not columns:
        return Groups([], np.zeros(len(data), dtype=np.intp), pd.DataFrame(index=range(1)))
    grouped = data.groupby(columns, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy(dtype=np.intp)
    keys = grouped.size().index.to_frame(index=False)
    keys.columns = columns
    return Groups(columns, codes, keys)


def counts_by_group(
    data: object, x: str, n: str, by: By, function: str, zero_denominator: str
) -> tuple[Groups, np.ndarray, np.ndarray]:
    """Check a count and a denominator column and sum both by group (proportion and rate).

    Negative counts and denominators that are not positive (zero too, unless
    ``zero_denominator="na"``) raise :class:`StatsInputError` naming the column and group.
    """
    frame = require_frame(data, function)
    require_columns(frame, function, x=x, n=n)
    groups = make_groups(frame, by, function)
    xs, ns = numeric(frame, x, function), numeric(frame, n, function)
    if np.any(xs < 0):
        raise groups.fail(xs < 0, "negative-count", x, "numerators must not be negative")
    bad_n = (ns < 0) | ((ns == 0) & (zero_denominator == "error"))
    if bad_n.any():
        raise groups.fail(
            bad_n, "denominator-not-positive", n, "denominators must be greater than zero"
        )
    return groups, groups.sum(xs), groups.sum(ns)
