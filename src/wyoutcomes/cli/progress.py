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
from wyoutcomes.cli._options import QuarterType, pick_quarter
from wyoutcomes.cli._sources import (
    checked_areas,
    chosen_cut_off,
    judging_options,
    values_source,
)

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
@judging_options
@click.option(
    "--quarter",
    type=QuarterType(),
    help='The quarter judged, e.g. "2024/25 Q2" (also "Q2 2024/25", "2024-25 Q2").',
)
@click.option("--as-at", "as_at", type=QuarterType(), hidden=True, help="Old name of --quarter.")
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
    quarter: str | None,
    as_at: str | None,
    as_of: str | None,
    submitted_by: str | None,
    areas: tuple[str, ...],
    fmt: str,
) -> None:
    """Where every target of the plan stands in a quarter.

    \b
    Example:
      wyoutcomes progress --store store/ --quarter "2024/25 Q2" --as-of 2024-10-20
    """
    from wyoutcomes.cli.ambitions import judging_plan
    from wyoutcomes.cutoff import cut_off_for
    from wyoutcomes.progress import progress_frame
    from wyoutcomes.quarters import latest_complete_quarter

    cut_off = chosen_cut_off(as_of, submitted_by)
    source = values_source(store_dir, data_file)
    rule = cut_off_for(source, cut_off)
    as_at = pick_quarter(quarter, as_at, "--as-at")
    if as_at is None:
        if rule.moment is None:
            raise click.UsageError('name the quarter judged: --quarter "2024/25 Q2"')
        as_at = latest_complete_quarter(rule.moment.date()).label
        click.echo(
            f"progress: quarter {as_at}, the latest complete by the cut-off ({rule.text})",
            err=True,
        )
    plan = judging_plan(plan_path, plan_version)
    frame = progress_frame(plan, source, as_at, areas=checked_areas(areas), as_of=rule.moment)
    if fmt == "json":
        click.echo(_to_json(frame, as_at))
    elif fmt == "csv":
        click.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        click.echo(_to_table(frame))
