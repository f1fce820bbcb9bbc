"""SII and RII against the reference's SII test sheet (limits within Monte-Carlo tolerance)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import sii

from .reference_data import assert_close, fixture

SHEET = fixture("sii-sii.csv")
BY = ["Area", "Grouping1", "Grouping2"]
SE = {"se": "StandardError"}
CL = {"lower_ci": "LowerCL", "upper_ci": "UpperCL"}
LOG_T = {"value_type": "rate", "transform": True, **CL}
LOGIT_T = {"value_type": "proportion", "transform": True, **CL}

# (input RecordNos, RecordNo of the expected block, arguments, levels) — as the upstream tests
CASES = [
    ((1, 20), 1, {**SE, "rii": True}, (95,)),
    ((1, 20), 1, {**CL, "rii": True}, (95,)),
    ((1, 20), 246, {**CL, "rii": True, "intercept": True}, (95,)),
    ((21, 40), 21, {**CL, "rii": True, "confidence": 0.99}, (99,)),
    ((226, 245), 226, {**SE, "rii": True, "confidence": (95, 99)}, (95, 99)),
    ((41, 60), 41, {**SE, "rii": True}, (95,)),
    ((71, 90), 71, {**SE, "value_type": "rate", "rii": True}, (95,)),
    ((71, 90), 71, {**CL, "value_type": "rate", "rii": True}, (95,)),
    ((71, 90), 266, {**CL, "value_type": "rate", "rii": True, "intercept": True}, (95,)),
    ((306, 325), 306, {**LOG_T, "rii": True, "intercept": True}, (95,)),
    ((386, 405), 386, {**LOG_T, "rii": True, "intercept": True, "multiplier": -1}, (95,)),
    ((406, 425), 406, {**LOG_T, "rii": True, "intercept": True, "confidence": 98}, (98,)),
    ((366, 385), 366, {**LOG_T, "rii": True, "intercept": True, "confidence": (95, 98)}, (95, 98)),
    ((426, 445), 426, {**LOG_T}, (95,)),
    ((91, 110), 91, {**SE, "value_type": "proportion", "rii": True}, (95,)),
    ((91, 110), 91, {**CL, "value_type": "proportion", "rii": True}, (95,)),
    ((91, 110), 91, {**CL, "value_type": "proportion", "rii": True, "value": None, "x": "Count"},
     (95,)),
    ((91, 110), 286, {**CL, "value_type": "rate", "rii": True, "intercept": True}, (95,)),
    ((111, 130), 111, {**CL, "value_type": "proportion", "rii": True, "multiplier": 100}, (95,)),
    ((131, 150), 131, {**CL, "value_type": "proportion", "rii": True, "multiplier": -100},
     (95,)),
    ((326, 345), 326, {**LOGIT_T, "rii": True, "intercept": True}, (95,)),
    ((346, 365), 346, {**LOGIT_T, "rii": True, "intercept": True, "multiplier": -1}, (95,)),
    ((466, 485), 466, {**LOGIT_T, "rii": True, "intercept": True, "confidence": 98}, (98,)),
    ((486, 505), 486, {**LOGIT_T, "rii": True, "intercept": True, "confidence": (95, 98)},
     (95, 98)),
    ((446, 465), 446, {**LOGIT_T}, (95,)),
]  # fmt: skip

#: upstream compares simulated limits with a 5% tolerance
MC_RTOL = 0.05


def _records(first: int, last: int) -> pd.DataFrame:
    return SHEET[SHEET["RecordNo"].between(first, last)].reset_index(drop=True)


def _expected(first: int) -> pd.DataFrame:
    block = SHEET[SHEET["RecordNo"] >= first]
    return block[block["sii"].notna()].iloc[:2].reset_index(drop=True)


@pytest.mark.parametrize(("rows", "expected_at", "arguments", "levels"), CASES)
def test_reference_sii_cases(rows, expected_at, arguments, levels):
    arguments = {"value": "Value", **arguments}
    out = sii(_records(*rows), "Quantile", "Population", by=BY, seed=20191130, **arguments)
    expected = _expected(expected_at)
    assert_close(out["sii"], expected["sii"])
    if arguments.get("rii"):
        assert_close(out["rii"], expected["rii"])
    if arguments.get("intercept"):
        assert_close(out["intercept"], expected["Intercept"])
    for index, level in enumerate(levels, start=1):
        suffix = "" if len(levels) == 1 else f"_{level}"
        names = ["sii"] + (["rii"] if arguments.get("rii") else [])
        for name in names:
            for side in ("lower", "upper"):
                assert_close(
                    out[f"{name}_{side}_ci{suffix}"],
                    expected[f"{name}_{side}cl_{index}"],
                    rtol=MC_RTOL,
                )


def test_quintiles_point_estimate():
    out = sii(_records(61, 70), "Quantile", "Population", value="Value", se="StandardError",
              by=BY, repetitions=1000, seed=1)  # fmt: skip
    assert_close(out["sii"], _expected(61)["sii"])


def test_same_seed_same_figures_and_different_seed_differs():
    records = _records(1, 20)
    first = sii(records, "Quantile", "Population", value="Value", se="StandardError", by=BY,
                rii=True, seed=5, repetitions=1000)  # fmt: skip
    again = sii(records, "Quantile", "Population", value="Value", se="StandardError", by=BY,
                rii=True, seed=5, repetitions=1000)  # fmt: skip
    other = sii(records, "Quantile", "Population", value="Value", se="StandardError", by=BY,
                rii=True, seed=6, repetitions=1000)  # fmt: skip
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["sii_lower_ci"], other["sii_lower_ci"])


def test_linear_shortcut_matches_full_draws_in_distribution():
    # value_type "other" uses two bivariate-normal draws per repetition; the limits must agree
    # with the textbook route (a draw per quantile, refit) within Monte-Carlo error
    records = _records(1, 10)
    ours = sii(records, "Quantile", "Population", value="Value", se="StandardError",
               repetitions=200_000, seed=3)  # fmt: skip
    rng = np.random.default_rng(11)
    pop = records["Population"].to_numpy(float)
    a = pop / pop.sum()
    b = np.cumsum(a) - a / 2
    design = np.column_stack([np.sqrt(a), b * np.sqrt(a)])
    draws = records["Value"].to_numpy() + records["StandardError"].to_numpy() * (
        rng.standard_normal((200_000, 10))
    )
    fits = np.linalg.lstsq(design, (draws * np.sqrt(a)).T, rcond=None)[0]
    lower, upper = np.quantile(fits[1], [0.025, 0.975])
    assert_close(ours["sii_lower_ci"], [lower], rtol=0.01)
    assert_close(ours["sii_upper_ci"], [upper], rtol=0.01)


def test_group_missing_a_quantile_is_dropped_with_a_warning():
    records = _records(1, 20).drop(index=15)
    with pytest.warns(UserWarning, match="missing quantile"):
        out = sii(records, "Quantile", "Population", value="Value", se="StandardError", by=BY,
                  repetitions=1000, seed=1)  # fmt: skip
    assert list(out["Area"]) == ["area1"]


@pytest.mark.parametrize(
    ("rows", "arguments", "rule"),
    [
        ((151, 160), {"se": "StandardError"}, "population-not-positive"),
        ((161, 165), {"se": "StandardError"}, "se-negative"),
        ((1, 4), {"se": "StandardError"}, "quantiles-count"),
        ((1, 20), {"se": "StandardError", "value_type": "proportion"}, "proportion-range"),
        ((1, 20), {**CL, "transform": True}, "transform-invalid"),
        ((71, 90), {"se": "StandardError", "value_type": "rate", "transform": True},
         "transform-invalid"),
        ((1, 20), {"se": "StandardError", "repetitions": 10}, "repetitions-too-few"),
        ((1, 20), {}, "se-required"),
        ((1, 20), {"se": "StandardError", "value_type": "rates"}, "value-type-invalid"),
    ],
)  # fmt: skip
def test_bad_input_is_refused(rows, arguments, rule):
    with pytest.raises(StatsInputError, match=rule):
        sii(_records(*rows), "Quantile", "Population", value="Value", by=BY, **arguments)


@settings(max_examples=25, deadline=None)
@given(
    level=st.floats(min_value=-50, max_value=50, allow_nan=False),
    pops=st.lists(st.integers(min_value=100, max_value=100_000), min_size=10, max_size=10),
)
def test_sii_of_a_flat_gradient_is_zero(level, pops):
    deciles = pd.DataFrame({"q": range(1, 11), "pop": pops, "v": level, "se": 0.5})
    out = sii(deciles, "q", "pop", value="v", se="se", repetitions=1000, seed=0)
    assert abs(out["sii"].iloc[0]) < 1e-9 * max(1.0, abs(level))
    assert out["sii_lower_ci"].iloc[0] < 0 < out["sii_upper_ci"].iloc[0]
