"""Options several commands share, spelled once: ``--quarter`` (and its old hidden aliases).

Every command that takes a quarter calls it ``--quarter`` and reads it with
:func:`wyoutcomes.quarters.parse_quarter`, so "Q2 2024/25" works wherever "2024/25 Q2" does.
"""

from __future__ import annotations

from typing import Any

import click

__all__ = ["QuarterType", "pick_quarter"]


class QuarterType(click.ParamType):
    """A quarter as people type it; the value is the canonical label ("2024/25 Q2")."""

    name = "quarter"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from wyoutcomes.quarters import parse_quarter

        # a PeriodError goes up to the group's handler: exit 3 like every bad period label
        return parse_quarter(value).label


def pick_quarter(quarter: str | None, alias: str | None, alias_name: str) -> str | None:
    """The one quarter given as ``--quarter`` or as an old alias (not both, unless equal)."""
    if quarter is not None and alias is not None and quarter != alias:
        raise click.UsageError(f"--quarter {quarter!r} and {alias_name} {alias!r} disagree")
    return quarter if quarter is not None else alias
