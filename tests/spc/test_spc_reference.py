"""Expectations ported from the NHSRplotthedots 0.2.2 test suite (MIT), commit
050b07d7eacc011767532732f69b8fd7d6a28fd3 of github.com/nhs-r-community/NHSRplotthedots.

Each test names the R test file (under tests/testthat/) and test it comes from. Inputs and
expected figures are the reference's; the R random series are rebuilt in
tests/fixtures/spc/nhsrplotthedots_series.csv. No R code is copied: only the expectations.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wyoutcomes import spc
from wyoutcomes.spc import rules
from wyoutcomes.spc.icons import assurance_icons

FIXTURE = Path(__file__).parents[1] / "fixtures" / "spc" / "nhsrplotthedots_series.csv"
SERIES = pd.read_csv(FIXTURE, comment="#")
RNORM24 = SERIES.loc[SERIES.name == "rnorm24", "value"].to_numpy()
RNORM20 = RNORM24[:20]
MEAN5 = SERIES.loc[SERIES.name == "rnorm12_mean5", "value"].to_numpy()
MEAN_MINUS5 = SERIES.loc[SERIES.name == "rnorm12_mean_minus5", "value"].to_numpy()
DATES20 = pd.date_range("2020-01-02", periods=20, freq="D")  # as.Date("2020-01-01") + 1:20


def one_segment(n: int) -> np.ndarray:
    return np.zeros(n, dtype=np.intp)


def test_fixture_matches_the_values_r_prints():
    # _snaps/ptd_spc_standard.md prints the first values of set.seed(123); rnorm(20)
    assert RNORM20[:4] == pytest.approx([-0.56047565, -0.23017749, 1.55870831, 0.07050839])


# --- test-ptd_spc_standard.R, "it returns expected values" (snapshot _snaps/ptd_spc_standard.md)


def test_limits_of_the_reference_series():
    points = spc.xmr(RNORM20, dates=DATES20).points
    assert points["mean"].iloc[0] == pytest.approx(0.1416238, abs=5e-8)
    assert points["lpl"].iloc[0] == pytest.approx(-3.01138, abs=5e-6)
    assert points["upl"].iloc[0] == pytest.approx(3.294627, abs=5e-7)
    assert not points["outside_limits"].any()
    assert not points["close_to_limits"].iloc[:7].any()  # the snapshot shows the first 7
    assert points["relative_to_mean"].tolist()[:14] == [
        -1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1,
    ]  # fmt: skip


def test_screening_an_outlier_changes_the_limits():
    y = RNORM20.copy()
    y[14] = 10  # data$y[15] <- 10
    screened = spc.xmr(y, dates=DATES20).points
    assert screened["mean"].iloc[0] == pytest.approx(0.6694159, abs=5e-8)
    assert screened["lpl"].iloc[0] == pytest.approx(-2.383666, abs=5e-7)
    assert screened["upl"].iloc[0] == pytest.approx(3.722497, abs=5e-7)
    assert screened["relative_to_mean"].tolist()[:14] == [
        -1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1,
    ]  # fmt: skip

    unscreened = spc.xmr(y, dates=DATES20, screen_outliers=False).points
    assert unscreened["mean"].iloc[0] == pytest.approx(0.6694159, abs=5e-8)
    assert unscreened["lpl"].iloc[0] == pytest.approx(-4.596625, abs=5e-7)
    assert unscreened["upl"].iloc[0] == pytest.approx(5.935457, abs=5e-7)
    # the same switch through the options object
    via_options = spc.xmr(y, options=spc.SPCOptions(screen_outliers=False)).points
    assert via_options["upl"].iloc[0] == unscreened["upl"].iloc[0]


def test_fixing_limits_after_12_points_changes_them():
    # "setting fix_after_n_points changes the calculations"
    everything = spc.xmr(RNORM20).points
    fixed = spc.xmr(RNORM20, fix_after_n_points=12).points
    assert fixed["lpl"].iloc[0] != everything["lpl"].iloc[0]
    assert fixed["upl"].iloc[0] != everything["upl"].iloc[0]


def test_rebase_dates_start_new_groups():
    # "it sets the rebase_group field": rebase = c(rep(0, 10), 1, rep(0, 9))
    points = spc.xmr(RNORM20, dates=DATES20, rebase=[DATES20[10]]).points
    assert points["rebase_group"].tolist() == [0] * 10 + [1] * 10


def test_two_close_points_on_opposite_sides_are_common_cause():
    # "it only reports special cause for 2of3 points close to limits when they are on the
    # same side of the mean" (issue #143)
    y = np.tile([1.0, -1.0], 8)
    y[14], y[15] = 5.5, -5.5
    points = spc.xmr(y, dates=pd.date_range("2020-01-02", periods=16)).points
    assert points["classification"].tolist()[-2:] == ["common_cause", "common_cause"]


# --- test-ptd_spc.R, "it outputs expected content" (snapshot _snaps/ptd_spc.md, summary())


def test_summary_of_the_reference_series():
    summary = spc.xmr(RNORM20, dates=DATES20).summary.iloc[0]
    assert round(summary["mean"], 3) == 0.142
    assert round(summary["lpl"], 2) == -3.01
    assert round(summary["upl"], 2) == 3.29
    assert (summary["n"], summary["common_cause"], summary["improvement"]) == (20, 20, 0)
    assert summary["concern"] == 0


@pytest.mark.parametrize(
    ("half", "mean", "lpl", "upl"),
    [(0, 0.0746, -2.60, 2.75), (1, 0.209, -3.28, 3.70)],
)
def test_summary_of_each_facet(half, mean, lpl, upl):
    values = RNORM20[half * 10 : half * 10 + 10]
    summary = spc.xmr(values, dates=DATES20[half * 10 : half * 10 + 10]).summary.iloc[0]
    assert summary["mean"] == pytest.approx(mean, abs=5e-5 if half == 0 else 5e-4)
    assert summary["lpl"] == pytest.approx(lpl, abs=5e-3)
    assert summary["upl"] == pytest.approx(upl, abs=5e-3)
    assert (summary["n"], summary["common_cause"]) == (10, 10)


def test_rebase_at_the_first_date_changes_nothing():
    result = spc.xmr(RNORM20, dates=DATES20, rebase=[pd.Timestamp("2020-01-01")])
    assert round(result.summary["upl"].iloc[0], 2) == 3.29
    assert len(result.summary) == 1


# --- test-geom_ptd_icon.R, "ptd_get_icons transforms the data correctly"


def test_icons_of_a_common_cause_series():
    assert spc.xmr(RNORM24).variation_icon == "common_cause"
    with_target = spc.xmr(RNORM24, target=0.5)
    assert (with_target.variation_icon, with_target.assurance_icon) == (
        "common_cause",
        "hit_and_miss",  # the reference's "inconsistent"
    )
    assert spc.xmr(RNORM24).assurance_icon is None


@pytest.mark.parametrize(
    ("second_half", "target", "improvement", "variation", "assurance"),
    [
        (MEAN5, -3, "increase", "special_cause_improving_high", "consistent_pass"),
        (MEAN5, -3, "decrease", "special_cause_concerning_high", "consistent_fail"),
        (MEAN_MINUS5, 3, "increase", "special_cause_concerning_low", "consistent_fail"),
        (MEAN_MINUS5, 3, "decrease", "special_cause_improving_low", "consistent_pass"),
        (MEAN_MINUS5, 3, "neutral", "special_cause_neutral_low", None),
    ],
)
def test_icons_after_a_step_change(second_half, target, improvement, variation, assurance):
    values = np.concatenate([RNORM24[:12], second_half])
    result = spc.xmr(values, target=target, improvement=improvement)
    assert (result.variation_icon, result.assurance_icon) == (variation, assurance)


# --- test-ptd_calculate_assurance_type.R


@pytest.mark.parametrize(
    ("improvement", "expected"),
    [
        ("increase", ["consistent_fail", "consistent_pass", "hit_and_miss"]),
        ("decrease", ["consistent_pass", "consistent_fail", "hit_and_miss"]),
        ("neutral", [None, None, None]),
    ],
)
def test_assurance_of_target_4_against_three_sets_of_limits(improvement, expected):
    direction = {"increase": 1, "decrease": -1, "neutral": 0}[improvement]
    icons = assurance_icons(
        np.full(3, 4.0), np.array([1.0, 5.0, 1.0]), np.array([3.0, 7.0, 5.0]), np.full(3, direction)
    )
    assert icons == expected


def test_no_target_means_no_assurance():
    assert assurance_icons(np.array([np.nan]), np.array([1.0]), np.array([3.0]), np.array([1])) == [
        None
    ]


# --- test-ptd_calculate_point_type.R


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        ([], []),
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([1] * 8 + [-1], [1] * 8 + [0]),
        ([-1] * 8 + [1], [1] * 8 + [0]),
    ],
)
def test_seven_points_one_side_of_the_mean(side, expected):
    # ptd_seven_point_one_side_mean + ptd_part_of_seven_trend: every point of the run counts
    s = np.array(side, dtype=np.int8)
    assert rules.shift_points(s, one_segment(len(s))).astype(int).tolist() == expected


@pytest.mark.parametrize(
    ("values", "expected", "direction"),
    [
        ([], [], 0),
        (list(range(1, 7)), [0] * 6, 0),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7, 0),  # a tie breaks the trend
        (list(range(1, 8)), [1] * 7, 1),
        ([2, *range(1, 8), 3], [0] + [1] * 7 + [0], 1),
        (list(range(7, 0, -1)), [1] * 7, -1),
        ([2, *range(7, 0, -1), 3], [0] + [1] * 7 + [0], -1),
    ],
)
def test_seven_point_trend(values, expected, direction):
    y = np.array(values, dtype=float)
    trend = rules.trend_points(y, one_segment(len(y)))
    assert trend.astype(int).tolist() == expected
    if direction:
        assert set(rules.trend_direction(y, one_segment(len(y)), trend)[trend]) == {direction}


@pytest.mark.parametrize(
    ("close", "side", "members", "flagged"),
    [
        ([], [], [], []),
        ([0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]),
        ([1, 0, 1], [1, 1, 1], [1, 1, 1], [1, 0, 1]),
        ([0, 1, 1], [1, 1, 1], [1, 1, 1], [0, 1, 1]),
        ([1, 1, 0], [1, 1, 1], [1, 1, 1], [1, 1, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 1, 1, 0, 0], [0, 0, 1, 0, 1, 0, 0]),
        ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 1, 1, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0, 0]),
        ([1, 0, 0, 1], [1] * 4, [0] * 4, [0] * 4),
        ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 1, 1, 1], [0, 0, 0, 1, 1]),
        # opposite sides of the mean never fire
        ([1, 0, 1], [1, -1, 1], [0] * 3, [0] * 3),
        ([0, 1, 1], [1, -1, 1], [0] * 3, [0] * 3),
        ([1, 1, 0], [1, -1, 1], [0] * 3, [0] * 3),
        ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7, [0] * 7),
        ([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], [0] * 7, [0] * 7),
    ],
)
def test_two_in_three(close, side, members, flagged):
    c = np.array(close, dtype=bool)
    s = np.array(side, dtype=np.int8)
    seg = one_segment(len(c))
    assert rules.two_in_three_members(c, s, seg).astype(int).tolist() == members
    assert rules.two_in_three_points(c, s, seg).astype(int).tolist() == flagged


def test_precedence_of_the_rules():
    # ptd_special_cause_type with the rule results mocked to these flags
    y = np.arange(1.0, 9.0)
    side = np.array([1, 1, 1, 1, -1, -1, -1, -1], dtype=np.int8)
    outside = np.array([0, 0, 0, 0, 0, 1, 1, 0], dtype=bool)
    trend = np.array([1, 1, 0, 0, 0, 0, 0, 0], dtype=bool)
    two_in_three = np.array([0, 0, 0, 0, 1, 0, 0, 0], dtype=bool)
    shift = np.array([0, 0, 1, 1, 0, 0, 0, 0], dtype=bool)
    direction = rules.trend_direction(y, one_segment(8), trend)
    codes = rules.combine(side, outside, trend, direction, two_in_three, shift)
    assert [rules.label_texts()[c] for c in codes] == [
        "7 Point Trend (Increasing)",
        "7 Point Trend (Increasing)",
        "7 Points Above CL",
        "7 Points Above CL",
        "2 in 3 Below CL",
        "Below LCL",
        "Below LCL",
        "Common Cause",
    ]


# --- test-ptd_add_short_group_warnings.R (threshold 12 set there through an R option)


@pytest.mark.parametrize(("n", "warned"), [(11, True), (12, False)])
def test_short_series_warning_threshold(n, warned):
    result = spc.xmr(RNORM24[:n], options=spc.SPCOptions(min_points=12))
    assert ("trial-limits" in result.warning_codes) is warned
    assert result.points["trial_limits"].all() is np.bool_(warned)


def test_default_threshold_is_13():
    assert "trial-limits" in spc.xmr(RNORM24[:12]).warning_codes
    assert "trial-limits" not in spc.xmr(RNORM24[:13]).warning_codes


def test_short_rebase_group_warned_alone():
    # "it handles facets and rebase groups - warning on one facet": groups of 35 and 5 points
    values = np.tile(RNORM24, 2)[:40]
    result = spc.xmr(values, rebase=[36], options=spc.SPCOptions(min_points=12))
    assert result.warning_codes == ["trial-limits"]
    assert "rebase group 1 has 5 values" in result.warnings[0].message
    assert result.points["trial_limits"].tolist() == [False] * 35 + [True] * 5


# --- test-ptd_add_rebase_column.R


def test_rebase_dates_mark_the_start_of_each_group():
    dates = pd.date_range("2020-01-02", periods=10)
    points = spc.xmr(
        RNORM24[:10], dates=dates, rebase=["2020-01-03", "2020-01-08"], options=None
    ).points
    assert points["rebase_group"].tolist() == [0, 1, 1, 1, 1, 1, 2, 2, 2, 2]
