"""``wyoutcomes fetch fingertips``: the plan's published data into a store, cached.

Exit codes (docs/cli.md): 0 every response read (each one's rows stored, quarantined or
rejected as its submission record says), 2 usage, 3 a bad ``--plan``, 4 a response (or the
cache) is not the documented CSV, 5 the store cannot be written, 7 Fingertips cannot be reached
or an ``--offline`` run finds no cached response.
"""

from __future__ import annotations

from pathlib import Path

import click

from wyoutcomes.cli._base import cli


@cli.group()
def fetch() -> None:
    """Fetch published indicator data into a store."""


@fetch.command()
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(exists=True, path_type=Path),
    help="Plan folder whose indicators to fetch; default: the bundled plan.",
)
@click.option(
    "--store",
    "store_path",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The store folder (created if new or empty).",
)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(file_okay=False, path_type=Path),
    help="The response cache folder; default: <store>-fingertips-cache beside the store.",
)
@click.option("--offline", is_flag=True, help="Read the cache only; make no request.")
@click.option(
    "--until",
    help="With --offline: use the vintages retrieved at or before this time (ISO 8601, UTC).",
)
@click.option(
    "--as-retrieved",
    is_flag=True,
    help="Give each submission its response's retrieval time instead of now (to rebuild a "
    "store from the cache that reads as of any moment as the original did).",
)
@click.option(
    "--base-url",
    default=None,
    help="The API root (default: https://fingertips.phe.org.uk/api), e.g. a mirror.",
)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True)
@click.option(
    "--attempts",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Attempts per request (retried on 5xx, timeouts and lost connections).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=8),
    default=4,
    show_default=True,
    help="Requests in flight at once (kept low: the service is shared).",
)
@click.option(
    "--reject-file",
    is_flag=True,
    help="Reject a response whole when any row fails validation (default: store the valid "
    "rows and quarantine the rest).",
)
def fingertips(
    plan_path: Path | None,
    store_path: Path,
    cache_path: Path | None,
    offline: bool,
    until: str | None,
    as_retrieved: bool,
    base_url: str | None,
    timeout: float,
    attempts: int,
    concurrency: int,
    reject_file: bool,
) -> None:
    """Fetch every plan indicator with a fingertips_id from OHID Fingertips into the store."""
    from wyoutcomes.definitions import load_plan
    from wyoutcomes.fetch import DEFAULT_BASE_URL, RetryPolicy, fetch_fingertips
    from wyoutcomes.fetch.fingertips import stderr_progress

    if until is not None and not offline:
        raise click.UsageError("--until picks cached vintages: use it with --offline")
    plan = load_plan(plan_path)
    result = fetch_fingertips(
        plan,
        store_path,
        cache=cache_path,
        offline=offline,
        until=until,
        base_url=base_url or DEFAULT_BASE_URL,
        policy=RetryPolicy(attempts=attempts, timeout=timeout),
        concurrency=concurrency,
        progress=stderr_progress,
        accept_valid_rows=not reject_file,
        as_retrieved=as_retrieved,
    )
    for o in result.responses:
        record = o.submission
        what = (
            f"submission {record.submission_id}: {record.outcome}, {record.accepted:,} stored"
            + (f", {record.quarantined:,} quarantined" if record.quarantined else "")
            if record
            else "nothing in the plan's scope"
        )
        skipped = ", ".join(f"{n:,} {reason}" for reason, n in sorted(o.skipped.items()) if n)
        click.echo(
            f"{o.request.indicator_id} (Fingertips {o.request.fingertips_id}, area type "
            f"{o.request.child_area_type_id}) retrieved {o.vintage.retrieved_at}: "
            f"{o.kept:,} of {o.rows:,} row(s) in scope — {what}"
            + (f"; skipped: {skipped}" if skipped else "")
        )
    for indicator, area_type in result.unmapped:
        click.echo(f"{indicator}: area type {area_type} is not published by Fingertips")
    source = "cache" if offline else "Fingertips"
    click.echo(f"{len(result.responses)} response(s) from {source}; cache {result.cache}", err=True)
