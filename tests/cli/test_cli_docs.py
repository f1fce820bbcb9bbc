"""docs/cli.md documents every command, each with a concrete example using real options."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from wyoutcomes.cli import cli
from wyoutcomes.cli._base import COMMANDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _examples() -> list[list[str]]:
    """Command lines in sh blocks that are examples, not synopses (no [optional] parts)."""
    blocks = re.findall(r"```sh\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [
        shlex.split(line.split(" > ")[0])
        for line in lines
        if line.startswith("wyoutcomes ") and "[" not in line and "|" not in line
    ]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_section_and_an_example(name: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"`wyoutcomes {name}" in text  # a section (or one per subcommand)
    examples = [words for words in _examples() if words[1] == name]
    assert examples, f"no example of wyoutcomes {name}"
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    for words in examples:
        used = command
        if isinstance(command, click.Group):  # "fetch fingertips": the subcommand's options
            used = command.get_command(click.Context(command), words[2])
            assert used is not None, words
        options = {o for p in used.params for o in getattr(p, "opts", [])}
        for word in words[2:]:
            if word.startswith("--"):
                assert word in options, (name, word)


def test_every_registered_command_is_in_the_lazy_table() -> None:
    import importlib

    for module in set(COMMANDS.values()):
        importlib.import_module(f"wyoutcomes.cli.{module}")
    assert set(cli.commands) == set(COMMANDS)
