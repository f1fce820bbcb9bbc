"""`wyoutcomes report`: the quarterly ambition report as one HTML file (and optionally a PDF).

A thin wrapper over :func:`wyoutcomes.render_report` (docs/report.md).
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.cli._sources import checked_areas, values_source
from wyoutcomes.errors import InputFileError, UsageError
from wyoutcomes.report.commentary import CommentaryWarning
from wyoutcomes.store.durable import write_file_atomically


def _check_out(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise click.UsageError(f"{path} exists; pass --force to replace it")
    if not path.parent.is_dir():
        raise click.UsageError(f"{path.parent}: no such folder for the output")


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
@click.option("--quarter", required=True, help='The quarter reported on, e.g. "2024/25 Q2".')
@click.option("--compare-to", help="The quarter for 'what changed' (default: the previous one).")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="HTML file.")
@click.option("--pdf", "pdf", type=click.Path(path_type=Path), help="Also write this PDF file.")
@click.option(
    "--commentary",
    type=click.Path(path_type=Path),
    help="YAML commentary keyed by ambition number (docs/report.md).",
)
@click.option("--generated-on", help="A date printed on the report (YYYY-MM-DD); no clock is read.")
@click.option("--area", "areas", multiple=True, help="Only this area code (repeat for several).")
@click.option("--force", is_flag=True, help="Replace output files that already exist.")
def report(
    store_dir: Path | None,
    data_file: Path | None,
    plan_path: str | None,
    plan_version: str | None,
    quarter: str,
    compare_to: str | None,
    out: Path,
    pdf: Path | None,
    commentary: Path | None,
    generated_on: str | None,
    areas: tuple[str, ...],
    force: bool,
) -> None:
    """Write the quarterly ambition report for a quarter."""
    from wyoutcomes.cli.ambitions import judging_plan
    from wyoutcomes.report import render_report

    if (store_dir is None) == (data_file is None):  # before any other check, as progress does
        raise click.UsageError("give exactly one of --store DIR or --data FILE")
    if generated_on is not None:
        try:
            generated_on = date.fromisoformat(generated_on).isoformat()
        except ValueError as exc:
            raise click.UsageError(f"--generated-on {generated_on!r}: use YYYY-MM-DD") from exc
    _check_out(out, force)
    if pdf is not None:
        _check_out(pdf, force)
        from wyoutcomes.report.pdf import weasyprint_missing

        missing = weasyprint_missing()
        if missing:
            raise click.UsageError(f"--pdf: {missing}")
    if commentary is not None and not commentary.is_file():
        raise InputFileError(f"{commentary}: no such commentary file")
    source = values_source(store_dir, data_file)
    plan = judging_plan(plan_path, plan_version)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CommentaryWarning)
        html = render_report(
            plan,
            source,
            quarter,
            commentary=commentary,
            compare_to=compare_to,
            areas=checked_areas(areas),
            generated_on=generated_on,
        )
    for warning in caught:  # commentary the report cannot show is said, not dropped
        if issubclass(warning.category, CommentaryWarning):
            click.echo(f"warning: {warning.message}", err=True)
        else:  # any other warning goes on as it would have
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    try:  # whole or not at all: a full disk leaves no half-written page behind
        write_file_atomically(out, html.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot be written ({exc.strerror or exc})") from exc
    click.echo(f"report: wrote {out} ({len(html.encode('utf-8')) / 1024:.0f} KB)", err=True)
    if pdf is not None:
        from wyoutcomes.periods import Period
        from wyoutcomes.report.pdf import write_pdf

        # laying out a long report takes a while: say so before, and what came out after
        click.echo(f"report: printing the PDF to {pdf} (WeasyPrint; a minute or so)…", err=True)
        try:
            pages = write_pdf(html, pdf, Period.parse(quarter).end)
        except OSError as exc:
            raise UsageError(f"--pdf {pdf}: cannot be written ({exc.strerror or exc})") from exc
        click.echo(f"report: wrote {pdf} ({pages} pages)", err=True)
