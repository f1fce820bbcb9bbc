"""docs/cli.md names every error class with the exit code the class carries."""

from __future__ import annotations

import re
from pathlib import Path

from wyoutcomes import errors

DOCS = Path(__file__).parents[2] / "docs" / "cli.md"


def test_every_error_class_is_in_the_exit_code_table():
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (\d+) \| (.*?) \|", line)
        if match:
            for name in re.findall(r"`(\w+Error)`", match.group(2)):
                rows[name] = int(match.group(1))
    classes = {
        name: cls
        for name, cls in vars(errors).items()
        if isinstance(cls, type) and issubclass(cls, errors.WyoutcomesError)
        and cls is not errors.WyoutcomesError
    }  # fmt: skip
    assert {name: rows.get(name) for name in classes} == {
        name: cls.exit_code for name, cls in classes.items()
    }
