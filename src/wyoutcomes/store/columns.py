"""The one Arrow schema of every values file in a store, and conversion of frames to it.

Every values file has exactly these columns with exactly these types, whatever optional
columns a submission had, so any Parquet engine can read all files of a store as one table
without schema merging. Optional columns a submission lacked are null.

>>> import pandas as pd
>>> table = to_values_table(pd.DataFrame({"indicator_id": ["suicide-rate"],
...     "area_code": ["E08000032"], "period": ["2019"], "sex": ["Persons"],
...     "age": ["All ages"], "value": [10.5],
...     "source_row": [1]}), submission_id="s", submitted_at=pd.Timestamp("2024-07-01", tz="UTC"),
...     submitter="Bradford")
>>> table.column_names == VALUES_SCHEMA.names, table["category"].to_pylist()
(True, [''])
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# the key and figures of a value (one published figure per key and submission) are the contract's
from wyoutcomes.contract import BREAKDOWN_COLUMNS, FIGURE_COLUMNS, KEY_COLUMNS, NOTE_COLUMN

__all__ = [
    "FIGURE_COLUMNS",
    "KEY_COLUMNS",
    "LEDGER_COLUMNS",
    "VALUES_SCHEMA",
    "split_by_indicator",
    "to_values_table",
]


#: what the store adds to each row
LEDGER_COLUMNS: tuple[str, ...] = (
    "submission_id",
    "submitted_at",
    "submitter",
    "source_row",
    "withdrawn",
)

VALUES_SCHEMA = pa.schema(
    [pa.field(name, pa.string(), nullable=False) for name in KEY_COLUMNS]
    + [pa.field(name, pa.float64()) for name in FIGURE_COLUMNS]
    + [
        pa.field(NOTE_COLUMN, pa.string()),
        pa.field("submission_id", pa.string(), nullable=False),
        pa.field("submitted_at", pa.timestamp("ms", tz="UTC"), nullable=False),
        pa.field("submitter", pa.string(), nullable=False),
        pa.field("source_row", pa.int32(), nullable=False),
        pa.field("withdrawn", pa.bool_(), nullable=False),
    ]
)

# "no breakdown" is the empty string in the canonical frame; a null there means the same
_EMPTY_WHEN_NULL = BREAKDOWN_COLUMNS


def to_values_table(
    rows: pd.DataFrame,
    *,
    submission_id: str,
    submitted_at: datetime,
    submitter: str,
    withdrawn: bool = False,
) -> pa.Table:
    """Rows of the canonical frame (with ``source_row``) as a table of :data:`VALUES_SCHEMA`.

    Rows are in ``source_row`` order; columns outside the schema are dropped
    (validation has already rejected unexpected columns, so only its own helper columns go).
    Raises ``ValueError`` naming the column (and row) that cannot be stored.
    """
    n = len(rows)
    columns: dict[str, pa.Array] = {}
    for field in VALUES_SCHEMA:
        name = field.name
        if name not in rows:
            continue
        try:
            array = pa.array(rows[name], from_pandas=True)
            if name in FIGURE_COLUMNS and pa.types.is_string(array.type):
                raise pa.ArrowInvalid("text in a number column")
            array = array.cast(field.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
            raise ValueError(f"column {name!r} cannot be stored as {field.type} ({exc})") from exc
        if name in _EMPTY_WHEN_NULL:
            array = pc.fill_null(array, "")
        elif name in KEY_COLUMNS and array.null_count:
            first = pc.index(pc.is_null(array), True).as_py()
            row = int(rows["source_row"].iloc[first])
            raise ValueError(f"row {row}: key column {name!r} is empty")
        columns[name] = array
    for name in _EMPTY_WHEN_NULL:
        columns.setdefault(name, pa.repeat(pa.scalar("", pa.string()), n))
    for field in VALUES_SCHEMA:
        if field.name not in columns and field.name not in LEDGER_COLUMNS:
            columns[field.name] = pa.nulls(n, field.type)
    submitted = pa.table(columns)
    source_row = submitted["source_row"].to_numpy()
    if not np.all(np.diff(source_row) > 0):
        submitted = submitted.take(np.argsort(source_row, kind="stable"))
    # the ledger columns are the same on every row, so they are added after any reordering
    constants = {
        "submission_id": pa.scalar(submission_id, pa.string()),
        "submitted_at": pa.scalar(submitted_at, pa.timestamp("ms", tz="UTC")),
        "submitter": pa.scalar(submitter, pa.string()),
        "withdrawn": pa.scalar(withdrawn, pa.bool_()),
    }
    arrays = [
        pa.repeat(constants[field.name], n) if field.name in constants else submitted[field.name]
        for field in VALUES_SCHEMA
    ]
    return pa.Table.from_arrays(arrays, schema=VALUES_SCHEMA)


def split_by_indicator(table: pa.Table) -> list[tuple[str, pa.Table]]:
    """The rows of each indicator (one values file each), indicators in sorted order.

    Filtering keeps the submitted row order within an indicator, and scanning a small integer
    code per indicator is cheaper than sorting or gathering the rows.

    >>> table = pa.table({"indicator_id": ["b", "a", "b"], "source_row": [1, 2, 3]})
    >>> [(name, part["source_row"].to_pylist()) for name, part in split_by_indicator(table)]
    [('a', [2]), ('b', [1, 3])]
    """
    encoded = pc.dictionary_encode(table["indicator_id"]).combine_chunks()
    names = encoded.dictionary.to_pylist()
    if len(names) == 1:
        return [(names[0], table)]
    codes = encoded.indices
    return [
        (names[code], table.filter(pc.equal(codes, pa.scalar(code, codes.type))))
        for code in sorted(range(len(names)), key=names.__getitem__)
    ]
