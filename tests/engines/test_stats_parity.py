"""The engines' statistics equal the pandas path's on pandas, Polars and DuckDB.

Hypothesis draws the awkward rows places send (nulls, zero denominators, negative counts,
blank and Unicode-space labels, missing, repeated and differently spelt age bands); each
engine must give the pandas path's figures to 1e-12 relative, or fail the same rule with
the same warnings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wyoutcomes import engines, stats
from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import ESP2013, ESP2013_BANDS

from .cases import assert_same, band_frames, count_frames

SETTINGS = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(frame=count_frames(), zero=st.sampled_from(["error", "na"]), grouped=st.booleans())
@pytest.mark.parametrize("function", ["proportion", "rate"])
def test_counts_match_the_pandas_path(engine, function, frame, zero, grouped):
    if function == "proportion":
        frame = frame.assign(n=frame["n"] + frame["x"].clip(lower=0).fillna(0))
    by = "area" if grouped else None
    assert_same(
        lambda: getattr(engines, function)(engine(frame), "x", "n", by=by, zero_denominator=zero),
        lambda: getattr(stats, function)(frame, "x", "n", by=by, zero_denominator=zero),
        ["area"] if grouped else [],
    )


@SETTINGS
@given(frame=count_frames(), grouped=st.booleans())
def test_mean_matches_the_pandas_path(engine, frame, grouped):
    by = "area" if grouped else None
    frame = frame.assign(x=frame["x"] / 7)  # fractions, so summation order could show
    assert_same(
        lambda: engines.mean(engine(frame), "x", by=by),
        lambda: stats.mean(frame, "x", by=by),
        ["area"] if grouped else [],
    )


@SETTINGS
@given(frame=band_frames(), zero=st.sampled_from(["error", "na"]))
def test_dsr_with_a_standard_table_matches_the_pandas_path(engine, frame, zero):
    assert_same(
        lambda: engines.dsr(
            engine(frame), "deaths", "pop", stdpop=ESP2013, ageband="ageband", by="area",
            zero_denominator=zero,
        ),
        lambda: stats.dsr(
            frame, "deaths", "pop", stdpop=ESP2013, ageband="ageband", by="area",
            zero_denominator=zero,
        ),
        ["area"],
    )  # fmt: skip


@SETTINGS
@given(frame=band_frames())
def test_dsr_with_a_weight_column_matches_the_pandas_path(engine, frame):
    weights = dict(zip(ESP2013_BANDS, ESP2013.to_numpy(), strict=True))
    frame = frame.assign(esp=frame["ageband"].map(weights), confidence=None)
    assert_same(
        lambda: engines.dsr(engine(frame), "deaths", "pop", stdpop="esp", by="area"),
        lambda: stats.dsr(frame, "deaths", "pop", stdpop="esp", by="area"),
        ["area"],
    )


@SETTINGS
@given(frame=band_frames(), events=st.lists(st.integers(1, 3), min_size=1, max_size=80))
def test_non_independent_dsr_matches_the_pandas_path(engine, frame, events):
    frame = frame.assign(freq=np.resize(events, len(frame)).astype("float64"))
    frame = frame.assign(pop=frame["pop"].where(frame["pop"] > 0, 100.0))
    arguments = {
        "stdpop": ESP2013, "ageband": "ageband", "by": "area", "independent_events": False,
        "eventfreq": "freq",
    }  # fmt: skip
    assert_same(
        lambda: engines.dsr(engine(frame), "deaths", "pop", **arguments),
        lambda: stats.dsr(frame, "deaths", "pop", **arguments),
        ["area"],
    )


@SETTINGS
@given(frame=band_frames())
@pytest.mark.parametrize("function", ["isr_ratio", "isr_rate"])
def test_isr_with_reference_columns_matches_the_pandas_path(engine, function, frame):
    frame = frame.assign(
        x_ref=np.resize([120.0, 300.0, 900.0, np.nan], len(frame)),
        n_ref=np.resize([10_000.0, 30_000.0, 80_000.0], len(frame)),
    )
    assert_same(
        lambda: getattr(engines, function)(engine(frame), "deaths", "pop", "x_ref", "n_ref",
                                           by="area"),
        lambda: getattr(stats, function)(frame, "deaths", "pop", "x_ref", "n_ref", by="area"),
        ["area"],
    )  # fmt: skip


def test_isr_by_band_needs_a_band_column_on_an_engine(engine):
    """Lazy frames have no row positions: by-position references become by-band ones.

    Two bands, deaths 3 and 12 in populations 1000 and 500, reference 200/100 000 and
    900/30 000: E = 2 + 15 = 17, O = 15, ratio 15/17 = 0.88235 (the isr_ratio docstring).
    """
    frame = pd.DataFrame({"band": ["young", "old"], "deaths": [3, 12], "people": [1000, 500]})
    x_ref, n_ref = {"young": 200, "old": 900}, {"young": 100_000, "old": 30_000}
    out = engines.isr_ratio(engine(frame), "deaths", "people", x_ref, n_ref, band="band")
    assert out["value"].round(5).tolist() == [0.88235]
    expected = stats.isr_ratio(frame, "deaths", "people", [200, 900], [100_000, 30_000])
    np.testing.assert_allclose(out["value"], expected["value"], rtol=1e-12)
    with pytest.raises(StatsInputError, match=r"\[band-required\]"):
        engines.isr_ratio(engine(frame), "deaths", "people", [200, 900], [100_000, 30_000])


@SETTINGS
@given(frame=count_frames(min_rows=3))
@pytest.mark.parametrize("statistic", ["proportion", "ratio"])
def test_funnel_limits_match_the_pandas_path(engine, statistic, frame):
    frame = frame.assign(x=frame["x"].abs(), n=frame["n"] + frame["x"].abs().fillna(0) + 1)
    if not (frame["n"] > 0).any() or not (frame["x"] > 0).any():
        return  # no axis to draw (both paths raise numpy's ValueError)
    assert_same(
        lambda: engines.funnel_limits(engine(frame), "x", "n", statistic=statistic),
        lambda: stats.funnel_limits(frame, "x", "n", statistic=statistic),
        [],
    )


def test_an_error_names_the_first_group_and_the_source_row(engine):
    frame = pd.DataFrame(
        {
            "area": ["B", "A", "A", "B"],
            "x": [1.0, 2, -3, -4],
            "n": [10.0] * 4,
            "line": [7, 8, 9, 10],
        }
    )
    with pytest.raises(StatsInputError) as caught:
        engines.proportion(engine(frame), "x", "n", by="area", source_row="line")
    assert str(caught.value) == (
        "[negative-count] column 'x', group area='A', line 9 (2 rows in all): "
        "numerators must not be negative"
    )
