"""Life expectancy against the reference's published tables, suppression rules and banding."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import STANDARD_LE_BANDS, life_expectancy

from .reference_data import assert_close, fixture

DF1 = fixture("life-expectancy-df1.csv")
WIDE = fixture("life-expectancy-widecis.csv")


def _df1_run(**kwargs) -> pd.DataFrame:
    return life_expectancy(
        DF1[["startage", "pops", "deaths"]], "deaths", "pops", "startage", **kwargs
    )


def test_values_and_cumulative_counts_match_reference():
    out = _df1_run()
    assert_close(out["value"], DF1["value"], rtol=0, atol=5.1e-9)  # published to 8 dp
    assert_close(out["pops_used"], DF1["pops_used"])
    assert_close(out["dths_used"], DF1["dths_used"])
    assert list(out["statistic"]) == [f"life expectancy at {a}" for a in STANDARD_LE_BANDS]


def test_limits_match_reference_standard_errors():
    # the published limits of this table were worked with z = 1.96 (the PHE calculator's
    # spreadsheet); ours use the exact normal quantile, so compare the implied standard errors
    out = _df1_run()
    ours = (out["upper_ci"] - out["lower_ci"]) / (2 * 1.959963984540054)
    theirs = (DF1["upper_ci"] - DF1["lower_ci"]) / (2 * 1.96)
    assert_close(ours, theirs, rtol=2e-7)


def test_band_order_and_labels_do_not_matter():
    labels = ["0", "1-4", *[f"{a} – {a + 4}" for a in range(5, 90, 5)], "90 +"]
    shuffled = DF1.assign(startage=labels).sample(frac=1, random_state=3)
    out = life_expectancy(shuffled, "deaths", "pops", "startage")
    assert_close(out["value"], DF1["value"], rtol=0, atol=5.1e-9)
    assert out["startage"].iloc[2] == "5 – 9"


def test_two_levels_and_le_age():
    out = _df1_run(confidence=(95, 99.8), le_age=[5, 25])
    assert list(out["startage"]) == [5, 25]
    single = _df1_run(confidence=99.8, le_age=[5, 25])
    assert_close(out["lower_ci_99_8"], single["lower_ci"], rtol=1e-14)
    assert {"lower_ci_95", "upper_ci_95", "upper_ci_99_8"} <= set(out.columns)


def test_unknown_le_age_warns_and_returns_all():
    with pytest.warns(UserWarning, match="le_age"):
        out = _df1_run(le_age=4)
    assert len(out) == 20


def test_wide_interval_rule_blanks_the_value_and_keeps_the_limits():
    with pytest.warns(UserWarning, match="deaths exceed the population"):
        out = life_expectancy(WIDE, "deaths", "pops", "startage", by="area",
                              confidence=(0.95, 0.998))  # fmt: skip
    expected = WIDE.sort_values(["area", "startage"]).reset_index(drop=True)
    assert_close(out["value"], expected["value"], rtol=0, atol=5.1e-9)
    # published to 8 dp, with z rounded to 1.959964 (8e-9 relative below the exact quantile),
    # so check the centre and the half-width of each interval
    lower, upper = out["lower_ci_95"], out["upper_ci_95"]
    e_lower, e_upper = expected["lower_ci_95"], expected["upper_ci_95"]
    assert_close((lower + upper) / 2, (e_lower + e_upper) / 2, rtol=0, atol=1e-8)
    assert_close((upper - lower) / 2, (e_upper - e_lower) / 2, rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize(
    ("row", "column", "value", "reason"),
    [
        (3, "deaths", -5, "deaths are negative"),
        (5, "pops", 0, "population is zero"),
        (18, "pops", 119, "deaths exceed the population"),
        (4, "deaths", np.nan, "missing"),
    ],
)
def test_bad_groups_are_suppressed_with_a_warning(row, column, value, reason):
    bad = DF1.copy()
    bad[column] = bad[column].astype("float64")
    bad.loc[row, column] = value
    frame = pd.concat([bad.assign(area="bad"), DF1.assign(area="good")], ignore_index=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = life_expectancy(frame, "deaths", "pops", "startage", by="area")
    assert any(reason in str(w.message) for w in caught)
    assert out.loc[out["area"] == "bad", ["value", "lower_ci", "upper_ci"]].isna().all().all()
    assert_close(out.loc[out["area"] == "good", "value"], DF1["value"], rtol=0, atol=5.1e-9)


def test_missing_band_and_small_population_are_suppressed():
    missing = DF1.drop(index=7).assign(area="missing")
    small = DF1.assign(area="small", pops=DF1["pops"] * 0 + 250)  # 20 × 250 = 5000 exactly
    small["deaths"] = 50
    frame = pd.concat([missing, small, DF1.assign(area="ok")], ignore_index=True)
    with pytest.warns(UserWarning) as caught:
        out = life_expectancy(frame, "deaths", "pops", "startage", by="area")
    messages = " ".join(str(w.message) for w in caught)
    assert "missing or repeated" in messages and "5000 or less" in messages
    assert out.loc[out["area"] != "ok", "value"].isna().all()
    assert out.loc[out["area"] == "ok", "value"].notna().all()


def test_zero_deaths_in_the_open_band_gives_na():
    frame = DF1.copy()
    frame.loc[19, "deaths"] = 0
    with pytest.warns(UserWarning, match="no deaths"):
        out = life_expectancy(frame, "deaths", "pops", "startage")
    assert out["value"].isna().all()


def test_an_85_plus_banding_is_accepted():
    # merge 85-89 and 90+ into one open 85+ band
    merged = DF1.iloc[:19].copy()
    merged.loc[18, ["pops", "deaths"]] = DF1[["pops", "deaths"]].iloc[18:].sum().to_numpy()
    out = life_expectancy(merged, "deaths", "pops", "startage")
    assert len(out) == 19 and out["value"].notna().all()
    # the open band: e = 1/M exactly
    assert_close(out["value"].iloc[-1], merged["pops"].iloc[-1] / merged["deaths"].iloc[-1])
    # below 85 the life table is unchanged, so e at birth moves only slightly
    assert abs(out["value"].iloc[0] - DF1["value"].iloc[0]) < 0.05


def test_the_20_band_standard_can_be_demanded():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = life_expectancy(
            DF1.iloc[:19], "deaths", "pops", "startage", age_bands=STANDARD_LE_BANDS
        )
    assert any("missing or repeated" in str(w.message) for w in caught)
    assert out["value"].isna().all()


@pytest.mark.parametrize("bands", [[0, 1, 5, 80], [5, 10, 90]])
def test_bandings_that_do_not_start_at_0_or_end_at_85_or_90_are_refused(bands):
    frame = pd.DataFrame({"age": bands, "pop": 10_000, "deaths": 100})
    with pytest.raises(StatsInputError, match="age-bands-invalid"):
        life_expectancy(frame, "deaths", "pop", "age")


@settings(max_examples=40, deadline=None)
@given(
    factor=st.floats(min_value=1.01, max_value=3.0),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_life_expectancy_falls_as_every_mortality_rate_rises(factor, seed):
    rng = np.random.default_rng(seed)
    pops = rng.integers(2_000, 60_000, size=20).astype("float64")
    rates = np.sort(rng.uniform(1e-4, 0.02, size=20))
    rates[-1] = rng.uniform(0.1, 0.3)
    base = pd.DataFrame({"age": STANDARD_LE_BANDS, "pop": pops, "deaths": rates * pops})
    worse = base.assign(deaths=base["deaths"] * factor)
    before = life_expectancy(base, "deaths", "pop", "age")["value"].to_numpy()
    after = life_expectancy(worse, "deaths", "pop", "age")["value"].to_numpy()
    assert np.all(after < before)


def test_bad_groups_can_be_an_error_instead():
    bad = DF1.assign(area="bad")
    bad.loc[3, "deaths"] = -5
    with pytest.raises(StatsInputError, match=r"le-group-invalid.*deaths are negative.*'bad'"):
        life_expectancy(bad, "deaths", "pops", "startage", by="area", bad_groups="error")
