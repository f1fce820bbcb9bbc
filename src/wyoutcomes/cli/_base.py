"""The ``wyoutcomes`` click group and its error handling.

Commands live in their own modules beside this one and register themselves on ``cli``; each
calls one library function. Errors a user can fix (``WyoutcomesError``) print a
one-line message to stderr and exit with the code of their class (docs/cli.md); anything else
is a bug and exits 70 with its traceback.
"""

from __future__ import annotations

import traceback
from importlib import import_module

import click

from wyoutcomes._version import __version__
from wyoutcomes.errors import EXIT_CODES, WyoutcomesError

#: command name → the module of wyoutcomes.cli that defines it, imported when the command is
#: used: so ``wyoutcomes --version`` and ``--help`` of one command load only what they need
COMMANDS = {
    "ambitions": "ambitions",
    "demo": "demo",
    "fetch": "fetch",
    "plans": "plans",
    "ingest": "store",
    "progress": "progress",
    "report": "report",
    "submissions": "store",
    "validate": "validate",
    "verify": "store",
    "withdraw": "store",
}


class _Group(click.Group):
    """A click group that turns our errors into exit codes instead of tracebacks, and imports
    each command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import_module(f"wyoutcomes.cli.{COMMANDS[cmd_name]}")  # registers it on `cli`
        return super().get_command(ctx, cmd_name)

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
@click.version_option(__version__, prog_name="wyoutcomes")
def cli() -> None:
    """Plan definitions, validated indicator data and the quarterly ambition report."""
