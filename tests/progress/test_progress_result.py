"""`judge` returns one typed result: the frame plus, per row, what the row was judged on.

Figures are worked by hand in each docstring; the plans and tables are progress_plans' own.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pandas as pd
import pytest
from progress_plans import BRADFORD, LEEDS, indicator, plan, submissions

import wyoutcomes
from wyoutcomes.progress import (
    SERIES_COLUMNS,
    JudgedRow,
    ProgressResult,
    judge,
    judged_series,
    progress_frame,
)

SUICIDES = submissions(
    """
    indicator_id | area_code | period | value | lower_ci | upper_ci
    suicide-rate | E08000035 | 2016   | 10.0  | 9.0      | 11.0
    suicide-rate | E08000035 | 2017   | 9.8   | 8.8      | 10.8
    suicide-rate | E08000035 | 2018   | 9.5   | 8.6      | 10.4
    suicide-rate | E08000035 | 2019   | 9.4   | 8.5      | 10.3
    suicide-rate | E08000032 | 2016   | 10.0  | 9.0      | 11.0
    suicide-rate | E08000032 | 2018   | 9.7   | 8.7      | 10.7
    """
)


def suicide_plan(**target):
    base = {
        "id": "suicide-cut",
        "indicator": "suicide-rate",
        "kind": "relative_change",
        "change": -0.10,
        "deadline": "2020",
        "baseline": {"period": "2016", "value": 10.0, "source": "test"},
        "scope": {"type": "targeted_areas", "areas": [LEEDS, BRADFORD]},
    }
    base.update(target)
    return plan([indicator("suicide-rate", "lower_is_better")], [base])


def test_the_result_is_typed_frozen_and_exported():
    result = judge(suicide_plan(), SUICIDES, "2018/19 Q4")
    assert isinstance(result, ProgressResult)
    assert wyoutcomes.judge is judge and wyoutcomes.ProgressResult is ProgressResult
    assert [r.key for r in result.rows] == list(
        zip(result.frame["target_id"], result.frame["area_code"], strict=True)
    )
    leeds = result.row("suicide-cut", LEEDS)
    assert isinstance(leeds, JudgedRow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        leeds.series = ()  # type: ignore[misc]
    with pytest.raises(KeyError, match="no progress row"):
        result.row("suicide-cut", "E08000036")


def test_the_series_is_what_was_judged_up_to_the_quarter():
    """As at 2018/19 Q4 (ends 31 March 2019) Leeds's 2019 value is not yet in: the judged
    points are 2016, 2017, 2018, and the frame's latest value is the last of them (9.5)."""
    result = judge(suicide_plan(), SUICIDES, "2018/19 Q4")
    leeds = result.row("suicide-cut", LEEDS)
    assert [o.period for o in leeds.series] == ["2016", "2017", "2018"]
    assert [o.value for o in leeds.series] == [10.0, 9.8, 9.5]
    frame_row = result.frame.set_index("area_code").loc[LEEDS]
    assert frame_row["latest_value"] == leeds.series[-1].value
    assert frame_row["n_points"] == len(leeds.series)


def test_the_trajectory_applies_the_milestone_rule():
    """Baseline 10.0 (2016, mid 1 July: a leap year), target 9.0 (2020, mid 1 July), milestones
    9.8 for 2018 and 9.9 for 2015. The 2015 milestone is at or before the baseline, so it
    cannot bend the path: the knots are 10.0, 9.8 (2 July 2018), 9.0. The frame's expected
    value at Leeds's latest point (2018, mid 2 July 2018) is that middle knot, 9.8."""
    milestones = [{"period": "2018", "value": 9.8}, {"period": "2015", "value": 9.9}]
    result = judge(
        suicide_plan(trajectory="milestones", milestones=milestones), SUICIDES, "2018/19 Q4"
    )
    leeds = result.row("suicide-cut", LEEDS)
    assert leeds.knots == (
        (date(2016, 7, 1), 10.0),
        (date(2018, 7, 2), 9.8),
        (date(2020, 7, 1), 9.0),
    )
    expected = result.frame.set_index("area_code").loc[LEEDS, "expected_value"]
    assert expected == pytest.approx(9.8)
    assert leeds.trajectory is not None and leeds.trajectory.expected(date(2018, 7, 2)) == expected


def quarterly(values: list[float]) -> pd.DataFrame:
    labels = [
        f"{2019 + i // 4}/{(2020 + i // 4) % 100:02d} Q{i % 4 + 1}" for i in range(len(values))
    ]
    return pd.DataFrame(
        {"indicator_id": "e-coli-rate", "area_code": LEEDS, "period": labels, "value": values}
    )


