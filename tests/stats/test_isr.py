"""Indirectly standardised ratios and rates against the reference's ISR sheet."""

from __future__ import annotations

import numpy as np
import pytest

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import isr_rate, isr_ratio

from .reference_data import assert_close, fixture

RESULTS = fixture("dsr-isr-testresults-isr.csv")
OWNREF = fixture("dsr-isr-multiarea-isr.csv")
REFDATA = fixture("dsr-isr-refdata.csv")


def _check(out, rows, two_levels=True):
    expected = RESULTS.iloc[rows].reset_index(drop=True)
    assert list(out["area"]) == list(expected["area"])
    assert_close(out["observed"], expected["observed"])
    assert_close(out["expected"], expected["expected"])
    assert_close(out["value"], expected["value"])
    if two_levels:
        pairs = [("lower_ci_95", "lower95_0cl"), ("upper_ci_95", "upper95_0cl"),
                 ("lower_ci_99_8", "lower99_8cl"), ("upper_ci_99_8", "upper99_8cl")]  # fmt: skip
    else:
        pairs = [("lower_ci", "lower95_0cl"), ("upper_ci", "upper95_0cl")]
    for ours, theirs in pairs:
        assert_close(out[ours], expected[theirs])
    assert list(out["statistic"]) == list(expected["statistic"])
    assert list(out["method"]) == list(expected["method"])
    return expected


@pytest.mark.parametrize(("refvalue", "rows"), [(1, slice(6, 9)), (100, slice(9, 12))])
def test_ratio_with_reference_columns(refvalue, rows):
    out = isr_ratio(OWNREF, "count", "pop", "refcount", "refpop", by="area",
                    confidence=(0.95, 0.998), refvalue=refvalue)  # fmt: skip
    _check(out, rows)


def test_ratio_with_reference_vectors_by_position():
    data = OWNREF.drop(columns=["refcount", "refpop"])
    out = isr_ratio(data, "count", "pop", REFDATA["refcount"], REFDATA["refpop"], by="area")
    _check(out, slice(6, 9), two_levels=False)


def test_ratio_with_observed_totals():
    lookup = fixture("dsr-isr-multiarea-lookup.csv")
    data = OWNREF.drop(columns=["count"])
    out = isr_ratio(data, "total_count", "pop", "refcount", "refpop", by="area",
                    observed_totals=lookup)  # fmt: skip
    assert_close(out["value"], RESULTS["value"].iloc[6:9])


@pytest.mark.parametrize(("multiplier", "rows"), [(100_000, slice(0, 3)), (1000, slice(3, 6))])
def test_rate_matches_reference(multiplier, rows):
    out = isr_rate(OWNREF, "count", "pop", "refcount", "refpop", by="area",
                   confidence=(0.95, 0.998), multiplier=multiplier)  # fmt: skip
    expected = _check(out, rows)
    assert_close(out["ref_rate"], expected["ref_rate"])


def test_zero_local_population_is_allowed():
    # the reference's sheet testdata_err2: the "big" area with one zero population as Area1,
    # the "small" area as Area2
    data = fixture("dsr-isr-multiarea.csv").iloc[:38].copy()
    data["area"] = np.repeat(["Area1", "Area2"], 19)
    data.loc[1, "pop"] = 0
    out = isr_ratio(data, "count", "pop", REFDATA["refcount"], REFDATA["refpop"], by="area",
                    refvalue=100)  # fmt: skip
    expected = RESULTS.iloc[14:16].reset_index(drop=True)
    assert_close(out["expected"], expected["expected"])
    assert_close(out["value"], expected["value"])
    assert_close(out["lower_ci"], expected["lower95_0cl"])
    assert_close(out["upper_ci"], expected["upper95_0cl"])
    rates = isr_rate(data, "count", "pop", REFDATA["refcount"], REFDATA["refpop"], by="area")
    assert_close(rates["value"], RESULTS["value"].iloc[12:14])


def test_positional_reference_needs_equal_group_sizes():
    data = OWNREF.iloc[:-1]
    with pytest.raises(StatsInputError, match="reference-length") as caught:
        isr_ratio(data, "count", "pop", REFDATA["refcount"], REFDATA["refpop"], by="area")
    assert "area='testdata_tiny'" in str(caught.value)


def test_negative_counts_are_refused():
    data = OWNREF.copy()
    data.loc[3, "count"] = -1
    with pytest.raises(StatsInputError, match="negative-count"):
        isr_ratio(data, "count", "pop", "refcount", "refpop", by="area")
