"""The bundled West Yorkshire and Harrogate 2019 plan declares every target the issue lists.

Expected figures come from the plan summary (page 12: the ten ambitions; the detailed sections)
and the partnership's published figures, not from the YAML: a test fails if a target is
dropped or changed.
"""

from datetime import date

import pytest

from wyoutcomes import geography
from wyoutcomes.definitions import Plan, load_plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="module")
def frame(plan):
    return plan.to_frame()


def test_ten_ambitions_in_order_each_citing_page_12(plan):
    assert [a.number for a in plan.ambitions] == list(range(1, 11))
    assert all(a.cites.page == 12 for a in plan.ambitions)
    assert all(a.targets for a in plan.ambitions)


def test_the_six_places_are_the_geography_tables_places(plan):
    assert sorted(plan.places) == sorted(a.code for a in geography.places())
    assert len(plan.places) == 6


# (ambition, indicator, kind, change or value, deadline, sex) — one row per target of issue §5
ISSUE_TARGETS = [
    (1, "life-expectancy-gap-deprivation", "gap_reduction", -0.05, "2024", "Male"),
    (1, "life-expectancy-gap-deprivation", "gap_reduction", -0.05, "2024", "Female"),
    (1, "healthy-life-expectancy-gap-most-deprived", "gap_reduction", -0.05, "2023/24", "Persons"),
    (1, "healthy-life-expectancy-gap-england", "direction_only", None, "2024", "Male"),
    (1, "healthy-life-expectancy-gap-england", "direction_only", None, "2024", "Female"),
    (2, "smi-excess-under-75-mortality", "relative_change", -0.10, "2024", "Persons"),
    (2, "learning-disability-life-expectancy-gap", "gap_reduction", -0.10, "2024", "Persons"),
    (3, "children-absolute-low-income", "direction_only", None, "2024", "Persons"),
    (3, "reception-obesity", "halt_trend", None, "2023/24", "Persons"),
    (3, "year6-obesity", "halt_trend", None, "2023/24", "Persons"),
    (4, "people-diagnosed-early", "count_increase", 1000, "2023/24", "Persons"),
    (4, "people-diagnosed-early", "count_increase", 6000, "2028", "Persons"),
    (5, "suicide-rate", "relative_change", -0.10, "2020/21", "Persons"),
    (5, "suicide-rate", "relative_change", -0.75, "2022", "Persons"),
    (6, "e-coli-bacteraemia-rate", "relative_change", -0.10, "2024", "Persons"),
    (6, "antibiotic-items-per-star-pu", "relative_change", -0.15, "2023/24", "Persons"),
    (7, "stillbirth-rate", "relative_change", -0.50, "2025", "Persons"),
    (7, "neonatal-mortality-rate", "relative_change", -0.50, "2025", "Persons"),
    (7, "brain-injury-rate", "relative_change", -0.50, "2025", "Persons"),
    (7, "maternal-mortality-rate", "direction_only", None, "2025", "Persons"),
    (8, "wres-2-shortlisting-ratio", "band", None, "2024", "Persons"),
    (8, "wres-3-disciplinary-ratio", "band", None, "2024", "Persons"),
    (8, "wres-4-training-ratio", "band", None, "2024", "Persons"),
    (8, "wres-6-harassment-by-staff", "direction_only", None, "2024", "Persons"),
    (9, "nhs-carbon-footprint", "direction_only", None, "2024", "Persons"),
    (9, "nhs-carbon-footprint", "relative_change", -0.80, "2032", "Persons"),
    (10, "average-weekly-earnings", "direction_only", None, "2024", "Persons"),
    (10, "employment-rate", "direction_only", None, "2024", "Persons"),
    (10, "employment-gap-long-term-condition", "direction_only", None, "2024", "Persons"),
]


@pytest.mark.parametrize(
    ("ambition", "indicator", "kind", "amount", "deadline", "sex"), ISSUE_TARGETS
)
def test_to_frame_lists_every_target_of_the_issue(
    frame, ambition, indicator, kind, amount, deadline, sex
):
    rows = frame[
        (frame["ambition"] == ambition)
        & (frame["indicator_id"] == indicator)
        & (frame["target_kind"] == kind)
        & (frame["deadline"] == deadline)
        & (frame["sex"] == sex)
    ]
    if amount is not None:
        rows = rows[rows["change"].round(6) == amount]
    assert len(rows) >= 1, (ambition, indicator, kind, amount, deadline)


