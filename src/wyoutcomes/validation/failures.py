"""The failure log: every failure a rule finds, as compact arrays, turned into one tidy table.

Rules append batches (a rule, a column, the frame positions that failed and the offending
values); nothing is formatted until the table is built, and each distinct message is formatted
once. The table holds one row per (source row, rule, column) — never one per column of a wide
check — with codes, columns and messages as categoricals and row numbers as int32, so a
failure costs a few tens of bytes however many there are.

>>> log = FailureLog()
>>> log.add_file("file-empty", value="")
>>> log.has_errors
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wyoutcomes.contract import KEY_COLUMNS
from wyoutcomes.validation.catalogue import RULES, Rule

__all__ = ["FAILURE_COLUMNS", "FailureLog", "empty_failures"]

FAILURE_COLUMNS: tuple[str, ...] = (
    "row",
    *KEY_COLUMNS,
    "column",
    "rule",
    "severity",
    "value",
    "message",
)

#: no single message may grow past this (bounded messages: a clash list is cut short)
MAX_MESSAGE = 240

_RULE_DTYPE = pd.CategoricalDtype(list(RULES), ordered=True)
_SEVERITY_DTYPE = pd.CategoricalDtype(["error", "warning"], ordered=True)


@dataclass
class _Batch:
    rule: Rule
    column: str
    rows: np.ndarray  # int32 source rows (0 = the file as a whole)
    positions: np.ndarray  # int64 frame positions (-1 = not in the frame)
    values: np.ndarray  # object array of offending values as text
    fields: Mapping[str, str]
    keys: Mapping[str, str] | None = None  # explicit key for rows not in the frame


@dataclass
class FailureLog:
    """Collects failures; :meth:`table` returns them sorted by (row, rule, column)."""

    batches: list[_Batch] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(b.rule.severity == "error" and len(b.rows) for b in self.batches)

    def count(self, code: str) -> int:
        return sum(len(b.rows) for b in self.batches if b.rule.code == code)

    def add_file(
        self, code: str, *, column: str = "", value: str = "", row: int = 0, **fields: str
    ) -> None:
        """A file-level failure (row 0 unless the problem can be placed on a line)."""
        self.add(
            code,
            column,
            np.array([row]),
            np.array([-1]),
            np.array([value], dtype=object),
            keys=None,
            **fields,
        )

    def add(
        self,
        code: str,
        column: str,
        rows: np.ndarray,
        positions: np.ndarray,
        values: np.ndarray | Sequence[str],
        *,
        keys: Mapping[str, str] | None = None,
        **fields: str,
    ) -> None:
        """Record ``len(rows)`` failures of rule ``code`` on ``column``."""
        if len(rows) == 0:
            return
        self.batches.append(
            _Batch(
                RULES[code],
                column,
                np.asarray(rows, dtype=np.int32),
                np.asarray(positions, dtype=np.int64),
                np.asarray(values, dtype=object),
                fields,
                keys,
            )
        )

    def table(self, key_codes: Mapping[str, tuple[np.ndarray, np.ndarray]] | None) -> pd.DataFrame:
        """Build the failure table. ``key_codes`` maps each key column to (codes, labels) of the
        submitted frame (codes -1 for empty), so a failure's key is looked up, not copied."""
        if not self.batches:
            return empty_failures()
        rows = np.concatenate([b.rows for b in self.batches])
        positions = np.concatenate([b.positions for b in self.batches])
        rule_codes = np.concatenate(
            [
                np.full(len(b.rows), _RULE_DTYPE.categories.get_loc(b.rule.code), np.int8)
                for b in self.batches
            ]
        )
        columns = sorted({b.column for b in self.batches})
        column_index = {c: i for i, c in enumerate(columns)}
        column_codes = np.concatenate(
            # int32: a file may have tens of thousands of (unexpected) columns
            [np.full(len(b.rows), column_index[b.column], np.int32) for b in self.batches]
        )
        values = np.concatenate([b.values for b in self.batches])
        messages = np.concatenate([_messages(b) for b in self.batches])

        order = np.lexsort((column_codes, rule_codes, rows))
        frame: dict[str, object] = {"row": rows[order]}
        positions = positions[order]
        explicit = np.concatenate(
            [
                np.full(len(b.rows), i if b.keys else -1, np.int32)
                for i, b in enumerate(self.batches)
            ]
        )[order]
        for name in KEY_COLUMNS:
            frame[name] = _key_column(name, positions, explicit, self.batches, key_codes)
        frame["column"] = pd.Categorical.from_codes(column_codes[order], categories=columns)
        frame["rule"] = pd.Categorical.from_codes(rule_codes[order], dtype=_RULE_DTYPE)
        severities = np.array(
            [_SEVERITY_DTYPE.categories.get_loc(RULES[c].severity) for c in _RULE_DTYPE.categories],
            np.int8,
        )
        frame["severity"] = pd.Categorical.from_codes(
            severities[rule_codes[order]], dtype=_SEVERITY_DTYPE
        )
        frame["value"] = pd.Categorical(values[order])
        frame["message"] = pd.Categorical(messages[order])
        return pd.DataFrame(frame)


