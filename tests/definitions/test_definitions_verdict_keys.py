"""The plan keys the judgement method reads: series breaks, step changes, publication lags and
count_increase semantics (docs/definitions.md)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from wyoutcomes.definitions import CountBasis, Indicator, Target, load_plan

INDICATOR = {
    "id": "suicide-rate",
    "name": "Suicide rate",
    "definition": "Deaths from suicide per 100,000.",
    "unit": "per 100,000",
    "measure_type": "dsr",
    "polarity": "lower_is_better",
    "period_type": "calendar_years_pooled",
    "area_types": ["local_authority"],
    "source": {"publisher": "ONS"},
    "ci_method": "byars",
    "plausible_range": {"min": 0, "max": 100},
    "decimals": 1,
}


def test_a_series_break_may_be_a_label_of_another_period_type():
    """A calendar year "2020" on a pooled indicator: not a pooled label, but a period."""
    indicator = Indicator.model_validate(
        {**INDICATOR, "excluded_periods": [{"period": 2020, "reason": "inquest delays"}]}
    )
    assert indicator.excluded_periods[0].period == "2020"


@pytest.mark.parametrize("key", ["excluded_periods", "step_changes"])
def test_a_break_that_is_no_period_is_refused(key):
    with pytest.raises(ValidationError, match=r"\[bad-period\]"):
        Indicator.model_validate({**INDICATOR, key: [{"period": "20x0", "reason": "typo"}]})


def test_a_break_needs_its_reason():
    with pytest.raises(ValidationError):
        Indicator.model_validate({**INDICATOR, "excluded_periods": [{"period": "2020"}]})


def test_count_basis_only_on_count_increase():
    base = {"id": "t", "indicator": "i", "deadline": "2024", "change": -0.1}
    with pytest.raises(ValidationError, match=r"\[count-basis-not-a-count\]"):
        Target.model_validate({**base, "kind": "relative_change", "count_basis": "per_year"})
    counted = Target.model_validate(
        {**base, "kind": "count_increase", "change": 1000, "count_basis": "per_year"}
    )
    assert counted.count_basis is CountBasis.PER_YEAR


def test_the_bundled_plan_declares_what_the_method_needs():
    plan = load_plan()
    assert all(t.baseline.period for t in plan.targets)  # every baseline is anchored
    a4 = [t for t in plan.targets if t.kind.value == "count_increase"]
    assert a4 and all(t.count_basis is CountBasis.PER_YEAR for t in a4)
    breaks = {i.id: [e.period for e in i.excluded_periods] for i in plan.indicators}
    assert breaks["reception-obesity"] == breaks["year6-obesity"] == ["2019/20", "2020/21"]
    assert breaks["suicide-rate"] == ["2020"]
    assert "24 weeks" in plan.indicator("neonatal-mortality-rate").definition
