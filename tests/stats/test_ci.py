"""CI building blocks against the reference's Byars/Wilson test sheet, plus edge rules."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import byars_ci, exact_poisson_ci, student_t_ci, wilson_ci

from .reference_data import assert_close, fixture

SHEET = fixture("byars-wilson-b-w.csv")


@pytest.mark.parametrize("row", SHEET.to_dict("records"), ids=lambda r: f"{r['method']}-{r['x']}")
def test_reference_byars_and_wilson_limits(row):
    level = float(row["confidence"].rstrip("%"))
    if row["method"] == "Wilson":
        lower, upper = wilson_ci(row["x"], row["n"], level)
    else:
        lower, upper = byars_ci(row["x"], level)
    assert_close(lower, row["lowercl"])  # NaN for x = 1 at 99.8%: Byars goes negative
    assert_close(upper, row["uppercl"])


def test_wilson_boundaries_are_exact():
    lower, upper = wilson_ci([0, 7], [7, 7])
    assert lower[0] == 0.0
    assert upper[1] == 1.0


def test_wilson_at_full_confidence_is_the_whole_range():
    lower, upper = wilson_ci([3], [10], 1)
    assert (lower[0], upper[0]) == (0.0, 1.0)


def test_exact_poisson_matches_gamma_quantiles():
    # independent route: Poisson limits are gamma quantiles (Garwood 1936)
    x = np.array([1.0, 4.0, 9.0])
    lower, upper = exact_poisson_ci(x, 0.95)
    assert_close(lower, sps.gamma.ppf(0.025, x), rtol=1e-12)
    assert_close(upper, sps.gamma.ppf(0.975, x + 1), rtol=1e-12)
    assert exact_poisson_ci([0])[0][0] == 0.0


def test_student_t_nan_for_a_single_value():
    lower, upper = student_t_ci([4.0], [np.nan], [1])
    assert np.isnan(lower[0]) and np.isnan(upper[0])


@pytest.mark.parametrize("bad", [0.5, 89, 101, "high"])
def test_confidence_outside_90_to_100_is_refused(bad):
    with pytest.raises(StatsInputError, match="confidence-range"):
        wilson_ci([1], [2], bad)


def test_negative_counts_are_refused():
    with pytest.raises(StatsInputError, match="negative-count"):
        byars_ci([-1])
