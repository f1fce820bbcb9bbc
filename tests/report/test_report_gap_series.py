"""The chart series of a gap target is the series progress judges: an SII indicator's own values,
or the gap between two groups' category rows of an ordinary indicator.

Data: synthetic, written here. Leeds is E08000035 (ONS local authority code).
"""

from __future__ import annotations

import pandas as pd
import pytest

from wyoutcomes.definitions import Plan
from wyoutcomes.report.sources import inputs_from

LEEDS = "E08000035"


def _indicator(id: str, measure_type: str, **extra: object) -> dict:
    return {
        "id": id,
        "name": id.replace("-", " "),
        "definition": "A test indicator.",
        "unit": "years",
        "measure_type": measure_type,
        "polarity": "lower_is_better",
        "period_type": "calendar_year",
        "area_types": ["local_authority"],
        "source": {"publisher": "Test"},
        "ci_method": "none",
        "plausible_range": {"min": 0, "max": 120},
        "decimals": 1,
        **extra,
    }


def _target(id: str, indicator: str, **extra: object) -> dict:
    return {
        "id": id,
        "indicator": indicator,
        "kind": "gap_reduction",
        "change": -0.05,
        "deadline": "2020",
        "baseline": {"period": "2016"},
        "scope": {"type": "targeted_areas", "areas": [LEEDS]},
        **extra,
    }


PLAN = Plan.model_validate(
    {
        "id": "test-plan",
        "title": "Test plan",
        "publisher": "wyoutcomes tests",
        "published": "2019-11-01",
        "source_document": {"title": "none"},
        "version": "1",
        "places": [LEEDS],
        "ambitions": [
            {
                "number": 1,
                "slug": "gaps",
                "title": "Narrower gaps",
                "statement": "A test ambition.",
                "cites": {"page": 1},
                "indicators": [
                    _indicator("le-sii", "sii"),
                    _indicator("le", "life_expectancy", breakdowns=["decile"]),
                ],
                "targets": [
                    _target("sii-gap", "le-sii"),
                    _target(
                        "decile-gap",
                        "le",
                        groups={"category_type": "decile", "comparison": "1", "reference": "10"},
                    ),
                ],
            }
        ],
    }
)


def _rows(*rows: tuple[str, str, float, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["indicator_id", "period", "value", "category_type", "category"]
    )
    return frame.assign(
        area_code=LEEDS, sex="Persons", age="All ages", lower_ci=float("nan"),
        upper_ci=float("nan"), value_note="",
    )  # fmt: skip


DATA = _rows(
    ("le-sii", "2016", 10.0, "", ""),
    ("le-sii", "2018", 9.7, "", ""),
    ("le", "2016", 76.0, "decile", "1"),
    ("le", "2016", 86.0, "decile", "10"),
    ("le", "2018", 76.8, "decile", "1"),
    ("le", "2018", 86.5, "decile", "10"),
    ("le", "2018", 81.0, "", ""),
)


@pytest.fixture(scope="module")
def series() -> pd.DataFrame:
    return inputs_from(PLAN, DATA, "2018/19 Q4").series


def test_an_sii_target_is_charted_from_the_indicators_own_values(series):
    points = series[series["target_id"] == "sii-gap"]
    assert points["period"].tolist() == ["2016", "2018"]
    assert points["value"].tolist() == [10.0, 9.7]


def test_a_groups_target_is_charted_as_the_gap_between_the_two_groups(series):
    """Least − most deprived: 86.0 − 76.0 = 10.0 in 2016, 86.5 − 76.8 = 9.7 in 2018."""
    points = series[series["target_id"] == "decile-gap"]
    assert points["period"].tolist() == ["2016", "2018"]
    assert points["value"].tolist() == pytest.approx([10.0, 9.7])
