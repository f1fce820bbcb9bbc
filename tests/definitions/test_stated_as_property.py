"""Property: a target stated two ways loads exactly when the restatement rounds correctly.

For any gap baseline and percentage cut, the months implied are |change| × baseline × 12; a
`stated_as` amount equal to that figure rounded to the nearest month must load, and one a month
further off must fail with `stated-as-disagrees`.
"""

import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from test_malformed_plans import AMBITION_1, PLAN  # the same small valid plan

from wyoutcomes.definitions import Plan
from wyoutcomes.definitions.consistency import check_plan


def _plan(change: float, baseline: float, amount: float) -> Plan:
    ambition = copy.deepcopy(AMBITION_1)
    target = ambition["targets"][0]
    target["change"] = change
    target["stated_as"] = [{"amount": amount, "unit": "months", "baseline_value": baseline}]
    return Plan.model_validate({**PLAN, "ambitions": [ambition]})


def _codes(plan: Plan) -> set[str]:
    return {code for _, code, _ in check_plan(plan)}


@settings(max_examples=60, deadline=None)
@given(
    change=st.floats(min_value=-0.5, max_value=-0.01),
    baseline=st.floats(min_value=1.0, max_value=20.0),
)
def test_rounded_restatement_agrees_and_one_month_off_does_not(change, baseline):
    implied = abs(change) * baseline * 12
    rounded = float(round(implied))
    if abs(abs(implied - rounded) - 0.5) < 1e-6:
        return  # exactly half way: either rounding is fair
    assert "stated-as-disagrees" not in _codes(_plan(change, baseline, rounded))
    assert "stated-as-disagrees" in _codes(_plan(change, baseline, rounded + 1))
