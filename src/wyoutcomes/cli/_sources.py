"""Where the progress and report commands read values from: a store folder or one data file."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from wyoutcomes.errors import InputFileError, StoreError


def read_values(path: Path) -> pd.DataFrame:
    """A canonical CSV or Parquet file as a frame (CSV cells as text; progress parses them)."""
    try:
        if path.suffix.lower() == ".parquet":
            return pd.read_parquet(path)
        # keep_default_na=False: empty categories are "", not missing; values parse later
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot be read as a CSV or Parquet table ({exc})") from exc


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


def plan_rows_of_fingertips(path: Path, plan: object) -> pd.DataFrame:
    """A Fingertips export's rows for the plan's indicators; the rest are named on stderr."""
    from wyoutcomes.validation import read_fingertips

    frame = read_fingertips(path, None if plan is False else plan, only_plan_indicators=True)
    skipped: dict[str, int] = frame.attrs.pop("skipped", {})
    if skipped:
        listed = ", ".join(f"{key} ({rows:,} rows)" for key, rows in skipped.items())
        click.echo(
            f"{path.name}: kept {len(frame):,} rows of the plan's indicators; skipped "
            f"{sum(skipped.values()):,} rows of indicators outside the plan: {listed}",
            err=True,
        )
    return frame
