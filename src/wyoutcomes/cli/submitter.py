"""``wyoutcomes indicators`` and ``wyoutcomes template``: what a place may submit, and a file to
fill in. Both read only the plan; the same plan gives the same output."""

from __future__ import annotations

from pathlib import Path

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.cli._options import QuarterType

_plan_option = click.option(
    "--plan",
    "plan_path",
    type=click.Path(exists=True, path_type=Path),
    help="Plan folder; default: the bundled plan.",
)


def _load(plan_path: Path | None) -> object:
    from wyoutcomes.definitions import load_plan

    return load_plan(plan_path)


@cli.command()
@_plan_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
def indicators(plan_path: Path | None, output_format: str) -> None:
    """List the indicator ids a submission may use, with their period and area types.

    \b
    Example:
      wyoutcomes indicators --format csv > indicators.csv
    """
    from wyoutcomes.validation.template import submitter_indicators

    frame = submitter_indicators(_load(plan_path))
    if output_format == "csv":
        click.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
    elif output_format == "json":
        click.echo(frame.to_json(orient="records", indent=1, force_ascii=False))
    else:
        shown = frame[["indicator_id", "period_type", "period_example", "area_types"]]
        click.echo(shown.to_string(index=False))
        click.echo(f"\n{len(frame)} indicators; names and units: --format csv")


@cli.command()
@_plan_option
@click.option("--place", help="The place: code (WYHLDS) or name (Leeds).")
@click.option(
    "--quarter",
    type=QuarterType(),
    help='The quarter the submission is for, e.g. "2024/25 Q2".',
)
@click.option(
    "--example",
    is_flag=True,
    help="Write the worked example submission (three rows with figures) instead.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .xlsx or .csv.",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def template(
    plan_path: Path | None,
    place: str | None,
    quarter: str | None,
    example: bool,
    out: Path,
    force: bool,
) -> None:
    """Write the submission template for one place and quarter (keys filled in, figures empty).

    \b
    Example:
      wyoutcomes template --place Leeds --quarter "Q2 2024/25" --out leeds-2024-25-q2.xlsx
    """
    import pandas as pd

    from wyoutcomes.spreadsheet import write_table
    from wyoutcomes.validation.template import example_submission_path, submission_template

    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise click.UsageError(f"--out {out}: write a .xlsx or .csv file")
    if out.exists() and not force:
        raise click.UsageError(f"{out} exists; pass --force to replace it")
    if not out.parent.is_dir():
        raise click.UsageError(f"{out.parent}: no such folder for the output")
    if example:
        frame = pd.read_csv(example_submission_path(), dtype=str, keep_default_na=False)
        write_table(frame, out)
        click.echo(f"template: wrote the worked example to {out}", err=True)
        return
    if place is None or quarter is None:
        raise click.UsageError("name --place and --quarter (or ask for --example)")
    frame = submission_template(place, quarter, _load(plan_path))
    write_table(frame, out)
    click.echo(
        f"template: wrote {out} ({len(frame)} rows for {quarter}); fill in value, lower_ci and "
        f"upper_ci, then run: wyoutcomes validate {out.name} --place {place!r}",
        err=True,
    )
