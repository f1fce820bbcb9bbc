"""`wyoutcomes progress`: where every target stands as at a quarter (docs/progress.md).

A thin wrapper over `wyoutcomes.progress.progress_frame`; results go to stdout, one document.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import click
import pandas as pd

from wyoutcomes.cli._base import cli
from wyoutcomes.cli._sources import checked_areas, values_source

_TABLE_COLUMNS = [
    "target_id",
    "area_code",
    "latest_period",
    "latest_value",
    "expected_value",
    "target_value",
    "deadline",
    "status",
    "qualifier",
]


def _json_value(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _to_json(frame: pd.DataFrame, as_at: str) -> str:
    rows = [
        {column: _json_value(value) for column, value in record.items()}
        for record in frame.to_dict(orient="records")
    ]
    document = {"schema_version": 1, "as_at": as_at, "rows": rows}
    return json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2)


def _to_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "no targets in scope"
    shown = frame[_TABLE_COLUMNS].copy()
    for column in ("latest_value", "expected_value", "target_value"):
        shown[column] = [
            "" if not math.isfinite(v) else f"{v:,.{int(d) if d is not pd.NA else 2}f}"
            for v, d in zip(frame[column], frame["decimals"], strict=True)
        ]
    shown = shown.fillna("").astype(str)
    counts = frame["status"].value_counts()
    tally = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    return f"{shown.to_string(index=False)}\n\n{len(frame)} rows: {tally}"


@cli.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Store folder.")
@click.option(
    "--data",
    "data_file",
    type=click.Path(path_type=Path),
    help="A canonical submission CSV or Parquet file (instead of --store).",
)
@click.option(
    "--plan",
    "plan_path",
    metavar="PATH|ID",
    help="Plan folder or bundled plan id; its lineage is read from the folders beside it. "
    "Default: the bundled plans, each quarter judged against the version in force then.",
)
@click.option(
    "--version",
    "plan_version",
    metavar="VERSION",
    help="Judge against this version of the lineage (its version text or plan id), whatever "
    "the quarter.",
)
@click.option("--as-at", "as_at", required=True, help='As-at period, e.g. "2024/25 Q2".')
@click.option(
    "--submitted-by",
    help="Count only values submitted by this date (default: the as-at period's last day).",
)
@click.option("--area", "areas", multiple=True, help="Only this area code (repeat for several).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def progress(
    store_dir: Path | None,
    data_file: Path | None,
    plan_path: str | None,
    plan_version: str | None,
    as_at: str,
    submitted_by: str | None,
    areas: tuple[str, ...],
    fmt: str,
) -> None:
    """Where every target of the plan stands as at a quarter."""
    from wyoutcomes.cli.ambitions import judging_plan
    from wyoutcomes.progress import progress_frame

    source = values_source(store_dir, data_file)
    plan = judging_plan(plan_path, plan_version)
    frame = progress_frame(plan, source, as_at, areas=checked_areas(areas), as_of=submitted_by)
    if fmt == "json":
        click.echo(_to_json(frame, as_at))
    elif fmt == "csv":
        click.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        click.echo(_to_table(frame))
