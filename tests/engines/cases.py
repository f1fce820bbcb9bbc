"""Edge-case frames and the comparison of an engine's result with the pandas path's."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import ESP2013_BANDS

#: labels that look alike but are distinct keys, as places send them
LABELS = ["E08000032", "E08000033", "", " ", "\u00a0", "Leeds\u2009North", None]

RTOL = 1e-12


@st.composite
def count_frames(draw: Any, min_rows: int = 1, max_rows: int = 30) -> pd.DataFrame:
    """Rows of (area, x, n): null counts, zero denominators, blank and Unicode-space labels."""
    rows = draw(st.integers(min_rows, max_rows))
    area = draw(st.lists(st.sampled_from(LABELS), min_size=rows, max_size=rows))
    x = draw(
        st.lists(
            st.one_of(st.none(), st.integers(0, 500), st.just(-1)), min_size=rows, max_size=rows
        )
    )
    n = draw(
        st.lists(
            st.one_of(st.none(), st.just(0), st.integers(1, 5000)), min_size=rows, max_size=rows
        )
    )
    frame = pd.DataFrame({"area": pd.Series(area, dtype=object), "x": x, "n": n})
    frame["x"] = frame["x"].astype("float64")
    frame["n"] = frame["n"].astype("float64")
    return frame


@st.composite
def band_frames(draw: Any) -> pd.DataFrame:
    """Areas × ESP2013 bands with bands missing, repeated or spelt differently."""
    areas = draw(st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=3, unique=True))
    rows = []
    for area in areas:
        bands = list(ESP2013_BANDS)
        fault = draw(st.sampled_from(["none", "none", "missing", "repeated", "spelt", "null"]))
        if fault == "missing":
            bands.pop(draw(st.integers(0, len(bands) - 1)))
        elif fault == "repeated":
            bands.append(bands[draw(st.integers(0, len(bands) - 1))])
        elif fault == "spelt":
            bands = [b.replace("-", " – ") for b in bands]
        elif fault == "null":
            bands[0] = None
        for band in bands:
            rows.append(
                {
                    "area": area,
                    "ageband": band,
                    "deaths": draw(st.one_of(st.integers(0, 40), st.none())),
                    "pop": draw(st.integers(0, 6000)),
                }
            )
    frame = pd.DataFrame(rows)
    frame["deaths"] = frame["deaths"].astype("float64")
    frame["pop"] = frame["pop"].astype("float64")
    return frame


def outcome(call: Callable[[], pd.DataFrame]) -> tuple[str, Any, list[str]]:
    """("ok", frame, warnings) or ("error", rule tag, warnings) of one call."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call()
        except StatsInputError as exc:
            rule = str(exc).split("]")[0].lstrip("[")
            return "error", rule, sorted({str(w.message) for w in caught})
    return "ok", result, sorted({str(w.message) for w in caught})


def plain_keys(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Key columns as Python objects with None for missing, whatever the engine's dtype."""
    out = frame.copy()
    for key in keys:
        out[key] = [None if pd.isna(v) else v for v in out[key].astype(object)]
        out[key] = out[key].astype(object)
    return out


def assert_same(engine_call: Callable[[], pd.DataFrame], pandas_call: Callable[[], pd.DataFrame],
                keys: list[str]) -> None:  # fmt: skip
    """The engine gives the pandas path's result (≤ 1e-12 relative), or fails the same rule
    with the same warnings."""
    expected = outcome(pandas_call)
    actual = outcome(engine_call)
    assert actual[0] == expected[0], (actual, expected)
    assert actual[2] == expected[2]
    if expected[0] == "error":
        assert actual[1] == expected[1]
        return
    got, want = plain_keys(actual[1], keys), plain_keys(expected[1], keys)
    assert list(got.columns) == list(want.columns)
    for column in want.columns:
        if column in keys:
            assert got[column].tolist() == want[column].tolist(), column
        elif pd.api.types.is_float_dtype(want[column]):
            assert got[column].dtype == want[column].dtype, column
            np.testing.assert_allclose(
                got[column].to_numpy(), want[column].to_numpy(), rtol=RTOL, atol=0, equal_nan=True
            )
        else:
            assert got[column].dtype == want[column].dtype, column
            assert got[column].astype(object).tolist() == want[column].astype(object).tolist()
