"""Spec tests: a scope area whose code was succeeded is judged on the joined series, flagged.

The plan's partnership was E54000005 (West Yorkshire and Harrogate) until 31 March 2021, then
E54000054 (West Yorkshire, without Harrogate; `replaces` = E54000005 in the geography table,
MHSDS mapping tables). Hand-worked trajectory: baseline 10.0 in 2016 (mid-point 2016-07-01), target
10.0 × 0.9 = 9.0 in 2024 (mid-point 2024-07-01, 2922 days later: eight years plus the leap days
of 2020 and 2024). The 2023 mid-point (2023-07-02) is 2557 days after the baseline's (seven
years plus 2020's leap day, plus one), so the expected value is 10 − 1.0 × 2557 / 2922.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from progress_plans import indicator, plan, submissions

from wyoutcomes.geography import series_codes, successors
from wyoutcomes.progress import judged_series, progress_frame

OLD, NEW = "E54000005", "E54000054"
NOTE = "E54000005 to 2021-03-31, then E54000054 (footprint changed: without Harrogate)"


def partnership_plan():
    target = {
        "id": "rate-cut",
        "indicator": "a-rate",
        "kind": "relative_change",
        "change": -0.10,
        "deadline": "2024",
        "baseline": {"period": "2016", "value": 10.0, "source": "test"},
        "scope": {"type": "targeted_areas", "areas": [OLD]},
    }
    return plan([indicator("a-rate", "lower_is_better")], [target])


# E54000054's 2019 row is outside its validity (a backcast) and is not used; both codes cover
# 2021 (E54000005 to 31 March), and the successor's value is the one used for it.
JOINED = submissions(
    """
    indicator_id | area_code | period | value
    a-rate       | E54000005 | 2016   | 10.0
    a-rate       | E54000005 | 2017   | 9.9
    a-rate       | E54000005 | 2018   | 9.8
    a-rate       | E54000005 | 2019   | 9.7
    a-rate       | E54000005 | 2020   | 9.6
    a-rate       | E54000005 | 2021   | 50.0
    a-rate       | E54000054 | 2019   | 70.0
    a-rate       | E54000054 | 2021   | 9.5
    a-rate       | E54000054 | 2022   | 9.4
    a-rate       | E54000054 | 2023   | 9.3
    """
)


def test_succession_chain_comes_from_the_replaces_column():
    assert [a.code for a in successors(OLD)] == [NEW]
    chain = series_codes(OLD)
    assert [(a.code, str(a.valid_from)) for a in chain] == [(OLD, "None"), (NEW, "2021-04-01")]
    # a merger's successor is a larger entity, not the same one: not followed
    assert [a.code for a in series_codes("E38000001")] == ["E38000001"]


def test_a_partnership_target_is_judged_on_the_joined_series_with_the_footprint_flag():
    frame = progress_frame(partnership_plan(), JOINED, quarter="2023")
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["area_code"] == OLD
    assert row["latest_period"] == "2023"
    assert row["latest_value"] == pytest.approx(9.3)
    assert row["n_points"] == 8  # 2016–2020 under E54000005, 2021–2023 under E54000054
    assert row["expected_value"] == pytest.approx(10.0 - 2557 / 2922, abs=1e-9)
    assert row["footprint_change"] == NOTE
    assert row["summary"].endswith(f"; the series joins {NOTE}.")

    points = judged_series(partnership_plan(), JOINED, quarter="2023")
    assert points["period"].tolist() == [str(y) for y in range(2016, 2024)]
    assert points["value"].tolist() == pytest.approx([10.0, 9.9, 9.8, 9.7, 9.6, 9.5, 9.4, 9.3])


def test_a_series_entirely_under_the_original_code_is_unchanged():
    only_old = JOINED[JOINED["area_code"] == OLD]
    frame = progress_frame(partnership_plan(), only_old, quarter="2023")
    row = frame.iloc[0]
    # the 2021 value stands: no successor row claims the year
    assert (row["latest_period"], row["latest_value"], row["n_points"]) == ("2021", 50.0, 6)
    assert row["footprint_change"] is None
    assert "joins" not in row["summary"]


def test_the_flag_names_only_codes_whose_values_are_judged():
    """As at 2020 the successor's values are all later: nothing joined, nothing flagged."""
    frame = progress_frame(partnership_plan(), JOINED, quarter="2020")
    row = frame.iloc[0]
    assert (row["latest_period"], row["footprint_change"]) == ("2020", None)


def test_a_target_on_the_successor_itself_reads_only_the_successor():
    target = partnership_plan().targets[0]
    data = pd.concat([JOINED], ignore_index=True)
    one = plan(
        [indicator("a-rate", "lower_is_better")],
        [
            {
                **target.model_dump(mode="json", exclude_none=True),
                "scope": {"type": "targeted_areas", "areas": [NEW]},
            }
        ],
    )
    row = progress_frame(one, data, quarter="2023").iloc[0]
    assert row["footprint_change"] is None
    assert row["latest_value"] == pytest.approx(9.3)
    assert not math.isnan(row["expected_value"])
