"""The ``wyoutcomes`` command line. One module per command; importing it registers the command.

Exit codes are documented in docs/cli.md and defined in :mod:`wyoutcomes.errors`.
"""

from __future__ import annotations

# Command modules register themselves on `cli` when imported (one import per command module).
from wyoutcomes.cli import (  # noqa: F401  (importing registers the commands)
    ambitions,
    demo,
    fetch,
    plans,
    progress,
    report,
    store,
    validate,
)
from wyoutcomes.cli._base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="wyoutcomes")
