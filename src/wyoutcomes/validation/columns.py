"""From submitted columns to canonical ones: names, types, and numbers parsed cell by cell.

A file's columns are matched to the canonical submission columns (a Fingertips export's
spaced or fingertipsR names are recognised and mapped), their types checked, and each column
handed over through a loader that converts it only when asked: text stays text, numbers
become float64. A text cell in a number column that is not a number becomes a located failure
(``not-a-number``, ``thousands-separator``, ``suppression-marker`` or ``excel-error``) and a
null — never a NaN that looks like data, never a truncation.

>>> _classify("#DIV/0!"), _classify("1,234"), _classify(".."), _classify("12%")
('excel-error', 'thousands-separator', 'suppression-marker', 'not-a-number')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from wyoutcomes.contract import NUMBER_COLUMNS, REQUIRED_COLUMNS, SUBMISSION_COLUMNS, TEXT_COLUMNS
from wyoutcomes.validation.failures import FailureLog

__all__ = [
    "SUPPRESSION_MARKERS",
    "ColumnLoader",
    "RawColumns",
    "canonical_columns",
    "is_fingertips",
]

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


#: a canonical column, produced on demand: text as strings, numbers as float64 (null where
#: empty or unparseable); None when the file has no such column
ColumnLoader = Callable[[], "pa.ChunkedArray | pa.Array | None"]


@dataclass
class RawColumns:
    """The submitted columns, handed over one at a time so each can be freed once converted
    (a Parquet column is read from the file only when asked for)."""

    names: list[str]
    types: list[pa.DataType]
    num_rows: int
    take: Callable[[int], pa.ChunkedArray]

    @classmethod
    def of_table(cls, table: pa.Table) -> RawColumns:
        pending = dict(enumerate(table.columns))
        return cls(table.column_names, [c.type for c in table.columns], table.num_rows, pending.pop)

    @classmethod
    def of_parquet(cls, path: Path, schema: pa.Schema, num_rows: int) -> RawColumns:
        def take(index: int) -> pa.ChunkedArray:
            with pq.ParquetFile(path) as handle:
                return handle.read(columns=[schema.names[index]]).column(0)

        return cls(list(schema.names), list(schema.types), num_rows, take)


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


def is_fingertips(columns: list[str]) -> bool:
    squashed = {_squash(c) for c in columns}
    return {"indicatorid", "areacode", "timeperiod"} <= squashed


def canonical_columns(
    raw: RawColumns, source_row: np.ndarray, log: FailureLog
) -> tuple[dict[str, ColumnLoader] | None, bool]:
    """Check the columns; return a loader per canonical column, or None when a file-level
    rule failed. Numbers are parsed (and unparseable cells reported) as each is loaded."""
    names = raw.names
    fingertips = is_fingertips(names)
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
    index = {canonical: i for i, canonical in _indexed(names, mapping)}
    for canonical, i in index.items():
        if not _type_allowed(canonical, raw.types[i]):
            log.add_file("wrong-column-type", column=canonical, value=str(raw.types[i]))
    if any(batch.rule.level == "file" for batch in log.batches):
        return None, fingertips

    n = raw.num_rows
    loaders: dict[str, ColumnLoader] = {}
    for name in SUBMISSION_COLUMNS:
        position = index.get(name)
        if position is None:
            loaders[name] = lambda: None
        elif name in TEXT_COLUMNS:
            strip = fingertips and name == "area_code"
            loaders[name] = partial(_text_of, raw, position, n, strip)
        else:
            loaders[name] = partial(_number_of, raw, name, position, n, source_row, log)
    return loaders, fingertips


# loaders bind their column through partial: a closure would see the loop's last column
def _text_of(raw: RawColumns, i: int, n: int, strip: bool) -> pa.ChunkedArray | pa.Array:
    return _text(raw.take(i), n, strip)


def _number_of(
    raw: RawColumns, name: str, i: int, n: int, source_row: np.ndarray, log: FailureLog
) -> pa.ChunkedArray | pa.Array:
    return _number(name, raw.take(i), n, source_row, log)


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


def _text(column: pa.ChunkedArray, n: int, strip_n: bool = False) -> pa.ChunkedArray | pa.Array:
    if pa.types.is_null(column.type):
        return pa.nulls(n, pa.string())
    text = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
    return _strip_n_prefix(text) if strip_n else text


def _number(
    name: str, column: pa.ChunkedArray, n: int, source_row: np.ndarray, log: FailureLog
) -> pa.ChunkedArray | pa.Array:
    """float64, null where empty; text is parsed here and each unparseable cell reported."""
    if pa.types.is_null(column.type):
        return pa.nulls(n, pa.float64())
    if pa.types.is_float64(column.type):
        return column
    if pa.types.is_integer(column.type) and column.type.bit_width == 64:
        # beyond ±2^53 a float64 cannot hold every whole number: say so at the row, and
        # leave the cell empty rather than store a neighbouring number
        inexact = pc.greater(column, pa.scalar(_EXACT_LIMIT, column.type))
        if pa.types.is_signed_integer(column.type):
            inexact = pc.or_(inexact, pc.less(column, pa.scalar(-_EXACT_LIMIT, column.type)))
        column = _drop_inexact(name, column, inexact, source_row, log)
    if not _is_text(column.type):
        return pc.cast(column, pa.float64())
    text = pc.utf8_trim_whitespace(pc.cast(column, pa.string()))
    empty = pc.equal(pc.utf8_length(text), 0)
    number = pc.match_substring_regex(text, _NUMBER)
    bad = pc.fill_null(pc.and_kleene(pc.invert(number), pc.invert(empty)), False)
    if pc.any(bad).as_py():
        positions = np.flatnonzero(bad.to_numpy())
        _report_unparseable(name, positions, text.take(positions).to_pylist(), source_row, log)
    keep = pc.fill_null(number, False)
    text = pc.if_else(keep, text, pa.scalar(None, pa.string()))
    # a written whole number of 16 digits or more may not survive as a float64
    long_integer = pc.match_substring_regex(text, r"^[+-]?0*\d{16,}$")
    if pc.any(pc.fill_null(long_integer, False)).as_py():
        positions = np.flatnonzero(_booleans(pc.fill_null(long_integer, False)))
        inexact_at = [
            p
            for p, cell in zip(positions, text.take(positions).to_pylist(), strict=True)
            if int(float(cell)) != int(cell)
        ]
        mask = np.zeros(len(text), dtype=bool)
        mask[inexact_at] = True
        text = _drop_inexact(name, text, pa.array(mask), source_row, log)
    return pc.cast(text, pa.float64())


def _booleans(mask: pa.ChunkedArray | pa.Array) -> np.ndarray:
    if isinstance(mask, pa.Array):  # a boolean Array is bit-packed: it needs a copy
        return mask.to_numpy(zero_copy_only=False)
    return mask.to_numpy()


#: 2^53: every whole number up to it (in size) is exact as a 64-bit float, 2^53 + 1 is not
_EXACT_LIMIT = 2**53


def _drop_inexact(
    name: str,
    column: pa.ChunkedArray | pa.Array,
    inexact: pa.ChunkedArray | pa.Array,
    source_row: np.ndarray,
    log: FailureLog,
) -> pa.ChunkedArray | pa.Array:
    """Report each cell marked ``inexact`` (``not-exactly-representable``) and empty it."""
    inexact = pc.fill_null(inexact, False)
    if not pc.any(inexact).as_py():
        return column
    positions = np.flatnonzero(_booleans(inexact))
    cells = [str(cell) for cell in column.take(pa.array(positions)).to_pylist()]
    log.add("not-exactly-representable", name, source_row[positions], positions, cells)
    return pc.if_else(inexact, pa.scalar(None, column.type), column)


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


def _strip_n_prefix(codes: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Fingertips writes ICB codes as ``nE54000054``; the GSS code is without the ``n``."""
    return pc.replace_substring_regex(codes, r"^n(E\d{8})$", r"\1")
