"""The ``wyoutcomes`` click group and its error handling.

Commands live in their own modules beside this one and register themselves on ``cli``; each
calls one library function. Errors a user can fix (``WyoutcomesError``) print a
one-line message to stderr and exit with the code of their class (docs/cli.md); anything else
is a bug and exits 70 with its traceback.
"""

from __future__ import annotations

import importlib
import traceback
from importlib.metadata import PackageNotFoundError, version

import click

from wyoutcomes.errors import EXIT_CODES, WyoutcomesError

#: command name → the module of wyoutcomes.cli that defines it (imported when first needed)
COMMANDS = {
    "ambitions": "ambitions",
    "demo": "demo",
    "export": "export",
    "fetch": "fetch",
    "indicators": "submitter",
    "ingest": "store",
    "progress": "progress",
    "report": "report",
    "submissions": "store",
    "template": "submitter",
    "validate": "validate",
    "verify": "store",
    "withdraw": "store",
}


def _version() -> str:
    try:
        return version("wyoutcomes")
    except PackageNotFoundError:  # running from a checkout with PYTHONPATH=src
        return "0.0.0+unknown"


class _Group(click.Group):
    """A click group that turns our errors into exit codes instead of tracebacks, and imports
    a command's module only when the command is looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            # importing the module registers its commands on this group
            importlib.import_module(f"wyoutcomes.cli.{COMMANDS[cmd_name]}")
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except WyoutcomesError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception:  # a bug: say so, show where, and use the documented code
            click.echo("internal error (a bug in wyoutcomes; please report it):", err=True)
            click.echo(traceback.format_exc(), err=True)
            ctx.exit(EXIT_CODES["internal"])


@click.group(cls=_Group)
@click.version_option(_version(), prog_name="wyoutcomes")
def cli() -> None:
    """Plan definitions, validated indicator data and the quarterly ambition report."""
