"""`wyoutcomes report`: the quarterly ambition report as one HTML file (and optionally a PDF).

A thin wrapper over :func:`wyoutcomes.render_report` (docs/report.md).
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.cli._options import QuarterType, pick_quarter
from wyoutcomes.cli._sources import (
    checked_areas,
    chosen_cut_off,
    judging_options,
    values_source,
)
from wyoutcomes.cli._stages import Stages, progress_option
from wyoutcomes.errors import InputFileError, UsageError
from wyoutcomes.report.commentary import CommentaryWarning
from wyoutcomes.store.durable import write_file_atomically


def _check_out(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise click.UsageError(f"{path} exists; pass --force to replace it")
    if not path.parent.is_dir():
        raise click.UsageError(f"{path.parent}: no such folder for the output")


@cli.command()
@judging_options
@click.option(
    "--quarter",
    type=QuarterType(),
    help='The quarter reported on, e.g. "2024/25 Q2" (also "Q2 2024/25", "2024-25 Q2"); '
    "default: the latest complete quarter by the data cut-off.",
)
@click.option("--as-at", "as_at", type=QuarterType(), hidden=True, help="Old name of --quarter.")
@click.option(
    "--compare-to",
    type=QuarterType(),
    help="The quarter for 'what changed' (default: the previous one).",
)
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
@progress_option
def report(
    store_dir: Path | None,
    data_file: Path | None,
    plan_path: str | None,
    plan_version: str | None,
    quarter: str | None,
    as_of: str | None,
    submitted_by: str | None,
    as_at: str | None,
    compare_to: str | None,
    out: Path,
    pdf: Path | None,
    commentary: Path | None,
    generated_on: str | None,
    areas: tuple[str, ...],
    force: bool,
    show_progress: bool | None,
) -> None:
    """Write the quarterly ambition report for a quarter.

    \b
    Example, the Q2 report made on 20 October with what had arrived by then:
      wyoutcomes report --store store/ --quarter "2024/25 Q2" --out q2.html
    """
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
    as_of = chosen_cut_off(as_of, submitted_by)
    quarter = pick_quarter(quarter, as_at, "--as-at")
    with Stages("report", show_progress) as stages:
        stages.stage("reading the plan and the values")
        source = values_source(store_dir, data_file)
        if quarter is None:
            from wyoutcomes.cutoff import cut_off_for
            from wyoutcomes.quarters import latest_complete_quarter

            rule = cut_off_for(source, as_of)
            if rule.moment is None:
                raise click.UsageError('name the quarter: --quarter "2024/25 Q2"')
            quarter = latest_complete_quarter(rule.moment.date()).label
            click.echo(
                f"report: quarter {quarter}, the latest complete by the cut-off ({rule.text})",
                err=True,
            )
        plan = judging_plan(plan_path, plan_version)
        stages.stage("judging progress and rendering the report")
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
                as_of=as_of,
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

            stages.stage("writing the PDF")
            # laying out a long report takes a while: say so before, and what came out after
            click.echo(f"report: printing the PDF to {pdf} (WeasyPrint; a minute or so)…", err=True)
            try:
                pages = write_pdf(html, pdf, Period.parse(quarter).end)
            except OSError as exc:
                raise UsageError(f"--pdf {pdf}: cannot be written ({exc.strerror or exc})") from exc
            click.echo(f"report: wrote {pdf} ({pages} pages)", err=True)
