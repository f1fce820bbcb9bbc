"""Spec tests of the judgement: a tiny table of periods and values, a target, and the status and
numbers worked out by hand (the working is in each docstring).

Calendar years sit at 2 July, so 2016 → 2020 is 1461 days and 2016 → 2018 is 730 of them:
a linear trajectory is 0.49966 of the way at 2018 (written "≈ half way" below).
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest
from progress_spans import cy, fy, obs, table

from wyoutcomes.progress.assessment import TargetSpec, assess
from wyoutcomes.progress.observations import cumulative_extra_series, gap_series
from wyoutcomes.progress.status import Basis, Qualifier, Status

LOWER, HIGHER = -1, 1


def relative(better: int, baseline: float, change: float, deadline: int = 2020) -> TargetSpec:
    return TargetSpec(
        kind="relative_change",
        better=better,
        baseline=cy(2016),
        deadline=cy(deadline),
        baseline_value=baseline,
        change=change,
        decimals=1,
    )


# --- relative_change ---------------------------------------------------------------------------


def test_relative_change_lower_is_better_on_track():
    """10.0 → target 9.0 (−10%) by 2020; 2018 expected 10 − 0.49966 = 9.50 → 9.5 at 1 dp; value
    9.5 is on it. Share: (9.5 − 10)/(9 − 10) = 0.5. Change vs the 2016 row by MOVER:
    −0.5 ± √(0.9² + 1.0²) = −0.5 ± 1.345 → [−1.845, 0.845]: not significant."""
    series = table(
        """
        2016 10.0 9.0 11.0
        2017  9.8 8.8 10.8
        2018  9.5 8.6 10.4
        """
    )
    result = assess(relative(LOWER, 10.0, -0.10), series, date(2019, 3, 31))
    assert result.status is Status.ON_TRACK
    assert result.target_value == pytest.approx(9.0)
    assert result.expected_value == pytest.approx(9.50034, abs=1e-5)
    assert result.share_of_change_achieved == pytest.approx(0.5)
    assert result.change.difference == pytest.approx(-0.5)
    assert result.change.lower == pytest.approx(-1.84536, abs=1e-5)
    assert result.change.upper == pytest.approx(0.84536, abs=1e-5)
    assert result.change.significant is False
    assert result.qualifier is Qualifier.NO_SIGNIFICANT_CHANGE
    assert result.deadline_passed is False
    # three points are too few for a trend (Fingertips needs five independent ones)
    assert result.projection_points == 0
    assert result.trend_note == "3 non-overlapping periods since the baseline; a trend needs 5"
    assert result.status_basis is Basis.AT_OR_BETTER_THAN_TRAJECTORY


def test_relative_change_lower_is_better_off_track():
    """Same target; 2018 = 9.7 is above the expected 9.5: off track, share 0.3."""
    series = table("2016 10.0\n2017 9.8\n2018 9.7")
    result = assess(relative(LOWER, 10.0, -0.10), series, date(2019, 3, 31))
    assert result.status is Status.OFF_TRACK
    assert result.share_of_change_achieved == pytest.approx(0.3)
    assert result.distance_from_trajectory == pytest.approx(9.7 - 9.50034, abs=1e-5)


@pytest.mark.parametrize(
    ("value_2020", "status"), [(55.2, Status.MET), (55.0, Status.MET), (54.0, Status.NOT_MET)]
)
def test_relative_change_higher_is_better_deadline_passed(value_2020, status):
    """50 → 55 (+10%) by 2020; as at March 2021 the 2020 value decides: ≥ 55 met, else not."""
    series = table(f"2016 50.0\n2018 52.0\n2020 {value_2020}")
    result = assess(relative(HIGHER, 50.0, 0.10), series, date(2021, 3, 31))
    assert result.deadline_passed is True
    assert result.assessed.period == "2020"
    assert result.status is status
    # the deadline's value is in: nothing left to project
    assert math.isnan(result.projection_value)


def test_deadline_verdict_uses_the_deadline_value_not_a_later_one():
    """2020 = 54 missed the target; 2021 = 56 later passes it. The target was 'by 2020'."""
    series = table("2016 50.0\n2018 52.0\n2020 54.0\n2021 56.0")
    result = assess(relative(HIGHER, 50.0, 0.10), series, date(2022, 3, 31))
    assert result.status is Status.NOT_MET
    assert result.assessed.period == "2020"
    assert result.latest.period == "2021"


def test_deadline_passed_but_its_value_not_yet_in():
    """Deadline 2020 has passed (as at March 2021) but the latest value is 2019: still judged on
    the trajectory. Expected at 2019: 50 + 5 × 1095/1461 = 53.747 → 53.7; 53.0 is short."""
    series = table("2016 50.0\n2018 52.0\n2019 53.0")
    result = assess(relative(HIGHER, 50.0, 0.10), series, date(2021, 3, 31))
    assert result.deadline_passed is True
    assert result.assessed.period == "2019"
    assert result.expected_value == pytest.approx(53.7474, abs=1e-4)
    assert result.status is Status.OFF_TRACK


def test_target_reached_once_before_the_deadline_is_on_track_not_met():
    """Target 55 by 2020; 2018 = 55.5 with no CI and 2017 short of it: reached once only."""
    series = table("2016 50\n2017 52\n2018 55.5")
    result = assess(relative(HIGHER, 50.0, 0.10), series, date(2019, 3, 31))
    assert result.status is Status.ON_TRACK
    assert result.status_basis is Basis.REACHED_ONCE
    assert result.share_of_change_achieved == pytest.approx(1.1)


def test_target_reached_in_two_consecutive_periods_is_met_early():
    """Target 55: 2017 = 55.1 and 2018 = 55.5, two independent years at it: sustained."""
    series = table("2016 50\n2017 55.1\n2018 55.5")
    result = assess(relative(HIGHER, 50.0, 0.10), series, date(2019, 3, 31))
    assert result.status is Status.MET
    assert result.status_basis is Basis.SUSTAINED


@pytest.mark.parametrize(
    ("row", "status", "basis"),
    [
        # the whole CI above 55: met on one value
        ("2018 56.0 55.2 56.8", Status.MET, Basis.CI_BEYOND_TARGET),
        # the CI straddles 55 (ambition 1, men, on a COVID-era value): reached once
        ("2018 55.5 54.1 56.9", Status.ON_TRACK, Basis.REACHED_ONCE),
    ],
)
def test_met_early_on_one_value_needs_its_ci_beyond_the_target(row, status, basis):
    result = assess(relative(HIGHER, 50.0, 0.10), table(row), date(2019, 3, 31))
    assert (result.status, result.status_basis) == (status, basis)


@pytest.mark.parametrize(
    ("row", "status", "basis"),
    [
        # lower is better: expected 9.50 at 2018; CI 9.3–10.5 holds it → not significantly behind
        ("2018 9.9 9.3 10.5", Status.BEHIND_NOT_SIGNIFICANT, Basis.CI_INCLUDES_TRAJECTORY),
        # CI 9.7–10.1 lies wholly above 9.50 → significantly worse than the trajectory
        ("2018 9.9 9.7 10.1", Status.OFF_TRACK, Basis.CI_EXCLUDES_TRAJECTORY),
        # no CI: the point estimate decides, and the basis says so
        ("2018 9.9", Status.OFF_TRACK, Basis.POINT_ESTIMATE),
    ],
)
def test_off_track_only_when_the_ci_excludes_the_trajectory(row, status, basis):
    """10.0 → 9.0 by 2020, 2018 expected 9.50 (see the first test)."""
    result = assess(relative(LOWER, 10.0, -0.10), table(row), date(2019, 3, 31))
    assert (result.status, result.status_basis) == (status, basis)


def test_as_at_ignores_periods_ending_later():
    """As at 2019/20 Q2 (30 Sep 2019) the 2019 value (ends 31 Dec 2019) does not count yet."""
    series = table("2016 10.0\n2017 9.8\n2018 9.5\n2019 11.0")
    result = assess(relative(LOWER, 10.0, -0.10), series, date(2019, 9, 30))
    assert result.latest.period == "2018"
    assert result.n_points == 3
    assert result.status is Status.ON_TRACK


# --- absolute_value ----------------------------------------------------------------------------


def absolute(better: int, target: float, baseline_value: float = math.nan) -> TargetSpec:
    return TargetSpec(
        kind="absolute_value",
        better=better,
        baseline=cy(2018),
        deadline=cy(2023),
        baseline_value=baseline_value,
        target_value=target,
        decimals=1,
    )


def test_absolute_value_lower_is_better_baseline_from_data():
    """20.0 in 2018 (from the data) → 15.0 by 2023 (1826 days); at 2019 expected
    20 − 5 × 365/1826 = 19.0005 → 19.0; 18.9 is better. Share (18.9 − 20)/(15 − 20) = 0.22."""
    result = assess(absolute(LOWER, 15.0), table("2018 20.0\n2019 18.9"), date(2020, 3, 31))
    assert result.baseline_value == 20.0
    assert result.baseline_source == "data"
    assert result.expected_value == pytest.approx(19.0005, abs=1e-4)
    assert result.status is Status.ON_TRACK
    assert result.share_of_change_achieved == pytest.approx(0.22)


def test_absolute_value_higher_is_better_off_track():
    """The mirror: 70 → 75 by 2023; expected at 2019 = 70.9995 → 71.0; 70.8 is short."""
    result = assess(absolute(HIGHER, 75.0, 70.0), table("2018 70\n2019 70.8"), date(2020, 3, 31))
    assert result.baseline_source == "plan"
    assert result.status is Status.OFF_TRACK


def test_baseline_from_data_missing_is_insufficient():
    """relative_change with a from_data baseline whose period has no value: nothing to judge."""
    spec = relative(LOWER, math.nan, -0.10)
    result = assess(spec, table("2017 9.8\n2018 9.5"), date(2019, 3, 31))
    assert result.status is Status.INSUFFICIENT_DATA
    assert "baseline" in result.reason


# --- gap_reduction -----------------------------------------------------------------------------


def test_gap_between_groups_and_its_mover_interval():
    """Least deprived 86.5 [86.1, 86.9] minus most deprived 76.8 [76.3, 77.3] = 9.7 with
    9.7 ∓ √(0.4² + 0.5²) = [9.0597, 10.3403]."""
    least = table("2018 86.5 86.1 86.9")
    most = table("2018 76.8 76.3 77.3")
    (gap,) = gap_series(least, most, orientation=1)
    assert (gap.value, gap.lower, gap.upper) == pytest.approx((9.7, 9.05969, 10.34031), abs=1e-5)
    (reversed_gap,) = gap_series(most, least, orientation=-1)
    assert (reversed_gap.lower, reversed_gap.upper) == pytest.approx((gap.lower, gap.upper))


def test_gap_reduction_on_track():
    """Gap 10.0 (2016) → 9.5 (−5%) by 2020. Expected at 2018: 10 − 0.5 × 0.49966 = 9.7502 →
    9.8 at 1 dp; the gap 9.7 is narrower: on track, share 0.3/0.5 = 0.6. Change of gaps by MOVER:
    −0.3 − √(0.6403² + 0.6403²) = −1.2055: not significant."""
    least = table("2016 86.0 85.6 86.4\n2018 86.5 86.1 86.9")
    most = table("2016 76.0 75.5 76.5\n2018 76.8 76.3 77.3")
    spec = TargetSpec(
        kind="gap_reduction",
        better=LOWER,
        baseline=cy(2016),
        deadline=cy(2020),
        baseline_value=10.0,
        change=-0.05,
        decimals=1,
    )
    result = assess(spec, gap_series(least, most, orientation=1), date(2019, 3, 31))
    assert result.target_value == pytest.approx(9.5)
    assert result.status is Status.ON_TRACK
    assert result.share_of_change_achieved == pytest.approx(0.6)
    assert result.change.lower == pytest.approx(-1.20554, abs=1e-5)
    assert result.qualifier is Qualifier.NO_SIGNIFICANT_CHANGE


# --- count_increase ----------------------------------------------------------------------------


def counts_spec() -> TargetSpec:
    return TargetSpec(
        kind="count_increase",
        better=HIGHER,
        baseline=fy(2018),
        deadline=fy(2023),
        baseline_value=0.0,  # the judged quantity is the running total, 0 at the baseline
        change=1000.0,
        decimals=0,
    )


def counts(rows: str):
    return table(rows, span=fy)


def test_count_increase_off_track():
    """500 in 2018/19; 600 and 650 after: 100 + 150 = 250 extra people. +1,000 by 2023/24 is
    400.3 expected at 2020/21 (731 of 1826 days): 250 is short. Share 250/1000."""
    series, complete = cumulative_extra_series(
        counts("2018 500\n2019 600\n2020 650"), obs(fy(2018), 500), 500.0
    )
    assert [o.value for o in series] == [0.0, 100.0, 250.0]
    result = assess(counts_spec(), series, date(2021, 6, 30), complete=complete)
    assert result.expected_value == pytest.approx(400.33, abs=0.01)
    assert result.status is Status.OFF_TRACK
    assert result.share_of_change_achieved == pytest.approx(0.25)


def test_count_increase_met_early():
    """Running totals 0, 400, 1000, 1500: the target of 1,000 reached in 2020/21 and again in
    2021/22 (two independent years, no CI on a running total): met early. A year earlier the
    total had reached 1,000 once only: on track."""
    series, complete = cumulative_extra_series(
        counts("2018 500\n2019 900\n2020 1100\n2021 1000"), obs(fy(2018), 500), 500.0
    )
    once = assess(counts_spec(), series, date(2021, 6, 30), complete=complete)
    assert once.latest.value == 1000.0
    assert (once.status, once.status_basis) == (Status.ON_TRACK, Basis.REACHED_ONCE)
    twice = assess(counts_spec(), series, date(2022, 6, 30), complete=complete)
    assert twice.latest.value == 1500.0
    assert (twice.status, twice.status_basis) == (Status.MET, Basis.SUSTAINED)


def test_count_increase_with_a_missing_year_is_insufficient():
    """2019/20 is missing: the running total cannot be known."""
    series, complete = cumulative_extra_series(
        counts("2018 500\n2020 650"), obs(fy(2018), 500), 500.0
    )
    assert complete is False
    result = assess(counts_spec(), series, date(2021, 6, 30), complete=complete)
    assert result.status is Status.INSUFFICIENT_DATA


# --- halt_trend --------------------------------------------------------------------------------


def halt(better: int, deadline: int = 2024) -> TargetSpec:
    return TargetSpec(
        kind="halt_trend", better=better, baseline=cy(2016), deadline=cy(deadline), decimals=1
    )


RISING = "2016 20.0\n2017 20.4\n2018 20.8\n2019 21.2\n2020 21.6"


def test_halt_trend_still_rising_is_off_track():
    """+0.4 a year, every year: the rise has not halted, and the slope's interval is above 0."""
    series = table(RISING)
    result = assess(halt(LOWER), series, date(2021, 3, 31))
    assert result.status is Status.OFF_TRACK
    assert result.trend_slope == pytest.approx(0.4, abs=0.001)
    assert result.qualifier is Qualifier.WORSENING
    assert result.expected_value == 20.0  # the level the trend must not leave
    assert result.target_value == 20.0


