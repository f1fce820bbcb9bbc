"""The values progress reads: the canonical submission frame, as it stood at a moment.

`current_values(values, as_of=...)` reads any values source (:mod:`wyoutcomes.contract`): a
DataFrame in the canonical submission format (docs/submission-format.md), a store, or a path;
it returns one row per key — the value current at `as_of`. A frame that carries the store's
`submitted_at` column is treated like the store's history: rows submitted after the cut-off are
dropped and, for a key submitted more than once, the latest submission wins. So a quarter's
answer can be recomputed exactly however many revisions arrive later.

>>> import pandas as pd
>>> frame = pd.DataFrame({"indicator_id": ["x", "x"], "area_code": ["E08000035"] * 2,
...     "period": ["2019", "2019"], "value": [13.2, 13.0],
...     "submitted_at": pd.to_datetime(["2021-09-01", "2022-09-01"], utc=True)})
>>> current_values(frame, as_of=pd.Timestamp("2022-03-31", tz="UTC"))["value"].tolist()
[13.2]
"""

from __future__ import annotations

import warnings
from datetime import date, datetime

import pandas as pd

from wyoutcomes.contract import (
    KEY_COLUMNS,
    AsOf,
    FrameValues,
    as_of_moment,
    cut_off,
    values_source,
)

__all__ = ["KEY", "current_values", "cut_off"]

#: the key, as a list (pandas takes lists of labels); the contract's KEY_COLUMNS
KEY = list(KEY_COLUMNS)

_MISSING = object()


def _is_submission_id(moment: object) -> bool:
    if not isinstance(moment, str):
        return False
    try:
        pd.Timestamp(moment)
    except ValueError:
        return True
    return False


def current_values(
    values: object = _MISSING,
    *,
    as_of: date | datetime | str | pd.Timestamp | None = None,
    indicators: list[str] | None = None,
    areas: list[str] | None = None,
    **renamed: object,
) -> pd.DataFrame:
    """The canonical values current at `as_of` (None: everything submitted).

    `source=` and `submitted_by=` are the old names of `values` and `as_of` (deprecated).
    """
    if "source" in renamed:
        warnings.warn(
            "current_values(source=...) is deprecated; call it current_values(values=...)",
            DeprecationWarning,
            stacklevel=2,
        )
        values = renamed.pop("source")
    if "submitted_by" in renamed:
        warnings.warn(
            "current_values(submitted_by=...) is deprecated; call it as_of=...",
            DeprecationWarning,
            stacklevel=2,
        )
        as_of = renamed.pop("submitted_by")
    if renamed:
        raise TypeError(f"current_values() got unexpected keyword(s) {', '.join(renamed)}")
    if values is _MISSING:
        raise TypeError("current_values() needs the values to read")
    source = values_source(values)
    moment: AsOf = as_of
    if as_of is not None and not (_is_submission_id(as_of) and not isinstance(source, FrameValues)):
        # a store also takes a submission id as its moment: such a string passes through
        moment = as_of_moment(as_of)
    frame = source.read(as_of=moment, indicators=indicators, areas=areas)
    if "submitted_at" in frame.columns:
        # progress has always handed values on oldest submission first (key order within one
        # submission); the report's notes take the last row of a period, so the order is kept
        submitted = pd.to_datetime(frame["submitted_at"], utc=True)
        order = submitted.sort_values(kind="stable").index
        frame = frame.loc[order].reset_index(drop=True)
    return frame
