"""``wyoutcomes validate FILE``: check a submission and write its report and failure extract.

Exit codes: 0 accepted (warnings allowed), 1 rejected, 2 usage, 3 a bad ``--plan``, 4 the
file cannot be read as a table at all (missing, empty, not a table, corrupt, not UTF-8).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.cli._stages import Stages, progress_option
from wyoutcomes.errors import EXIT_CODES, UsageError

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan
from wyoutcomes.validation.extract import EXTRACT_FILES, write_extract

#: file-level rules meaning "this is not a readable table" (exit 4, not 1)
UNREADABLE_RULES = frozenset(
    {"file-unreadable", "file-empty", "file-not-a-table", "file-corrupt", "encoding-not-utf8"}
)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(exists=True, path_type=Path),
    help="Plan folder (plan.yaml + ambition files); default: the bundled plan.",
)
@click.option(
    "--no-plan",
    is_flag=True,
    help="Run only the rules that need no plan (columns, types, numbers, CIs, duplicates).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Report form written to stdout.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for report.json, report.html and the complete failure extract "
    "(failures.csv, failures.parquet). Existing files are not overwritten without --force.",
)
@click.option("--force", is_flag=True, help="Overwrite existing files in --out.")
@click.option(
    "--place",
    help="Your place (code such as WYHLDS, name such as Leeds, or a GSS code carrying it): "
    "coverage then expects rows for this place only.",
)
@click.option(
    "--only-plan-indicators",
    is_flag=True,
    help="For a Fingertips profile export: keep the rows of the plan's indicators and list the "
    "others as skipped (default: they are unknown-indicator errors).",
)
@click.option("--sheet", help="The sheet of an .xlsx workbook to read (default: the first).")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date a period must have ended by (default: today). Fix it for a reproducible report.",
)
@progress_option
def validate(
    file: Path,
    plan_path: Path | None,
    no_plan: bool,
    output_format: str,
    out_dir: Path | None,
    force: bool,
    place: str | None,
    only_plan_indicators: bool,
    sheet: str | None,
    as_of: datetime | None,
    show_progress: bool | None,
) -> None:
    """Validate the submission FILE (CSV, Excel .xlsx, Parquet or a Fingertips export).

    \b
    Example, a place checking its own file before sending it:
      wyoutcomes validate leeds-2024-25-q2.xlsx --place Leeds --out checked/
    """
    from wyoutcomes.validation.engine import validate as run_validation

    plan: Plan | None = None
    if plan_path is not None and no_plan:
        raise click.UsageError("--plan and --no-plan exclude each other")
    if plan_path is not None:
        from wyoutcomes.definitions import load_plan

        plan = load_plan(plan_path)
    if out_dir is not None and not force:
        clashes = [name for name in EXTRACT_FILES if (out_dir / name).exists()]
        if clashes:
            raise click.UsageError(
                f"{out_dir} already holds {', '.join(clashes)}; use --force to overwrite"
            )
    day = as_of.date() if as_of is not None else date.today()
    places = None
    if place is not None:
        from wyoutcomes.geography.resolve import resolve_place

        places = (resolve_place(place).code,)
    with Stages("validate", show_progress) as stages:
        source: object = file
        if only_plan_indicators:
            from wyoutcomes.cli._sources import plan_rows_of_fingertips
            from wyoutcomes.validation.readers import submission_from_frame

            stages.stage("reading the Fingertips export")
            source = submission_from_frame(plan_rows_of_fingertips(file, plan), str(file))
        report = run_validation(
            source,
            plan,
            plan_rules=not no_plan,
            as_of=day,
            progress=stages.rows,
            expected_places=places,
            sheet=sheet,
        )
        if out_dir is not None:
            stages.rows("writing the failure extract", report.rows)
            try:
                write_extract(report, out_dir)
            except OSError as exc:  # a full or read-only disk: the option's target, exit 2
                raise UsageError(
                    f"--out {out_dir}: cannot be written ({exc.strerror or exc})"
                ) from exc
    if output_format == "json":
        click.echo(report.to_json(), nl=False)
    elif output_format == "html":
        click.echo(report.to_html(), nl=False)
    else:
        extract = str(out_dir) if out_dir is not None else None
        click.echo(report.to_text(extract=extract), nl=False)
    codes = set(report.failures["rule"].astype(str))
    ctx = click.get_current_context()
    if codes & UNREADABLE_RULES:
        ctx.exit(EXIT_CODES["input"])
    ctx.exit(EXIT_CODES["ok"] if report.ok else EXIT_CODES["rejected"])
