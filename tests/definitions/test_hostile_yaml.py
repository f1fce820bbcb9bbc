"""Hostile plan files: an alias bomb, a list used as a key, symlink loops, an oversized file.

Each is refused with one :class:`DefinitionError` naming the file (and the key path where there
is one) and a rule code — never a traceback, never gigabytes of memory, never silence.
"""

from __future__ import annotations

import time

import pytest
import yaml
from test_malformed_plans import AMBITION_2, write_plan

from wyoutcomes.definitions import load_plan
from wyoutcomes.errors import DefinitionError
from wyoutcomes.report.commentary import load_commentary_text

S = "02-suicide.yaml"


def _problems(folder):
    with pytest.raises(DefinitionError) as caught:
        load_plan(folder)
    return caught.value, [(p.file.rsplit("/", 1)[-1], p.code) for p in caught.value.problems]


def _bomb(levels: int) -> str:
    """The "billion laughs": each level names the one before ten times, so the last one
    stands for 10**levels copies of the first while the file stays a few hundred bytes."""
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines)


def test_an_alias_bomb_in_a_text_field_is_refused_quickly(tmp_path):
    text = yaml.safe_dump(AMBITION_2, sort_keys=False)
    bomb = _bomb(9)  # 10**9 strings when expanded
    text = bomb + "\n" + text.replace("statement: Fewer suicides.", "statement: *a9")
    folder = write_plan(tmp_path / "plan", lambda docs: docs.__setitem__(S, text))
    start = time.perf_counter()
    error, problems = _problems(folder)
    assert time.perf_counter() - start < 20  # a guard against the blow-up, not a benchmark
    assert problems == [(S, "yaml-too-large")]
    assert "alias" in str(error) and S in str(error)


def test_a_modest_use_of_anchors_is_still_allowed(tmp_path):
    """Anchors that save typing (a shared source, repeated twice) are ordinary YAML."""
    text = yaml.safe_dump(AMBITION_2, sort_keys=False)
    text = text.replace(
        "  source:\n    publisher: OHID Fingertips",
        "  source: &ohid\n    publisher: OHID Fingertips",
    )
    assert "&ohid" in text
    assert load_plan(write_plan(tmp_path / "plan", lambda d: d.__setitem__(S, text)))


def test_a_recursive_alias_is_refused(tmp_path):
    text = yaml.safe_dump(AMBITION_2, sort_keys=False) + "loop: &loop [*loop]\n"
    error, problems = _problems(write_plan(tmp_path / "p", lambda d: d.__setitem__(S, text)))
    assert problems == [(S, "yaml-recursive-alias")]
    assert "loop" in str(error)


def test_a_list_as_a_mapping_key_is_reported_with_its_key_path(tmp_path):
    text = yaml.safe_dump(AMBITION_2, sort_keys=False).replace(
        "  change: -0.1\n", "  change: -0.1\n  ? [1, 2]\n  : oops\n", 1
    )
    assert "? [1, 2]" in text
    error, problems = _problems(write_plan(tmp_path / "p", lambda d: d.__setitem__(S, text)))
    assert problems == [(S, "unhashable-key")]
    assert "targets[0]" in str(error) and "line" in str(error)


def test_a_mapping_as_a_mapping_key_in_the_plan_file_is_reported(tmp_path):
    def edit(docs):
        docs["plan.yaml"] = yaml.safe_dump(docs["plan.yaml"]) + "? {a: 1}\n: x\n"

    _, problems = _problems(write_plan(tmp_path / "p", edit))
    assert problems == [("plan.yaml", "unhashable-key")]


def test_a_symlink_loop_among_the_ambition_files_is_reported(tmp_path):
    folder = write_plan(tmp_path / "plan")
    (folder / "03-a.yaml").symlink_to(folder / "04-b.yaml")
    (folder / "04-b.yaml").symlink_to(folder / "03-a.yaml")
    _, problems = _problems(folder)
    assert sorted(problems) == [("03-a.yaml", "symlink-loop"), ("04-b.yaml", "symlink-loop")]


def test_a_dangling_symlink_among_the_ambition_files_is_reported(tmp_path):
    folder = write_plan(tmp_path / "plan")
    (folder / "03-a.yaml").symlink_to(folder / "missing.yaml")
    _, problems = _problems(folder)
    assert problems == [("03-a.yaml", "broken-link")]


def test_an_oversized_plan_file_is_refused_before_parsing(tmp_path):
    text = yaml.safe_dump(AMBITION_2, sort_keys=False)
    text += "# " + "x" * (5 << 20) + "\n"
    _, problems = _problems(write_plan(tmp_path / "p", lambda d: d.__setitem__(S, text)))
    assert problems == [(S, "yaml-too-large")]


def test_commentary_with_an_alias_bomb_is_an_input_error():
    from wyoutcomes.errors import InputFileError

    text = _bomb(9) + "\nambitions: {1: {narrative: x, actions: *a9}}\n"
    with pytest.raises(InputFileError, match="alias"):
        load_commentary_text(text, "commentary.yaml")


def test_commentary_with_a_list_as_a_key_is_an_input_error():
    from wyoutcomes.errors import InputFileError

    with pytest.raises(InputFileError, match=r"commentary\.yaml"):
        load_commentary_text("ambitions:\n  ? [1, 2]\n  : {narrative: x}\n", "commentary.yaml")


def test_an_impossible_date_is_a_definition_error(tmp_path):
    """YAML reads 0000-00-00 as a date, which Python cannot hold (found by the property test)."""

    def edit(docs):
        docs["plan.yaml"] = yaml.safe_dump(docs["plan.yaml"]).replace(
            "published: '2019-11-01'", "published: 0000-00-00"
        )
        assert "0000-00-00" in docs["plan.yaml"]

    _, problems = _problems(write_plan(tmp_path / "p", edit))
    assert problems == [("plan.yaml", "bad-value")]


def test_an_ambition_number_too_large_for_a_table_is_a_definition_error(tmp_path):
    """An ambition numbered 10**30 loaded, then `wyoutcomes ambitions` crashed converting it
    (found by trying huge numbers in every numeric key)."""
    folder = write_plan(tmp_path / "p", lambda docs: docs[S].__setitem__("number", 10**30))
    error, problems = _problems(folder)
    assert problems == [(S, "out-of-range")]
    assert "number" in str(error)