def test_halt_trend_rising_but_not_significantly_is_on_track():
    """x = 0..4, y = 20.0, 21.0, 20.2, 21.2, 20.4: ȳ = 20.56, Σ(x − 2)(y − ȳ) = 1.0, Sxx = 10,
    slope +0.1 a year. Residuals −0.36, 0.54, −0.36, 0.54, −0.36: SS = 0.972, s² = 0.324 (3 df),
    SE(slope) = √0.0324 = 0.18, t₃ = 3.182: interval −0.47 to +0.67 holds 0. The sign says
    "rising", the interval says "not significantly": the trend is not judged worsening."""
    series = table("2016 20.0\n2017 21.0\n2018 20.2\n2019 21.2\n2020 20.4")
    result = assess(halt(LOWER), series, date(2021, 3, 31))
    assert result.trend_slope == pytest.approx(0.1, abs=0.001)
    assert result.trend_lower == pytest.approx(-0.473, abs=0.005)
    assert result.trend_upper == pytest.approx(0.673, abs=0.005)
    assert result.status is Status.ON_TRACK
    assert result.status_basis is Basis.SLOPE_NOT_SIGNIFICANTLY_WORSE
    assert result.qualifier is Qualifier.NO_SIGNIFICANT_CHANGE


def test_halt_trend_flattened_is_on_track():
    """x = 0..4, y = 20.0, 20.5, 20.3, 20.2, 20.1: Σ(x − 2)(y − 20.22) = −0.10, Sxx = 10, slope
    −0.01 a year: halted; its interval straddles 0."""
    series = table("2016 20.0\n2017 20.5\n2018 20.3\n2019 20.2\n2020 20.1")
    result = assess(halt(LOWER), series, date(2021, 3, 31))
    assert result.trend_slope == pytest.approx(-0.01, abs=0.0005)
    assert result.status is Status.ON_TRACK
    assert result.qualifier is Qualifier.NO_SIGNIFICANT_CHANGE
    assert 0.5 < result.probability_met < 0.6  # P(slope ≤ 0) with a slope just below 0


