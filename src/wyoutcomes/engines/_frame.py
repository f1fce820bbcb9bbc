"""One grouped pass over any narwhals-supported frame: sums, check counts, and errors by group.

Lazy frames (Polars lazy, DuckDB relations, PySpark) have no row order, so an error names
the first offending *group* (in the sorted key order of the pandas path) and how many rows
offend; where the caller names a ``source_row`` column, the smallest offending source row
of that group too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._grouping import By, by_columns

#: the constant key of an ungrouped statistic (dropped before results are returned)
ALL = "__wy_all__"


def lazy(frame: object, function: str) -> nw.LazyFrame[Any]:
    """Any frame narwhals supports, as a narwhals LazyFrame."""
    try:
        wrapped = nw.from_native(frame)  # type: ignore[call-overload]  # any native frame; narwhals checks at run time
    except TypeError:
        raise StatsInputError(
            f"[not-a-frame] {function}: data must be a pandas, Polars, DuckDB or PySpark frame "
            f"(any frame narwhals supports), not {type(frame).__name__}"
        ) from None
    if isinstance(wrapped, nw.DataFrame):
        return wrapped.lazy()
    if isinstance(wrapped, nw.LazyFrame):
        return wrapped
    raise StatsInputError(
        f"[not-a-frame] {function}: data must be a frame, not a {type(frame).__name__}"
    )


def require(frame: nw.LazyFrame[Any], function: str, **columns: str | None) -> dict[str, Any]:
    """Each named argument must be a column; returns the frame's schema."""
    schema = dict(frame.collect_schema())
    for argument, column in columns.items():
        if column is not None and column not in schema:
            raise StatsInputError(
                f"[missing-column] {function}: {argument}={column!r} is not a column of the data "
                f"(columns: {', '.join(map(str, schema))})"
            )
    return schema


def require_numeric(schema: dict[str, Any], function: str, *columns: str | None) -> None:
    for column in columns:
        if column is None:
            continue
        dtype = schema[column]
        if not (dtype.is_numeric() or dtype == nw.Unknown):
            raise StatsInputError(
                f"[not-numeric] {function}: column {column!r} must be numeric, not {dtype}"
            )


def number(column: str) -> nw.Expr:
    """A column as float64 (NA stays NA)."""
    return nw.col(column).cast(nw.Float64())


def missing(expr: nw.Expr) -> nw.Expr:
    """True where a float is null or NaN: the engines differ (Polars and DuckDB keep NaN
    apart from null; pandas does not), the pandas path treats both as NA."""
    return (expr.is_null() | expr.is_nan()).fill_null(True)


def zero_if_missing(expr: nw.Expr) -> nw.Expr:
    return nw.when(missing(expr)).then(nw.lit(0.0)).otherwise(expr)


def flag(predicate: nw.Expr) -> nw.Expr:
    """1 where the predicate holds, else 0; a null predicate is false (stated here rather than
    left to each engine's three-valued logic)."""
    return nw.when(predicate.fill_null(False)).then(nw.lit(1)).otherwise(nw.lit(0))


#: an aggregation of a row column: (output name, row column, "sum" | "min" | "max" | "len")
Agg = tuple[str, str, str]
Columns = dict[str, nw.Expr]


def total(expr: nw.Expr, name: str) -> tuple[Columns, list[Agg]]:
    """Σ with the pandas path's NA rule: an NA anywhere makes the group's sum NA. SQL's SUM
    skips NULL instead, so the NA rows are counted and the sum is voided afterwards."""
    columns = {name: zero_if_missing(expr), f"{name}__na": flag(missing(expr))}
    return columns, [(name, name, "sum"), (f"{name}__na", f"{name}__na", "sum")]


def summed(columns: Columns) -> tuple[Columns, list[Agg]]:
    """Plain sums of row columns (NA already ruled out or zeroed)."""
    return columns, [(name, name, "sum") for name in columns]


def na_total(grid: pd.DataFrame, name: str) -> np.ndarray:
    values = grid[name].to_numpy(dtype="float64", na_value=np.nan)
    return np.where(grid[f"{name}__na"].to_numpy() > 0, np.nan, values)


def aggregation(agg: Agg) -> nw.Expr:
    output, column, op = agg
    if op == "len":
        return nw.len().alias(output)
    return getattr(nw.col(column), op)().alias(output)


@dataclass(frozen=True)
class Check:
    """A row rule: rows where ``predicate`` holds offend (the pandas path's same rule)."""

    rule: str
    column: str
    message: str
    predicate: nw.Expr


