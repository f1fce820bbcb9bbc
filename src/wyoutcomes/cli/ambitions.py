"""``wyoutcomes ambitions``: list a plan's ambitions and targets.

One row per target and area of its scope (``Plan.to_frame``), as a table for the terminal, or
as JSON or CSV for other programs. Output depends only on the plan files, so the same plan gives
the same bytes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import click
import pandas as pd

from wyoutcomes.cli._base import cli
from wyoutcomes.definitions import Plan, PlanFamily, bundled_family, family_of, load_plan
from wyoutcomes.definitions.lineage import bundled_plans_dir
from wyoutcomes.errors import DefinitionError

__all__ = ["ambitions", "choose_plan", "judging_plan", "render"]

_FORMATS = ("table", "json", "csv")


def _plain(value: Any) -> Any:
    """A frame cell as a JSON value (NaN and None become null)."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):  # a numpy scalar
        return _plain(value.item())
    return value


def _json(plan: Plan, frame: pd.DataFrame) -> str:
    document = {
        "plan": {
            "id": plan.id,
            "title": plan.title,
            "publisher": plan.publisher,
            "published": plan.published.isoformat(),
            "version": plan.version,
            "places": list(plan.places),
            "supersedes": plan.supersedes,
            "in_force_from": plan.in_force_from.isoformat(),
            "sha256": plan.sha256,
        },
        "ambitions": [
            {"number": a.number, "slug": a.slug, "title": a.title} for a in plan.ambitions
        ],
        "targets": [
            {column: _plain(value) for column, value in row.items()}
            for row in frame.to_dict(orient="records")
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _scope_text(group: pd.DataFrame) -> str:
    codes = [c for c in group["area_code"].tolist() if isinstance(c, str)]
    scope = str(group["scope"].iloc[0])
    if not codes:
        return f"{scope} (areas not named)"
    if len(codes) > 2:
        return f"{scope} ({len(codes)} areas)"
    return f"{scope} {', '.join(codes)}"


def _baseline_text(group: pd.DataFrame) -> str:
    period = group["baseline_period"].iloc[0]
    values = group["baseline_value"].dropna()
    if not isinstance(period, str):
        return "baseline from data"
    if values.empty:
        return f"baseline {period} (from data)"
    if len(values) == 1:
        return f"baseline {period}: {values.iloc[0]:g}"
    return f"baseline {period}: by area"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(plan: Plan, frame: pd.DataFrame) -> str:
    """Three lines per target (aim and deadline; indicator; baseline and scope), under 100
    characters wide."""
    lines = [
        _clip(plan.title, 99),
        _clip(f"{plan.publisher}, {plan.published.isoformat()} (v{plan.version})", 99),
    ]
    if plan.supersedes is not None:
        lines.append(
            _clip(
                f"Supersedes {plan.supersedes}; in force from {plan.in_force_from.isoformat()}", 99
            )
        )
    for ambition in plan.ambitions:
        lines += ["", _clip(f"{ambition.number}. {ambition.title}", 99)]
        rows = frame[frame["ambition"] == ambition.number]
        for target_id in dict.fromkeys(rows["target_id"]):
            group = rows[rows["target_id"] == target_id]
            first = group.iloc[0]
            head = (
                f"   {_clip(str(target_id), 46):<46} {first['aim']:<22} by {first['deadline']:<9}"
            )
            if first["sex"] != "Persons":
                head += f" {first['sex']}"
            measure = f"      {first['indicator_id']} ({first['unit']})"
            where = f"      {_baseline_text(group)} · {_scope_text(group)}"
            lines += [_clip(head.rstrip(), 99), _clip(measure, 99), _clip(where, 99)]
    n_targets = frame["target_id"].nunique()
    lines += ["", f"{len(plan.ambitions)} ambitions, {n_targets} targets, {len(frame)} rows."]
    return "\n".join(lines) + "\n"


def render(plan: Plan, output_format: str) -> str:
    """The plan listing in ``output_format`` (table, json or csv)."""
    frame = plan.to_frame()
    if output_format == "json":
        return _json(plan, frame)
    if output_format == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    return _table(plan, frame)


def choose_plan(plan: str | None, version: str | None) -> Plan:
    """The plan ``--plan`` and ``--version`` name.

    ``plan`` is a plan folder, or the id of a bundled plan (``wyh-2019``, ``wy-2023``), or None
    for the bundled 2019 plan; ``version`` picks another version of the same lineage (its
    ``version`` text or plan id), read from the plan folders beside it.

    >>> choose_plan(None, "2024").id
    'wy-2023'
    >>> choose_plan("wy-2023", "2019.1").id
    'wyh-2019'
    """
    if plan is not None and not Path(plan).exists():
        bundled = bundled_plans_dir() / plan
        if "/" in plan or "\\" in plan or not (bundled / "plan.yaml").is_file():
            raise DefinitionError(
                f"{plan}: no such plan folder, and no bundled plan has that id (bundled: "
                f"{', '.join(p.id for p in bundled_family().versions)})"
            )
        plan = str(bundled)
    if version is None:
        return load_plan(plan)
    family = bundled_family() if plan is None else family_of(plan)
    return family.version(version)


def judging_plan(plan: str | None, version: str | None) -> Plan | PlanFamily:
    """What ``progress`` and ``report`` judge with: one version when ``--version`` names it
    (every quarter against that version), otherwise the plan's lineage (each quarter against the
    version in force at its end), read from the plan folders beside ``--plan`` (default: the
    bundled plans). A lineage of one version is that plan.

    >>> judging_plan(None, None).latest.id
    'wy-2023'
    >>> judging_plan(None, "2019.1").id
    'wyh-2019'
    """
    if version is not None:
        return choose_plan(plan, version)
    if plan is None:
        return bundled_family()
    folder = Path(plan) if Path(plan).exists() else bundled_plans_dir() / plan
    if not folder.exists():
        choose_plan(plan, None)  # raises the error naming the bundled plans
    family = family_of(folder)
    return family.versions[0] if len(family.versions) == 1 else family


@cli.command()
@click.option(
    "--plan",
    "plan_path",
    metavar="PATH|ID",
    default=None,
    help="Plan folder (plan.yaml + one YAML per ambition), or a bundled plan's id "
    "(wyh-2019, wy-2023). Default: the bundled WY&H 2019 plan.",
)
@click.option(
    "--version",
    "plan_version",
    metavar="VERSION",
    default=None,
    help="Another version of the plan's lineage: its version text or plan id (e.g. 2024).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(_FORMATS),
    default="table",
    show_default=True,
    help="table for reading; json or csv (one row per target and area) for programs.",
)
def ambitions(plan_path: str | None, plan_version: str | None, output_format: str) -> None:
    """List the plan's ambitions and their targets.

    A malformed plan exits with code 3 and one line per problem naming the file and key.
    """
    plan = choose_plan(plan_path, plan_version)
    click.echo(render(plan, output_format), nl=False)
