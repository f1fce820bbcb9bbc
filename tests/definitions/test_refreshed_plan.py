"""The bundled refreshed plan (wy-2023) and its lineage from the 2019 plan.

Expected figures are the public ones, not read from the YAML:
- Joint Forward Plan 2024, measurement, Ambition 1
  (wypartnership.co.uk/publications/joint-forward-plan-2024/measurement): life-expectancy gap
  between the most and least deprived quintiles down 10% by 2028; adult smoking 10% by 2025 and
  5% by 2030; routine and manual workers 16% by 2025 and 11.7% by 2028.
- the strategy survey page (wypartnership.co.uk/your-views/survey): the renumbered ambitions,
  cancer 2, suicide 3, AMR 4, maternity 5, mental health 6, children 7, leadership 8.
- NHS West Yorkshire ICB (E54000054) from 1 July 2022, five places without Harrogate.
"""

from __future__ import annotations

from datetime import date

import pytest

from wyoutcomes.definitions import bundled_family, load_plan


@pytest.fixture(scope="module")
def family():
    return bundled_family()


def test_the_refreshed_plan_supersedes_the_2019_plan_from_april_2024(family):
    old, new = family.versions
    assert (old.id, new.id, new.supersedes) == ("wyh-2019", "wy-2023", "wyh-2019")
    assert new.effective_from == date(2024, 4, 1)
    assert new.area == "E54000054" and "WYHHAR" not in new.places and len(new.places) == 5
    assert new.decision is not None and "unverified" in new.decision.note.lower()


@pytest.mark.parametrize(
    ("old", "new"), [(1, 1), (2, 6), (3, 7), (4, 2), (5, 3), (6, 4), (7, 5), (8, 8), (9, 9)]
)
def test_ambitions_are_renumbered_as_the_survey_page_lists_them(family, old, new):
    assert family.crosswalk(old, "wyh-2019", "wy-2023") == new
    assert family.crosswalk(new, "wy-2023", "wyh-2019") == old


def test_ambition_10_is_declared_unverified_not_guessed(family):
    ambition = family.latest.ambition(10)
    assert ambition.cites.unverified is not None
    assert ambition.statement.startswith("Unverified")


@pytest.mark.parametrize(
    ("target_id", "kind", "amount", "deadline"),
    [
        ("a1-le-gap-quintiles-men", "gap_reduction", -0.10, "2028"),
        ("a1-le-gap-quintiles-women", "gap_reduction", -0.10, "2028"),
        ("a1-smoking-10pc-2025", "absolute_value", 10, "2025"),
        ("a1-smoking-5pc-2030", "absolute_value", 5, "2030"),
        ("a1-smoking-routine-manual-2028", "absolute_value", 11.7, "2028"),
        ("a3-suicide-10pc-2027", "relative_change", -0.10, "2027"),
        ("a4-amr-infections-10pc", "relative_change", -0.10, "2024"),
        ("a5-preterm-births-below-6pc", "absolute_value", 6, "2025"),
    ],
)
def test_refreshed_measures_carry_the_published_numbers(family, target_id, kind, amount, deadline):
    target = family.latest.target(target_id)
    declared = target.change if target.change is not None else target.value
    assert (target.kind.value, declared, target.deadline) == (kind, amount, deadline)


def test_routine_and_manual_passes_16pc_in_2025(family):
    (milestone,) = family.latest.target("a1-smoking-routine-manual-2028").milestones
    assert (milestone.period, milestone.value) == ("2025", 16)


def test_revised_promises_pair_the_2019_and_refreshed_targets(family):
    pairs = {(r.earlier_target.id, r.later_target.id) for r in family.revisions()}
    assert ("a1-life-expectancy-gap-men", "a1-le-gap-quintiles-men") in pairs
    assert ("a5-suicide-10pc", "a3-suicide-10pc-2027") in pairs
    assert ("a4-early-stage-proportion", "a2-early-stage-75pc-2028") in pairs
    # every revision says why
    assert all(r.reason.strip() for r in family.revisions())


def test_cancer_and_maternity_keep_the_west_yorkshire_and_harrogate_footprint(family):
    new = family.latest
    assert new.scope_areas(new.target("a2-early-stage-75pc-2028")) == ["E56000030"]
    for target_id in ("a5-stillbirths-halved", "a5-neonatal-deaths-halved"):
        assert new.scope_areas(new.target(target_id)) == ["WYHLMNS"]
    assert new.target("a3-suicide-10pc-2027").footprint_change.value == "rebase"


def test_neonatal_mortality_counts_babies_born_at_24_weeks_or_more(family):
    for plan in family.versions:
        assert "24 weeks" in plan.indicator("neonatal-mortality-rate").definition


def test_the_2019_plan_is_unchanged_in_meaning():
    old = load_plan()
    assert old.id == "wyh-2019" and old.supersedes is None and old.effective_from is None
    assert len(old.ambitions) == 10 and old.ambition(5).title == "Reduce suicide"
    assert old.target("a5-suicide-10pc").change == -0.10
