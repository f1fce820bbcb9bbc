"""The second plan (issue §6) loads with the same code; its figures are the published ones
(Bradford District and Craven 'Closing the gap', May 2024; Leeds Health and Care Partnership,
September 2023)."""

from pathlib import Path

import pytest

from wyoutcomes.definitions import load_plan

PLAN = Path(__file__).resolve().parents[2] / "examples" / "plans" / "closing-the-gap"


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN)


def test_loads_with_both_places(plan):
    assert plan.id == "closing-the-gap"
    assert plan.places == ["WYHBDC", "WYHLDS"]
    assert [a.slug for a in plan.ambitions] == ["bradford-district-and-craven", "leeds"]


@pytest.mark.parametrize(
    ("target_id", "value", "deadline", "area"),
    [
        ("bdc-additional-savings-2023-24", 5, "2023/24", "WYHBDC"),  # "£5m – £6m" in 2023-24
        ("bdc-trusts-plan-10pc-saving", 10, "2024/25", "WYHBDC"),  # "saving 10% of … budgets"
        ("leeds-nhs-savings-2023-24", 23, "2023/24", "E38000225"),  # £23m for 23/24
        ("leeds-nhs-recurrent-savings-2024-25", 30, "2024/25", "E38000225"),  # £30m recurrent
        ("leeds-city-council-savings", 65, "2024/25", "E08000035"),  # council £65m
        ("leeds-nhs-fair-share-3pc", 3, "2023/24", "E38000225"),  # 3% fair share
    ],
)
def test_each_published_figure_is_a_target(plan, target_id, value, deadline, area):
    row = plan.to_frame().set_index("target_id").loc[target_id]
    assert (row["target_value"], row["deadline"], row["area_code"]) == (value, deadline, area)


def test_deficit_baseline_is_the_february_2024_forecast(plan):
    target = next(t for t in plan.targets if t.id == "bdc-underlying-deficit-down")
    assert target.baseline.period == "2024-02"
    assert 80 <= target.baseline.value <= 90  # published as £80-90m
    assert "£72m" in target.note and "£48m" in target.note
    assert "£1.7 billion" in plan.indicator("net-system-resource").source.note
