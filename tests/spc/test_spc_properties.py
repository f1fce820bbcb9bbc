"""Invariants of XmR charts, checked with hypothesis."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wyoutcomes import spc

LINES = ["lpl", "upl", "lower_2sigma", "upper_2sigma"]

integer_series = st.lists(st.integers(-1000, 1000), min_size=0, max_size=40)
series_with_gaps = st.lists(
    st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.just(float("nan"))), max_size=40
)
directions = st.sampled_from(["increase", "decrease", "neutral"])

# each example costs a few milliseconds of pandas overhead; 50 keep the file at a few seconds
FAST = settings(max_examples=50, deadline=None)


def clear_of_the_lines(result: spc.SPCResult) -> bool:
    """No value sits within rounding distance of a limit or 2σ line (where a change of the
    last bit could move a point across it)."""
    p = result.points
    scale = 1 + p["value"].abs().max() if len(p) else 1
    gaps = [(p["value"] - p[line]).abs() for line in LINES]
    return all(((g > 1e-9 * scale) | g.isna()).all() for g in gaps)


def labels(result: spc.SPCResult) -> pd.Series:
    """The point labels, with None for unclassified points (so that lists compare equal)."""
    return result.points["point_type"].astype(object).map(lambda x: None if pd.isna(x) else x)


@FAST
@given(integer_series, st.integers(-10_000, 10_000), directions)
def test_adding_a_constant_shifts_mean_and_limits_and_keeps_labels(values, shift, improvement):
    before = spc.xmr(values, improvement=improvement)
    assume(clear_of_the_lines(before))
    after = spc.xmr([v + shift for v in values], improvement=improvement)
    for column in ["mean", *LINES]:
        np.testing.assert_allclose(
            after.points[column], before.points[column] + shift, rtol=1e-9, atol=1e-7
        )
    assert labels(after).tolist() == labels(before).tolist()
    assert after.variation_icon == before.variation_icon


@FAST
@given(integer_series, st.integers(-20, 20), directions)
def test_scaling_by_a_power_of_two_scales_the_limits_exactly(values, power, improvement):
    factor = 2.0**power
    before = spc.xmr(values, improvement=improvement)
    after = spc.xmr([v * factor for v in values], improvement=improvement)
    for column in ["mean", *LINES]:
        pd.testing.assert_series_equal(after.points[column], before.points[column] * factor)
    assert labels(after).tolist() == labels(before).tolist()


@FAST
@given(integer_series, st.floats(0.001, 1000), directions)
def test_scaling_by_a_positive_factor_scales_the_limits(values, factor, improvement):
    before = spc.xmr(values, improvement=improvement)
    assume(clear_of_the_lines(before))
    after = spc.xmr([v * factor for v in values], improvement=improvement)
    for column in ["mean", *LINES]:
        np.testing.assert_allclose(after.points[column], before.points[column] * factor, rtol=1e-9)
    assert labels(after).tolist() == labels(before).tolist()


SWAPPED = {
    "improvement": "concern",
    "concern": "improvement",
    "common_cause": "common_cause",
    None: None,
}
SWAPPED_ICON = {
    "special_cause_improving_high": "special_cause_concerning_high",
    "special_cause_improving_low": "special_cause_concerning_low",
    "special_cause_concerning_high": "special_cause_improving_high",
    "special_cause_concerning_low": "special_cause_improving_low",
    "common_cause": "common_cause",
    "consistent_pass": "consistent_fail",
    "consistent_fail": "consistent_pass",
    "hit_and_miss": "hit_and_miss",
    None: None,
}


@FAST
@given(integer_series, st.one_of(st.none(), st.integers(-1000, 1000)))
def test_swapping_the_direction_swaps_improvement_and_concern(values, target):
    up = spc.xmr(values, improvement="increase", target=target)
    down = spc.xmr(values, improvement="decrease", target=target)
    as_list = lambda r: [  # noqa: E731  (a one-line reader for the two results)
        None if pd.isna(c) else c for c in r.points["classification"].astype(object)
    ]
    assert [SWAPPED[c] for c in as_list(up)] == as_list(down)
    assert labels(up).tolist() == labels(down).tolist()
    assert SWAPPED_ICON[up.variation_icon] == down.variation_icon
    assert SWAPPED_ICON[up.assurance_icon] == down.assurance_icon


@FAST
@given(series_with_gaps, directions, st.booleans())
def test_any_series_gives_a_defined_result_without_numpy_warnings(values, improvement, screen):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = spc.xmr(values, improvement=improvement, screen_outliers=screen, target=0)
    p = result.points
    assert len(p) == len(values)
    special = p["point_type"].notna() & (p["point_type"] != "Common Cause")
    assert (p["special_cause"] == special).all()
    assert p["point_type"].isna().sum() == p["classification"].isna().sum()
    if result.variation_icon is None:
        assert result.warnings
