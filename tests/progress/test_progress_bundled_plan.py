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
        "band",
        "direction_only",
    } - ({"absolute_value"} - set(frame["target_kind"]))


def test_the_obesity_halt_trends_wait_for_five_comparable_years(frame):
    """Baseline 2018/19; the NCMP's 2019/20 and 2020/21 are declared series breaks, so even a
    full series to 2023/24 has four comparable school years, one short of the five a trend
    needs (here the generated values stop sooner still: they are all under E54000005, whose
    code ended in March 2021). The halt_trend targets say so rather than guess."""
    halts = frame[frame["target_kind"] == "halt_trend"]
    assert len(halts) and (halts["status"] == "insufficient_data").all()
    assert halts["trend_note"].str.endswith("a trend needs 5").all()
    assert halts["excluded_periods"].str.startswith("2019/20: NCMP").all()
    assert halts["summary"].str.contains("a trend needs 5").all()


def test_every_row_has_a_sentence(frame):
    assert frame["summary"].str.len().gt(20).all()
    assert frame["summary"].str.endswith(".").all()


VERDICT_COLUMNS = [
    "status",
    "status_basis",
    "qualifier",
    "baseline_period",
    "baseline_value",
    "latest_period",
    "latest_value",
    "expected_value",
    "change_from_baseline",
    "trend_slope",
    "probability_met",
    "probability_band",
    "compared_with_england",
    "summary",
]


@pytest.mark.parametrize("seed", [1, 2])
def test_older_history_never_changes_a_verdict_of_the_bundled_plan(frame, seed):
    """Every series of the bundled plan gets up to six older periods of any value (before the
    earliest value loaded, so before every target's baseline period): not one verdict moves."""
    import numpy as np

    plan = load_plan()
    values = generated_values(plan)
    rng = np.random.default_rng(seed)
    older = []
    types = {i.id: i.period_type for i in plan.indicators}
    key = ["indicator_id", "area_code", "sex", "category_type", "category"]
    for _, rows in values.groupby(key, sort=True, dropna=False):
        first = min(Period.parse(p, types[rows["indicator_id"].iloc[0]]) for p in rows["period"])
        template = rows.iloc[0]
        period = first
        for _ in range(int(rng.integers(1, 7))):
            period = period.previous()
            value = float(rng.uniform(1, 1000))
            older.append(
                {
                    **template.to_dict(),
                    "period": period.label,
                    "value": value,
                    "lower_ci": value * 0.9,
                    "upper_ci": value * 1.1,
                    "numerator": round(value) if pd.notna(template["numerator"]) else None,
                }
            )
    longer = pd.concat([values, pd.DataFrame(older)], ignore_index=True)
    again = progress_frame(plan, longer, quarter=AS_AT)
    pd.testing.assert_frame_equal(again[VERDICT_COLUMNS], frame[VERDICT_COLUMNS])
