"""Funnel limits, significance and points against the reference's funnel test files.

Our default axis is our own (geometric, whole numbers); these tests pass the reference's axis
as ``points`` so that the limits themselves are compared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import funnel_limits, funnel_points, funnel_significance
from wyoutcomes.stats.funnel import funnel_axis

from .reference_data import FIXTURES, assert_close


def _csv(name: str) -> pd.DataFrame:
    frame = pd.read_csv(FIXTURES / name, encoding="utf-8-sig")
    frame.columns = [c.strip() for c in frame.columns]
    return frame


PROP_IN = _csv("funnel-prop-inputs.csv")
RATIO_IN = _csv("funnel-ratio-inputs.csv")
RATE_SIG = _csv("funnel-rate-dsr-inputs.csv")
RATE_IN = _csv("funnel-rate-input-funnels.csv")


@pytest.mark.parametrize(
    ("name", "rows"),
    [("funnel-prop-outputs.csv", None), ("funnel-prop-outputs-with-axis-variation.csv", 31000)],
)
def test_proportion_limits(name, rows):
    data = PROP_IN if rows is None else PROP_IN[PROP_IN["denominator"] < rows]
    expected = _csv(name)
    out = funnel_limits(data, "numerator", "denominator", multiplier=100,
                        points=expected["Population"])  # fmt: skip
    # the published figures carry 7-10 significant figures
    for ours, theirs in [
        ("lower_2s_limit", "Lower2s0025limit"),
        ("upper_2s_limit", "Upper2s0025limit"),
        ("lower_3s_limit", "Lower3s0001limit"),
        ("upper_3s_limit", "Upper3s0001limit"),
        ("baseline", "Baseline"),
    ]:
        assert_close(out[ours], expected[theirs], rtol=1e-7, atol=5e-7)


def test_default_axis_spans_the_reference_range():
    axis = funnel_axis(PROP_IN["denominator"])
    assert axis[0] == 1 and axis[-1] == 110_000  # as the reference's axis
    small = funnel_axis(PROP_IN.loc[PROP_IN["denominator"] < 31000, "denominator"])
    assert small[0] == 10_000 and small[-1] == 33_000


@pytest.mark.parametrize("ratio_type", ["count", "isr"])
def test_ratio_limits(ratio_type):
    expected = _csv("funnel-ratio-outputs.csv")
    out = funnel_limits(RATIO_IN, "obs", "expected", statistic="ratio", ratio_type=ratio_type,
                        points=expected["Observed_events"])  # fmt: skip
    # the reference finds these by bisection (up to 5e-5 relative error at one event); ours are the
    # closed-form chi-square limits
    for side in ("lower", "upper"):
        for name in ("2s", "3s"):
            assert_close(out[f"{side}_{name}_exp_events"],
                         expected[f"{side}_{name}_exp_events"], rtol=5e-5)  # fmt: skip
            assert_close(out[f"{side}_{name}_limit"],
                         expected[f"{side}_{name}_{ratio_type}"], rtol=5e-5, atol=1e-6)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "rate_type", "change"),
    [
        ("funnel-rate-outputs.csv", "dsr", None),
        ("funnel-rate-outputs-2.csv", "crude", "five"),
        ("funnel-rate-outputs-3.csv", "crude", "zero"),
    ],
)
def test_rate_limits(name, rate_type, change):
    data = RATE_IN[["ev", "rate"]].copy()
    denominator = None
    if change == "five":
        data.loc[data["ev"] == data["ev"].max(), "ev"] = 5
    elif change == "zero":
        data["pop"] = 1e5 * data["ev"] / data["rate"]
        biggest = data["ev"] == data["ev"].max()
        data.loc[biggest, ["ev", "rate"]] = 0
        data = data[data["pop"] > data["pop"].max() / 2]
        denominator = "pop"
    expected = _csv(name)
    out = funnel_limits(data, "ev", denominator, statistic="rate", rate="rate",
                        multiplier=1e5, rate_type=rate_type, years_of_data=3,
                        points=expected["Events"])  # fmt: skip
    assert_close(out["baseline"], expected["baseline"], rtol=1e-9)
    for column in expected.columns[1:-3]:  # bisection figures upstream, as for ratios
        assert_close(out[column], expected[column], rtol=5e-5)


def test_proportion_significance():
    out = funnel_significance(PROP_IN, "numerator", "denominator")
    assert list(out["significance"]) == list(PROP_IN["significance"])


def test_ratio_significance():
    out = funnel_significance(RATIO_IN, "obs", "expected", statistic="ratio")
    assert list(out["significance"]) == list(RATIO_IN["significance"])


@pytest.mark.parametrize(
    ("rate", "rate_type", "multiplier", "column", "drop_zero"),
    [
        ("rate_dsr", "dsr", 1e5, "dsr_per_100000_with_0", False),
        ("rate_dsr", "dsr", 1e5, "dsr_per_100000_without_0", True),
        ("rate_dsr", "dsr", 100, "dsr_per_100_without_0", True),
        ("rate_crude_per_100", "crude", 100, "crude_per_100_with_0", False),
        ("rate_crude_per_100000", "crude", 1e5, "crude_per_100000_with_0", False),
        ("rate_crude_per_100000", "crude", 1e5, "crude_per_100000_without_0", True),
        ("rate_crude_per_100", "crude", 100, "crude_per_100_without_0", True),
    ],
)
def test_rate_significance(rate, rate_type, multiplier, column, drop_zero):
    data = RATE_SIG[RATE_SIG["count"] != 0] if drop_zero else RATE_SIG
    out = funnel_significance(data, "count", "pop", statistic="rate", rate=rate,
                              rate_type=rate_type, multiplier=multiplier)  # fmt: skip
    assert list(out["significance"]) == list(data[column])


@pytest.mark.parametrize(
    ("rate_type", "years", "change", "chart", "derived"),
    [
        ("dsr", 3, "five", "rate_chart", "denominator_derived"),
        ("crude", 3, None, "rate_chart_crude", "denominator_derived_crude"),
        ("crude", 5, "zero", "rate_chart_crude_with_denom", "denominator_derived_crude_with_denom"),
    ],
)
def test_funnel_points(rate_type, years, change, chart, derived):
    data = RATE_IN.copy()
    if change is not None:
        data.loc[data["ev"] == data["ev"].max(), "ev"] = 5 if change == "five" else 0
    out = funnel_points(data, "ev", "rate", rate_type=rate_type, years_of_data=years,
                        denominator="pop" if change == "zero" else None)  # fmt: skip
    assert_close(out["rate_chart"], data[chart].replace("NA", np.nan), rtol=1e-9)
    assert_close(out["denominator_derived"], data[derived], rtol=1e-9)


def test_unknown_statistic_is_refused():
    with pytest.raises(StatsInputError, match="statistic-invalid"):
        funnel_limits(PROP_IN, "numerator", "denominator", statistic="odds")
