"""The weighted line behind projections and halt_trend slopes, checked against hand working."""

from __future__ import annotations

import math

import pytest

from wyoutcomes.progress.projection import (
    fit_line,
    probability_at_least,
    probability_between,
    se_from_ci,
)


def test_weighted_fit_by_hand():
    """x = 0, 1, 2; y = 1, 2, 4; SE = 1, 1, 2 → weights 1, 1, 0.25. Σw = 2.25,
    x̄w = 1.5/2.25 = 2/3, ȳw = 4/2.25 = 16/9, Sxx = 4/9 + 1/9 + 0.25 × 16/9 = 1,
    Sxy = 4/3 → slope 4/3, intercept 16/9 − 8/9 = 8/9. χ² = 1/9 over 1 df < 1, so the scale stays
    1 and the slope's SE is √(1/Sxx) = 1. At x = 3: 8/9 + 4 = 4.889; the line's variance
    1/2.25 + (7/3)² = 5.889 plus a new value's mean variance (1 + 1 + 4)/3 = 2 → sd √7.889."""
    fit = fit_line([0, 1, 2], [1, 2, 4], [1, 1, 2])
    assert fit.weighted is True
    assert fit.slope == pytest.approx(4 / 3)
    assert fit.intercept == pytest.approx(8 / 9)
    assert fit.scale == 1.0
    lower, upper = fit.slope_interval()
    assert upper - fit.slope == pytest.approx(12.7062, abs=1e-4)  # t(1, 0.975) × 1
    assert fit.slope - lower == pytest.approx(upper - fit.slope)
    assert fit.predict(3) == pytest.approx(44 / 9)
    assert fit.predictive_sd(3) == pytest.approx(math.sqrt(1 / 2.25 + 49 / 9 + 2))


def test_scatter_wider_than_the_cis_widens_the_interval():
    """Same x, y far off the line with tiny SEs: χ²/df > 1 becomes the scale."""
    fit = fit_line([0, 1, 2, 3], [0.0, 2.0, 0.0, 2.0], [0.1] * 4)
    assert fit.scale > 1
    residual_chi2 = sum(
        ((y - fit.predict(x)) / 0.1) ** 2 for x, y in zip([0, 1, 2, 3], [0, 2, 0, 2], strict=True)
    )
    assert fit.scale == pytest.approx(residual_chi2 / 2)


def test_unweighted_when_any_point_lacks_a_ci():
    fit = fit_line([0, 1, 2], [1, 2, 4], [1, math.nan, 2])
    assert fit.weighted is False
    assert fit.slope == pytest.approx(1.5)  # ordinary least squares: Σ(x−1)(y−7/3)/2 = 3/2


@pytest.mark.parametrize("n", [0, 1, 2])
def test_fewer_than_three_points_give_no_fit(n):
    assert fit_line(list(range(n)), [1.0] * n) is None


def test_points_at_one_time_give_no_fit():
    assert fit_line([1, 1, 1], [1, 2, 3]) is None


def test_probabilities_are_complementary_and_bounded():
    fit = fit_line([0, 1, 2, 3], [10.0, 9.6, 9.1, 8.7])
    up = probability_at_least(fit, 5, 8.0, better=1)
    down = probability_at_least(fit, 5, 8.0, better=-1)
    assert up + down == pytest.approx(1.0)
    inside = probability_between(fit, 5, -1e9, 8.0)
    assert inside == pytest.approx(down)


def test_a_perfect_line_is_certain():
    fit = fit_line([0, 1, 2], [1.0, 2.0, 3.0])
    assert probability_at_least(fit, 4, 4.5, better=1) == 1.0
    assert probability_at_least(fit, 4, 5.5, better=1) == 0.0


def test_se_from_ci():
    assert se_from_ci(8.04, 11.96) == pytest.approx(1.0, abs=1e-3)
    assert math.isnan(se_from_ci(math.nan, 1.0))
