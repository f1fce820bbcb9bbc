"""Spec tests: a succeeded code's values carry the successor's name, and a target may rebase
on the new footprint instead of judging the joined series.

E54000005 (West Yorkshire and Harrogate Health and Care Partnership, the STP) ended on 31 March
2021; E54000054 (NHS West Yorkshire ICB, without Harrogate) replaced it (the geography table's
`replaces` column; https://www.westyorkshire.icb.nhs.uk/about-west-yorkshire-integrated-care-board).
Values, per 100,000: E54000005 2016-2020 10.0, 9.9, 9.8, 9.7, 9.6; E54000054 2021-2023 9.5,
9.4, 9.3. The target: −10% on the 2016 value by 2024, scoped on E54000005.

- join_with_note (the default): 2023 is judged on all eight values; the row is named after
  E54000054, whose values end the series, and the note says the footprint changed.
- rebase: only E54000054's three values are read; the 2016 baseline is then not in the series
  (the new footprint has no 2016 value), so the target cannot be judged against it.
"""

from __future__ import annotations

from progress_plans import indicator, plan, submissions

from wyoutcomes.progress import progress_frame

OLD, NEW = "E54000005", "E54000054"
VALUES = submissions(
    """
    indicator_id | area_code | period | value
    a-rate       | E54000005 | 2016   | 10.0
    a-rate       | E54000005 | 2017   | 9.9
    a-rate       | E54000005 | 2018   | 9.8
    a-rate       | E54000005 | 2019   | 9.7
    a-rate       | E54000005 | 2020   | 9.6
    a-rate       | E54000054 | 2021   | 9.5
    a-rate       | E54000054 | 2022   | 9.4
    a-rate       | E54000054 | 2023   | 9.3
    """
)


def partnership_plan(**extra):
    target = {
        "id": "rate-cut",
        "indicator": "a-rate",
        "kind": "relative_change",
        "change": -0.10,
        "deadline": "2024",
        "baseline": {"period": "2016"},
        "scope": {"type": "targeted_areas", "areas": [OLD]},
        **extra,
    }
    return plan([indicator("a-rate", "lower_is_better", area_types=["stp_icb"])], [target])


def test_the_joined_series_carries_the_successors_name():
    (row,) = progress_frame(partnership_plan(), VALUES, quarter="2024/25 Q1").to_dict("records")
    assert row["area_code"] == OLD  # the code the plan names
    assert row["area_name"] == "NHS West Yorkshire ICB"  # the code whose values end the series
    assert row["n_points"] == 8 and row["baseline_value"] == 10.0
    assert "then E54000054 (footprint changed: without Harrogate)" in row["footprint_change"]


def test_before_the_change_the_partnership_keeps_its_own_name():
    (row,) = progress_frame(partnership_plan(), VALUES, quarter="2020/21 Q4").to_dict("records")
    assert row["area_name"] == "West Yorkshire and Harrogate Health and Care Partnership (STP)"
    assert row["footprint_change"] is None


def test_a_rebased_target_reads_only_the_new_footprint():
    rebased = partnership_plan(footprint_change="rebase")
    (row,) = progress_frame(rebased, VALUES, quarter="2024/25 Q1").to_dict("records")
    assert row["area_name"] == "NHS West Yorkshire ICB"
    assert row["n_points"] == 3  # 2021-2023, E54000054's own values
    assert row["latest_value"] == 9.3
    assert row["footprint_change"] == (
        "rebased on E54000054: values of E54000005 (another footprint) are not joined"
    )
    assert row["status"] == "insufficient_data"  # no 2016 value on the new footprint
