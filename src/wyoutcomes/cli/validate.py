"""``wyoutcomes validate FILE``: check a submission and write its report and failure extract.

Exit codes: 0 accepted (warnings allowed), 1 rejected, 2 usage, 3 a bad ``--plan``, 4 the
file cannot be read as a table at all (missing, empty, not a table, corrupt, not UTF-8).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.errors import EXIT_CODES, UsageError

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan
from wyoutcomes.validation.extract import EXTRACT_FILES, write_extract

#: file-level rules meaning "this is not a readable table" (exit 4, not 1)
UNREADABLE_RULES = frozenset(
    {"file-unreadable", "file-empty", "file-not-a-table", "file-corrupt", "encoding-not-utf8"}
)
#: a progress line is worth printing only for big files
PROGRESS_ROWS = 1_000_000


def _progress(stage: str, rows: int) -> None:
    if rows > PROGRESS_ROWS and sys.stderr.isatty():
        click.echo(f"validate: {stage} ({rows:,} rows)", err=True)


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
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date a period must have ended by (default: today). Fix it for a reproducible report.",
)
def validate(
    file: Path,
    plan_path: Path | None,
    no_plan: bool,
    output_format: str,
    out_dir: Path | None,
    force: bool,
    as_of: datetime | None,
) -> None:
    """Validate the submission FILE (CSV, Parquet or a Fingertips export)."""
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
    report = run_validation(file, plan, plan_rules=not no_plan, as_of=day, progress=_progress)
    if out_dir is not None:
        _progress("writing the failure extract", report.rows)
        try:
            write_extract(report, out_dir)
        except OSError as exc:  # a full or read-only disk: the option's target, exit 2
            raise UsageError(f"--out {out_dir}: cannot be written ({exc.strerror or exc})") from exc
    if output_format == "json":
        click.echo(report.to_json(), nl=False)
    elif output_format == "html":
        click.echo(report.to_html(), nl=False)
    else:
        click.echo(report.to_text(), nl=False)
    codes = set(report.failures["rule"].astype(str))
    ctx = click.get_current_context()
    if codes & UNREADABLE_RULES:
        ctx.exit(EXIT_CODES["input"])
    ctx.exit(EXIT_CODES["ok"] if report.ok else EXIT_CODES["rejected"])
