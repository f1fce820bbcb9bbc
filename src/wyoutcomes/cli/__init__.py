"""The ``wyoutcomes`` command line. One module per command; importing it registers the command.

Command modules are imported only when their command runs (or ``--help`` lists them), so
``wyoutcomes --version`` and a command's own start-up load nothing the command does not use
(benchmarks/cli_startup.py). Exit codes are documented in docs/cli.md and defined in
:mod:`wyoutcomes.errors`.
"""

from __future__ import annotations

from wyoutcomes.cli._base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="wyoutcomes")