@dataclass
class Grouped:
    """A frame with its ``by`` columns, ready for one grouped aggregation."""

    function: str
    frame: nw.LazyFrame[Any]
    by: list[str]
    source_row: str | None

    @classmethod
    def of(
        cls, data: object, by: By, function: str, source_row: str | None, **columns: str | None
    ) -> tuple[Grouped, dict[str, Any]]:
        frame = lazy(data, function)
        keys = by_columns(by)
        schema = require(
            frame,
            function,
            source_row=source_row,
            **columns,
            **{f"by[{i}]": c for i, c in enumerate(keys)},
        )
        return cls(function, frame, keys, source_row), schema

    @property
    def keys(self) -> list[str]:
        return self.by or [ALL]

    def prepared(self, frame: nw.LazyFrame[Any] | None = None) -> nw.LazyFrame[Any]:
        frame = self.frame if frame is None else frame
        return frame.with_columns(nw.lit(0).alias(ALL)) if not self.by else frame

    def check_columns(self, checks: Sequence[Check]) -> tuple[Columns, list[Agg]]:
        """Row flags for each check (and the offending source row), with their aggregations."""
        columns: Columns = {}
        aggs: list[Agg] = []
        for i, check in enumerate(checks):
            columns[f"__check{i}"] = flag(check.predicate)
            aggs.append((f"__check{i}", f"__check{i}", "sum"))
            if self.source_row is not None:
                first = nw.when(check.predicate.fill_null(False)).then(nw.col(self.source_row))
                columns[f"__check{i}_row"] = first
                aggs.append((f"__check{i}_row", f"__check{i}_row", "min"))
        return columns, aggs

    def group(
        self,
        parts: Sequence[tuple[Columns, list[Agg]]],
        checks: Sequence[Check] = (),
        frame: nw.LazyFrame[Any] | None = None,
        keys: Sequence[str] | None = None,
    ) -> nw.LazyFrame[Any]:
        """Row columns computed first, then plain grouped sums/minima/maxima: every engine
        (pandas included) runs simple aggregations fast, and no aggregate nests a window."""
        keys = list(self.keys if keys is None else keys)
        base = self.prepared() if frame is None else frame
        columns: Columns = {}
        aggs: list[Agg] = []
        for part_columns, part_aggs in [*parts, self.check_columns(checks)]:
            columns.update(part_columns)
            aggs.extend(part_aggs)
        if columns:
            base = base.with_columns(**columns)
        return base.group_by(*keys, drop_null_keys=False).agg(*map(aggregation, aggs))

    def aggregate(
        self,
        parts: Sequence[tuple[Columns, list[Agg]]],
        checks: Sequence[Check] = (),
        frame: nw.LazyFrame[Any] | None = None,
    ) -> pd.DataFrame:
        """One row per group, sorted as the pandas path sorts groups; raises for the first
        check that any row fails."""
        grid = self.group(parts, checks, frame).collect().to_pandas()
        grid = sort_groups(grid, self.keys)
        self.raise_checks(grid, checks)
        return grid

    def raise_checks(self, grid: pd.DataFrame, checks: Sequence[Check]) -> None:
        for i, check in enumerate(checks):
            counts = grid[f"__check{i}"].to_numpy()
            if (counts > 0).any():
                first = int(np.flatnonzero(counts > 0)[0])
                row = None
                if self.source_row is not None:
                    row = grid[f"__check{i}_row"].iloc[first]
                raise self.error(grid, first, int(counts.sum()), check, row)

    def error(
        self, grid: pd.DataFrame, first: int, rows: int, check: Check, row: object = None
    ) -> StatsInputError:
        where = f", {self.source_row} {_plain(row)}" if row is not None and pd.notna(row) else ""
        more = f" ({rows} row{'s' if rows != 1 else ''} in all)"
        return StatsInputError(
            f"[{check.rule}] column {check.column!r}, group {self.describe(grid, first)}"
            f"{where}{more}: {check.message}"
        )

    def describe(self, grid: pd.DataFrame, position: int) -> str:
        if not self.by:
            return "the whole data (no grouping)"
        row = grid.iloc[position]
        return ", ".join(f"{c}={_plain(row[c])!r}" for c in self.by)

    def fail_groups(self, grid: pd.DataFrame) -> Any:
        """The ``fail`` of the stats finishing steps: the first bad group and how many."""

        def fail(bad: np.ndarray, rule: str, column: str, message: str) -> StatsInputError:
            bad = np.asarray(bad, dtype=bool)
            first = int(np.flatnonzero(bad)[0])
            groups = int(bad.sum())
            more = f" ({groups} group{'s' if groups != 1 else ''} in all)"
            return StatsInputError(
                f"[{rule}] column {column!r}, group {self.describe(grid, first)}{more}: {message}"
            )

        return fail

    def key_frame(self, grid: pd.DataFrame) -> pd.DataFrame:
        """The group keys as the leading columns of a result (none when ungrouped)."""
        if not self.by:
            return pd.DataFrame(index=range(len(grid)))
        return grid[self.by].reset_index(drop=True)


def _plain(value: object) -> object:
    """numpy scalars as Python values, so messages read as the pandas path's do (a row
    number that came back as a float, because its column had nulls, as a whole number)."""
    value = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def sort_groups(grid: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Groups in the pandas path's order: sorted by key, missing keys last."""
    if not len(grid):
        return grid.reset_index(drop=True)
    return grid.sort_values(list(keys), na_position="last", kind="stable").reset_index(drop=True)
