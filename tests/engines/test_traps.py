"""Canaries for the traps found when taking the statistics and rules to other engines.

Each test shows the engine behaviour that would silently change a figure, and that the
engines module is not caught by it.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import wyoutcomes.engines
from wyoutcomes import engines, stats
from wyoutcomes.errors import UsageError

duckdb = pytest.importorskip("duckdb")
pl = pytest.importorskip("polars")


def test_sql_sum_skips_null_but_an_na_count_voids_the_group():
    """SQL's SUM(1, NULL) is 1; the pandas path's sum of (1, NA) is NA, so the rate is NA."""
    assert duckdb.sql("SELECT SUM(x) FROM (VALUES (1.0), (NULL)) t(x)").fetchall()[0][0] == 1.0
    frame = pd.DataFrame({"area": ["A", "A", "B"], "x": [1.0, np.nan, 4.0], "n": [10.0] * 3})
    for native in (frame, pl.from_pandas(frame), duckdb.from_df(frame)):
        out = engines.rate(native, "x", "n", by="area")
        assert (
            math.isnan(out["value"].iloc[0]) and out["value"].iloc[1] == 40_000
        )  # 4 / 10 per 100,000
    assert math.isnan(stats.rate(frame, "x", "n", by="area")["value"].iloc[0])


def test_no_string_split_in_the_engines_module():
    """narwhals' str.split is a regular expression on PySpark and literal elsewhere: a BNF
    code split on "." would differ by engine. The module filters with starts_with instead."""
    folder = Path(wyoutcomes.engines.__file__).parent
    for path in folder.glob("*.py"):
        assert ".str.split(" not in path.read_text(encoding="utf-8"), path.name


def test_a_lazy_frame_needs_a_source_row_column_for_row_numbers():
    frame = pl.DataFrame({"indicator_id": ["a"]}).lazy()
    with pytest.raises(UsageError, match="missing"):
        engines.validate_frame(frame, plan_rules=False)
    columns = {
        "indicator_id": ["a"], "area_code": ["E1"], "period": ["2019"], "sex": ["Persons"],
        "age": ["All ages"], "category_type": [""], "category": [""], "value": [1.0],
        "lower_ci": [None], "upper_ci": [None],
    }  # fmt: skip
    with pytest.raises(UsageError, match="source_row="):
        engines.validate_frame(pl.DataFrame(columns).lazy(), plan_rules=False)


def test_blank_is_pythons_strip_not_sql_trim():
    """DuckDB's trim leaves a line separator (U+2028) and Spark's trim every Unicode space;
    str.strip() removes them. An area code of one line separator is empty, as validate()
    says, on DuckDB too (the verdict comes from Python, judged once per distinct label)."""
    assert duckdb.sql("SELECT length(trim(chr(8232)))").fetchall()[0][0] == 1
    frame = pd.DataFrame(
        {"indicator_id": ["a"], "area_code": ["\u2028"], "period": ["2019"], "sex": ["Persons"],
         "age": ["All ages"], "category_type": [""], "category": [""], "value": [1.0],
         "lower_ci": [np.nan], "upper_ci": [np.nan], "line": [1]}
    )  # fmt: skip
    result = engines.validate_frame(duckdb.from_df(frame), plan_rules=False, source_row="line")
    assert result.failures[["rule", "column"]].values.tolist() == [["missing-value", "area_code"]]