def _messages(batch: _Batch) -> np.ndarray:
    """Format the rule's template once per batch (or once per distinct value, for the few
    file-level templates that quote the value)."""
    template = batch.rule.message
    if "{value" not in template:
        text = _bounded(template.format(column=batch.column, **batch.fields))
        return np.full(len(batch.values), text, dtype=object)
    distinct, inverse = np.unique(batch.values.astype(str), return_inverse=True)
    texts = np.array(
        [
            _bounded(template.format(column=batch.column, value=str(v), **batch.fields))
            for v in distinct
        ],
        dtype=object,
    )
    return texts[inverse.reshape(-1)]


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _key_column(
    name: str,
    positions: np.ndarray,
    explicit: np.ndarray,
    batches: list[_Batch],
    key_codes: Mapping[str, tuple[np.ndarray, np.ndarray]] | None,
) -> pd.Categorical:
    """One key column of the failure table: the submitted value of the failing row, or the
    explicit key of a failure that is not on a submitted row (coverage), else empty."""
    if key_codes is not None and name in key_codes:
        codes, known = key_codes[name]
        labels: list[str] = list(known)
    else:
        codes, labels = np.empty(0, np.int32), []
    out = np.full(len(positions), -1, np.int64)
    in_frame = positions >= 0
    if len(codes):
        out[in_frame] = codes[positions[in_frame]]
    index = {label: i for i, label in enumerate(labels)}
    for i in np.unique(explicit[explicit >= 0]):
        value = (batches[i].keys or {}).get(name, "")
        if value not in index:
            index[value] = len(labels)
            labels.append(value)
        out[explicit == i] = index[value]
    # an empty key part is the empty string in the table, as submitted (never NaN)
    if "" not in index:
        index[""] = len(labels)
        labels.append("")
    out[out < 0] = index[""]
    used, out = np.unique(out, return_inverse=True)
    categories = pd.Index([labels[i] for i in used], dtype=object)
    return pd.Categorical.from_codes(out.reshape(-1).astype(np.int32), categories=categories)


def empty_failures() -> pd.DataFrame:
    """The failure table with no rows, with the same dtypes as a full one."""
    frame: dict[str, object] = {"row": np.empty(0, np.int32)}
    for name in KEY_COLUMNS:
        frame[name] = pd.Categorical([], categories=pd.Index([], dtype=object))
    frame["column"] = pd.Categorical([], categories=pd.Index([], dtype=object))
    frame["rule"] = pd.Categorical([], dtype=_RULE_DTYPE)
    frame["severity"] = pd.Categorical([], dtype=_SEVERITY_DTYPE)
    frame["value"] = pd.Categorical([], categories=pd.Index([], dtype=object))
    frame["message"] = pd.Categorical([], categories=pd.Index([], dtype=object))
    return pd.DataFrame(frame)
