"""Every target of the bundled plan gets a status from data shaped like its indicator's.

The values are generated here, deterministically: for each target and area, a series of the
indicator's period type starting at the target's baseline period (or 2015), moving steadily in
the better direction, with 95% CIs, counts for count targets, the two groups' category rows for
gap targets and the target's own sex. The point is coverage of the real plan's shapes (period
types, pooled years, rolling months, groups, milestones, places), not the figures.
"""

from __future__ import annotations

import pandas as pd
import pytest

from wyoutcomes.definitions import load_plan
from wyoutcomes.periods import Period
from wyoutcomes.progress import progress_frame
from wyoutcomes.progress.status import Status

AS_AT = "2024/25 Q2"


def _periods(target, indicator, count: int) -> list[Period]:
    start = (
        target.baseline.period
        or {
            "calendar_year": "2015",
            "calendar_years_pooled": "2013 - 15",
            "financial_year": "2015/16",
            "academic_year": "2015/16",
            "financial_years_pooled": "2013/14 - 15/16",
            "financial_quarter": "2019/20 Q1",
            "month": "2019-04",
            "rolling_12_months": "12 months to 2019-03",
        }[indicator.period_type.value]
    )
    period = Period.parse(start, indicator.period_type)
    periods = []
    for _ in range(count):
        periods.append(period)
        period = period.next()
    return periods


def generated_values(plan) -> pd.DataFrame:
    rows = []
    for target in plan.targets:
        indicator = plan.indicator(target.indicator)
        better = {"higher_is_better": 1, "lower_is_better": -1}.get(indicator.polarity.value, 0)
        count = 30 if indicator.period_type.value in ("month", "rolling_12_months") else 10
        for area in plan.scope_areas(target):
            if area is None:
                continue
            for i, period in enumerate(_periods(target, indicator, count)):
                if target.groups is not None:
                    # the gap narrows by 0.2 a period from 10
                    cells = [
                        (target.groups.reference, 80.0),
                        (target.groups.comparison, 70.0 + 0.2 * i),
                    ]
                    category_type = target.groups.category_type
                elif indicator.band is not None:
                    mid = (indicator.band.lo + indicator.band.hi) / 2
                    cells, category_type = [("", mid)], ""
                else:
                    base = target.baseline.value or 500.0
                    cells, category_type = [("", base * (1 + 0.03 * better * i))], ""
                for category, value in cells:
                    rows.append(
                        {
                            "indicator_id": indicator.id,
                            "area_code": area,
                            "period": period.label,
                            "sex": target.sex.value,
                            "age": "All ages",
                            "category_type": category_type,
                            "category": category,
                            "value": round(value, 3),
                            "lower_ci": round(value * 0.98, 3),
                            "upper_ci": round(value * 1.02, 3),
                            "numerator": round(value)
                            if target.kind.value == "count_increase"
                            else None,
                        }
                    )
    return pd.DataFrame(rows).drop_duplicates(
        ["indicator_id", "area_code", "period", "sex", "age", "category_type", "category"]
    )


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    plan = load_plan()
    return progress_frame(plan, generated_values(plan), quarter=AS_AT)


def test_one_row_per_target_and_area(frame):
    plan = load_plan()
    expected = [(t.id, a) for t in plan.targets for a in plan.scope_areas(t)]
    assert list(zip(frame["target_id"], frame["area_code"], strict=True)) == expected


def test_every_target_with_an_area_gets_a_status_from_data(frame):
    judged = frame[frame["area_code"].notna()]
    unjudged = judged[judged["status"].isin(["no_data"])]
    assert unjudged.empty, unjudged[["target_id", "summary"]].to_string()
    assert set(frame["status"]) <= {s.value for s in Status}


def test_every_kind_is_present_and_judged(frame):
    kinds = set(frame.loc[frame["status"] != "insufficient_data", "target_kind"])
    assert kinds == {
        "relative_change",
        "absolute_value",
        "gap_reduction",
        "count_increase",
        "halt_trend",
        "band",
        "direction_only",
    } - ({"absolute_value"} - set(frame["target_kind"]))


def test_every_row_has_a_sentence(frame):
    assert frame["summary"].str.len().gt(20).all()
    assert frame["summary"].str.endswith(".").all()
