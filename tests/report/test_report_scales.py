"""Scales of the report charts: hand-worked examples and hypothesis properties."""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wyoutcomes.report.charts.scales import (
    BandScale,
    LinearScale,
    TimeScale,
    nice_step,
    nice_ticks,
    px,
    step_decimals,
    year_ticks,
)

# --- hand-worked examples ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lo", "hi", "n", "expected"),
    [
        (0.0, 1.0, 6, (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)),
        (3.2, 11.7, 6, (2.0, 4.0, 6.0, 8.0, 10.0, 12.0)),
        (78.4, 79.1, 5, (78.4, 78.6, 78.8, 79.0, 79.2)),
        (-3.0, 3.0, 3, (-5.0, 0.0, 5.0)),
        (0.0, 97.0, 6, (0.0, 20.0, 40.0, 60.0, 80.0, 100.0)),
    ],
)
def test_nice_ticks_hand_worked(lo, hi, n, expected):
    assert nice_ticks(lo, hi, n) == expected


def test_zero_width_domain_is_widened_around_its_value():
    ticks = nice_ticks(10.0, 10.0, 6)
    assert ticks[0] < 10.0 < ticks[-1]


def test_nice_step_and_decimals():
    assert nice_step(10.0, 6) == 2.0
    assert nice_step(0.7, 5) == 0.2
    assert step_decimals(0.25) == 2
    assert step_decimals(5.0) == 0


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="at least 3"):
        nice_ticks(0, 1, 2)
    with pytest.raises(ValueError, match="finite"):
        nice_ticks(0, math.inf)


def test_linear_scale_runs_downwards_for_svg_y():
    scale = LinearScale((0.0, 10.0), (200.0, 0.0))
    assert scale(0.0) == 200.0
    assert scale(10.0) == 0.0
    assert scale(2.5) == 150.0


def test_covering_scale_includes_zero_when_asked():
    scale = LinearScale.covering([40.0, 60.0], (100.0, 0.0), include_zero=True)
    assert scale.ticks[0] == 0.0
    assert scale.tick_decimals == 0


def test_time_scale_and_year_ticks():
    scale = TimeScale.covering([date(2018, 10, 1), date(2024, 7, 1)], (0.0, 700.0))
    assert scale.domain == (date(2018, 1, 1), date(2025, 1, 1))
    assert scale(date(2018, 1, 1)) == 0.0
    assert scale(date(2025, 1, 1)) == 700.0
    assert [d.year for d in year_ticks(*scale.domain, 8)] == list(range(2018, 2026))
    assert [d.year for d in year_ticks(date(2015, 6, 1), date(2031, 1, 1), 6)] == [2020, 2025, 2030]


def test_band_scale_slots_are_equal_and_centred():
    places = BandScale(("a", "b", "c", "d"), (0.0, 200.0))
    assert [places.position(p) for p in "abcd"] == [25.0, 75.0, 125.0, 175.0]
    assert places.bandwidth == 50.0
    with pytest.raises(ValueError, match="distinct"):
        BandScale(("a", "a"), (0, 1))


def test_px_never_writes_negative_zero():
    assert str(px(-0.04)) == "0.0"
    assert px(12.345) == 12.3


# --- properties --------------------------------------------------------------------------------

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(finite, finite, st.integers(min_value=3, max_value=12))
def test_ticks_are_monotonic_cover_the_domain_and_few_enough(a, b, n):
    lo, hi = min(a, b), max(a, b)
    ticks = nice_ticks(lo, hi, n)
    assert 2 <= len(ticks) <= n
    assert all(x < y for x, y in itertools.pairwise(ticks))
    assert ticks[0] <= lo and ticks[-1] >= hi


@given(finite, finite, st.integers(min_value=3, max_value=12))
def test_ticks_are_evenly_spaced_at_a_nice_step(a, b, n):
    ticks = nice_ticks(min(a, b), max(a, b), n)
    steps = [y - x for x, y in itertools.pairwise(ticks)]
    step = steps[0]
    assert all(math.isclose(s, step, rel_tol=1e-6) for s in steps)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1.0, 2.0, 5.0, 10.0))


@given(st.lists(finite, min_size=1, max_size=20), st.integers(min_value=3, max_value=10))
def test_covering_scale_keeps_every_value_inside_the_pixels(values, n):
    scale = LinearScale.covering(values, (300.0, 10.0), max_ticks=n)
    for v in values:
        assert 10.0 <= scale(v) <= 300.0


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 1, 1)),
    st.integers(min_value=0, max_value=20000),
    st.integers(min_value=2, max_value=12),
)
def test_year_ticks_lie_inside_the_range_ascending_and_few_enough(first, days, n):
    last = first + timedelta(days=days)
    ticks = year_ticks(first, last, n)
    assert len(ticks) <= n
    assert all(first <= t <= last for t in ticks)
    assert list(ticks) == sorted(set(ticks))
