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
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from wyoutcomes.errors import InputFileError
from wyoutcomes.validation.catalogue import (
    NUMBER_COLUMNS,
    REQUIRED_COLUMNS,
    SUBMISSION_COLUMNS,
    TEXT_COLUMNS,
)
from wyoutcomes.validation.failures import FailureLog

__all__ = ["Submission", "read_fingertips", "read_submission", "submission_from_frame"]

# A plain decimal number, optionally signed, with an optional exponent; NaN and infinity are
# numbers too (the not-finite rule reports them, which is clearer than "not a number").
_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(?i:nan|inf|infinity)$"
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
#: markers Fingertips, ONS and NHS publications print in place of a number
SUPPRESSION_MARKERS = frozenset(
    {
        "na",
        "n/a",
        "-",
        "–",
        "*",
        "**",
        "..",
        ".",
        ":",
        "x",
        "c",
        "z",
        "u",
        "null",
        "none",
        "missing",
        "suppressed",
        "n.a.",
        "not available",
    }
)
_EXCEL_ERROR = re.compile(
    r"^#(DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|"
    r"GETTING_DATA|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$",
    re.IGNORECASE,
)

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
class Submission:
    """What a reader hands to validation: the canonical columns (text as strings, numbers as
    float64 with null where empty or unparseable), the 1-based source row of each frame row,
    and the failures found while reading."""

    name: str
    sha256: str
    size: int
    table: pa.Table | None
    source_row: np.ndarray
    log: FailureLog = field(default_factory=FailureLog)
    fingertips: bool = False

    @property
    def readable(self) -> bool:
        return self.table is not None


def read_submission(path: str | Path) -> Submission:
    """Read a CSV, Parquet or Fingertips CSV file; problems are recorded, never raised."""
    path = Path(path)
    log = FailureLog()
    try:
        digest, size, head = _fingerprint(path)
    except OSError as exc:
        log.add_file("file-unreadable", value=f"{path}: {exc.strerror or exc}")
        return Submission(str(path), "", 0, None, np.empty(0, np.int32), log)
    submission = Submission(str(path), digest, size, None, np.empty(0, np.int32), log)
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
        raw, source_row = _read_csv(path, log)
    if raw is None:
        return submission
    table, fingertips = _canonical_table(raw, source_row, log)
    submission.table, submission.source_row, submission.fingertips = table, source_row, fingertips
    return submission


