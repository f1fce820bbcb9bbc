"""Text columns as integer codes, the composite key packed into one integer, and duplicates.

A submission repeats the same few indicators, areas and periods millions of times, so every
text column is dictionary-encoded once (Arrow, in C) and rules work on the few distinct labels,
then map the verdict back through the codes. The seven-part key is packed into a single int64
(mixed radix over the columns' cardinalities), which makes the uniqueness check one sort of one
integer array instead of a multi-column hash join — the step that dominates naive runs.

>>> import pyarrow as pa
>>> codes, labels = encode(pa.array(["b", "a", "", None, "b"]))
>>> codes.tolist(), labels.tolist()
([0, 1, -1, -1, 0], ['b', 'a'])
>>> duplicate_groups(np.array([5, 7, 5, 9, 5]))
[array([0, 2, 4])]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["duplicate_groups", "encode", "pack"]


def encode(column: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, labels object array). Null, empty and blank text get code -1 — the null
    semantics of every text rule: "empty" is one thing, however it was written. Codes are
    int16 when the labels allow (most columns), else int32: they are the rules' working set.
    """
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        if encoded.num_chunks == 0:
            return np.empty(0, np.int16), np.empty(0, dtype=object)
        encoded = encoded.unify_dictionaries()
        dictionary = encoded.chunk(0).dictionary
        chunks = [chunk.indices.fill_null(-1).to_numpy() for chunk in encoded.chunks]
        raw_codes = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
    else:
        dictionary = encoded.dictionary
        raw_codes = encoded.indices.fill_null(-1).to_numpy()
    labels = np.array(dictionary.to_pylist(), dtype=object)
    kind = np.int16 if len(labels) < np.iinfo(np.int16).max else np.int32
    codes: np.ndarray = raw_codes.astype(kind, copy=False)
    blank = np.array([not str(label).strip() for label in labels], dtype=bool)
    if blank.any():
        # drop blank labels and renumber the rest, so labels stay unique and non-empty
        remap = np.full(len(labels), -1, kind)
        keep = np.flatnonzero(~blank)
        remap[keep] = np.arange(len(keep), dtype=kind)
        codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], kind(-1)).astype(kind)
        labels = labels[keep]
    return codes, labels


def pack(codes: Sequence[np.ndarray], cardinalities: Sequence[int]) -> np.ndarray:
    """One int64 per row that is equal exactly when all the codes are equal.

    Codes run from -1 (empty) to cardinality - 1. When the product of the radices would
    overflow, the packed prefix is re-encoded densely before adding more columns.
    """
    packed = np.zeros(len(codes[0]) if codes else 0, dtype=np.int64)
    span = 1
    for column, cardinality in zip(codes, cardinalities, strict=True):
        radix = cardinality + 1
        if span * radix >= 2**62:
            _, packed = np.unique(packed, return_inverse=True)
            packed = packed.reshape(-1).astype(np.int64)
            span = int(packed.max()) + 1 if len(packed) else 1
        packed = packed * radix + (column.astype(np.int64) + 1)
        span *= radix
    return packed


def duplicate_groups(packed: np.ndarray) -> list[np.ndarray]:
    """Positions of the rows sharing a key, one sorted array per repeated key."""
    if len(packed) < 2:
        return []
    order = np.argsort(packed, kind="stable")
    ordered = packed[order]
    same_as_next = ordered[1:] == ordered[:-1]
    if not same_as_next.any():
        return []
    starts_run = np.flatnonzero(
        np.diff(np.concatenate(([False], same_as_next)).astype(np.int8)) == 1
    )
    ends_run = (
        np.flatnonzero(np.diff(np.concatenate((same_as_next, [False])).astype(np.int8)) == -1) + 1
    )
    return [np.sort(order[s : e + 1]) for s, e in zip(starts_run, ends_run, strict=True)]
