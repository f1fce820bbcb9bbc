"""Deliberately malformed plans: each gives its own clear error naming the file, the key path
and the problem (with a stable rule code), never a traceback or a raw pydantic dump.

Each case starts from a small valid two-ambition plan, breaks one thing, and states the file,
key path, rule code and a phrase the message must contain.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from wyoutcomes.definitions import load_plan
from wyoutcomes.errors import DefinitionError

SUICIDE = {
    "id": "suicide-rate",
    "name": "Suicide rate",
    "definition": "Age-standardised suicide rate per 100,000, three years pooled.",
    "unit": "per 100,000",
    "measure_type": "dsr",
    "multiplier": 100000,
    "polarity": "lower_is_better",
    "period_type": "calendar_years_pooled",
    "area_types": ["stp_icb", "local_authority"],
    "breakdowns": ["sex"],
    "source": {"publisher": "OHID Fingertips", "fingertips_id": 41001, "verified": True},
    "ci_method": "dobson",
    "plausible_range": {"min": 0, "max": 40},
    "decimals": 1,
}
GAP = {
    "id": "le-gap",
    "name": "Life expectancy gap, most against least deprived",
    "definition": "Slope index of inequality in life expectancy at birth.",
    "unit": "years",
    "measure_type": "sii",
    "polarity": "lower_is_better",
    "period_type": "calendar_years_pooled",
    "area_types": ["stp_icb"],
    "source": {"publisher": "OHID Fingertips"},
    "ci_method": "simulation",
    "plausible_range": {"min": 0, "max": 25},
    "decimals": 1,
}
PLAN = {
    "id": "test-plan",
    "title": "A test plan",
    "publisher": "Test partnership",
    "published": "2019-11-01",
    "source_document": {"title": "Plan summary"},
    "version": "1",
    "area": "E54000005",
    "places": ["WYHLDS", "WYHWAK"],
}
AMBITION_1 = {
    "number": 1,
    "slug": "life-expectancy",
    "title": "Narrow the gap",
    "statement": "Narrow the deprivation gap in life expectancy.",
    "cites": {"page": 12},
    "indicators": [GAP],
    "targets": [
        {
            "id": "a1-gap-men",
            "indicator": "le-gap",
            "kind": "gap_reduction",
            "sex": "Male",
            "baseline": {"period": "2015 - 17"},
            "change": -0.05,
            "deadline": "2024",
            "stated_as": [{"amount": 6, "unit": "months", "baseline_value": 10.0}],
        }
    ],
}
AMBITION_2 = {
    "number": 2,
    "slug": "suicide",
    "title": "Reduce suicide",
    "statement": "Fewer suicides.",
    "cites": {"page": 12},
    "indicators": [SUICIDE],
    "targets": [
        {
            "id": "a2-suicide",
            "indicator": "suicide-rate",
            "kind": "relative_change",
            "baseline": {"period": "2016 - 18", "value": 10.6, "source": "WY&H suicide page"},
            "change": -0.10,
            "deadline": "2020/21",
        },
        {
            "id": "a2-suicide-places",
            "indicator": "suicide-rate",
            "kind": "relative_change",
            "baseline": "from_data",
            "change": -0.10,
            "deadline": "2022",
            "scope": {"type": "targeted_areas", "areas": ["E08000035"]},
        },
    ],
}
FILES = {"plan.yaml": PLAN, "01-gap.yaml": AMBITION_1, "02-suicide.yaml": AMBITION_2}


def write_plan(folder: Path, edit: Callable[[dict[str, Any]], None] | None = None) -> Path:
    documents = copy.deepcopy(FILES)
    if edit is not None:
        edit(documents)
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in documents.items():
        if isinstance(document, str):
            (folder / name).write_text(document, encoding="utf-8")
        elif document is not None:
            (folder / name).write_text(yaml.safe_dump(document, sort_keys=False), "utf-8")
    return folder


def test_the_base_plan_is_valid(tmp_path):
    plan = load_plan(write_plan(tmp_path / "plan"))
    assert [t.id for t in plan.targets] == ["a1-gap-men", "a2-suicide", "a2-suicide-places"]


def _set(path: tuple, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(documents: dict[str, Any]) -> None:
        node = documents
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def _delete(path: tuple) -> Callable[[dict[str, Any]], None]:
    def edit(documents: dict[str, Any]) -> None:
        node = documents
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def _all(*edits: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def edit(documents: dict[str, Any]) -> None:
        for one in edits:
            one(documents)

    return edit


def _text(name: str, text: str) -> Callable[[dict[str, Any]], None]:
    return _set((name,), text)


S = "02-suicide.yaml"
G = "01-gap.yaml"
T0 = (S, "targets", 0)

# (case, edit, file, key path shown, rule code, phrase in the message)
CASES = [
    (
        "unknown key",
        _set((*T0, "deadlin"), "2021"),
        S,
        "targets[0].deadlin",
        "unknown-key",
        "did you mean 'deadline'",
    ),
    (
        "missing key",
        _delete((*T0, "deadline")),
        S,
        "targets[0].deadline",
        "missing-key",
        "required key is missing",
    ),
    (
        "bad polarity",
        _set((S, "indicators", 0, "polarity"), "lower_better"),
        S,
        "indicators[0].polarity",
        "not-allowed",
        "lower_is_better",
    ),
    (
        "change not a number",
        _set((*T0, "change"), "ten percent"),
        S,
        "targets[0].change",
        "not-a-number",
        "'ten percent' is not a number",
    ),
    (
        "deadline before baseline",
        _set((*T0, "deadline"), "2017/18"),
        S,
        "targets[0].deadline (plan key ambitions[1].targets[0].deadline)",
        "deadline-not-after-baseline",
        "must end after the baseline period 2016 - 18",
    ),
    (
        "direction against polarity",
        _set((*T0, "change"), 0.10),
        S,
        "targets[0].change",
        "direction-against-polarity",
        "is a rise, but indicator 'suicide-rate' is lower_is_better",
    ),
    (
        "stated two ways that disagree",
        _set((G, "targets", 0, "stated_as", 0, "amount"), 7),
        G,
        "targets[0].stated_as[0].amount",
        "stated-as-disagrees",
        "5% of 10 years is 6.00 months, which does not round to 7 months",
    ),
    (
        "target unit differs",
        _set((*T0, "unit"), "%"),
        S,
        "targets[0].unit",
        "unit-mismatch",
        "differs from the indicator's unit 'per 100,000'",
    ),
    (
        "multiplier disagrees with unit",
        _set((S, "indicators", 0, "multiplier"), 1000),
        S,
        "indicators[0].multiplier",
        "unit-mismatch",
        "means a multiplier of 100000",
    ),
    (
        "unknown indicator",
        _set((*T0, "indicator"), "suicide-rates"),
        S,
        "targets[0].indicator",
        "unknown-indicator",
        "did you mean 'suicide-rate'",
    ),
    (
        "period of the wrong type",
        _set((*T0, "baseline", "period"), "2016/17"),
        S,
        "targets[0].baseline.period",
        "bad-period",
        "'2016/17' is not a calendar_years_pooled label",
    ),
    (
        "deadline written as a date",
        _set((*T0, "deadline"), date(2021, 3, 31)),
        S,
        "targets[0].deadline",
        "not-a-period-label",
        "2021-03-31 is a date",
    ),
    (
        "malformed period",
        _set((*T0, "deadline"), "20/21"),
        S,
        "targets[0].deadline",
        "bad-period",
        "20/21",
    ),
    (
        "unknown area code",
        _set((S, "targets", 1, "scope", "areas"), ["E08000099"]),
        S,
        "targets[1].scope.areas[0]",
        "unknown-area",
        "E08000099",
    ),
    (
        "place not in the plan",
        _set((S, "targets", 1, "scope"), {"type": "places", "areas": ["WYHKIR"]}),
        S,
        "targets[1].scope.areas[0]",
        "not-a-plan-place",
        "WYHKIR",
    ),
    (
        "bad slug",
        _set((S, "indicators", 0, "id"), "Suicide Rate"),
        S,
        "indicators[0].id",
        "bad-slug",
        "not a kebab-case slug",
    ),
    (
        "band missing",
        _set((S, "indicators", 0, "polarity"), "target_band"),
        S,
        "indicators[0].band",
        "band-missing",
        "polarity target_band needs a band",
    ),
    (
        "unverified Fingertips id without a note",
        _set((S, "indicators", 0, "source", "verified"), False),
        S,
        "indicators[0].source",
        "unverified-fingertips-id",
        "fingertips_id 41001 is not verified",
    ),
    (
        "duplicate target id",
        _set((S, "targets", 1, "id"), "a2-suicide"),
        S,
        "targets[1].id",
        "duplicate-target",
        "declared twice",
    ),
    (
        "groups on an indicator that is itself the gap",
        _set(
            (G, "targets", 0, "groups"),
            {
                "category_type": "deprivation_decile",
                "comparison": "Most deprived decile",
                "reference": "Least deprived decile",
            },
        ),
        G,
        "targets[0].groups",
        "groups-on-a-gap-indicator",
        "indicator 'le-gap' is a sii measure whose own values are the gap",
    ),
    (
        "gap on a rate indicator without its two groups",
        _set((S, "targets", 1, "kind"), "gap_reduction"),
        S,
        "targets[1].groups",
        "missing-groups",
        "needs the two groups whose gap it narrows",
    ),
    (
        "groups of a category the indicator is not broken down by",
        _all(
            _set((S, "targets", 1, "kind"), "gap_reduction"),
            _set(
                (S, "targets", 1, "groups"),
                {"category_type": "ethnicity", "comparison": "Black", "reference": "White"},
            ),
        ),
        S,
        "targets[1].groups.category_type",
        "groups-not-a-breakdown",
        "indicator 'suicide-rate' has no breakdown 'ethnicity' (it has: sex)",
    ),
    (
        "change on a kind that takes none",
        _set((*T0, "kind"), "direction_only"),
        S,
        "targets[0].change",
        "change-not-used",
        "direction_only target takes no change",
    ),
    (
        "percentage written as a whole number",
        _set((*T0, "change"), -10),
        S,
        "targets[0].change",
        "change-out-of-range",
        "must be above −1",
    ),
    (
        "published baseline without a source",
        _delete((*T0, "baseline", "source")),
        S,
        "targets[0].baseline",
        "baseline-needs-source",
        "needs its source",
    ),
    (
        "baseline outside the plausible range",
        _set((*T0, "baseline", "value"), 106),
        S,
        "targets[0].baseline.value",
        "outside-plausible-range",
        "0–40",
    ),
    (
        "band upside down",
        _set((G, "indicators", 0, "plausible_range"), {"min": 25, "max": 0}),
        G,
        "indicators[0].plausible_range",
        "range-order",
        "min (25) must be below max (0)",
    ),
    (
        "area code malformed",
        _set(("plan.yaml", "places"), ["WYHLDS", "not a code"]),
        "plan.yaml",
        "places[1]",
        "bad-area-code",
        "does not look like an area code",
    ),
    (
        "ambition numbers repeated",
        _set((S, "number"), 1),
        S,
        "number",
        "duplicate-ambition",
        "also used by ambitions[0]",
    ),
    (
        "plan date not a date",
        _set(("plan.yaml", "published"), "November 2019"),
        "plan.yaml",
        "published",
        "not-a-date",
        "YYYY-MM-DD",
    ),
    (
        "ambitions written in plan.yaml",
        _set(("plan.yaml", "ambitions"), []),
        "plan.yaml",
        "ambitions",
        "ambitions-in-plan-file",
        "one per ambition",
    ),
    (
        "duplicate YAML key",
        _text(S, "number: 2\nslug: a\nslug: b\n"),
        S,
        "line 3, column 1",
        "duplicate-key",
        "'slug' is written twice",
    ),
    ("YAML syntax error", _text(S, "number: 2\ntitle: [unclosed\n"), S, "line", "yaml-syntax", ""),
    (
        "object construction refused",
        _text(S, "number: !!python/object/apply:os.system [ls]\n"),
        S,
        "line 1",
        "yaml-tag",
        "tags such as !!python",
    ),
    ("empty ambition file", _text(S, ""), S, "(top level)", "empty-file", "the file is empty"),
    (
        "top level is a list",
        _text(S, "- 1\n- 2\n"),
        S,
        "(top level)",
        "not-a-mapping",
        "mapping of keys",
    ),
]


@pytest.mark.parametrize(
    ("edit", "file", "where", "code", "phrase"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_malformed_plan_gives_its_own_clear_error(tmp_path, edit, file, where, code, phrase):
    folder = write_plan(tmp_path / "plan", edit)
    with pytest.raises(DefinitionError) as caught:
        load_plan(folder)
    message = str(caught.value)
    assert f"{folder / file}: {where}" in message
    assert f"[{code}]" in message
    assert phrase in message
    for noise in ("Traceback", "validation error", "pydantic", "For further information", "{'"):
        assert noise not in message
    assert any(p.code == code for p in caught.value.problems)


def test_at_least_a_dozen_distinct_rule_codes_are_exercised():
    assert len({case[4] for case in CASES}) >= 12


def test_several_problems_are_all_listed(tmp_path):
    def edit(documents):
        documents[S]["targets"][0]["change"] = 0.10
        documents[S]["targets"][1]["indicator"] = "nope"

    with pytest.raises(DefinitionError) as caught:
        load_plan(write_plan(tmp_path / "plan", edit))
    message = str(caught.value)
    assert "has 2 problems" in message
    assert "[direction-against-polarity]" in message and "[unknown-indicator]" in message


def test_missing_folder_and_missing_plan_file(tmp_path):
    with pytest.raises(DefinitionError, match="no such plan folder"):
        load_plan(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DefinitionError, match=r"has no plan\.yaml"):
        load_plan(tmp_path / "empty")


def test_plan_without_ambition_files(tmp_path):
    folder = write_plan(tmp_path / "plan", lambda d: (d.pop(G), d.pop(S)))
    with pytest.raises(DefinitionError, match=r"no-ambitions"):
        load_plan(folder)


def test_plan_yaml_path_is_accepted_for_its_folder(tmp_path):
    folder = write_plan(tmp_path / "plan")
    assert load_plan(folder / "plan.yaml").id == "test-plan"
