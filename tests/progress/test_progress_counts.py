"""CIs from counts (via wyoutcomes.stats) where a submission gives counts but no CI."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from progress_plans import LEEDS, indicator, plan
from progress_spans import cy, obs

from wyoutcomes.progress import progress_frame
from wyoutcomes.progress.counts import count_change, with_count_cis
from wyoutcomes.progress.observations import Observation


def counted(value: float, x: float, n: float) -> Observation:
    o = obs(cy(2019), value)
    return Observation(o.period, o.start, o.end, o.mid, value, numerator=x, denominator=n)


def test_wilson_for_a_percentage():
    """5 of 100: Wilson (13.8416 ∓ 1.96 × √22.8416) / 207.6832 = [2.154%, 11.175%]."""
    (filled,) = with_count_cis([counted(5.0, 5, 100)], "proportion", 100)
    assert (filled.lower, filled.upper) == pytest.approx((2.1544, 11.1750), abs=1e-4)


def test_byars_for_a_crude_rate():
    """650 events in 1,000,000 people per 100,000: Byars limits of 650 are 600.98 and 701.95."""
    (filled,) = with_count_cis([counted(65.0, 650, 1_000_000)], "crude_rate", 100_000)
    assert (filled.lower, filled.upper) == pytest.approx((60.098, 70.195), abs=1e-3)


def test_exact_below_ten_events():
    """5 events: exact Poisson limits χ²(0.025; 10)/2 = 1.6235 and χ²(0.975; 12)/2 = 11.6683."""
    (filled,) = with_count_cis([counted(5.0, 5, math.nan)], "count", 1)
    assert (filled.lower, filled.upper) == pytest.approx((1.6235, 11.6683), abs=1e-4)


def test_submitted_cis_are_kept():
    o = Observation("2019", cy(2019).start, cy(2019).end, cy(2019).mid, 5.0, 4.0, 6.0, 5, 100)
    assert with_count_cis([o], "proportion", 100) == [o]


def test_count_change_on_poisson_limits():
    """650 vs 500. Byars: lower of 650 = 650 × (1 − 1/5850 − 1.96/(3√650))³ = 600.98; upper of
    500 = 501 × (1 − 1/4509 + 1.96/(3√501))³ = 545.81. MOVER lower limit
    150 − √(49.02² + 45.81²) = 150 − 67.09 = 82.91 > 0."""
    change = count_change(650, 500)
    assert change.significant is True
    assert change.lower == pytest.approx(82.91, abs=0.01)


def test_direction_only_from_counts_alone():
    """50/1000 = 5.0% → 80/1000 = 8.0%, no CIs submitted. Wilson limits: [3.813, 6.531] and
    [6.475, 9.847]; MOVER lower limit 3 − √(1.525² + 1.531²) = 0.839 > 0: improving."""
    p = plan(
        [
            indicator(
                "screening", "higher_is_better", unit="%", measure_type="proportion", multiplier=100
            )
        ],
        [
            {
                "id": "screening-up",
                "indicator": "screening",
                "kind": "direction_only",
                "deadline": "2024",
                "baseline": {"period": "2016"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )
    data = pd.DataFrame(
        {
            "indicator_id": "screening",
            "area_code": LEEDS,
            "period": ["2016", "2019"],
            "value": [5.0, 8.0],
            "numerator": [50, 80],
            "denominator": [1000, 1000],
        }
    )
    result = progress_frame(p, data, quarter="2020/21 Q1").iloc[0]
    assert result["latest_lower_ci"] == pytest.approx(6.475, abs=1e-3)
    assert result["change_lower"] == pytest.approx(0.839, abs=1e-3)
    assert result["status"] == "improving"