def test_frame_has_one_row_per_target_and_area(plan, frame):
    assert frame["target_id"].nunique() == len(plan.targets)
    places_rows = frame[frame["target_id"] == "a10-earnings"]
    assert sorted(places_rows["area_code"]) == sorted(plan.places)
    assert list(frame.columns[:4]) == ["ambition", "ambition_title", "target_id", "target_kind"]


def test_suicide_baseline_is_the_published_figure(plan, frame):
    target = next(t for t in plan.targets if t.id == "a5-suicide-10pc")
    assert target.baseline.period == "2016 - 18"
    assert target.baseline.value == 10.6  # WY&H 2016-18, the partnership's suicide prevention page
    assert "wyhpartnership.co.uk" in target.baseline.source
    row = frame[frame["target_id"] == "a5-suicide-10pc"].iloc[0]
    assert row["target_value"] == pytest.approx(9.54)  # 10.6 × (1 − 0.10), by hand


def test_ambition_one_is_stated_two_ways_that_agree(plan):
    men, women = [
        t for t in plan.ambition(1).targets if t.indicator == "life-expectancy-gap-deprivation"
    ]
    assert (men.sex, men.stated_as[0].amount, men.stated_as[0].unit) == ("Male", 6, "months")
    assert (women.sex, women.stated_as[0].amount) == ("Female", 5)
    assert men.stated_as[0].baseline_value == 10.0
    assert women.stated_as[0].baseline_value == 8.3


def test_early_diagnosis_2028_passes_through_the_2023_24_milestone(plan):
    target = next(t for t in plan.targets if t.id == "a4-early-diagnosis-2028")
    assert target.trajectory == "milestones"
    assert [(m.period, m.value) for m in target.milestones] == [("2023/24", 1000)]
    assert target.milestones[0].period_obj.end == date(2024, 3, 31)


def test_wres_ratio_bands_are_four_fifths_to_five_fourths(plan):
    for indicator_id in ("wres-2-shortlisting-ratio", "wres-3-disciplinary-ratio"):
        band = plan.indicator(indicator_id).band
        assert (band.lo, band.hi) == (0.8, 1.25)


def test_periods_are_parsed_with_the_indicators_period_type(plan):
    suicide = next(t for t in plan.targets if t.id == "a5-suicide-10pc")
    assert suicide.baseline.period_obj.start == date(2016, 1, 1)
    assert suicide.baseline.period_obj.end == date(2018, 12, 31)
    assert suicide.deadline_period.end == date(2021, 3, 31)
    obesity = next(t for t in plan.targets if t.id == "a3-year6-obesity-halt")
    assert obesity.deadline_period.end == date(2024, 8, 31)  # academic year, not financial


def test_fingertips_ids_are_flagged_as_their_sources_mark_them(plan):
    verified = {i.source.fingertips_id for i in plan.indicators if i.source.verified}
    unverified = {
        i.source.fingertips_id
        for i in plan.indicators
        if i.source.fingertips_id and not i.source.verified
    }
    assert {90362, 92901, 93701, 90323, 41001, 93867, 93351, 92313} <= verified  # V
    assert {90319, 92169, 91900} <= unverified  # S: single third-party source
    assert all(plan.indicator(i).source.note for i in ("reception-obesity", "suicide-rate"))


def test_lookups(plan):
    assert plan.ambition(5).title == "Reduce suicide"
    assert plan.indicator("suicide-rate").multiplier == 100000
    assert [i.id for i in plan.indicators][:1] == ["healthy-life-expectancy"]
    with pytest.raises(KeyError, match="no ambition 11"):
        plan.ambition(11)
    with pytest.raises(KeyError, match="no indicator 'suicide'"):
        plan.indicator("suicide")


def test_models_are_frozen(plan):
    with pytest.raises(ValueError, match="frozen"):
        plan.ambitions[0].title = "changed"


def test_count_increase_target_value_is_the_extra_people_not_baseline_plus_extra(frame):
    # ambition 4: "an extra 1000 people … rising to an extra 6,000 by 2028" (plan summary,
    # cancer section) is a running total of extra people since 2018/19, as progress judges it
    rows = frame[frame["target_kind"] == "count_increase"].sort_values("deadline")
    assert rows["target_value"].tolist() == [1000, 6000]