def test_halt_trend_deadline_passed_not_met():
    result = assess(halt(LOWER, deadline=2020), table(RISING), date(2021, 3, 31))
    assert result.status is Status.NOT_MET
    assert result.status_basis is Basis.SLOPE_SIGNIFICANTLY_WORSE


def test_halt_trend_higher_is_better_mirror():
    """A falling rate that should stop falling (higher is better): the same table, negated."""
    series = table("2016 -20.0\n2017 -20.4\n2018 -20.8\n2019 -21.2\n2020 -21.6")
    assert assess(halt(HIGHER), series, date(2021, 3, 31)).status is Status.OFF_TRACK


def test_halt_trend_four_points_is_insufficient():
    """Four independent years are one short of the five a trend needs."""
    series = table("2016 20.0\n2017 20.4\n2018 20.8\n2019 21.2")
    result = assess(halt(LOWER), series, date(2020, 3, 31))
    assert result.status is Status.INSUFFICIENT_DATA
    assert result.projection_points == 0
    assert result.reason == "4 non-overlapping periods since the baseline; a trend needs 5"


# --- band --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (1.30, Status.OUTSIDE_BAND),
        (0.79, Status.OUTSIDE_BAND),
        (1.10, Status.WITHIN_BAND),
        (1.25, Status.WITHIN_BAND),  # edges are inside
        (1.254, Status.WITHIN_BAND),  # 1.25 at the published 2 dp
    ],
)
def test_band(value, status):
    spec = TargetSpec(
        kind="band", better=0, baseline=None, deadline=fy(2023), band=(0.8, 1.25), decimals=2
    )
    series = [obs(fy(2022), value)]
    assert assess(spec, series, date(2023, 6, 30)).status is status


