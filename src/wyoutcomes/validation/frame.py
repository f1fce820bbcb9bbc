"""The submitted rows as the arrays the rules read: text as codes, numbers as float64.

>>> import pyarrow as pa
>>> table = pa.table({"sex": ["Persons", "", "Male"], "value": [1.0, None, float("nan")]})
>>> frame = SubmittedFrame.from_table(table, np.array([1, 2, 3], np.int32))
>>> frame.labels("sex").tolist(), frame.codes("sex").tolist()
(['Persons', 'Male'], [0, -1, 1])
>>> frame.is_null("value").tolist()
[False, True, False]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from wyoutcomes.validation.catalogue import NUMBER_COLUMNS, TEXT_COLUMNS
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
    def from_table(cls, table: pa.Table, source_row: np.ndarray) -> SubmittedFrame:
        n = table.num_rows
        text: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        numbers: dict[str, np.ndarray | None] = {}
        nulls: dict[str, np.ndarray | None] = {}
        names = set(table.column_names)
        for name in TEXT_COLUMNS:
            if name in names:
                text[name] = encode(table.column(name))
            else:
                text[name] = (np.full(n, -1, np.int32), np.empty(0, dtype=object))
        for name in NUMBER_COLUMNS:
            column = table.column(name) if name in names else None
            if column is None or column.null_count == n:
                numbers[name], nulls[name] = None, None
                continue
            array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
            # nulls become NaN here; the null mask keeps "empty" apart from a submitted NaN
            numbers[name] = array.to_numpy(zero_copy_only=False)
            nulls[name] = (
                array.is_null().to_numpy(zero_copy_only=False) if array.null_count else None
            )
        return cls(n, source_row, text, numbers, nulls)

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


def number_text(value: float) -> str:
    """A number as a submitter would write it: 12 not 12.0, repr precision otherwise."""
    if value != value:  # NaN
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))
