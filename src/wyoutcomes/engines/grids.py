"""Statistics whose input is already a small grid: collect it behind a size guard, then run
the pandas code unchanged.

Life expectancy (groups × ≤ 20 age bands), the SII (groups × quantiles), quantiles (areas
within groups) and XmR charts (series × dates) are small by nature once the records are
counted. The engine selects the columns the statistic reads and counts the rows; above
``limit`` rows the collection is refused with the count, rather than filling memory.

>>> import polars as pl
>>> from wyoutcomes.stats import STANDARD_LE_BANDS
>>> bands = pl.DataFrame({
...     "age": STANDARD_LE_BANDS,
...     "pop": [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
...             50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936],
...     "deaths": [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872,
...                1390, 1605, 1936, 1937]})
>>> out = life_expectancy(bands.lazy(), "deaths", "pop", "age", le_age=0)
>>> round(float(out["value"].iloc[0]), 4)
80.1696
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import narwhals.stable.v2 as nw
import pandas as pd

from wyoutcomes import spc, stats
from wyoutcomes.engines._frame import lazy, require
from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._grouping import By, by_columns

__all__ = ["GRID_LIMIT", "collect_grid", "life_expectancy", "quantiles", "sii", "xmr_frame"]

#: rows a grid may have before collection is refused (≈ 1 GB of pandas at worst)
GRID_LIMIT = 5_000_000


def collect_grid(
    data: object, columns: Sequence[str | None], function: str, limit: int = GRID_LIMIT
) -> pd.DataFrame:
    """The named columns of ``data`` as pandas, if there are at most ``limit`` rows."""
    frame = lazy(data, function)
    wanted = list(dict.fromkeys(c for c in columns if c is not None))
    require(frame, function, **{f"column[{i}]": c for i, c in enumerate(wanted)})
    rows = int(frame.select(nw.len()).collect().item())
    if rows > limit:
        raise StatsInputError(
            f"[grid-too-large] {function}: the grid has {rows:,} rows, more than the {limit:,} "
            "this collects into one process; aggregate it further in the engine first (or "
            "pass a larger limit= if the machine has the memory)"
        )
    return frame.select(wanted).collect().to_pandas()


def life_expectancy(
    data: object,
    deaths: str,
    population: str,
    startage: str,
    by: By = None,
    *,
    limit: int = GRID_LIMIT,
    **options: Any,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.life_expectancy` on a grid collected from any engine."""
    columns = [*by_columns(by), deaths, population, startage]
    frame = lazy(data, "life_expectancy")
    spark = frame.implementation.is_pyspark() or frame.implementation.is_pyspark_connect()
    if spark and by_columns(by) and _rows(frame) > limit:
        # above the guard on Spark: one pandas call per group on the executors
        return _per_group_on_spark(
            frame.select(columns).to_native(),
            by_columns(by),
            lambda part: stats.life_expectancy(
                part, deaths, population, startage, by=by, **options
            ),
        )
    grid = collect_grid(data, columns, "life_expectancy", limit)
    return stats.life_expectancy(grid, deaths, population, startage, by=by, **options)


def _rows(frame: nw.LazyFrame[Any]) -> int:
    return int(frame.select(nw.len()).collect().item())


_SPARK_TYPES = {"f": "double", "i": "bigint", "u": "bigint", "b": "boolean"}


def _plain_columns(result: pd.DataFrame) -> pd.DataFrame:
    """Categoricals and pandas strings as plain objects, for Arrow's trip back to Spark."""
    out = result.copy()
    for name in out.columns:
        if out[name].dtype.kind not in "fiub":
            out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out


def _per_group_on_spark(
    native: Any, by: list[str], compute: Callable[[pd.DataFrame], pd.DataFrame]
) -> pd.DataFrame:
    """``compute`` on each group with ``applyInPandas``; the result's schema is read from the
    first group's result, and its dtypes restored from it when the rows come back."""
    first_keys = native.select(*by).limit(1).toPandas()
    sample = native
    for name in by:
        sample = sample.filter(native[name] == first_keys[name].iloc[0])
    template = compute(sample.toPandas())
    schema = ", ".join(
        f"`{name}` {_SPARK_TYPES.get(dtype.kind, 'string')}"
        for name, dtype in template.dtypes.items()
    )

    def each(part: pd.DataFrame) -> pd.DataFrame:
        return _plain_columns(compute(part))

    result = native.groupBy(*by).applyInPandas(each, schema=schema).toPandas()
    result = result.sort_values(by, kind="stable").reset_index(drop=True)
    for name, dtype in template.dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            result[name] = pd.Categorical(result[name], categories=dtype.categories)
        else:
            result[name] = result[name].astype(dtype)
    return result


def sii(
    data: object,
    quantile: str,
    population: str,
    *,
    by: By = None,
    limit: int = GRID_LIMIT,
    **options: Any,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.sii` on a grid collected from any engine (columns as there)."""
    named = [options.get(k) for k in ("value", "x", "se", "lower_ci", "upper_ci")]
    grid = collect_grid(data, [*by_columns(by), quantile, population, *named], "sii", limit)
    return stats.sii(grid, quantile, population, by=by, **options)


def quantiles(
    data: object, values: str, *, by: By = None, limit: int = GRID_LIMIT, **options: Any
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.quantiles` on rows collected from any engine (all columns)."""
    frame = lazy(data, "quantiles")
    grid = collect_grid(frame.to_native(), list(frame.collect_schema()), "quantiles", limit)
    return stats.quantiles(grid, values, by=by, **options)


def xmr_frame(
    data: object,
    value: str,
    by: str | Sequence[str] | None,
    date: str,
    *,
    limit: int = GRID_LIMIT,
    **options: Any,
) -> spc.SPCFrameResult:
    """:func:`wyoutcomes.spc.xmr_frame` on series collected from any engine."""
    extra = [options[k] for k in ("improvement", "target") if isinstance(options.get(k), str)]
    extra = [c for c in extra if c not in ("increase", "decrease", "neutral")]
    columns = [*by_columns(by), date, value, *extra]
    grid = collect_grid(data, columns, "xmr_frame", limit)
    return spc.xmr_frame(grid, value, by, date, **options)