def test_band_qualifier_moves_towards_the_band():
    """1.60 [1.50, 1.70] → 1.20 [1.10, 1.30]: change −0.40 ± √(0.1² + 0.1²) excludes 0 and the
    distance to the band fell from 0.35 to 0: improving."""
    spec = TargetSpec(
        kind="band", better=0, baseline=fy(2019), deadline=fy(2023), band=(0.8, 1.25), decimals=2
    )
    series = [obs(fy(2019), 1.60, 1.50, 1.70), obs(fy(2022), 1.20, 1.10, 1.30)]
    result = assess(spec, series, date(2023, 6, 30))
    assert result.status is Status.WITHIN_BAND
    assert result.qualifier is Qualifier.IMPROVING


# --- direction_only ----------------------------------------------------------------------------


def direction(better: int) -> TargetSpec:
    return TargetSpec(
        kind="direction_only", better=better, baseline=cy(2016), deadline=cy(2024), decimals=1
    )


@pytest.mark.parametrize(
    ("better", "latest", "status"),
    [
        # 63 − 60 = 3, lower limit 3 − √(1² + 1²) = 1.586 > 0
        (HIGHER, "2019 63.0 62.0 64.0", Status.IMPROVING),
        (LOWER, "2019 63.0 62.0 64.0", Status.WORSENING),
        # 0.5 − 1.414 < 0 < 0.5 + 1.414
        (HIGHER, "2019 60.5 59.5 61.5", Status.NO_SIGNIFICANT_CHANGE),
    ],
)
def test_direction_only(better, latest, status):
    series = table(f"2016 60.0 59.0 61.0\n{latest}")
    result = assess(direction(better), series, date(2020, 3, 31))
    assert result.status is status
    assert result.qualifier.value == status.value
    assert math.isnan(result.target_value)


