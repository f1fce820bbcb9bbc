"""Judging against the promise in force (spec tests).

A tiny two-version plan, written here. Version 1 (published 2019-11-01): Leeds (E08000035)
suicide rate −10% on the 2016 baseline of 10.0, by 2020, so 9.0. Version 2 (in force from
2021-04-01) revises it: the same −10% re-dated to 2025.

Values (per 100,000): 2016 10.0, 2017 9.8, 2018 9.6, 2019 9.5, 2020 9.4.

Hand-worked verdicts:
- 2020/21 Q4 (ends 31 March 2021) is judged against version 1: the 2020 deadline has passed and
  9.4 is above 9.0, so the promise was not met.
- 2021/22 Q1 (ends 30 June 2021) is judged against version 2: the line from 10.0 at mid-2016 to
  9.0 at mid-2025 expects 10.0 − 4/9 ≈ 9.56 at mid-2020; 9.4 is below that (lower is better), so
  on track.
"""

from __future__ import annotations

import pandas as pd
import pytest
from progress_plans import LEEDS, indicator, submissions

from wyoutcomes.definitions import Plan, PlanFamily
from wyoutcomes.errors import UsageError
from wyoutcomes.progress.promises import judge_history, plan_in_force, revised_promises

RATE = indicator("suicide-rate", "lower_is_better")
BASELINE = {"period": "2016", "value": 10.0, "source": "test"}


def version(plan_id: str, deadline: str, extra: dict, target_extra: dict) -> Plan:
    return Plan.model_validate(
        {
            "id": plan_id,
            "title": "Test plan",
            "publisher": "wyoutcomes tests",
            "published": "2019-11-01",
            "source_document": {"title": "none"},
            "version": plan_id[-1],
            "area": "E54000054",
            "places": [LEEDS],
            **extra,
            "ambitions": [
                {
                    "number": 1,
                    "slug": "fewer-suicides",
                    "title": "Fewer suicides",
                    "statement": "A test ambition.",
                    "cites": {"page": 1},
                    "indicators": [RATE],
                    "targets": [
                        {
                            "indicator": "suicide-rate",
                            "kind": "relative_change",
                            "baseline": BASELINE,
                            "change": -0.10,
                            "deadline": deadline,
                            "scope": {"type": "places", "areas": [LEEDS]},
                            **target_extra,
                        }
                    ],
                }
            ],
        }
    )


def family(later_change: float = -0.10) -> PlanFamily:
    v1 = version("test-v1", "2020", {}, {"id": "suicide-2020"})
    v2 = version(
        "test-v2",
        "2025",
        {"supersedes": "test-v1", "effective_from": "2021-04-01"},
        {
            "id": "suicide-2025",
            "change": later_change,
            "revises": {"target": "suicide-2020", "reason": "re-dated to 2025"},
        },
    )
    return PlanFamily((v1, v2))


VALUES = submissions(
    """
    indicator_id | area_code | period | value | sex
    suicide-rate | E08000035 | 2016   | 10.0  | Persons
    suicide-rate | E08000035 | 2017   | 9.8   | Persons
    suicide-rate | E08000035 | 2018   | 9.6   | Persons
    suicide-rate | E08000035 | 2019   | 9.5   | Persons
    suicide-rate | E08000035 | 2020   | 9.4   | Persons
    """
)


def test_a_quarter_before_and_after_effective_from_is_judged_by_the_right_version():
    history = judge_history(family(), VALUES, ["2020/21 Q4", "2021/22 Q1"])
    before, after = history.iloc[0], history.iloc[1]
    assert (before["plan_id"], before["target_id"], before["target_value"]) == (
        "test-v1",
        "suicide-2020",
        pytest.approx(9.0),
    )
    assert before["status"] == "not_met"
    assert (after["plan_id"], after["target_id"]) == ("test-v2", "suicide-2025")
    assert after["expected_value"] == pytest.approx(10.0 - 4 / 9, abs=0.01)
    assert after["status"] == "on_track"
    assert plan_in_force(family(), "2020/21 Q4").id == "test-v1"


def test_editing_a_later_version_never_changes_an_earlier_quarters_verdict():
    quarters = ["2020/21 Q3", "2020/21 Q4", "2021/22 Q1"]
    original = judge_history(family(), VALUES, quarters)
    edited = judge_history(family(later_change=-0.30), VALUES, quarters)
    earlier = original["plan_id"] == "test-v1"
    assert earlier.sum() == 2
    pd.testing.assert_frame_equal(original[earlier], edited[earlier])
    # the quarter under the edited version did change: −30% by 2025 expects 9.0 − … lower
    assert edited.loc[~earlier, "target_value"].iloc[0] == pytest.approx(7.0)
    assert original.loc[~earlier, "target_value"].iloc[0] == pytest.approx(9.0)


def test_the_whole_history_can_be_judged_against_one_version_on_request():
    history = judge_history(family(), VALUES, ["2020/21 Q4", "2021/22 Q1"], version="test-v2")
    assert set(history["plan_id"]) == {"test-v2"}
    assert history.iloc[0]["status"] == "on_track"  # 2020/21 Q4 under the 2025 promise


def test_revised_promises_show_both_promises_and_both_verdicts():
    (row,) = revised_promises(family(), VALUES, "2021/22 Q1").to_dict(orient="records")
    assert row["earlier_promise"] == "-10% by 2020 (test-v1 v1)"
    assert row["later_promise"] == "-10% by 2025 (test-v2 v2)"
    assert (row["earlier_status"], row["later_status"]) == ("not_met", "on_track")
    assert (row["area_code"], row["in_force"], row["reason"]) == (
        LEEDS,
        "test-v2",
        "re-dated to 2025",
    )


def test_judge_history_needs_a_quarter():
    with pytest.raises(UsageError):
        judge_history(family(), VALUES, [])


def test_a_revision_not_yet_in_force_is_not_shown():
    assert revised_promises(family(), VALUES, "2020/21 Q4").empty
