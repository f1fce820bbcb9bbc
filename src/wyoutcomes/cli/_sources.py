"""Where the progress and report commands read values from: a store folder or one data file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click
import pandas as pd

from wyoutcomes.contract import read_values_file
from wyoutcomes.errors import InputFileError, StoreError

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan


_Command = TypeVar("_Command", bound=Callable[..., object])

# the options every judging command (progress, report) shares, declared once so they stay alike
_JUDGING_OPTIONS = (
    click.option("--store", "store_dir", type=click.Path(path_type=Path), help="Store folder."),
    click.option(
        "--data",
        "data_file",
        type=click.Path(path_type=Path),
        help="A canonical submission CSV or Parquet file (instead of --store).",
    ),
    click.option(
        "--plan",
        "plan_path",
        metavar="PATH|ID",
        help="Plan folder or bundled plan id; its lineage is read from the folders beside it. "
        "Default: the bundled plans, each quarter judged against the version in force then.",
    ),
    click.option(
        "--version",
        "plan_version",
        metavar="VERSION",
        help="Judge against this version of the lineage (its version text or plan id), whatever "
        "the quarter.",
    ),
    click.option(
        "--as-of",
        "as_of",
        help="Data cut-off: count only values submitted up to and including this date (the whole "
        "day, UTC) or time. Default: everything submitted (the latest submission in the store).",
    ),
    click.option("--submitted-by", hidden=True, help="Old name of --as-of."),
)


def judging_options(command: _Command) -> _Command:
    """--store/--data, --plan/--version and --as-of (and its old name --submitted-by)."""
    for option in reversed(_JUDGING_OPTIONS):
        command = option(command)
    return command


def chosen_cut_off(as_of: str | None, submitted_by: str | None) -> str | None:
    """The cut-off given by --as-of or its old name; both, disagreeing, is a usage error."""
    if as_of is not None and submitted_by is not None and as_of != submitted_by:
        raise click.UsageError(f"--as-of {as_of!r} and --submitted-by {submitted_by!r} disagree")
    return as_of or submitted_by


def read_values(path: Path) -> pd.DataFrame:
    """A canonical CSV or Parquet file as a frame (the contract's one file reader)."""
    return read_values_file(path)


def values_source(store_dir: Path | None, data_file: Path | None) -> object:
    """The one source a command was given: an opened store, or a data file's frame."""
    if (store_dir is None) == (data_file is None):
        raise click.UsageError("give exactly one of --store DIR or --data FILE")
    if data_file is not None:
        if not data_file.is_file():
            raise InputFileError(f"{data_file}: no such file")
        return read_values(data_file)
    assert store_dir is not None  # narrowed by the check above
    if not store_dir.is_dir():  # opening would create an empty store: say so instead
        raise StoreError(f"{store_dir}: no such store folder")
    from wyoutcomes.store import Store

    return Store(store_dir, create=False)


def plan_rows_of_fingertips(path: Path, plan: Plan | None) -> pd.DataFrame:
    """A Fingertips export's rows for the plan's indicators; the rest are named on stderr."""
    from wyoutcomes.validation import read_fingertips

    frame = read_fingertips(path, plan, only_plan_indicators=True)
    skipped: dict[str, int] = frame.attrs.pop("skipped", {})
    if skipped:
        listed = ", ".join(f"{key} ({rows:,} rows)" for key, rows in skipped.items())
        click.echo(
            f"{path.name}: kept {len(frame):,} rows of the plan's indicators; skipped "
            f"{sum(skipped.values()):,} rows of indicators outside the plan: {listed}",
            err=True,
        )
    return frame


def checked_areas(codes: tuple[str, ...]) -> list[str] | None:
    """The ``--area`` codes, each looked up in the bundled area table (None when none given).

    An unknown code is an :class:`~wyoutcomes.errors.AreaError` (exit 3) naming it, rather
    than a filter that silently matches nothing.
    """
    if not codes:
        return None
    from wyoutcomes.geography import area

    return [area(code).code for code in codes]