def test_direction_only_without_cis_uses_the_trend():
    """No CIs: 60, 61, 62.1, 63, 64 rises steadily; the slope's interval lies above zero."""
    series = table("2016 60\n2017 61\n2018 62.1\n2019 63\n2020 64")
    assert assess(direction(HIGHER), series, date(2021, 3, 31)).status is Status.IMPROVING


def test_direction_only_two_points_without_cis_is_insufficient():
    series = table("2016 60\n2019 63")
    result = assess(direction(HIGHER), series, date(2020, 3, 31))
    assert result.status is Status.INSUFFICIENT_DATA


# --- missing data and single points ------------------------------------------------------------


def test_no_values_is_no_data():
    result = assess(relative(LOWER, 10.0, -0.10), [], date(2019, 3, 31))
    assert result.status is Status.NO_DATA
    assert result.target_value == pytest.approx(9.0)
    assert result.latest is None


def test_a_single_point_at_the_baseline():
    """Only the baseline: on the trajectory by definition, nothing to project or test."""
    result = assess(relative(LOWER, 10.0, -0.10), table("2016 10.0"), date(2017, 3, 31))
    assert result.status is Status.ON_TRACK
    assert result.share_of_change_achieved == 0.0
    assert result.projection_points == 0
    assert math.isnan(result.projection_value)
    assert math.isnan(result.trend_slope)


