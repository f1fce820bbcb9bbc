"""Bad input to xmr raises StatsInputError naming the row or argument and the rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wyoutcomes import spc
from wyoutcomes.errors import StatsInputError


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": [1, "two", 3]}, r"row 2 holds 'two'.*value-not-numeric"),
        ({"values": [1, np.inf]}, r"row 2 is infinite.*non-finite"),
        ({"values": [1, 2], "dates": ["2024-01-01"]}, "length-mismatch"),
        ({"values": [1, 2], "dates": ["2024-01-01", "2024-01-01"]}, r"2024-01-01.*duplicate-date"),
        ({"values": [1, 2], "dates": [pd.NaT, "2024-01-01"]}, "date-missing"),
        ({"values": [1, 2], "dates": [1, "a"]}, "date-unordered"),
        ({"values": [1, 2], "improvement": "up"}, "unknown-improvement-direction"),
        ({"values": [1, 2], "fix_after_n_points": 11}, "fix-after-too-few"),
        ({"values": [1, 2], "target": "high"}, "target-not-numeric"),
        ({"values": [1, 2], "rebase": ["not a date"], "dates": ["2024-01", "2024-02"]}, "rebase"),
    ],
)
def test_bad_input(kwargs, message):
    with pytest.raises(StatsInputError, match=message):
        spc.xmr(**kwargs)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("shift_length", 2),
        ("trend_length", True),
        ("sigma_from", "1.128"),
        ("variation_from", "first"),
        ("missing", "drop"),
        ("min_points", 1.5),
    ],
)
def test_bad_options(option, value):
    with pytest.raises(StatsInputError, match=option):
        spc.SPCOptions(**{option: value})


def test_missing_values_given_as_none_or_pd_na_are_gaps():
    for gap in (None, pd.NA, float("nan")):
        result = spc.xmr([1.0, gap, 2.0, 3.0])
        assert result.points["value"].isna().tolist() == [False, True, False, False]
        assert "missing-values" in result.warning_codes


@pytest.mark.parametrize(
    ("polarity", "improvement"),
    [
        ("higher_is_better", "increase"),
        ("lower_is_better", "decrease"),
        ("target_band", "neutral"),
        ("no_judgement", "neutral"),
    ],
)
def test_polarity_maps_to_improvement(polarity, improvement):
    assert spc.improvement_for_polarity(polarity) == improvement


def test_unknown_polarity():
    with pytest.raises(StatsInputError, match="unknown-polarity"):
        spc.improvement_for_polarity("up")