def test_the_spc_result_is_the_one_behind_the_icons():
    """Thirteen quarters, 2019/20 Q1 to 2022/23 Q1, twelve of 5–7 and a jump to 15 (the
    NHSRplotthedots example shape): lower is better, so the last point is concerning high. The
    XmR points are dated by their quarter's end (30 June 2019 … 30 June 2022)."""
    quarterly_plan = plan(
        [indicator("e-coli-rate", "lower_is_better", "financial_quarter")],
        [
            {
                "id": "e-coli-under-3",
                "indicator": "e-coli-rate",
                "kind": "absolute_value",
                "value": 3.0,
                "deadline": "2024/25",
                "baseline": {"period": "2019/20 Q1"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )
    data = quarterly([5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15])
    result = judge(quarterly_plan, data, "2022/23 Q1")
    leeds = result.row("e-coli-under-3", LEEDS)
    assert leeds.spc is not None
    assert leeds.spc.variation_icon == result.frame["variation_icon"].iloc[0]
    assert leeds.spc.variation_icon == "special_cause_concerning_high"
    assert leeds.spc.assurance_icon == result.frame["assurance_icon"].iloc[0]
    days = [d.date() for d in pd.to_datetime(leeds.spc.points["date"])]
    assert days[0] == date(2019, 6, 30) and days[-1] == date(2022, 6, 30)
    assert len(leeds.spc_series) == 13
    # one point short of 13: no SPC at all
    short = judge(quarterly_plan, data.iloc[1:], "2022/23 Q1").row("e-coli-under-3", LEEDS)
    assert short.spc is None and short.spc_series == ()


def test_progress_frame_and_judged_series_are_views_of_the_result():
    result = judge(suicide_plan(), SUICIDES, "2018/19 Q4")
    pd.testing.assert_frame_equal(
        progress_frame(suicide_plan(), SUICIDES, "2018/19 Q4"), result.frame
    )
    series = judged_series(suicide_plan(), SUICIDES, "2018/19 Q4")
    assert tuple(series.columns) == SERIES_COLUMNS
    pd.testing.assert_frame_equal(series, result.series_frame())
    leeds = series[series["area_code"] == LEEDS]
    assert leeds["value"].tolist() == [10.0, 9.8, 9.5]


def test_old_names_warn_and_still_work():
    new = progress_frame(suicide_plan(), SUICIDES, "2018/19 Q4", as_of="2019-06-01")
    with pytest.warns(DeprecationWarning) as caught:
        old = progress_frame(
            suicide_plan(), data=SUICIDES, as_at="2018/19 Q4", submitted_by="2019-06-01"
        )
    words = " ".join(str(w.message) for w in caught)
    assert all(f"{name}=" in words for name in ("data", "as_at", "submitted_by"))
    pd.testing.assert_frame_equal(old, new)
    with pytest.warns(DeprecationWarning, match="quarter"):
        default = progress_frame(suicide_plan(), SUICIDES)
    assert set(default["as_at"]) == {"2024/25 Q2"}
    with pytest.raises(TypeError, match="quarter"):
        judge(suicide_plan(), SUICIDES)  # judge has no default quarter
    with pytest.raises(TypeError, match="both"), pytest.warns(DeprecationWarning):
        judge(suicide_plan(), SUICIDES, "2018/19 Q4", as_at="2018/19 Q4")


def test_a_running_total_with_a_missing_year_is_marked_incomplete():
    """Counts 2018/19 (baseline, 500), 2020/21 (650) with 2019/20 missing: the running total
    of extra people cannot be summed, so the row is not complete and has no judged points."""
    cancer = plan(
        [indicator("early-diagnoses", "higher_is_better", "financial_year", measure_type="count")],
        [
            {
                "id": "more-early",
                "indicator": "early-diagnoses",
                "kind": "count_increase",
                "change": 1000,
                "deadline": "2023/24",
                "baseline": {"period": "2018/19"},
                "scope": {"type": "targeted_areas", "areas": ["E54000054"]},
            }
        ],
    )
    data = pd.DataFrame(
        {
            "indicator_id": "early-diagnoses",
            "area_code": "E54000054",
            "period": ["2018/19", "2020/21"],
            "value": [500.0, 650.0],
            "numerator": [500.0, 650.0],
        }
    )
    result = judge(cancer, data, "2021/22 Q1")
    (row,) = result.rows
    assert not row.complete
    assert result.series_frame().empty
    assert math.isnan(result.frame["latest_value"].iloc[0])
