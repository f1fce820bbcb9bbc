"""A store's published values as a lazy frame of DuckDB, Polars or Spark.

The engine reads exactly the store's committed files (``Store.value_files``), never a folder
glob, keeps the latest version of each key and drops withdrawn keys: the rows and columns
of ``Store.read(as_of)``, left lazy for the engine to filter and aggregate.
"""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw

from wyoutcomes.contract import KEY_COLUMNS
from wyoutcomes.store import Store
from wyoutcomes.store.reading import READ_COLUMNS, AsOf

__all__ = ["read_store"]


def _scan(paths: list[str], backend: Any) -> nw.LazyFrame[Any]:
    if backend == "polars":
        import polars as pl

        return nw.from_native(pl.scan_parquet(paths))
    if backend == "duckdb":
        import duckdb

        return nw.from_native(duckdb.read_parquet(paths))
    if hasattr(backend, "read") and hasattr(backend, "createDataFrame"):  # a SparkSession
        return nw.from_native(backend.read.parquet(*paths))
    raise ValueError(
        f"read_store: backend must be 'polars', 'duckdb' or a SparkSession, not {backend!r}"
    )


def read_store(
    values: Store,
    as_of: AsOf = None,
    *,
    backend: Any = "polars",
    indicators: list[str] | None = None,
) -> Any:
    """The values ``values.read(as_of)`` returns, as a lazy native frame of ``backend``.

    Rows come unordered (sort or aggregate in the engine); ``backend`` is ``"polars"``,
    ``"duckdb"`` or a ``SparkSession``.

    >>> import tempfile
    >>> read_store(Store(tempfile.mkdtemp()), backend="polars") is None
    True
    """
    paths = [str(path) for path in values.value_files(as_of, indicators)]
    if not paths:
        return None
    frame = _scan(paths, backend)
    if indicators is not None:
        frame = frame.filter(nw.col("indicator_id").is_in(list(indicators)))
    keys = list(KEY_COLUMNS)
    # a submission holds one version per key, so the latest version is the one from the
    # latest submission (ids order by time); its withdrawn flag decides whether the key shows
    latest = frame.group_by(*keys).agg(nw.col("submission_id").max().alias("__latest"))
    current = frame.join(latest, on=keys, how="inner").filter(
        (nw.col("submission_id") == nw.col("__latest")) & ~nw.col("withdrawn")
    )
    return current.select(READ_COLUMNS).to_native()
