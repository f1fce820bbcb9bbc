"""Read a submission (CSV, Parquet, a Fingertips export or a DataFrame) without guessing.

Nothing is coerced silently. CSV is read with every column as text; each number column is then
parsed by us, and a cell that is not a number becomes a located failure (``not-a-number``,
``thousands-separator``, ``suppression-marker`` or ``excel-error``) with its row and column —
never a NaN and never a truncation. Parquet columns must already have a text or number type;
text in a number column is parsed the same way. File-level problems (empty, not a table,
corrupt, not UTF-8, missing or unexpected columns) are failures at row 0 and stop the reading.

>>> from pathlib import Path
>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "empty.csv"
>>> _ = path.write_bytes(b"")
>>> read_submission(path).log.count("file-empty")
1
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from wyoutcomes.errors import InputFileError

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan
from wyoutcomes.validation.columns import ColumnLoader, RawColumns, canonical_columns
from wyoutcomes.validation.failures import FailureLog

__all__ = [
    "MAX_FIELD_BYTES",
    "ParsedSubmission",
    "read_fingertips",
    "read_submission",
    "submission_from_frame",
]

#: largest CSV field (and header line) read, in bytes: a value note is a sentence, and a field
#: this large is nearly always a missing closing quote that swallowed the rest of the file
MAX_FIELD_BYTES = 1 << 20
_BLOCK = 1 << 24  # the CSV reader's block; a longer line is read again with a larger block
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")

# First bytes of files people upload by mistake: (magic, what it is)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook is one; save it as CSV)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook (save it as CSV)"),
    (b"\x1f\x8b", "a gzip archive (unpack it first)"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF (WebP/WAV) file"),
)


@dataclass
class ParsedSubmission:
    """What a reader hands to validation: loaders of the canonical columns, the 1-based
    source row of each row, and the failures found while reading.

    (Called ``Submission`` until 0.x; that name now belongs to the store's record only.)"""

    name: str
    sha256: str
    size: int
    columns: dict[str, ColumnLoader] | None
    source_row: np.ndarray
    log: FailureLog = field(default_factory=FailureLog)
    fingertips: bool = False

    @property
    def readable(self) -> bool:
        return self.columns is not None

    @property
    def num_rows(self) -> int:
        return len(self.source_row)


def read_submission(path: str | Path) -> ParsedSubmission:
    """Read a CSV, Parquet or Fingertips CSV file; problems are recorded, never raised."""
    path = Path(path)
    log = FailureLog()
    try:
        digest, size, head = _fingerprint(path)
    except OSError as exc:
        log.add_file("file-unreadable", value=f"{path}: {exc.strerror or exc}")
        return ParsedSubmission(str(path), "", 0, None, np.empty(0, np.int32), log)
    submission = ParsedSubmission(str(path), digest, size, None, np.empty(0, np.int32), log)
    if size == 0:
        log.add_file("file-empty")
        return submission
    if head.startswith(b"PAR1"):
        raw = _read_parquet(path, log)
        source_row = np.arange(1, (raw.num_rows if raw is not None else 0) + 1, dtype=np.int32)
    else:
        kind = _binary_kind(head)
        if kind:
            log.add_file(
                "file-not-a-table", value=f"the file is {kind}, not a CSV or Parquet table"
            )
            return submission
        table, source_row = _read_csv(path, log)
        raw = RawColumns.of_table(table) if table is not None else None
        del table  # the columns now live only in `raw`, which hands each over once
    if raw is None:
        return submission
    columns, fingertips = canonical_columns(raw, source_row, log)
    submission.columns, submission.source_row, submission.fingertips = (
        columns,
        source_row,
        fingertips,
    )
    return submission


def submission_from_frame(frame: pd.DataFrame, name: str = "<DataFrame>") -> ParsedSubmission:
    """Wrap an in-memory frame; its rows are numbered 1… in their current order, unless it
    carries a ``source_row`` column of unique positive integers (then those are used)."""
    log = FailureLog()
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes())
    source_row = np.arange(1, len(frame) + 1, dtype=np.int32)
    if "source_row" in frame.columns:
        # rows that came from a file (valid_rows(), the store) keep their file row numbers
        rows = frame["source_row"]
        if pd.api.types.is_integer_dtype(rows) and rows.is_unique and (rows > 0).all():
            source_row = rows.to_numpy().astype(np.int32)
            frame = frame.drop(columns="source_row")
    submission = ParsedSubmission(name, digest.hexdigest(), 0, None, source_row, log)
    names = [str(c) for c in frame.columns]
    try:
        raw = pa.Table.from_pandas(frame.set_axis(names, axis=1), preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        # a column of mixed Python objects: name it rather than convert it
        for column in names:
            try:
                pa.array(frame[column], from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                log.add_file("wrong-column-type", column=column, value="a mix of types")
        if not log.batches:
            log.add_file("file-not-a-table", value=str(exc)[:200])
        return submission
    if len(frame) == 0:
        log.add_file("no-data-rows")
        return submission
    submission.columns, submission.fingertips = canonical_columns(
        RawColumns.of_table(raw), source_row, log
    )
    return submission


def read_fingertips(
    path: str | Path, plan: Plan | None = None, *, plan_rules: bool = True
) -> pd.DataFrame:
    """Read an OHID Fingertips CSV export (web or fingertipsR names) as a canonical frame.

    ``Count`` becomes ``numerator``; ``n``-prefixed ICB codes are normalised; indicator
    numbers the plan knows become the plan's ids and their period labels are parsed with the
    indicator's period type (``plan`` None: the bundled plan; ``plan_rules=False``: no
    mapping, which ``plan=False`` used to say). Raises
    :class:`InputFileError` naming file, row and column of the first problems found.

    >>> frame = read_fingertips("fingertips_export.csv")  # doctest: +SKIP
    """
    from wyoutcomes._compat import plan_and_rules
    from wyoutcomes.validation.engine import plan_facts
    from wyoutcomes.validation.frame import SubmittedFrame
    from wyoutcomes.validation.plan_labels import onto_plan

    submission = read_submission(path)
    frame = None
    if submission.columns is not None:
        frame = SubmittedFrame.from_columns(submission.columns, submission.source_row)
    if submission.log.batches or frame is None:
        table = submission.log.table(None)
        head = table.head(5)
        where = "; ".join(
            f"row {r.row}, column {r.column or '-'}: {r.message} ({r.value})"
            for r in head.itertuples()
        )
        more = f" (and {len(table) - 5} more)" if len(table) > 5 else ""
        raise InputFileError(f"{path}: cannot read as a Fingertips export: {where}{more}")
    plan, plan_rules = plan_and_rules("read_fingertips", plan, plan_rules)
    facts = plan_facts(plan) if plan_rules else None
    if facts is not None:
        onto_plan(frame, facts, fingertips=True)
    return frame.to_pandas()


# --- file sniffing -------------------------------------------------------------------------


def _fingerprint(path: Path) -> tuple[str, int, bytes]:
    """sha256, size and the first 8 KiB, reading the file once in 1 MiB blocks."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            if not head:
                head = block[:8192]
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size, head


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text (save it as 'CSV UTF-8')"
    if b"\x00" in head:
        return "binary data"
    return None


# --- Parquet ---------------------------------------------------------------------------------


def _read_parquet(path: Path, log: FailureLog) -> RawColumns | None:
    """The schema and row count now; each column is read when validation asks for it."""
    try:
        with pq.ParquetFile(path) as handle:
            schema, num_rows = handle.schema_arrow, handle.metadata.num_rows
            if handle.num_row_groups:  # prove the data pages are there, not just the footer
                handle.read_row_group(handle.num_row_groups - 1, columns=schema.names[:1])
    except (pa.ArrowException, OSError) as exc:
        log.add_file("file-corrupt", value=f"the Parquet file cannot be read: {_short(exc)}")
        return None
    if num_rows == 0:
        log.add_file("no-data-rows")
        return None
    return RawColumns.of_parquet(path, schema, num_rows)


# --- CSV ---------------------------------------------------------------------------------


def _read_csv(path: Path, log: FailureLog) -> tuple[pa.Table | None, np.ndarray]:
    """Read every column as text. Ragged rows are skipped and reported with their row."""
    header = _csv_header(path, log)
    if header is None:
        return None, np.empty(0, np.int32)
    ragged: list[tuple[int | None, int, int, str]] = []

    def on_ragged(row: pa_csv.InvalidRow) -> str:
        ragged.append((row.number, row.expected_columns, row.actual_columns, row.text))
        return "skip"

    def read(threads: bool, block_size: int = _BLOCK) -> pa.Table:
        return pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(use_threads=threads, block_size=block_size),
            parse_options=pa_csv.ParseOptions(invalid_row_handler=on_ragged),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    try:
        try:
            table = read(True)
        except pa.ArrowInvalid as exc:
            if "straddl" not in str(exc):
                raise
            # one line is longer than a block: read in one block, so the line can be placed
            ragged.clear()
            table = read(False, max(_BLOCK, path.stat().st_size + 1))
        if ragged and any(number is None for number, *_ in ragged):
            ragged.clear()  # the threaded reader cannot number rows: read again to place them
            table = read(False, max(_BLOCK, path.stat().st_size + 1))
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) or "utf8" in str(exc).lower():
            _locate_bad_utf8(path, header, log)
        else:
            log.add_file("file-corrupt", value=f"the CSV cannot be parsed: {_short(exc)}")
        return None, np.empty(0, np.int32)
    except (pa.ArrowException, OSError) as exc:
        log.add_file("file-corrupt", value=f"the CSV cannot be parsed: {_short(exc)}")
        return None, np.empty(0, np.int32)

    skipped = np.array(sorted((number or 0) - 1 for number, *_ in ragged), dtype=np.int64)
    for number, expected, actual, _text in ragged:
        log.add(
            "ragged-row",
            "",
            np.array([(number or 0) - 1]),
            np.array([-1]),
            [f"{actual} fields where the header has {expected}"],
        )
    total = table.num_rows + len(skipped)
    if total == 0:
        log.add_file("no-data-rows")
        return None, np.empty(0, np.int32)
    source_row = np.arange(1, total + 1, dtype=np.int64)
    if len(skipped):
        source_row = np.setdiff1d(source_row, skipped, assume_unique=True)
    table, source_row = _skip_oversized_fields(table, source_row, log)
    return table, source_row.astype(np.int32)


def _skip_oversized_fields(
    table: pa.Table, source_row: np.ndarray, log: FailureLog
) -> tuple[pa.Table, np.ndarray]:
    """Report each field over :data:`MAX_FIELD_BYTES` at its row and column; skip its row."""
    oversized = np.zeros(table.num_rows, dtype=bool)
    for name, column in zip(table.column_names, table.columns, strict=True):
        lengths = pc.binary_length(column)
        if (pc.max(lengths).as_py() or 0) <= MAX_FIELD_BYTES:
            continue
        big = pc.fill_null(pc.greater(lengths, MAX_FIELD_BYTES), False).to_numpy(
            zero_copy_only=False
        )
        positions = np.flatnonzero(big)
        sizes = lengths.to_numpy(zero_copy_only=False)[positions]
        log.add(
            "field-too-large",
            name,
            source_row[positions],
            np.full(len(positions), -1),
            [f"{int(size):,} bytes" for size in sizes],
        )
        oversized |= big
    if not oversized.any():
        return table, source_row
    return table.filter(pa.array(~oversized)), source_row[~oversized]


def _csv_header(path: Path, log: FailureLog) -> list[str] | None:
    """The header row, BOM removed; repeated names are a file-level failure."""
    with path.open("rb") as handle:
        head = handle.read(MAX_FIELD_BYTES + 1)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    # the first line ends at the first CR or LF: Windows, Unix and old Mac files alike
    end = _LINE_BREAK.search(head)
    if end is None and len(head) > MAX_FIELD_BYTES:
        log.add_file(
            "field-too-large",
            row=0,
            column="(header)",
            value=f"no line break in the first {MAX_FIELD_BYTES:,} bytes",
        )
        return None
    first = head if end is None else head[: end.start()]
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        log.add_file(
            "encoding-not-utf8", row=0, column="(header)", value=f"0x{first[exc.start]:02X}"
        )
        return None
    try:
        names = next(csv.reader([text]), [])
    except csv.Error as exc:  # a header name over the csv module's field limit
        log.add_file("field-too-large", row=0, column="(header)", value=str(exc))
        return None
    if not any(n.strip() for n in names):
        log.add_file("file-not-a-table", value="the first line is empty, not a header")
        return None
    seen: set[str] = set()
    for name in names:
        if name in seen:
            log.add_file("duplicate-column", column=name)
        seen.add(name)
    return None if log.batches else names


def _locate_bad_utf8(path: Path, header: list[str], log: FailureLog) -> None:
    """Report each line holding bytes that are not UTF-8, with its row and column."""
    data = path.read_bytes()
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    found = 0
    for number, line in enumerate(_LINE_BREAK.split(data[start:])):
        if max(line, default=0) < 0x80:
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            cells = next(csv.reader([line.decode("latin-1")]), [])
            column, offset = "", 0
            for name, cell in zip(header, cells, strict=False):
                offset += len(cell.encode("latin-1")) + 1
                if offset > exc.start:
                    column = name
                    break
            log.add_file(
                "encoding-not-utf8", row=number, column=column, value=f"0x{line[exc.start]:02X}"
            )
            found += 1
            if found >= 100:  # bounded: the first hundred lines show the pattern
                return


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def __getattr__(name: str) -> object:
    # the old name of ParsedSubmission, kept for one release
    if name == "Submission":
        import warnings

        warnings.warn(
            "wyoutcomes.validation.readers.Submission is deprecated; it is ParsedSubmission "
            "(wyoutcomes.Submission is the store's record)",
            DeprecationWarning,
            stacklevel=2,
        )
        return ParsedSubmission
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
