"""Directly standardised rates against the reference's DSR sheets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import ESP2013, ESP2013_BANDS, dsr

from .reference_data import assert_close, fixture

RESULTS = fixture("dsr-isr-testresults-dsr.csv")


def _multiarea() -> pd.DataFrame:
    data = fixture("dsr-isr-multiarea.csv")
    # the sheet's band labels carry a typo (55-69), so weights go on by position as upstream
    data["esp2013"] = np.tile(ESP2013.to_numpy(), 3)
    return data


def _expected(rows: slice) -> pd.DataFrame:
    return RESULTS.iloc[rows].reset_index(drop=True)


@pytest.mark.parametrize(("multiplier", "rows"), [(100_000, slice(4, 7)), (10_000, slice(0, 3))])
def test_dsr_two_levels_matches_reference(multiplier, rows):
    out = dsr(
        _multiarea(),
        "count",
        "pop",
        stdpop="esp2013",
        by="area",
        confidence=(0.95, 0.998),
        multiplier=multiplier,
    )
    expected = _expected(rows)
    assert list(out["area"]) == list(expected["area"])
    assert_close(out["total_count"], expected["total_count"])
    assert_close(out["total_pop"], expected["total_pop"])
    assert_close(out["value"], expected["value"])
    assert_close(out["lower_ci_95"], expected["lower95_0cl"])
    assert_close(out["upper_ci_95"], expected["upper95_0cl"])
    assert_close(out["lower_ci_99_8"], expected["lower99_8cl"])
    assert_close(out["upper_ci_99_8"], expected["upper99_8cl"])
    assert list(out["statistic"]) == list(expected["statistic"])
    assert out["method"].eq("Dobson").all()


def test_dsr_with_a_user_standard_population():
    data = fixture("dsr-isr-1976.csv")
    out = dsr(data, "count", "pop", stdpop="esp1976", multiplier=10_000)
    expected = _expected(slice(3, 4))  # 99.8% limits in this row are mis-scaled upstream
    for column in ["total_count", "total_pop", "value"]:
        assert_close(out[column], expected[column])
    assert_close(out["lower_ci"], expected["lower95_0cl"])
    assert_close(out["upper_ci"], expected["upper95_0cl"])


def test_dsr_joined_on_esp2013_band_labels_gives_the_same_figures():
    data = fixture("dsr-isr-multiarea.csv")
    data["ageband"] = np.tile(ESP2013_BANDS, 3)
    out = dsr(data, "count", "pop", stdpop=ESP2013, ageband="ageband", by="area")
    assert_close(out["value"], _expected(slice(4, 7))["value"])
    assert_close(out["upper_ci"], _expected(slice(4, 7))["upper95_0cl"])


def _nonindependent() -> pd.DataFrame:
    wide = fixture("dsr-isr-nonindepe.csv").drop(columns="count")
    long = wide.melt(id_vars=["area", "ageband", "pop"], var_name="freq", value_name="persons")
    long["freq"] = long["freq"].str[1:].astype(int)
    # upstream leaves out the empty fourth frequency for three areas
    long = long[~(long["area"].ne("testdata_nonind_big") & long["freq"].eq(4))]
    bands = sorted(long["ageband"].unique())
    long["esp2013"] = long["ageband"].map(dict(zip(bands, ESP2013.to_numpy(), strict=True)))
    return long.reset_index(drop=True)


def test_dsr_non_independent_events_matches_reference():
    out = dsr(
        _nonindependent(),
        "persons",
        "pop",
        stdpop="esp2013",
        by="area",
        confidence=(0.95, 0.998),
        independent_events=False,
        eventfreq="freq",
        ageband="ageband",
    )
    expected = _expected(slice(8, 12))
    assert list(out["area"]) == list(expected["area"])
    assert_close(out["total_count"], expected["total_count"])
    assert_close(out["total_pop"], expected["total_pop"])
    # published to 8 decimal places
    for ours, theirs in [
        ("value", "value"),
        ("lower_ci_95", "lower95_0cl"),
        ("upper_ci_95", "upper95_0cl"),
        ("lower_ci_99_8", "lower99_8cl"),
        ("upper_ci_99_8", "upper99_8cl"),
    ]:
        assert_close(out[ours], expected[theirs], rtol=0, atol=5.1e-9)
    assert list(out["method"]) == list(expected["method"])


def test_non_independent_rows_of_a_band_must_agree_on_population():
    data = _nonindependent()
    data.loc[0, "pop"] = 1
    with pytest.raises(StatsInputError, match="band-values-differ"):
        dsr(data, "persons", "pop", "esp2013", by="area", independent_events=False,
            eventfreq="freq", ageband="ageband")  # fmt: skip


def test_suppressed_below_ten_events_and_computed_at_ten():
    bands = pd.DataFrame({"ageband": ESP2013_BANDS, "deaths": 0, "pop": 1000})
    bands.loc[18, "deaths"] = 9
    out = dsr(bands, "deaths", "pop", ESP2013, ageband="ageband")
    assert np.isnan(out["value"].iloc[0])
    assert out["statistic"].iloc[0] == "dsr NA for total count < 10"
    bands.loc[18, "deaths"] = 10
    out = dsr(bands, "deaths", "pop", ESP2013, ageband="ageband")
    assert_close(out["value"], [10 / 1000 * 1000 / 100_000 * 100_000], rtol=1e-12)


@pytest.mark.parametrize(
    ("change", "column", "rule"),
    [
        ({"count": -26}, "count", "negative-count"),
        ({"pop": -558}, "pop", "denominator-not-positive"),
        ({"pop": 0}, "pop", "denominator-not-positive"),
        ({"esp2013": -6000}, "esp2013", "stdpop-invalid"),
    ],
)
def test_reference_error_sheets(change, column, rule):
    data = _multiarea()
    ((name, value),) = change.items()
    data.loc[24, name] = value  # testdata_small, sixth band
    with pytest.raises(StatsInputError) as caught:
        dsr(data, "count", "pop", "esp2013", by="area")
    assert rule in str(caught.value)
    assert f"column {column!r}" in str(caught.value)
    assert "area='testdata_small'" in str(caught.value)


def test_mismatched_standard_population_is_refused():
    data = pd.DataFrame({"ageband": ["0-4", "5-9", "95+"], "x": 1, "n": 10})
    with pytest.raises(StatsInputError, match="stdpop-mismatch"):
        dsr(data, "x", "n", ESP2013, ageband="ageband")


def test_wrong_number_of_bands_is_refused():
    data = pd.DataFrame({"ageband": ESP2013_BANDS[:-1], "x": 1, "n": 10})
    with pytest.raises(StatsInputError, match="age-bands-mismatch"):
        dsr(data, "x", "n", ESP2013, ageband="ageband")


def test_zero_population_group_can_be_na_with_a_warning():
    data = _multiarea()
    data.loc[1, "pop"] = 0  # testdata_big
    with pytest.warns(UserWarning, match="zero population"):
        out = dsr(data, "count", "pop", "esp2013", by="area", zero_denominator="na")
    assert np.isnan(out["value"].iloc[0])
    assert_close(out["value"].iloc[1], _expected(slice(5, 6))["value"])
