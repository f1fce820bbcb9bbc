"""docs/tutorial.md uses only commands that exist: the README's task runner, registered
`wyoutcomes` commands and options, and scripts in examples/ (which the suite runs)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from wyoutcomes.cli import cli

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"


def _commands() -> list[list[str]]:
    blocks = re.findall(r"```sh\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), flags=re.S)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    return [shlex.split(line) for line in lines if line]


def test_every_command_exists() -> None:
    commands = _commands()
    assert ["./tasks.sh", "main"] in commands
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for words in commands:
        if words[0] == "./tasks.sh":
            assert f"./tasks.sh {words[1]}" in readme  # only the README's commands
        elif words[0] == "source":
            assert words[1] == ".venv/bin/activate"
        elif words[0] == "python":
            assert (ROOT / words[1]).is_file(), words
            tested = (ROOT / "tests" / "examples" / "test_examples.py").read_text(encoding="utf-8")
            assert Path(words[1]).name in tested, f"{words[1]} is not run by the suite"
        else:
            assert words[0] == "wyoutcomes", words
            command = cli.get_command(click.Context(cli), words[1])
            assert command is not None, words  # no such command
            options = {o for p in command.params for o in getattr(p, "opts", [])}
            for word in words[2:]:
                if word.startswith("--"):
                    assert word in options, (words[1], word)
