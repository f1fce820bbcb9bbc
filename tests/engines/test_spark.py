"""The engines on PySpark local[2]: the pandas path's figures, the same failures.

Marked ``spark`` (one SparkSession for the run; CI runs it through ./tasks.sh test). Few
examples each: a Spark job costs about a second here, so this suite samples what the fast
suite covers exhaustively.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wyoutcomes import engines, stats
from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import ESP2013

from .cases import assert_same, band_frames, count_frames

pytestmark = pytest.mark.spark

FEW = settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _spark_frame(spark, frame: pd.DataFrame):
    """Rows into Spark without pandas conversion quirks: Python values, NaN as NULL."""
    records = [
        tuple(None if (isinstance(v, float) and np.isnan(v)) else v for v in row)
        for row in frame.itertuples(index=False)
    ]
    types = {"float64": "double", "int64": "bigint"}
    schema = ", ".join(f"`{c}` {types.get(str(frame[c].dtype), 'string')}" for c in frame.columns)
    return spark.createDataFrame(records, schema=schema)


@FEW
@given(frame=count_frames(), zero=st.sampled_from(["error", "na"]))
def test_proportion_and_rate_on_spark(spark, frame, zero):
    frame = frame.assign(n=frame["n"] + frame["x"].clip(lower=0).fillna(0))
    native = _spark_frame(spark, frame)
    for function in ("proportion", "rate"):
        assert_same(
            lambda f=function: getattr(engines, f)(native, "x", "n", by="area",
                                                   zero_denominator=zero),
            lambda f=function: getattr(stats, f)(frame, "x", "n", by="area",
                                                 zero_denominator=zero),
            ["area"],
        )  # fmt: skip


@FEW
@given(frame=band_frames())
def test_dsr_on_spark(spark, frame):
    native = _spark_frame(spark, frame)
    assert_same(
        lambda: engines.dsr(native, "deaths", "pop", stdpop=ESP2013, ageband="ageband", by="area",
                            zero_denominator="na"),
        lambda: stats.dsr(frame, "deaths", "pop", stdpop=ESP2013, ageband="ageband", by="area",
                          zero_denominator="na"),
        ["area"],
    )  # fmt: skip


def test_mean_isr_and_funnel_on_spark(spark):
    rng = np.random.default_rng(18)
    frame = pd.DataFrame(
        {
            "area": rng.choice(["E08000032", "E08000033", " ", None], 200).astype(object),
            "x": rng.integers(0, 60, 200) / 3,
            "n": rng.integers(100, 900, 200).astype("float64"),
            "x_ref": rng.integers(50, 500, 200).astype("float64"),
            "n_ref": rng.integers(10_000, 90_000, 200).astype("float64"),
        }
    )
    native = _spark_frame(spark, frame)
    assert_same(
        lambda: engines.mean(native, "x", by="area"), lambda: stats.mean(frame, "x", by="area"),
        ["area"],
    )  # fmt: skip
    assert_same(
        lambda: engines.isr_rate(native, "x", "n", "x_ref", "n_ref", by="area"),
        lambda: stats.isr_rate(frame, "x", "n", "x_ref", "n_ref", by="area"),
        ["area"],
    )
    assert_same(
        lambda: engines.funnel_limits(native, "x", "n"),
        lambda: stats.funnel_limits(frame, "x", "n"),
        [],
    )


def test_a_spark_error_names_the_group_and_source_row(spark):
    frame = pd.DataFrame({"area": ["B", "A"], "x": [1.0, -3.0], "n": [10.0, 10.0], "line": [4, 5]})
    with pytest.raises(StatsInputError, match=r"group area='A', line 5 \(1 row in all\)"):
        engines.rate(_spark_frame(spark, frame), "x", "n", by="area", source_row="line")


def test_the_antibiotic_recipe_gives_the_same_numbers_on_spark(spark):
    from wyoutcomes.engines.epd import synthetic_epd_month, synthetic_practices, synthetic_star_pu
    from wyoutcomes.engines.recipes import antibiotic_items_per_star_pu

    practices = synthetic_practices(12, ["E38000225", "E38000190"])
    months = [202201 + i for i in range(12)] + [202301]
    rows = pd.concat([synthetic_epd_month(m, practices, rows=500) for m in months])
    rows = rows[["YEAR_MONTH", "PRACTICE_CODE", "BNF_CODE", "ITEMS"]]
    star_pu = synthetic_star_pu(practices, months)
    want = antibiotic_items_per_star_pu(rows, practices, star_pu)
    got = antibiotic_items_per_star_pu(
        _spark_frame(spark, rows), practices, _spark_frame(spark, star_pu)
    )
    assert len(want) == 4
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)


def test_life_expectancy_above_the_guard_runs_per_group_on_spark(spark):
    """Above the size guard Spark runs the pandas code once per group (applyInPandas): the
    same rows, values and dtypes as the pandas path."""
    from wyoutcomes.stats import STANDARD_LE_BANDS

    pop = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
           50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936]  # fmt: skip
    deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872,
              1390, 1605, 1936, 1937]  # fmt: skip
    bands = pd.DataFrame(
        {"area": np.repeat(["B", "A"], 20), "age": list(STANDARD_LE_BANDS) * 2,
         "pop": np.array(pop * 2, dtype="float64"),
         "deaths": np.array(deaths + [d + 2 for d in deaths], dtype="float64")}
    )  # fmt: skip
    want = stats.life_expectancy(bands, "deaths", "pop", "age", by="area")
    got = engines.life_expectancy(
        _spark_frame(spark, bands), "deaths", "pop", "age", by="area", limit=10
    )
    pd.testing.assert_frame_equal(
        got.assign(area=got["area"].astype(object)), want.assign(area=want["area"].astype(object))
    )
