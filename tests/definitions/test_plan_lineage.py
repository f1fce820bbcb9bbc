"""Plan versions: a later plan supersedes an earlier one from a day, renumbers its ambitions and
revises some of its targets. Each way a lineage can be wrong gives its own clear error naming
the file, key path and rule code.

The two-version family used here is written in the test: version 1 is the small plan of
test_malformed_plans (ambition 1 the LE gap, ambition 2 suicide, published 2019-11-01);
version 2 swaps the ambition numbers, is in force from 2024-04-01 and revises the suicide target
(10% by 2027 instead of 2020/21).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_malformed_plans import AMBITION_1, AMBITION_2, PLAN, write_plan

from wyoutcomes.definitions import load_family, load_plan, load_plans
from wyoutcomes.errors import DefinitionError

Edit = Callable[[dict[str, Any]], None]

V2_PLAN = {
    **PLAN,
    "id": "test-plan-v2",
    "version": "2",
    "published": "2024-03-15",
    "supersedes": "test-plan",
    "effective_from": "2024-04-01",
    "decision": {"body": "Partnership board", "reference": "https://example.org/minutes"},
    "ambition_crosswalk": [{"previous": 1, "current": 2}, {"previous": 2, "current": 1}],
}
V2_SUICIDE = copy.deepcopy({**AMBITION_2, "number": 1})
V2_SUICIDE["targets"] = [
    {
        "id": "b1-suicide-2027",
        "indicator": "suicide-rate",
        "kind": "relative_change",
        "baseline": {"period": "2019 - 21"},
        "change": -0.10,
        "deadline": "2027",
        "revises": {"target": "a2-suicide", "reason": "restated over a new strategy period"},
    }
]
V2_GAP = copy.deepcopy({**AMBITION_1, "number": 2})
V2_FILES = {"plan.yaml": V2_PLAN, "01-suicide.yaml": V2_SUICIDE, "02-gap.yaml": V2_GAP}
P2 = "plan.yaml"
S2 = "01-suicide.yaml"


def write_v2(folder: Path, edit: Edit | None = None) -> Path:
    def replace(documents: dict[str, Any]) -> None:
        documents.clear()
        documents.update(copy.deepcopy(V2_FILES))
        if edit is not None:
            edit(documents)

    return write_plan(folder, replace)


def family_folder(tmp_path: Path, edit_v2: Edit | None = None, edit_v1: Edit | None = None):
    root = tmp_path / "plans"
    write_plan(root / "v1", edit_v1)
    write_v2(root / "v2", edit_v2)
    return root


def _set(path: tuple, value: Any) -> Edit:
    def edit(documents: dict[str, Any]) -> None:
        node = documents
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def test_a_two_version_family_loads_in_date_order(tmp_path):
    (family,) = load_plans(family_folder(tmp_path))
    assert [p.id for p in family.versions] == ["test-plan", "test-plan-v2"]
    first, second = family.versions
    assert family.predecessor(second) is first and family.successor(first) is second
    assert family.in_force_until(first) == date(2024, 3, 31)
    assert family.in_force_until(second) is None


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date(2024, 3, 31), "test-plan"),  # the day before effective_from
        (date(2024, 4, 1), "test-plan-v2"),  # effective_from itself
        ("2023/24 Q4", "test-plan"),  # Jan-Mar 2024 ends on 31 March 2024
        ("2024/25 Q1", "test-plan-v2"),  # Apr-Jun 2024
        (date(2010, 1, 1), "test-plan"),  # before any version: the first
    ],
)
def test_the_version_in_force_on_a_day_or_at_the_end_of_a_quarter(tmp_path, when, expected):
    (family,) = load_plans(family_folder(tmp_path))
    assert family.in_force(when).id == expected


def test_revisions_pair_each_revised_target_with_the_promise_it_replaced(tmp_path):
    (family,) = load_plans(family_folder(tmp_path))
    (revision,) = family.revisions()
    assert (revision.earlier_target.id, revision.later_target.id) == (
        "a2-suicide",
        "b1-suicide-2027",
    )
    assert (
        revision.earlier_target.deadline == "2020/21" and revision.later_target.deadline == "2027"
    )
    assert revision.reason == "restated over a new strategy period"


def test_crosswalk_maps_numbers_both_ways(tmp_path):
    (family,) = load_plans(family_folder(tmp_path))
    assert family.crosswalk(2, "test-plan", "test-plan-v2") == 1
    assert family.crosswalk(1, "test-plan-v2", "test-plan") == 2
    assert family.crosswalk(1, "1", "2") == 2  # versions may be named by their version text


def test_load_family_takes_the_folders_in_any_order(tmp_path):
    root = family_folder(tmp_path)
    family = load_family([root / "v2", root / "v1"])
    assert [p.version for p in family.versions] == ["1", "2"]
    with pytest.raises(DefinitionError, match="no plan version '3'"):
        family.version("3")


def test_editing_a_later_version_leaves_the_earlier_version_and_its_hash_alone(tmp_path):
    (before,) = load_plans(family_folder(tmp_path / "a"))
    (after,) = load_plans(family_folder(tmp_path / "b", _set((S2, "targets", 0, "change"), -0.20)))
    assert before.versions[0].sha256 == after.versions[0].sha256
    assert before.versions[1].sha256 != after.versions[1].sha256
    assert after.in_force("2023/24 Q4").target("a2-suicide").change == -0.10


def test_plan_hash_is_of_the_files_and_repeatable(tmp_path):
    one = load_plan(write_plan(tmp_path / "one"))
    two = load_plan(write_plan(tmp_path / "two"))
    assert one.sha256 == two.sha256 and len(one.sha256) == 64
    (tmp_path / "two" / "02-suicide.yaml").write_text(
        (tmp_path / "two" / "02-suicide.yaml").read_text() + "# a comment\n", "utf-8"
    )
    assert load_plan(tmp_path / "two").sha256 != one.sha256


# (case, edit of version 2, file shown, key path shown, rule code, phrase)
CASES = [
    (
        "revision of a target the earlier version does not have",
        _set((S2, "targets", 0, "revises", "target"), "a2-suicides"),
        S2,
        "targets[0].revises.target",
        "revises-unknown-target",
        "has no target 'a2-suicides'; did you mean 'a2-suicide'?",
    ),
    (
        "supersedes a plan that was not loaded",
        _set((P2, "supersedes"), "test-plan-2018"),
        P2,
        "supersedes",
        "unknown-predecessor",
        "no plan 'test-plan-2018' was loaded beside it",
    ),
    (
        "in force before the version it supersedes",
        _set((P2, "effective_from"), "2019-10-31"),
        P2,
        "effective_from",
        "effective-not-after-predecessor",
        "in force from 2019-10-31, not after",
    ),
    (
        "in force the same day as the version it supersedes",
        _set((P2, "effective_from"), "2019-11-01"),
        P2,
        "effective_from",
        "effective-not-after-predecessor",
        "in force from 2019-11-01",
    ),
    (
        "crosswalk from an ambition the earlier version does not have",
        _set((P2, "ambition_crosswalk", 1, "previous"), 7),
        P2,
        "ambition_crosswalk[1].previous",
        "crosswalk-unknown-ambition",
        "'test-plan' has no ambition 7",
    ),
]


@pytest.mark.parametrize(
    ("edit", "file", "where", "code", "phrase"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_broken_lineage_gives_its_own_clear_error(tmp_path, edit, file, where, code, phrase):
    root = family_folder(tmp_path, edit)
    with pytest.raises(DefinitionError) as caught:
        load_plans(root)
    message = str(caught.value)
    assert f"{root / 'v2' / file}: {where}" in message
    assert f"[{code}]" in message and phrase in message
    assert "Traceback" not in message and "pydantic" not in message


# rules one version breaks on its own (raised by load_plan)
VERSION_CASES = [
    (
        "supersedes without effective_from",
        lambda d: d[P2].pop("effective_from"),
        P2,
        "effective_from",
        "missing-effective-from",
        "must say from which day it is in force",
    ),
    (
        "supersedes itself",
        _set((P2, "supersedes"), "test-plan-v2"),
        P2,
        "supersedes",
        "supersedes-itself",
        "cannot supersede itself",
    ),
    (
        "revises with no predecessor",
        lambda d: (d[P2].pop("supersedes"), d[P2].pop("ambition_crosswalk")),
        S2,
        "targets[0].revises",
        "revises-without-predecessor",
        "supersedes no earlier version",
    ),
    (
        "crosswalk with no predecessor",
        lambda d: d[P2].pop("supersedes"),
        P2,
        "ambition_crosswalk",
        "crosswalk-without-predecessor",
        "this plan supersedes nothing",
    ),
    (
        "crosswalk to an ambition this version does not have",
        _set((P2, "ambition_crosswalk", 0, "current"), 9),
        P2,
        "ambition_crosswalk[0].current",
        "crosswalk-unknown-ambition",
        "this plan has no ambition 9 (it has 1, 2)",
    ),
    (
        "crosswalk maps one ambition twice",
        _set((P2, "ambition_crosswalk", 1, "previous"), 1),
        P2,
        "ambition_crosswalk[1].previous",
        "crosswalk-repeated",
        "ambition 1 of the superseded version is mapped twice",
    ),
    (
        "revises without a reason",
        lambda d: d[S2]["targets"][0]["revises"].pop("reason"),
        S2,
        "targets[0].revises.reason",
        "missing-key",
        "required key is missing",
    ),
    (
        "footprint change not one of the two ways",
        _set((S2, "targets", 0, "footprint_change"), "ignore"),
        S2,
        "targets[0].footprint_change",
        "not-allowed",
        "join_with_note or rebase",
    ),
]


@pytest.mark.parametrize(
    ("edit", "file", "where", "code", "phrase"),
    [case[1:] for case in VERSION_CASES],
    ids=[case[0] for case in VERSION_CASES],
)
def test_a_version_breaking_a_lineage_rule_on_its_own(tmp_path, edit, file, where, code, phrase):
    folder = write_v2(tmp_path / "v2", edit)
    with pytest.raises(DefinitionError) as caught:
        load_plan(folder)
    message = str(caught.value)
    assert f"{folder / file}: {where}" in message
    assert f"[{code}]" in message and phrase in message


def test_a_cycle_is_named_with_its_members(tmp_path):
    root = family_folder(tmp_path, edit_v1=_set(("plan.yaml", "supersedes"), "test-plan-v2"))
    # version 1 now also needs a day it is in force from; give it one so only the cycle is wrong
    (root / "v1" / "plan.yaml").write_text(
        (root / "v1" / "plan.yaml").read_text() + "effective_from: 2019-11-01\n", "utf-8"
    )
    with pytest.raises(DefinitionError) as caught:
        load_plans(root)
    assert "[lineage-cycle]" in str(caught.value)
    assert "test-plan → test-plan-v2 → test-plan" in str(caught.value)


def test_two_versions_superseding_the_same_one_overlap(tmp_path):
    root = family_folder(tmp_path)
    write_v2(root / "v2b", _set((P2, "id"), "test-plan-v2b"))
    with pytest.raises(DefinitionError) as caught:
        load_plans(root)
    assert "[overlapping-versions]" in str(caught.value)
    assert "test-plan-v2, test-plan-v2b all supersede 'test-plan'" in str(caught.value)


def test_load_family_refuses_two_separate_lineages(tmp_path):
    root = family_folder(tmp_path)
    write_plan(root / "other", _set(("plan.yaml", "id"), "another-plan"))
    assert len(load_plans(root)) == 2  # a folder may hold several plans
    with pytest.raises(DefinitionError, match=r"2 separate lineages .*\[not-one-lineage\]"):
        load_family([root / "v1", root / "other"])


def test_the_same_plan_id_twice(tmp_path):
    root = family_folder(tmp_path)
    write_plan(root / "v1-copy")
    with pytest.raises(DefinitionError) as caught:
        load_plans(root)
    assert f"{root / 'v1-copy' / 'plan.yaml'}: id:" in str(caught.value)
    assert "[duplicate-plan-id]" in str(caught.value)
