"""Property tests: invariants any correct implementation must keep, whatever the input."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from wyoutcomes.stats import ESP2013, dsr, exact_poisson_ci, rate, wilson_ci

LEVELS = st.sampled_from([0.9, 0.95, 0.99, 0.998, 95, 99.8])


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=10**9),
    share=st.floats(min_value=0, max_value=1),
    level=LEVELS,
)
def test_wilson_limits_bracket_the_proportion_and_lie_in_0_1(n, share, level):
    x = np.floor(share * n)
    lower, upper = wilson_ci([x], [n], level)
    p = x / n
    assert 0 <= lower[0] <= p <= upper[0] <= 1


@settings(max_examples=100, deadline=None)
@given(
    rate_per_person=st.floats(min_value=1e-5, max_value=0.05),
    scale=st.floats(min_value=0.05, max_value=50),
)
def test_dsr_of_a_population_shaped_like_the_standard_equals_the_crude_rate(rate_per_person, scale):
    # any population proportional to the standard: the DSR is the crude rate, whatever the
    # band rates, because the weights and the population shares coincide
    population = ESP2013.to_numpy() * scale
    band_rates = rate_per_person * np.linspace(0.2, 3.0, 19)
    deaths = band_rates * population
    bands = pd.DataFrame({"ageband": ESP2013.index, "deaths": deaths, "pop": population})
    if deaths.sum() < 10:  # suppressed by rule; nothing to compare
        return
    out = dsr(bands, "deaths", "pop", ESP2013, ageband="ageband")
    crude = rate(bands, "deaths", "pop")
    np.testing.assert_allclose(out["value"], crude["value"], rtol=1e-12)


@settings(max_examples=100, deadline=None)
@given(x=st.integers(min_value=0, max_value=5000), level=LEVELS)
def test_exact_poisson_limits_bracket_the_count(x, level):
    lower, upper = exact_poisson_ci([x], level)
    assert 0 <= lower[0] <= x < upper[0]
