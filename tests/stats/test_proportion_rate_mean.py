"""Proportions, crude rates and means against the reference's published test sheets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import mean, proportion, rate

from .reference_data import assert_close, fixture

PROP = fixture("proportion-prop.csv")
PROP_G = fixture("proportion-prop-g.csv")
RATE = fixture("rate-rate.csv")
RATE_G = fixture("rate-rate-g.csv")


def _inputs(sheet: pd.DataFrame, multiplier: float) -> pd.DataFrame:
    rows = sheet[sheet["multiplier"] == multiplier]
    return rows[["Area", "Numerator", "Denominator"]].reset_index(drop=True)


def _expected(sheet: pd.DataFrame, multiplier: float) -> pd.DataFrame:
    return sheet[sheet["multiplier"] == multiplier].sort_values("Area").reset_index(drop=True)


@pytest.mark.parametrize("multiplier", [1, 100])
def test_proportion_two_levels_matches_reference(multiplier):
    out = proportion(
        _inputs(PROP, multiplier),
        "Numerator",
        "Denominator",
        by="Area",
        confidence=(0.95, 0.998),
        multiplier=multiplier,
    )
    expected = _expected(PROP, multiplier)
    assert list(out["Area"]) == list(expected["Area"])
    assert_close(out["value"], expected["value"])
    for ours, theirs in [
        ("lower_ci_95", "lower95_0cl"),
        ("upper_ci_95", "upper95_0cl"),
        ("lower_ci_99_8", "lower99_8cl"),
        ("upper_ci_99_8", "upper99_8cl"),
    ]:
        assert_close(out[ours], expected[theirs])
    assert set(out["statistic"]) == set(expected["statistic"])
    assert out.loc[out["value"].notna(), "confidence"].eq("95%, 99.8%").all()


def test_proportion_grouped_sums_before_computing():
    # the sheet lists areas 1-8 once per multiplier, so grouping the whole sheet sums them
    out = proportion(PROP, "Numerator", "Denominator", by="Area")
    expected = PROP_G.sort_values("Area").reset_index(drop=True)
    assert_close(out["Numerator"], expected["Numerator"])
    assert_close(out["value"], expected["value"])
    assert_close(out["lower_ci"], expected["lowercl"])
    assert_close(out["upper_ci"], expected["uppercl"])


def test_proportion_without_confidence_has_no_limits():
    out = proportion(_inputs(PROP, 1).dropna(), "Numerator", "Denominator", confidence=None)
    assert "lower_ci" not in out.columns
    assert out["confidence"].iloc[0] == "not requested"


@pytest.mark.parametrize("multiplier", [100, 100_000])
def test_rate_two_levels_matches_reference(multiplier):
    out = rate(
        _inputs(RATE, multiplier),
        "Numerator",
        "Denominator",
        by="Area",
        confidence=(95, 99.8),
        multiplier=multiplier,
    )
    expected = _expected(RATE, multiplier)
    assert_close(out["value"], expected["value"])
    assert_close(out["lower_ci_95"], expected["lower95_0cl"])
    assert_close(out["upper_ci_95"], expected["upper95_0cl"])
    assert_close(out["lower_ci_99_8"], expected["lower99_8cl"])
    assert_close(out["upper_ci_99_8"], expected["upper99_8cl"])
    assert list(out["method"].fillna("NA")) == list(expected["method"].fillna("NA"))
    assert out["statistic"].eq(f"rate per {multiplier}").all()


def test_rate_grouped_matches_reference():
    out = rate(RATE, "Numerator", "Denominator", by="Area")
    expected = RATE_G.sort_values("Area").reset_index(drop=True)
    assert_close(out["value"], expected["value"])
    assert_close(out["lower_ci"], expected["lowercl"])
    assert_close(out["upper_ci"], expected["uppercl"])
    assert list(out["method"].fillna("NA")) == list(expected["method"].fillna("NA"))


def test_rate_zero_count_limits():
    out = rate(pd.DataFrame({"x": [0], "n": [1000]}), "x", "n", multiplier=1000)
    assert out["lower_ci"].iloc[0] == 0
    # χ²_0.975(2)/2 = −ln(0.025)
    assert_close(out["upper_ci"], [-np.log(0.025)], rtol=1e-12)


def test_mean_matches_reference():
    values = fixture("mean-mean.csv")
    expected = fixture("mean-mean-results.csv")
    grouped = mean(values, "values", by="area", confidence=(0.95, 0.998))
    whole = mean(values, "values", confidence=(0.95, 0.998))
    out = pd.concat([grouped.drop(columns="area"), whole], ignore_index=True)
    for column in ["value_sum", "value_count", "stdev", "value"]:
        assert_close(out[column], expected[column])
    assert_close(out["lower_ci_95"], expected["lower95_0cl"])
    assert_close(out["upper_ci_99_8"], expected["upper99_8cl"])
    assert_close(out["lower_ci_99_8"], expected["lower99_8cl"])
    assert_close(out["upper_ci_95"], expected["upper95_0cl"])


def test_mean_any_na_makes_the_group_na():
    out = mean(pd.DataFrame({"v": [1.0, np.nan, 3.0]}), "v")
    assert out["value_count"].iloc[0] == 3
    assert np.isnan(out["value"].iloc[0])


@pytest.mark.parametrize(
    ("function", "frame", "column", "rule"),
    [
        (proportion, {"g": ["a", "b"], "x": [1, -1], "n": [2, 2]}, "x", "negative-count"),
        (proportion, {"g": ["a", "b"], "x": [1, 1], "n": [2, 0]}, "n", "denominator-not-positive"),
        (proportion, {"g": ["a", "b"], "x": [1, 3], "n": [2, 2]}, "x", "numerator-exceeds"),
        (rate, {"g": ["a", "b"], "x": [1, 1], "n": [2, -4]}, "n", "denominator-not-positive"),
    ],
)
def test_bad_input_names_column_group_and_rule(function, frame, column, rule):
    with pytest.raises(StatsInputError) as caught:
        function(pd.DataFrame(frame), "x", "n", by="g")
    message = str(caught.value)
    assert rule in message
    assert f"column {column!r}" in message
    assert "g='b'" in message


def test_rate_allows_numerator_above_denominator():
    out = rate(pd.DataFrame({"x": [250], "n": [220]}), "x", "n")
    assert_close(out["value"], [250 / 220 * 100_000], rtol=1e-12)


def test_zero_denominator_can_be_na_with_a_warning():
    frame = pd.DataFrame({"g": ["a", "b"], "x": [1, 0], "n": [10, 0]})
    with pytest.warns(UserWarning, match="zero denominator"):
        out = proportion(frame, "x", "n", by="g", zero_denominator="na")
    assert np.isnan(out["value"].iloc[1]) and out["value"].iloc[0] == 0.1


def test_two_levels_other_than_the_fingertips_pair_are_refused():
    with pytest.raises(StatsInputError, match="confidence-pair"):
        rate(pd.DataFrame({"x": [1], "n": [2]}), "x", "n", confidence=(0.9, 0.95))
