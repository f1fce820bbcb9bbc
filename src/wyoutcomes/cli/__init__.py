"""The ``wyoutcomes`` command line. One module per command; importing it registers the command.

Exit codes are documented in docs/cli.md and defined in :mod:`wyoutcomes.errors`.
"""

from __future__ import annotations

from wyoutcomes.cli import progress  # noqa: F401  (registers the command)
from wyoutcomes.cli._base import cli

# Command modules register themselves on `cli` when imported (one import per command module).

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="wyoutcomes")
