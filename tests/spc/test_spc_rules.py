"""Hand-worked spec tests: each rule, its precedence, the options, and the fixed bugs of the
reference (issue numbers are NHSRplotthedots issues, see docs/spc.md).

Most tables sit on a *baseline* of twelve points alternating 10, 12 with the limits fixed after
them: mean 11, every moving range 2, so by hand

    UPL = 11 + 2.66 × 2 = 16.32        LPL = 11 − 5.32 = 5.68
    2σ lines = 11 ± (2/3) × 5.32 = 14.5467 and 7.4533

and the tail (the points after the baseline) is judged against those limits.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wyoutcomes import spc
from wyoutcomes.errors import StatsInputError

BASELINE = [10.0, 12.0] * 6

CC = "Common Cause"
UP = "7 Point Trend (Increasing)"
DOWN = "7 Point Trend (Decreasing)"


def tail_labels(tail, **kwargs) -> list[str]:
    """Labels of the tail points, against limits fixed on the baseline."""
    result = spc.xmr(BASELINE + list(tail), fix_after_n_points=12, **kwargs)
    return result.points["point_type"].astype(object).tolist()[12:]


def test_baseline_limits_worked_by_hand():
    points = spc.xmr(BASELINE + [11.0] * 5, fix_after_n_points=12).points
    assert points["mean"].iloc[0] == pytest.approx(11)
    assert points["upl"].iloc[0] == pytest.approx(16.32)
    assert points["lpl"].iloc[0] == pytest.approx(5.68)
    assert points["upper_2sigma"].iloc[0] == pytest.approx(14.546667, abs=1e-6)
    assert points["lower_2sigma"].iloc[0] == pytest.approx(7.453333, abs=1e-6)


# each case: (tail values, expected labels of the tail)
RULE_SPECS = {
    "above the upper limit": ([17, 11], ["Above UCL", CC]),
    "below the lower limit": ([5, 11], ["Below LCL", CC]),
    "two of three close, same side": (
        [15, 13, 15, 10],
        ["2 in 3 Above CL", CC, "2 in 3 Above CL", CC],
    ),
    "two of three close, below": ([7, 10, 7, 12], ["2 in 3 Below CL", CC, "2 in 3 Below CL", CC]),
    "a point on the mean kills the window": ([15, 11, 15, 10], [CC] * 4),
    "close points either side (#143)": ([15, 7, 15, 7], [CC] * 4),
    "a point beyond 3σ is not close": ([15, 17, 10], [CC, "Above UCL", CC]),
    "seven points above": (
        [10, 12, 12.5, 11.5, 12, 13, 12, 11.2, 10],
        [CC] + ["7 Points Above CL"] * 7 + [CC],
    ),
    "six points above are not a shift": ([10, 12, 12.5, 11.5, 12, 13, 12, 10], [CC] * 8),
    "a point on the mean breaks a shift": (
        [10, 12, 12.5, 11.5, 11, 12, 13, 12, 11.2, 10],
        [CC] * 10,
    ),
    "eight below flag all eight": (
        [9, 8, 10, 9, 10.5, 9, 8, 9, 12],
        ["7 Points Below CL"] * 8 + [CC],
    ),
    "rising trend": ([10, 10.5, 11, 11.5, 12, 12.5, 13, 12], [UP] * 7 + [CC]),
    "falling trend (#167)": ([12, 11.5, 11, 10.5, 10, 9.5, 9, 10], [DOWN] * 7 + [CC]),
    "a tie breaks a trend": ([10, 10.5, 11, 11, 11.5, 12, 12.5, 13], [CC] * 8),
    "nine rising flag all nine": (
        [8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 12, 10],
        [UP] * 9 + [CC],
    ),
    # trend points take the direction of travel, not the side of the mean (#171, #195);
    # the shared peak takes the falling direction
    "rise then fall": (
        [8, 9, 10, 11, 12, 13, 14, 13, 12, 11, 10, 9, 8],
        [UP] * 6 + [DOWN] * 7,
    ),
    # precedence: outside beats trend, trend beats shift
    "outside beats trend": ([10, 11, 12, 13, 14, 15, 17, 12], [UP] * 6 + ["Above UCL", CC]),
    "trend beats shift": ([11.5, 12, 12.5, 13, 13.5, 14, 14.5, 10], [UP] * 7 + [CC]),
    # trend beats two-in-three: 14.55 and 15 are close but part of a trend
    "trend beats two in three": ([10, 11, 12, 13, 14, 14.6, 15, 10], [UP] * 7 + [CC]),
    "two in three beats shift": (
        [12, 12, 12, 12, 15, 12, 15, 10],
        ["7 Points Above CL"] * 4 + ["2 in 3 Above CL", "7 Points Above CL", "2 in 3 Above CL", CC],
    ),
}


@pytest.mark.parametrize(("tail", "expected"), RULE_SPECS.values(), ids=RULE_SPECS.keys())
def test_rule(tail, expected):
    assert tail_labels(tail) == expected


def test_a_point_exactly_on_a_limit_is_not_outside():
    upl = 11 + 2.66 * 2.0  # computed as the limits are computed
    points = spc.xmr([*BASELINE, upl], fix_after_n_points=12).points
    assert points["upl"].iloc[-1] == upl
    assert not points["outside_limits"].iloc[-1]
    assert points["close_to_limits"].iloc[-1]


# --- options (each off by default) ------------------------------------------------------


OPTION_SPECS = {
    "6-point trend": (
        {"trend_length": 6},
        [10, 10.5, 11, 11.5, 12, 12.5, 12],
        ["6 Point Trend (Increasing)"] * 6 + [CC],
        [CC] * 7,
    ),
    "6-point shift": (
        {"shift_length": 6},
        [10, 12, 12.5, 11.5, 12, 13, 12, 10],
        [CC] + ["6 Points Above CL"] * 6 + [CC],
        [CC] * 8,
    ),
    "two in three counting beyond 3σ": (
        {"two_in_three_includes_beyond_3sigma": True},
        [15, 17, 10],
        ["2 in 3 Above CL", "Above UCL", CC],
        [CC, "Above UCL", CC],
    ),
}


@pytest.mark.parametrize(
    ("option", "tail", "with_option", "default"), OPTION_SPECS.values(), ids=OPTION_SPECS.keys()
)
def test_option(option, tail, with_option, default):
    assert tail_labels(tail, options=spc.SPCOptions(**option)) == with_option
    assert tail_labels(tail) == default


def test_mdc_excel_preset_with_six_point_runs():
    opts = spc.SPCOptions.mdc_excel(six_point_runs=True)
    assert not opts.screen_outliers
    assert opts.assurance_inclusive and opts.two_in_three_includes_beyond_3sigma
    assert tail_labels([10, 10.5, 11, 11.5, 12, 12.5, 12], options=opts)[0] == (
        "6 Point Trend (Increasing)"
    )


def test_sigma_from_d2():
    # σ = AMR / 1.128, limits at mean ± 3σ = 11 ± 6 / 1.128
    points = spc.xmr(BASELINE, options=spc.SPCOptions(sigma_from="d2")).points
    assert points["upl"].iloc[0] == pytest.approx(11 + 6 / 1.128)
    assert points["lower_2sigma"].iloc[0] == pytest.approx(11 - 4 / 1.128)


def test_screening_worked_by_hand():
    # ranges: ten of 2 and one of 20; AMR = 40/11; 20 ≥ 3.267 × 40/11 = 11.88 is dropped
    values = [10, 12] * 5 + [10, 30]
    screened = spc.xmr(values).points
    assert screened["mean"].iloc[0] == pytest.approx(12.5)
    assert screened["upl"].iloc[0] == pytest.approx(12.5 + 2.66 * 2)
    unscreened = spc.xmr(values, screen_outliers=False).points
    assert unscreened["upl"].iloc[0] == pytest.approx(12.5 + 2.66 * 40 / 11)


def test_assurance_inclusive_counts_a_target_on_the_limit():
    values = [*BASELINE, 11.0]
    upl = spc.xmr(values).points["upl"].iloc[-1]
    assert spc.xmr(values, target=upl).assurance_icon == "hit_and_miss"
    inclusive = spc.SPCOptions(assurance_inclusive=True)
    assert spc.xmr(values, target=upl, options=inclusive).assurance_icon == "consistent_fail"
    assert (
        spc.xmr(values, target=upl, improvement="decrease", options=inclusive).assurance_icon
        == "consistent_pass"
    )


def test_variation_icon_from_the_latest_point_or_latest_special_cause():
    values = [*BASELINE, 17, 11, 10, 12]
    assert spc.xmr(values, fix_after_n_points=12).variation_icon == "common_cause"
    abspc_like = spc.SPCOptions(variation_from="latest_special_cause")
    result = spc.xmr(values, fix_after_n_points=12, options=abspc_like)
    assert result.variation_icon == "special_cause_improving_high"


# --- classification and icons by improvement direction ----------------------------------


@pytest.mark.parametrize(
    ("improvement", "classes", "icon"),
    [
        ("increase", ["improvement", "concern"], "special_cause_concerning_low"),
        ("decrease", ["concern", "improvement"], "special_cause_improving_low"),
        ("neutral", ["neutral", "neutral"], "special_cause_neutral_low"),
    ],
)
def test_classification_follows_the_improvement_direction(improvement, classes, icon):
    points_and_icon = spc.xmr([*BASELINE, 17, 5], fix_after_n_points=12, improvement=improvement)
    assert points_and_icon.points["classification"].tolist()[-2:] == classes
    assert points_and_icon.variation_icon == icon
    assert points_and_icon.points["special_cause"].tolist()[-2:] == [True, True]


# --- rebasing and fixed limits ----------------------------------------------------------


def test_each_rebase_group_has_its_own_limits_and_assurance_uses_the_latest():
    # (#172) group 0: 9, 11 alternating (limits 10 ± 5.32); group 1: 19, 21 (20 ± 5.32)
    values = [9.0, 11.0] * 8 + [19.0, 21.0] * 8
    result = spc.xmr(values, target=12, rebase=[17])
    points = result.points
    assert points["rebase_group"].tolist() == [0] * 16 + [1] * 16
    assert points["upl"].iloc[0] == pytest.approx(15.32)
    assert points["lpl"].iloc[-1] == pytest.approx(14.68)
    assert result.assurance_icon == "consistent_pass"
    assert (points["point_type"] == CC).all()  # runs do not cross the rebase
    assert result.summary["mean"].tolist() == pytest.approx([10, 20])
    assert spc.xmr(values, target=12).assurance_icon == "hit_and_miss"


def test_a_rebase_between_dates_starts_at_the_next_point():
    dates = pd.date_range("2024-01-01", periods=6, freq="MS")
    points = spc.xmr([1, 2, 1, 5, 6, 5], dates=dates, rebase=["2024-03-15"]).points
    assert points["rebase_group"].tolist() == [0, 0, 0, 1, 1, 1]


def test_a_rebase_outside_the_series_is_ignored_with_a_warning():
    result = spc.xmr(BASELINE, rebase=[40])
    assert result.points["rebase_group"].eq(0).all()
    assert "rebase-ignored" in result.warning_codes


def test_fixed_limits_ignore_later_points_and_rules_still_apply_after_them():
    result = spc.xmr([*BASELINE, 20, 21, 22], fix_after_n_points=12)
    assert result.points["upl"].iloc[-1] == pytest.approx(16.32)
    assert result.points["point_type"].tolist()[-3:] == ["Above UCL"] * 3
    free = spc.xmr([*BASELINE, 20, 21, 22])
    assert free.points["upl"].iloc[0] > 16.32


def test_fixing_works_per_rebase_group():
    values = BASELINE + [30.0, 32.0] * 6 + [40.0]
    result = spc.xmr(values, rebase=[13], fix_after_n_points=12)
    assert result.points["mean"].iloc[-1] == pytest.approx(31)
    assert result.points["point_type"].iloc[-1] == "Above UCL"


# --- degenerate series: a defined result and a warning, never a numpy warning -----------


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("values", "code"),
    [
        ([], "too-few-points"),
        ([3.0], "too-few-points"),
        ([4.0] * 15, "no-variation"),
        ([np.nan] * 3, "too-few-points"),
        ([1.0, np.nan, 2.0, np.nan, 3.0], "too-few-points"),
    ],
)
def test_series_without_limits(values, code):
    result = spc.xmr(values, target=3)
    assert code in result.warning_codes
    assert result.points["point_type"].isna().all()
    assert result.points["upl"].isna().all()
    assert not result.points["special_cause"].any()
    assert (result.variation_icon, result.assurance_icon) == (None, None)


@pytest.mark.filterwarnings("error")
def test_all_moving_ranges_zero_but_one_falls_back_to_the_unscreened_range():
    # ranges 0, 0, 0, 4: AMR 1, and 4 ≥ 3.267 would be screened out, leaving AMR 0
    result = spc.xmr([5, 5, 5, 5, 9])
    assert "screening-fallback" in result.warning_codes
    assert result.points["upl"].iloc[0] == pytest.approx(5.8 + 2.66)
    assert result.points["point_type"].tolist() == [CC] * 4 + ["Above UCL"]


@pytest.mark.filterwarnings("error")
def test_missing_values_keep_their_slot_and_break_runs():
    tail = [12, 12.5, 11.5, np.nan, 12, 13, 12, 11.2, 10]
    result = spc.xmr(BASELINE + tail, fix_after_n_points=12)
    labels = result.points["point_type"].astype(object).tolist()[12:]
    assert pd.isna(labels[3])
    assert [x for i, x in enumerate(labels) if i != 3] == [CC] * 8
    assert "missing-values" in result.warning_codes
    assert result.points["upl"].iloc[0] == pytest.approx(16.32)


def test_a_missing_latest_value_leaves_the_icon_to_the_latest_present_value():
    result = spc.xmr([*BASELINE, 17, np.nan], fix_after_n_points=12)
    assert result.variation_icon == "special_cause_improving_high"
    assert "latest value is missing" in result.warnings[-1].message


def test_missing_values_can_be_rejected():
    with pytest.raises(StatsInputError, match="row 2 is missing"):
        spc.xmr([1, np.nan, 2], options=spc.SPCOptions(missing="reject"))


def test_a_latest_rebase_group_without_limits_gives_no_icons():
    result = spc.xmr([*BASELINE, 30.0], rebase=[13], target=11)
    assert result.points["point_type"].iloc[-2] == CC
    assert pd.isna(result.points["point_type"].iloc[-1])
    assert (result.variation_icon, result.assurance_icon) == (None, None)
    assert "too-few-points" in result.warning_codes


def test_periods_order_the_points_and_mark_rebases():
    from wyoutcomes.periods import Period  # spc itself never imports periods

    labels = ["2023/24 Q3", "2023/24 Q1", "2023/24 Q2", "2023/24 Q4", "2024/25 Q1"]
    periods = [Period.parse(label) for label in labels]
    result = spc.xmr([3, 1, 2, 4, 5], dates=periods, rebase=[Period.parse("2023/24 Q3")])
    assert [p.label for p in result.points["date"]] == sorted(labels)
    assert result.points["value"].tolist() == [1, 2, 3, 4, 5]
    assert result.points["rebase_group"].tolist() == [0, 0, 1, 1, 1]
