"""``wyoutcomes ingest | withdraw | submissions | verify``: the store from the command line.

Exit codes (docs/cli.md): 0 stored (all rows, or the valid rows under ``--accept-valid-rows``,
or a duplicate that needed storing nothing), 1 rejected (nothing stored; the original, the
quarantined rows and the failures are kept), 2 usage, 3 a bad ``--plan``, 4 the file cannot be
read as a table, 5 the store cannot be opened or written, 6 ``verify`` found problems.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wyoutcomes.cli._base import cli
from wyoutcomes.cli.validate import UNREADABLE_RULES  # exit 4 means the same for both
from wyoutcomes.errors import EXIT_CODES

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan
from wyoutcomes.store import Store, Submission

_store_option = click.option(
    "--store",
    "store_path",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The store folder.",
)


def _describe(record: Submission) -> str:
    head = f"submission {record.submission_id} by {record.submitter}: {record.outcome}"
    if record.outcome == "duplicate":
        return f"{head} (byte-identical to {record.duplicate_of}; nothing new stored)"
    parts = [f"{record.accepted:,} of {record.rows:,} row(s) stored"]
    if record.quarantined:
        parts.append(f"{record.quarantined:,} quarantined")
    if record.warnings:
        parts.append(f"{record.warnings:,} warning(s)")
    if record.rules:
        parts.append("rules: " + ", ".join(record.rules))
    return f"{head} — " + "; ".join(parts)


def _plan(plan_path: Path | None, no_plan: bool) -> Plan | None:
    if plan_path is not None and no_plan:
        raise click.UsageError("--plan and --no-plan exclude each other")
    if plan_path is not None:
        from wyoutcomes.definitions import load_plan

        return load_plan(plan_path)
    return None


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_store_option
@click.option("--submitter", required=True, help="Who submits (a person, team or place).")
@click.option(
    "--accept-valid-rows",
    is_flag=True,
    help="Store the valid rows and quarantine the rest (default: reject the whole file).",
)
@click.option("--source", help="Where the file came from (e.g. a portal or an email).")
@click.option("--note", help="A note kept with the submission record.")
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(exists=True, path_type=Path),
    help="Plan folder to validate against; default: the bundled plan.",
)
@click.option("--no-plan", is_flag=True, help="Validate only with the rules that need no plan.")
@click.option(
    "--submitted-at",
    help="The submission time (ISO 8601, UTC unless it says otherwise); default: now.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the submission record as JSON.")
def ingest(
    file: Path,
    store_path: Path,
    submitter: str,
    accept_valid_rows: bool,
    source: str | None,
    note: str | None,
    plan_path: Path | None,
    no_plan: bool,
    submitted_at: str | None,
    as_json: bool,
) -> None:
    """Validate FILE and add it to the store (created if the folder is new or empty)."""
    plan = _plan(plan_path, no_plan)
    record = Store(store_path).ingest(
        file,
        submitter=submitter,
        source=source,
        note=note,
        plan=plan,
        plan_rules=not no_plan,
        accept_valid_rows=accept_valid_rows,
        submitted_at=submitted_at,
    )
    click.echo(record.to_json() if as_json else _describe(record), nl=not as_json)
    ctx = click.get_current_context()
    if record.outcome == "rejected":
        if not as_json:
            click.echo(
                f"the original, the failures and any quarantined rows are kept in "
                f"{store_path}/submissions/{record.submission_id}; "
                f"run `wyoutcomes validate {file}` for the full report",
                err=True,
            )
        unreadable = UNREADABLE_RULES.intersection(record.rules)
        ctx.exit(EXIT_CODES["input"] if unreadable else EXIT_CODES["rejected"])
    ctx.exit(EXIT_CODES["ok"])


@cli.command()
@click.argument("keys_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_store_option
@click.option("--submitter", required=True, help="Who withdraws the values.")
@click.option("--reason", required=True, help="Why: kept as the withdrawn rows' value_note.")
@click.option("--submitted-at", help="The withdrawal time (ISO 8601); default: now.")
def withdraw(
    keys_file: Path, store_path: Path, submitter: str, reason: str, submitted_at: str | None
) -> None:
    """Withdraw the published values whose keys are listed in KEYS_FILE (CSV or Parquet)."""
    record = Store(store_path, create=False).withdraw(
        keys_file, submitter=submitter, reason=reason, submitted_at=submitted_at
    )
    click.echo(f"submission {record.submission_id}: {record.rows:,} value(s) withdrawn")


@cli.command()
@_store_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
)
def submissions(store_path: Path, output_format: str) -> None:
    """List the submissions of a store, oldest first."""
    frame = Store(store_path, create=False).submissions()
    if output_format == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
        return
    if output_format == "json":
        records = json.loads(frame.to_json(orient="records", date_format="iso"))
        click.echo(json.dumps(records, indent=1, ensure_ascii=False))
        return
    if frame.empty:
        click.echo(f"store {store_path}: no submissions yet")
        return
    shown = frame[
        [
            "submission_id",
            "submitted_at",
            "submitter",
            "kind",
            "outcome",
            "rows",
            "accepted",
            "quarantined",
            "file_name",
        ]
    ].copy()
    shown["submitted_at"] = shown["submitted_at"].dt.strftime("%Y-%m-%d %H:%M:%S")
    click.echo(shown.to_string(index=False))


@cli.command()
@_store_option
def verify(store_path: Path) -> None:
    """Check every file of a store against the sizes and sha256 recorded when it was written."""
    report = Store(store_path, create=False).verify()
    click.echo(report.summary())
    ctx = click.get_current_context()
    ctx.exit(EXIT_CODES["ok"] if report.ok else EXIT_CODES["integrity"])
