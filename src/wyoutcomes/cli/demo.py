"""`wyoutcomes demo`: the whole product in one command (the README's first command).

Builds a store from the real published figures plus seeded synthetic data, submitted quarter by
quarter with revisions, and renders the quarterly report from it (`wyoutcomes.demo.build_demo`).
"""

from __future__ import annotations

from pathlib import Path

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.cli._options import QuarterType
from wyoutcomes.cli._stages import Stages, progress_option

_STATUS_ORDER = [
    "met",
    "on_track",
    "within_band",
    "improving",
    "no_significant_change",
    "off_track",
    "not_met",
    "outside_band",
    "worsening",
    "insufficient_data",
    "no_data",
]


@cli.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/demo"),
    show_default=True,
    help="Folder for the store and report.html (a previous demo build there is replaced).",
)
@click.option(
    "--quarter",
    type=QuarterType(),
    default="2024/25 Q2",
    show_default=True,
    help='The quarter the report is for, e.g. "2024/25 Q2".',
)
@click.option("--seed", default=2019, show_default=True, help="Seed of the synthetic data.")
@progress_option
def demo(out: Path, quarter: str, seed: int, show_progress: bool | None) -> None:
    """Build a demonstration store and render its quarterly report.

    The store holds the real published figures (examples/data/) and synthetic values for every
    indicator of the bundled plan, marked as demonstration data, submitted quarter by quarter
    with some later revised.
    """
    from wyoutcomes.demo.build import build_demo

    with Stages("demo", show_progress) as stages:
        result = build_demo(out, quarter=quarter, seed=seed, stage=stages.stage)
    click.echo(
        f"Store: {result.store} ({result.submissions} submissions, {result.rows} values; "
        "synthetic values are demonstration data, not real figures)"
    )
    counts = result.progress["status"].value_counts()
    known = [s for s in _STATUS_ORDER if s in counts] + sorted(
        set(counts.index) - set(_STATUS_ORDER)
    )
    summary = ", ".join(f"{counts[s]} {s.replace('_', ' ')}" for s in known)
    click.echo(
        f"Progress as at {result.quarter}: {len(result.progress)} targets × areas: {summary}"
    )
    if result.report is None:
        click.echo("This installation has no report renderer yet; the progress table:")
        columns = ["target_id", "area_code", "latest_period", "status"]
        click.echo(result.progress[columns].to_string(index=False))
    else:
        click.echo(f"Report: {result.report}")
