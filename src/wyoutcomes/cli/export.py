"""``wyoutcomes export``: the progress table and the current values for Power BI and Excel."""

from __future__ import annotations

from pathlib import Path

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.cli._options import QuarterType
from wyoutcomes.cli._sources import values_source


@cli.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Store folder.")
@click.option(
    "--data",
    "data_file",
    type=click.Path(path_type=Path),
    help="A canonical submission CSV or Parquet file (instead of --store).",
)
@click.option("--plan", "plan_path", type=click.Path(path_type=Path), help="Plan folder.")
@click.option(
    "--quarter", required=True, type=QuarterType(), help='The quarter judged, e.g. "2024/25 Q2".'
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for progress.* and values.*.",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(["xlsx", "csv", "parquet"]),
    multiple=True,
    help="Repeat for several; default: all three.",
)
@click.option(
    "--as-of",
    "as_of",
    help="Data cut-off: only values submitted up to and including this date (the whole day, "
    "UTC) or time count. Default: everything submitted.",
)
@click.option("--area", "areas", multiple=True, help="Only this area code (repeat for several).")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
def export(
    store_dir: Path | None,
    data_file: Path | None,
    plan_path: Path | None,
    quarter: str,
    out_dir: Path,
    formats: tuple[str, ...],
    as_of: str | None,
    areas: tuple[str, ...],
    force: bool,
) -> None:
    """Write the progress table and the current values as xlsx, CSV and Parquet files.

    Both carry area names and each period's start and end dates; text a spreadsheet would run
    as a formula is neutralised.

    \b
    Example:
      wyoutcomes export --store store/ --quarter "2024/25 Q2" --out exports/ --format xlsx
    """
    from wyoutcomes.definitions import load_plan
    from wyoutcomes.exports import EXPORT_FORMATS, export_tables, write_exports

    chosen = list(formats) or list(EXPORT_FORMATS)
    if not force:
        clashes = [
            f"{name}.{fmt}"
            for name in ("progress", "values")
            for fmt in chosen
            if (out_dir / f"{name}.{fmt}").exists()
        ]
        if clashes:
            raise click.UsageError(f"{out_dir} already holds {', '.join(clashes)}; use --force")
    source = values_source(store_dir, data_file)
    plan = load_plan(plan_path)
    from wyoutcomes.cutoff import as_of_moment

    moment = None if as_of is None else as_of_moment(as_of)
    tables = export_tables(plan, source, quarter, areas=list(areas) or None, as_of=moment)
    for path in write_exports(tables, out_dir, chosen):
        click.echo(f"export: wrote {path}", err=True)
