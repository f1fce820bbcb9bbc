"""Read an Excel workbook (.xlsx) submission with the same no-guessing rules as a CSV.

Places keep their figures in Excel, so a workbook is read as it is rather than asking for a
"CSV UTF-8" export. The first sheet is read (or the sheet named); its first row is the header.
Every cell becomes text, as a CSV cell would be, and validation then parses the number columns
itself, so a cell the workbook holds as text ("1,234", "*", "#N/A") is reported at its row and
column exactly as in a CSV. Numbers keep every digit Excel stored (``repr`` of the double, so
13.3 stays "13.3"); whole numbers lose only the ".0". Nothing is dropped silently:

- a date cell becomes its ISO date ("2024-07-01"), which a period column then reports (Excel
  turns a typed "2024-07" into a date; the value shows what happened);
- a formula whose result was never saved (a workbook written by a script and not opened in
  Excel) is a file-level failure naming the cell, not an empty value;
- only rows with no value in any cell are left out (Excel keeps formatted empty rows); row
  numbers count from the first row under the header, so row 1 is Excel row 2, as in a CSV.

Reader: openpyxl (MIT, the library pandas itself uses for .xlsx). It reads and writes, so the
submission template and the exports use the same library; python-calamine reads faster but
cannot write, and submissions are hundreds of rows, not millions.

>>> import tempfile, openpyxl
>>> path = Path(tempfile.mkdtemp()) / "leeds.xlsx"
>>> book = openpyxl.Workbook()
>>> book.active.append(["indicator_id", "value"])
>>> book.active.append(["suicide-rate", 13.3])
>>> book.save(path)
>>> table, rows = read_xlsx(path, FailureLog())
>>> table.to_pydict(), rows.tolist()
({'indicator_id': ['suicide-rate'], 'value': ['13.3']}, [1])
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from wyoutcomes.validation.failures import FailureLog

__all__ = ["is_xlsx", "read_xlsx"]


def is_xlsx(path: Path) -> bool:
    """True if ``path`` is a ZIP archive holding an Excel workbook part."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _text(value: Any) -> str:
    """A cell's value as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int in Python
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def read_xlsx(
    path: Path, log: FailureLog, sheet: str | None = None
) -> tuple[pa.Table | None, np.ndarray]:
    """Every column of the sheet as text, and the 1-based data row of each row kept."""
    import openpyxl  # imported here: only workbook submissions need it

    none = (None, np.empty(0, np.int32))
    try:
        values_book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas_book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        log.add_file("file-corrupt", value=f"the workbook cannot be read: {str(exc)[:200]}")
        return none
    try:
        if sheet is not None and sheet not in values_book.sheetnames:
            names = ", ".join(repr(n) for n in values_book.sheetnames)
            log.add_file("file-not-a-table", value=f"the workbook has no sheet {sheet!r} ({names})")
            return none
        name = sheet if sheet is not None else values_book.sheetnames[0]
        values = [list(row) for row in values_book[name].iter_rows(values_only=True)]
        formulas = [list(row) for row in formulas_book[name].iter_rows(values_only=True)]
    finally:
        values_book.close()
        formulas_book.close()
    if not values or not any(v is not None for v in values[0]):
        log.add_file(
            "file-not-a-table", value=f"sheet {name!r}: the first row is empty, not a header"
        )
        return none
    header = [_text(v).strip() for v in values[0]]
    while header and header[-1] == "":  # formatted but empty columns after the last name
        header.pop()
    seen: set[str] = set()
    for column in header:
        if column in seen:
            log.add_file("duplicate-column", column=column)
        seen.add(column)
    if log.batches:
        return none
    columns: list[list[str]] = [[] for _ in header]
    rows: list[int] = []
    for number, (row, formula_row) in enumerate(zip(values[1:], formulas[1:], strict=False), 1):
        if not any(v is not None and v != "" for v in row):
            continue
        for index, value in enumerate(row[len(header) :], len(header)):
            if value is not None and value != "":
                log.add_file(
                    "file-not-a-table",
                    value=f"sheet {name!r}, row {number}: a value in column {index + 1}, "
                    "which has no header",
                )
                return none
        for index, cells in enumerate(columns):
            value = row[index] if index < len(row) else None
            formula = formula_row[index] if index < len(formula_row) else None
            if value is None and isinstance(formula, str) and formula.startswith("="):
                log.add_file(
                    "file-not-a-table",
                    value=f"sheet {name!r}, row {number}, column {header[index]}: the formula "
                    f"{formula[:60]} has no saved result; open the file in Excel and save it",
                )
                return none
            cells.append(_text(value))
        rows.append(number)
    if not rows:
        log.add_file("no-data-rows")
        return none
    table = pa.table({h: pa.array(c, pa.string()) for h, c in zip(header, columns, strict=True)})
    return table, np.array(rows, dtype=np.int32)
