"""Engines for the parity suites: the same rows as pandas, Polars (eager and lazy), DuckDB, and
(marked ``spark``) one local PySpark session for the whole run."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

pytest.importorskip("narwhals")

FAST_ENGINES = ["pandas", "polars", "polars-lazy", "duckdb"]


def to_engine(name: str, frame: pd.DataFrame) -> Any:
    """``frame``'s rows as a native frame of engine ``name``."""
    if name == "pandas":
        return frame
    if name in ("polars", "polars-lazy"):
        pl = pytest.importorskip("polars")
        eager = pl.from_pandas(frame)
        return eager.lazy() if name == "polars-lazy" else eager
    if name == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        # the default connection, as an analyst's duckdb.sql(...) would use (lookups a recipe
        # moves to DuckDB land there too); NaN in a float column becomes NULL
        return duckdb.from_df(frame)
    raise ValueError(name)


@pytest.fixture(params=FAST_ENGINES)
def engine(request: pytest.FixtureRequest) -> Callable[[pd.DataFrame], Any]:
    """Turns a pandas frame into each fast engine's native frame in turn."""
    name = request.param
    return lambda frame: to_engine(name, frame)


@pytest.fixture(scope="session")
def spark() -> Any:
    """One local[2] SparkSession for the whole run (starting one costs ~10 s)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime: scripts/system-deps.sh installs openjdk-17 on CI")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run this Python (applyInPandas)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("wyoutcomes-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        # the executors' Python is this one, which has wyoutcomes installed (applyInPandas)
        .config("spark.pyspark.python", sys.executable)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
