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

import pandas as pd
import pyarrow as pa

__all__ = [
    "FIGURE_COLUMNS",
    "KEY_COLUMNS",
    "LEDGER_COLUMNS",
    "VALUES_SCHEMA",
    "to_values_table",
]

#: the key of a value: one published figure per key and submission
KEY_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "area_code",
    "period",
    "sex",
    "age",
    "category_type",
    "category",
)

#: the measured figures of a value (canonical submission frame, after the key)
FIGURE_COLUMNS: tuple[str, ...] = (
    "value",
    "lower_ci",
    "upper_ci",
    "lower_ci_99_8",
    "upper_ci_99_8",
    "numerator",
    "denominator",
)

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
        pa.field("value_note", pa.string()),
        pa.field("submission_id", pa.string(), nullable=False),
        pa.field("submitted_at", pa.timestamp("ms", tz="UTC"), nullable=False),
        pa.field("submitter", pa.string(), nullable=False),
        pa.field("source_row", pa.int32(), nullable=False),
        pa.field("withdrawn", pa.bool_(), nullable=False),
    ]
)

# "no breakdown" is the empty string in the canonical frame; a null there means the same
_EMPTY_WHEN_NULL = ("category_type", "category")


def to_values_table(
    rows: pd.DataFrame,
    *,
    submission_id: str,
    submitted_at: datetime,
    submitter: str,
    withdrawn: bool = False,
) -> pa.Table:
    """Rows of the canonical frame (with ``source_row``) as a table of :data:`VALUES_SCHEMA`.

    Rows keep their order of ``source_row``; columns outside the schema are dropped (validation
    has already rejected unexpected columns, so only its own helper columns are lost).
    """
    n = len(rows)
    columns: dict[str, pa.Array] = {}
    for name in KEY_COLUMNS:
        series = rows[name] if name in rows else pd.Series([""] * n, index=rows.index)
        if name in _EMPTY_WHEN_NULL:
            series = series.fillna("")
        elif series.isna().any():
            row = int(rows.loc[series.isna(), "source_row"].iloc[0])
            raise ValueError(f"row {row}: key column {name!r} is empty")
        columns[name] = pa.array(series.astype("string"), type=pa.string())
    for name in FIGURE_COLUMNS:
        if name in rows:
            series = pd.to_numeric(rows[name], errors="raise").astype("float64")
            columns[name] = pa.array(series, type=pa.float64(), from_pandas=True)
        else:
            columns[name] = pa.nulls(n, pa.float64())
    note = rows["value_note"] if "value_note" in rows else pd.Series([None] * n, index=rows.index)
    columns["value_note"] = pa.array(note.astype("string"), type=pa.string())
    columns["submission_id"] = pa.array([submission_id] * n, type=pa.string())
    columns["submitted_at"] = pa.array([submitted_at] * n, type=pa.timestamp("ms", tz="UTC"))
    columns["submitter"] = pa.array([submitter] * n, type=pa.string())
    columns["source_row"] = pa.array(rows["source_row"].astype("int32"), type=pa.int32())
    columns["withdrawn"] = pa.array([withdrawn] * n, type=pa.bool_())
    table = pa.table(columns, schema=VALUES_SCHEMA)
    return table.sort_by([("source_row", "ascending")])
