"""The submitted rows as the arrays the rules read: text as codes, numbers as float64.

>>> import pyarrow as pa
>>> columns = {"sex": lambda: pa.array(["Persons", "", "Male"]),
...            "value": lambda: pa.array([1.0, None, float("nan")])}
>>> frame = SubmittedFrame.from_columns(columns, np.array([1, 2, 3], np.int32))
>>> frame.labels("sex").tolist(), frame.codes("sex").tolist()
(['Persons', 'Male'], [0, -1, 1])
>>> frame.is_null("value").tolist()
[False, True, False]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from wyoutcomes.contract import NUMBER_COLUMNS, SUBMISSION_COLUMNS, TEXT_COLUMNS
from wyoutcomes.validation.keys import encode

__all__ = ["SubmittedFrame", "number_text"]


@dataclass
class SubmittedFrame:
    """Read-only arrays of one submission, shared by every rule."""

    n: int
    source_row: np.ndarray
    text: dict[str, tuple[np.ndarray, np.ndarray]]
    numbers: dict[str, np.ndarray | None]  # None: the column is absent or entirely empty
    nulls: dict[str, np.ndarray | None]  # None: no nulls
    unparsed: dict[str, np.ndarray] = field(default_factory=dict)  # cells the reader rejected

    @classmethod
    def from_columns(
        cls,
        columns: Mapping[str, Callable[[], pa.ChunkedArray | pa.Array | None]],
        source_row: np.ndarray,
    ) -> SubmittedFrame:
        """Load each column once and keep only its codes or numbers: the Arrow column is
        dropped as soon as it is converted, so the whole table never sits beside the frame."""
        n = len(source_row)
        text: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        numbers: dict[str, np.ndarray | None] = {}
        nulls: dict[str, np.ndarray | None] = {}
        for name in TEXT_COLUMNS:
            loader = columns.get(name)
            column = loader() if loader is not None else None
            if column is None:
                text[name] = (np.full(n, -1, np.int16), np.empty(0, dtype=object))
            else:
                text[name] = encode(column)
            del column
        for name in NUMBER_COLUMNS:
            loader = columns.get(name)
            column = loader() if loader is not None else None
            if column is None or column.null_count == n:
                numbers[name], nulls[name] = None, None
                continue
            # nulls become NaN here; the null mask keeps "empty" apart from a submitted NaN
            numbers[name] = np.asarray(_numpy(column), dtype=np.float64)
            nulls[name] = _numpy(column.is_null()) if column.null_count else None
            del column
        pa.default_memory_pool().release_unused()  # give the converted columns back
        return cls(n, source_row, text, numbers, nulls)

    def to_pandas(self, rows: np.ndarray | None = None) -> pd.DataFrame:
        """The canonical frame (rows at ``rows`` positions, default all) plus ``source_row``;
        empty text is ``""``, an empty number is NaN."""
        take = slice(None) if rows is None else rows
        source_row = self.source_row[take]
        out: dict[str, object] = {"source_row": source_row}
        for name in SUBMISSION_COLUMNS:
            if name in self.text:
                codes, labels = self.text[name]
                lookup = np.append(labels, "").astype(object)
                out[name] = pd.array(lookup[codes[take]], dtype="str")
            else:
                values = self.numbers.get(name)
                out[name] = (
                    values[take].copy() if values is not None else np.full(len(source_row), np.nan)
                )
        return pd.DataFrame(out)

    def codes(self, name: str) -> np.ndarray:
        return self.text[name][0]

    def labels(self, name: str) -> np.ndarray:
        return self.text[name][1]

    def values(self, name: str) -> np.ndarray:
        """float64 values (NaN where null); an absent column reads as all NaN."""
        values = self.numbers[name]
        return values if values is not None else np.full(self.n, np.nan)

    def is_null(self, name: str) -> np.ndarray:
        if self.numbers[name] is None:
            return np.ones(self.n, dtype=bool)
        mask = self.nulls[name]
        return mask if mask is not None else np.zeros(self.n, dtype=bool)

    def is_empty(self, name: str) -> np.ndarray:
        """Null cells the reader did not already reject (those were reported as what they
        were — a marker, an Excel error — and must not be reported again as empty)."""
        empty = self.is_null(name)
        unparsed = self.unparsed.get(name)
        return empty & ~unparsed if unparsed is not None else empty

    def present(self, name: str) -> np.ndarray:
        """Finite, non-null numbers (the "not applicable" rows of a number rule are the rest)."""
        values = self.numbers[name]
        if values is None:
            return np.zeros(self.n, dtype=bool)
        return np.isfinite(values)

    def text_values(self, name: str, positions: np.ndarray) -> np.ndarray:
        codes = self.codes(name)[positions]
        labels = np.append(self.labels(name), "")
        return labels[np.where(codes >= 0, codes, len(labels) - 1)]


def _numpy(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    if isinstance(column, pa.ChunkedArray):
        return column.to_numpy()
    return column.to_numpy(zero_copy_only=False)


def number_text(value: float) -> str:
    """A number as a submitter would write it: 12 not 12.0, repr precision otherwise."""
    if value != value:  # NaN
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))
