"""A Plan reads its own periods, however it was built (not only through load_plan).

The academic year 2018/19 runs 1 September 2018 to 31 August 2019 (DfE academic year); the
financial year 2023/24 ends 31 March 2024; a deadline "2028" for a financial-year indicator
is not a financial year, so it is read as the calendar year 2028 (ends 31 December 2028).
"""

from __future__ import annotations

from datetime import date

from wyoutcomes import load_plan
from wyoutcomes.definitions import Plan
from wyoutcomes.definitions.consistency import check_plan
from wyoutcomes.definitions.vocabulary import MeasureType, Polarity
from wyoutcomes.periods import PeriodType


def _built_directly() -> Plan:
    """The bundled plan rebuilt from plain data, never passing through load_plan."""
    return Plan.model_validate(load_plan().model_dump())


def test_a_plan_built_directly_has_its_periods():
    plan = _built_directly()
    obesity = next(t for t in plan.targets if t.id == "a3-reception-obesity-halt")
    assert obesity.baseline.period_obj.start == date(2018, 9, 1)
    assert obesity.baseline.period_obj.end == date(2019, 8, 31)
    early = next(t for t in plan.targets if t.id == "a4-early-diagnosis-2028")
    assert early.deadline_period.end == date(2028, 12, 31)
    assert [m.period_obj.end for m in early.milestones] == [date(2024, 3, 31)]
    assert all(t.deadline_period is not None for t in plan.targets)


def test_check_plan_only_returns_findings():
    plan = _built_directly()
    before = [(t.deadline_period, t.baseline.period_obj) for t in plan.targets]
    assert check_plan(plan) == []
    assert [(t.deadline_period, t.baseline.period_obj) for t in plan.targets] == before


def test_vocabularies_print_their_values():
    assert str(MeasureType.DSR) == "dsr"
    assert f"{Polarity.LOWER_IS_BETTER}" == "lower_is_better"
    assert str(PeriodType.FINANCIAL_QUARTER) == "financial_quarter"
