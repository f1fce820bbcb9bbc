"""Grid statistics collect the engine's rows and run the pandas code: the same results, and
a clear refusal above the size guard."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wyoutcomes import engines, spc, stats
from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import STANDARD_LE_BANDS

POP = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
       50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936]  # fmt: skip
DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872,
          1390, 1605, 1936, 1937]  # fmt: skip


def test_life_expectancy_sii_and_xmr_equal_the_pandas_path(engine):
    bands = pd.DataFrame(
        {"area": np.repeat(["A", "B"], 20), "age": list(STANDARD_LE_BANDS) * 2,
         "pop": POP * 2, "deaths": DEATHS + [d + 3 for d in DEATHS]}
    )  # fmt: skip
    got = engines.life_expectancy(engine(bands), "deaths", "pop", "age", by="area", le_age=0)
    want = stats.life_expectancy(bands, "deaths", "pop", "age", by="area", le_age=0)
    pd.testing.assert_frame_equal(
        got.assign(area=got["area"].astype(object)), want.assign(area=want["area"].astype(object))
    )
    deciles = pd.DataFrame(
        {"decile": range(1, 11), "pop": 10_000, "le": np.arange(76.0, 86.0), "se": 0.2}
    )
    options = {"value": "le", "se": "se", "repetitions": 1000, "seed": 18}
    pd.testing.assert_frame_equal(
        engines.sii(engine(deciles), "decile", "pop", **options),
        stats.sii(deciles, "decile", "pop", **options),
    )
    months = pd.DataFrame(
        {"month": pd.date_range("2024-01-01", periods=12, freq="MS"), "rate": np.arange(12.0)}
    )
    got_icons = engines.xmr_frame(engine(months), "rate", None, "month").icons
    assert got_icons.equals(spc.xmr_frame(months, "rate", None, "month").icons)


def test_a_grid_above_the_guard_is_refused_with_its_size(engine):
    frame = pd.DataFrame({"age": range(30), "pop": 1, "deaths": 0})
    with pytest.raises(StatsInputError, match=r"\[grid-too-large\].*30 rows, more than the 20"):
        engines.life_expectancy(engine(frame), "deaths", "pop", "age", limit=20)