def test_a_single_point_after_a_published_baseline():
    """The baseline comes from the plan with no CI; 2018 = 9.2 [8.9, 9.5] excludes 10: the fall
    is significant (the baseline is a fixed number)."""
    result = assess(relative(LOWER, 10.0, -0.10), table("2018 9.2 8.9 9.5"), date(2019, 3, 31))
    assert result.status is Status.ON_TRACK
    assert result.change.significant is True
    assert (result.change.lower, result.change.upper) == pytest.approx((-1.1, -0.5))
    assert result.qualifier is Qualifier.IMPROVING


# --- projection --------------------------------------------------------------------------------


def test_projection_unweighted_by_hand():
    """x ≈ 0..4 years, y = 10.0, 9.8, 9.5, 9.4, 9.1 (target 9.0 by 2022, x ≈ 6). ȳ = 9.56,
    Σ(x − 2)(y − ȳ) = −2.2, Sxx = 10: slope −0.22, intercept 10.0, at x = 6 the line is 8.68.
    Residuals 0, 0.02, −0.06, 0.06, −0.02: s² = 0.008/3 = 0.002667; predictive variance
    s²(1 + 1/5 + 16/10) = 0.007467, sd 0.08641; t₃ = 3.1824 → [8.405, 8.955].
    P(value ≤ 9.0) = P(T₃ ≤ 3.703) = 0.5 + (θ + sin θ cos θ)/π with θ = atan(3.703/√3):
    0.983 — "very likely" (90% or more)."""
    series = table("2016 10.0\n2017 9.8\n2018 9.5\n2019 9.4\n2020 9.1")
    result = assess(relative(LOWER, 10.0, -0.10, deadline=2022), series, date(2021, 3, 31))
    assert result.projection_points == 5
    assert result.projection_value == pytest.approx(8.68, rel=2e-3)
    assert result.projection_lower == pytest.approx(8.405, rel=2e-3)
    assert result.projection_upper == pytest.approx(8.955, rel=2e-3)
    assert result.probability_met == pytest.approx(0.983, abs=0.005)
    assert result.probability_band == "very likely"
    assert result.trend_note == "5 non-overlapping periods, 2016 to 2020"


