"""Tables for spreadsheets: formula-safe text, and one writer for CSV, .xlsx and Parquet.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading apostrophe (the OWASP "CSV injection" defence), so an
indicator, area or note can never become a live formula on a reader's machine. Parquet keeps
values as they are: it is read by programs, not spreadsheets. This is the one place that rule
lives; the report's download, the validation extract and the exports all use it.

>>> neutralise("=HYPERLINK(1)"), neutralise("E08000035"), neutralise(-1.5)
("'=HYPERLINK(1)", 'E08000035', -1.5)
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from wyoutcomes.errors import UsageError

__all__ = ["FORMULA_STARTS", "neutralise", "neutralise_frame", "write_table"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """A text cell made safe to open in a spreadsheet; other values unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and column name neutralised (numbers untouched).

    >>> neutralise_frame(pd.DataFrame({"note": ["+1", "ok"], "value": [-1.0, 2.0]})).values.tolist()
    [["'+1", -1.0], ['ok', 2.0]]
    """
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) or safe[column].dtype == bool:
            safe[column] = safe[column].map(neutralise)
    safe.columns = [str(neutralise(str(c))) for c in safe.columns]
    return safe


def write_table(frame: pd.DataFrame, path: str | Path, sheet: str = "Data") -> Path:
    """Write ``frame`` by the path's suffix: ``.csv`` (UTF-8 with a byte-order mark, so Excel
    reads it as UTF-8), ``.xlsx`` (one sheet) or ``.parquet``; CSV and xlsx text is
    neutralised; Excel has no time zones, so zoned times are written in UTC. The same frame
    gives the same bytes. Returns the path."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".csv":
        neutralise_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    elif suffix == ".xlsx":
        _write_xlsx(neutralise_frame(frame), path, sheet)
    else:
        raise UsageError(f"{path}: write a .csv, .xlsx or .parquet file")
    return path


def _write_xlsx(frame: pd.DataFrame, path: Path, sheet: str) -> None:
    import openpyxl  # only the .xlsx writer needs it
    from openpyxl.worksheet.worksheet import Worksheet

    book = openpyxl.Workbook()
    table = book.active
    assert isinstance(table, Worksheet)  # a new workbook's one sheet is a worksheet
    table.title = sheet
    table.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        table.append([_cell(v) for v in row])
    book.properties.creator = "wyoutcomes"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_without_times(buffer.getvalue()))


def _without_times(workbook: bytes) -> bytes:
    """The workbook with its save times fixed, so the same frame gives the same bytes.

    openpyxl stamps the document properties and every ZIP entry with the time of saving."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                    data,
                )
            entry = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:  # NaN: an empty cell
        return None
    if isinstance(value, pd.Timestamp):
        # Excel has no time zones: a zoned time (submitted_at is UTC) is written as UTC
        if value.tzinfo is not None:
            value = value.tz_convert("UTC").tz_localize(None)
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