def submission_from_frame(frame: pd.DataFrame, name: str = "<DataFrame>") -> Submission:
    """Wrap an in-memory frame; its rows are numbered 1… in their current order."""
    log = FailureLog()
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes())
    source_row = np.arange(1, len(frame) + 1, dtype=np.int32)
    submission = Submission(name, digest.hexdigest(), 0, None, source_row, log)
    columns = [str(c) for c in frame.columns]
    try:
        raw = pa.Table.from_pandas(frame.set_axis(columns, axis=1), preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        # a column of mixed Python objects: name it rather than convert it
        for column in columns:
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
    table, fingertips = _canonical_table(raw, source_row, log)
    submission.table, submission.fingertips = table, fingertips
    return submission


def read_fingertips(path: str | Path, plan: Any = None) -> pd.DataFrame:
    """Read an OHID Fingertips CSV export (web or fingertipsR names) as a canonical frame.

    ``Count`` becomes ``numerator``; ``n``-prefixed ICB codes are normalised; indicator
    numbers the plan knows become the plan's ids and their period labels are parsed with the
    indicator's period type (``plan`` None: the bundled plan; False: no mapping). Raises
    :class:`InputFileError` naming file, row and column of the first problems found.

    >>> frame = read_fingertips("fingertips_export.csv")  # doctest: +SKIP
    """
    submission = read_submission(path)
    if submission.log.batches or submission.table is None:
        table = submission.log.table(None)
        head = table.head(5)
        where = "; ".join(
            f"row {r.row}, column {r.column or '-'}: {r.message}" for r in head.itertuples()
        )
        more = f" (and {len(table) - 5} more)" if len(table) > 5 else ""
        raise InputFileError(f"{path}: cannot read as a Fingertips export: {where}{more}")
    from wyoutcomes.validation.engine import plan_facts
    from wyoutcomes.validation.fingertips import onto_plan

    table = submission.table
    facts = plan_facts(plan)
    if facts is not None:
        table = onto_plan(table, facts)
    frame = table.to_pandas()
    frame.insert(0, "source_row", submission.source_row)
    return frame


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


def _read_parquet(path: Path, log: FailureLog) -> pa.Table | None:
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        log.add_file("file-corrupt", value=f"the Parquet file cannot be read: {_short(exc)}")
        return None
    if table.num_rows == 0:
        log.add_file("no-data-rows")
        return None
    return table


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

    def read(threads: bool) -> pa.Table:
        return pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(use_threads=threads, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(invalid_row_handler=on_ragged),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    try:
        table = read(True)
        if ragged and any(number is None for number, *_ in ragged):
            ragged.clear()  # the threaded reader cannot number rows: read again to place them
            table = read(False)
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
    return table, source_row.astype(np.int32)


def _csv_header(path: Path, log: FailureLog) -> list[str] | None:
    """The header row, BOM removed; repeated names are a file-level failure."""
    with path.open("rb") as handle:
        first = handle.readline(1 << 20)
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        log.add_file(
            "encoding-not-utf8", row=0, column="(header)", value=f"0x{first[exc.start]:02X}"
        )
        return None
    names = next(csv.reader([text.rstrip("\r\n")]), [])
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
    for number, line in enumerate(data[start:].split(b"\n")):
        if max(line, default=0) < 0x80:
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            cells = next(csv.reader([line.decode("latin-1").rstrip("\r")]), [])
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


# --- to the canonical columns --------------------------------------------------------------

_FINGERTIPS = {
    "indicatorid": "indicator_id",
    "areacode": "area_code",
    "sex": "sex",
    "age": "age",
    "categorytype": "category_type",
    "category": "category",
    "timeperiod": "period",
    "value": "value",
    "lowerci95.0limit": "lower_ci",
    "upperci95.0limit": "upper_ci",
    "lowerci99.8limit": "lower_ci_99_8",
    "upperci99.8limit": "upper_ci_99_8",
    "count": "numerator",
    "denominator": "denominator",
    "valuenote": "value_note",
}
# Fingertips columns we do not carry (names, comparisons, sort keys) — dropped, not an error
_FINGERTIPS_DROPPED = frozenset(
    {
        "indicatorname",
        "parentcode",
        "parentname",
        "areaname",
        "areatype",
        "recenttrend",
        "timeperiodsortable",
        "newdata",
        "comparedtogoal",
        "timeperiodrange",
        "polarity",
        "rank",
        "areavaluescount",
        "targetdata",
    }
)


def _squash(name: str) -> str:
    return re.sub(r"\s+", "", name).lower()


def _is_fingertips(columns: list[str]) -> bool:
    squashed = {_squash(c) for c in columns}
    return {"indicatorid", "areacode", "timeperiod"} <= squashed


def _canonical_table(
    raw: pa.Table, source_row: np.ndarray, log: FailureLog
) -> tuple[pa.Table | None, bool]:
    """Check the columns and convert the numbers; None when a file-level rule failed."""
    names = raw.column_names
    fingertips = _is_fingertips(names)
    mapping: dict[str, str] = {}
    for name in names:
        if fingertips:
            squashed = _squash(name)
            if squashed in _FINGERTIPS:
                mapping[name] = _FINGERTIPS[squashed]
            elif squashed in _FINGERTIPS_DROPPED or squashed.startswith("comparedto"):
                continue
            else:
                log.add_file("unexpected-column", column=name)
        elif name in SUBMISSION_COLUMNS:
            mapping[name] = name
        else:
            log.add_file("unexpected-column", column=name)
    if len(set(names)) != len(names):
        for name in sorted({n for n in names if names.count(n) > 1}):
            log.add_file("duplicate-column", column=name)
    present = set(mapping.values())
    for name in REQUIRED_COLUMNS:
        if name not in present:
            log.add_file("missing-column", column=name)
    by_name = {canonical: raw.column(i) for i, (canonical) in _indexed(names, mapping)}
    for canonical, column in by_name.items():
        if not _type_allowed(canonical, column.type):
            log.add_file("wrong-column-type", column=canonical, value=str(column.type))
    if any(batch.rule.level == "file" for batch in log.batches):
        return None, fingertips

    arrays: dict[str, pa.Array] = {}
    n = raw.num_rows
    for name in SUBMISSION_COLUMNS:
        column = by_name.get(name)
        if name in TEXT_COLUMNS:
            arrays[name] = _text(column, n)
        else:
            arrays[name] = _number(name, column, n, source_row, log)
    if fingertips:
        arrays["area_code"] = _strip_n_prefix(arrays["area_code"])
    return pa.table(arrays), fingertips


def _indexed(names: list[str], mapping: dict[str, str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    out = []
    for i, name in enumerate(names):
        canonical = mapping.get(name)
        if canonical and canonical not in seen:
            seen.add(canonical)
            out.append((i, canonical))
    return out


def _is_text(kind: pa.DataType) -> bool:
    return (
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_string_view(kind)
        or (pa.types.is_dictionary(kind) and _is_text(kind.value_type))
    )


def _type_allowed(name: str, kind: pa.DataType) -> bool:
    if pa.types.is_null(kind) or _is_text(kind):
        return True
    if name in NUMBER_COLUMNS:
        return pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)
    return False


def _text(column: pa.ChunkedArray | None, n: int) -> pa.Array:
    if column is None or pa.types.is_null(column.type):
        return pa.nulls(n, pa.string())
    return pc.cast(column, pa.string()).combine_chunks()


def _number(
    name: str, column: pa.ChunkedArray | None, n: int, source_row: np.ndarray, log: FailureLog
) -> pa.Array:
    """float64, null where empty; text is parsed here and each unparseable cell reported."""
    if column is None or pa.types.is_null(column.type):
        return pa.nulls(n, pa.float64())
    if not _is_text(column.type):
        return pc.cast(column, pa.float64()).combine_chunks()
    text = pc.utf8_trim_whitespace(pc.cast(column, pa.string())).combine_chunks()
    empty = pc.equal(pc.utf8_length(text), 0)
    number = pc.match_substring_regex(text, _NUMBER)
    bad = pc.and_kleene(pc.invert(number), pc.invert(empty))
    bad = pc.fill_null(bad, False)
    if pc.any(bad).as_py():
        positions = np.flatnonzero(bad.to_numpy(zero_copy_only=False))
        _report_unparseable(name, positions, text.take(positions).to_pylist(), source_row, log)
    keep = pc.fill_null(number, False)
    return pc.cast(pc.if_else(keep, text, pa.scalar(None, pa.string())), pa.float64())


def _report_unparseable(
    name: str, positions: np.ndarray, cells: list[str], source_row: np.ndarray, log: FailureLog
) -> None:
    by_rule: dict[str, list[int]] = {}
    for i, cell in enumerate(cells):
        by_rule.setdefault(_classify(cell), []).append(i)
    for code, picks in by_rule.items():
        chosen = positions[picks]
        log.add(code, name, source_row[chosen], chosen, [cells[i] for i in picks])


def _classify(cell: str) -> str:
    if cell.lower() in SUPPRESSION_MARKERS:
        return "suppression-marker"
    if _EXCEL_ERROR.match(cell):
        return "excel-error"
    if _THOUSANDS.match(cell):
        return "thousands-separator"
    return "not-a-number"


def _strip_n_prefix(codes: pa.Array) -> pa.Array:
    """Fingertips writes ICB codes as ``nE54000054``; the GSS code is without the ``n``."""
    return pc.replace_substring_regex(codes, r"^n(E\d{8})$", r"\1")


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
