"""The ``wyoutcomes`` command line. One module per command; importing it registers the command.

Exit codes are documented in docs/cli.md and defined in :mod:`wyoutcomes.errors`.
"""

from __future__ import annotations

# Command modules register themselves on `cli` when imported; `cli` imports each one when its
# command is first asked for (wyoutcomes.cli._base.COMMANDS), so starting up stays cheap.
from wyoutcomes.cli._base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="wyoutcomes")