@pytest.mark.parametrize(
    ("as_at", "rows", "status"),
    [
        # already saved £5.2m of £5m, once, with no CI: reached, not yet sustained
        (date(2023, 6, 30), "2022 5.2", Status.ON_TRACK),
        # no baseline period: no trajectory, so short of the target there is nothing to say
        # (the earliest value loaded is never taken as the baseline)
        (date(2023, 6, 30), "2021 3.0\n2022 3.2", Status.INSUFFICIENT_DATA),
        (date(2024, 6, 30), "2021 3.0\n2023 4.0", Status.NOT_MET),  # the deadline year's value
    ],
)
def test_absolute_value_with_no_baseline_period(as_at, rows, status):
    """'£5m additional savings in 2023/24' (closing-the-gap plan), no baseline period."""
    spec = TargetSpec(
        kind="absolute_value", better=HIGHER, baseline=None, deadline=fy(2023), target_value=5.0
    )
    result = assess(spec, table(rows, span=fy), as_at)
    assert result.status is status
    assert result.baseline_source is None
    assert result.baseline_period is None


def test_count_decrease_lower_is_better():
    """'100 fewer admissions than 2018/19, cumulatively, by 2023/24': 500, then 480 and 460,
    so −20 − 40 = −60 people; expected −100 × 731/1826 = −40.0: ahead, on track; share 0.6."""
    spec = replace(counts_spec(), better=LOWER, change=-100.0)
    series, complete = cumulative_extra_series(
        counts("2018 500\n2019 480\n2020 460"), obs(fy(2018), 500), 500.0
    )
    result = assess(spec, series, date(2021, 6, 30), complete=complete)
    assert result.latest.value == -60.0
    assert result.expected_value == pytest.approx(-40.03, abs=0.01)
    assert result.status is Status.ON_TRACK
    assert result.share_of_change_achieved == pytest.approx(0.6)


def test_every_value_in_a_series_break_cannot_be_judged():
    """2019 - 21 and 2020 - 22 both hold the excluded 2020: values exist, none is comparable."""
    from wyoutcomes.progress.independence import Exclusion

    spec = replace(
        relative(LOWER, 10.0, -0.10),
        exclusions=(Exclusion("2020", date(2020, 1, 1), date(2020, 12, 31), "inquests"),),
    )
    result = assess(spec, table("2020 11.0"), date(2021, 3, 31))
    assert result.status is Status.INSUFFICIENT_DATA
    assert result.reason == "every value since the baseline falls in a declared series break"
    assert [o.period for o in result.excluded] == ["2020"]
