"""``wyoutcomes plans``: the plans in a folder (default: the bundled ones) and their lineage.

For each lineage, oldest version first: its id and version, from when to when it is in force,
what it supersedes and who decided it, the ambition crosswalk and the targets it revises, and
the SHA-256 of its files. Output depends only on the plan files.
"""

from __future__ import annotations

import json
from typing import Any

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.definitions import Plan, PlanFamily, load_plans
from wyoutcomes.definitions.lineage import bundled_plans_dir

__all__ = ["describe", "plans", "render_plans"]


def _version(family: PlanFamily, plan: Plan) -> dict[str, Any]:
    until = family.in_force_until(plan)
    return {
        "id": plan.id,
        "version": plan.version,
        "title": plan.title,
        "publisher": plan.publisher,
        "published": plan.published.isoformat(),
        "in_force_from": plan.in_force_from.isoformat(),
        "in_force_until": until.isoformat() if until else None,
        "supersedes": plan.supersedes,
        "decision": None
        if plan.decision is None
        else {
            "body": plan.decision.body,
            "decided_on": plan.decision.decided_on.isoformat()
            if plan.decision.decided_on
            else None,
            "reference": plan.decision.reference,
            "note": plan.decision.note,
        },
        "area": plan.area,
        "ambitions": len(plan.ambitions),
        "targets": len(plan.targets),
        "ambition_crosswalk": [
            {"previous": link.previous, "current": link.current, "note": link.note}
            for link in plan.ambition_crosswalk
        ],
        "revises": [
            {"target": t.id, "revises": t.revises.target, "reason": t.revises.reason}
            for t in plan.targets
            if t.revises is not None
        ],
        "sha256": plan.sha256,
    }


def describe(families: list[PlanFamily]) -> list[dict[str, Any]]:
    """The lineages as plain data (what ``--format json`` prints)."""
    return [{"versions": [_version(f, p) for p in f.versions]} for f in families]


def _table(families: list[PlanFamily]) -> str:
    lines: list[str] = []
    for family in families:
        if lines:
            lines.append("")
        lines.append(f"Lineage of {family.versions[0].id} ({len(family.versions)} version(s))")
        for plan in family.versions:
            row = _version(family, plan)
            until = row["in_force_until"] or "now"
            lines.append("")
            lines.append(
                f"  {plan.id}  v{plan.version}  in force {row['in_force_from']} to {until}"
            )
            lines.append(f"    {plan.title}")
            lines.append(
                f"    {row['ambitions']} ambitions, {row['targets']} targets; area {plan.area}; "
                f"sha256 {(plan.sha256 or '')[:16]}…"
            )
            if plan.supersedes:
                lines.append(f"    supersedes {plan.supersedes}")
            if plan.decision is not None:
                lines.append(f"    decided by {plan.decision.body} ({plan.decision.reference})")
            moved = [
                f"{link.previous}→{link.current if link.current is not None else '–'}"
                for link in plan.ambition_crosswalk
                if link.current != link.previous
            ]
            if moved:
                lines.append(f"    ambitions renumbered: {', '.join(moved)}")
            for revised in row["revises"]:
                lines.append(f"    {revised['target']} revises {revised['revises']}")
    return "\n".join(lines) + "\n"


def render_plans(families: list[PlanFamily], output_format: str) -> str:
    """The lineages as ``table`` or ``json``."""
    if output_format == "json":
        return json.dumps(describe(families), indent=2, ensure_ascii=False) + "\n"
    return _table(families)


@cli.command()
@click.option(
    "--dir",
    "folder",
    metavar="DIR",
    default=None,
    help="A folder of plan folders. Default: the bundled plans.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
)
def plans(folder: str | None, output_format: str) -> None:
    """List the plans and their versions: what supersedes what, and from when.

    A broken lineage exits with code 3 and names the file, key and rule.
    """
    families = load_plans(bundled_plans_dir() if folder is None else folder)
    click.echo(render_plans(families, output_format), nl=False)
