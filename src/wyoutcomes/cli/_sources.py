"""Where the progress and report commands read values from: a store folder or one data file."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from wyoutcomes.contract import read_values_file
from wyoutcomes.errors import InputFileError, StoreError


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


def checked_areas(codes: tuple[str, ...]) -> list[str] | None:
    """The ``--area`` codes, each looked up in the bundled area table (None when none given).

    An unknown code is an :class:`~wyoutcomes.errors.AreaError` (exit 3) naming it, rather
    than a filter that silently matches nothing.
    """
    if not codes:
        return None
    from wyoutcomes.geography import area

    return [area(code).code for code in codes]
