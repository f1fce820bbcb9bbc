"""Write a report's files: report.json, report.html and the complete failure extract.

The CSV extract is for spreadsheets, so any cell that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is prefixed with an
apostrophe (the OWASP "CSV injection" defence); the Parquet extract keeps the values as they
are. Both hold every failure, sorted by (row, rule, column).

>>> neutralise("=HYPERLINK(1)"), neutralise("E08000035")
("'=HYPERLINK(1)", 'E08000035')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from wyoutcomes.spreadsheet import neutralise as neutralise_cell

if TYPE_CHECKING:
    from wyoutcomes.validation.report import ValidationReport

__all__ = ["EXTRACT_FILES", "neutralise", "write_extract", "write_failures"]

EXTRACT_FILES = ("report.json", "report.html", "failures.csv", "failures.parquet")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never evaluate (the rule of
    :mod:`wyoutcomes.spreadsheet`)."""
    return str(neutralise_cell(cell))


def write_extract(report: ValidationReport, out_dir: Path) -> list[Path]:
    """Write the four files into ``out_dir`` (created if needed); returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / name for name in EXTRACT_FILES]
    paths[0].write_text(report.to_json(), encoding="utf-8")
    paths[1].write_text(report.to_html(), encoding="utf-8")
    write_failures(report.failures, paths[2], paths[3])
    return paths


def write_failures(failures: pd.DataFrame, csv_path: Path, parquet_path: Path) -> None:
    """The complete failure table as CSV (formulas neutralised) and Parquet (as is)."""
    text = failures.copy()
    for name in text.columns:
        column = text[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            # neutralise each distinct value once, not each cell
            text[name] = column.cat.rename_categories(
                _unique_neutralised(column.cat.categories.astype(str))
            )
    text.to_csv(csv_path, index=False, encoding="utf-8", lineterminator="\n")
    table = pa.Table.from_pandas(failures, preserve_index=False)
    pq.write_table(table, parquet_path, compression="zstd")


def _unique_neutralised(categories: pd.Index) -> list[str]:
    """Neutralised labels, kept distinct (a category must stay unique after the prefix)."""
    out = [neutralise(c) for c in categories]
    seen: set[str] = set()
    for i, label in enumerate(out):
        while label in seen:  # "'=x" submitted beside "=x": keep both apart
            label = "'" + label
        seen.add(label)
        out[i] = label
    return out
