"""The values progress reads: the canonical submission frame, as it stood at a moment.

`current_values(source, submitted_by=...)` accepts a DataFrame in the canonical submission format
(docs/submission-format.md) or a store (anything with the store's `read(as_of=...)`), and returns
one row per key — the value current at `submitted_by`. A frame that carries the store's
`submitted_at` column is treated like the store's history: rows submitted after the cut-off are
dropped and, for a key submitted more than once, the latest submission wins. So a quarter's
answer can be recomputed exactly however many revisions arrive later.

>>> import pandas as pd
>>> frame = pd.DataFrame({"indicator_id": ["x", "x"], "area_code": ["E08000035"] * 2,
...     "period": ["2019", "2019"], "value": [13.2, 13.0],
...     "submitted_at": pd.to_datetime(["2021-09-01", "2022-09-01"], utc=True)})
>>> current_values(frame, submitted_by=pd.Timestamp("2022-03-31", tz="UTC"))["value"].tolist()
[13.2]
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pandas as pd

from wyoutcomes.errors import InputFileError

__all__ = ["KEY", "current_values", "cut_off"]

KEY = ["indicator_id", "area_code", "period", "sex", "age", "category_type", "category"]
_REQUIRED = ["indicator_id", "area_code", "period", "value"]
_TEXT_DEFAULTS = {"sex": "Persons", "age": "", "category_type": "", "category": ""}
_NUMBERS = ["value", "lower_ci", "upper_ci", "numerator", "denominator"]


def cut_off(day: date) -> pd.Timestamp:
    """The last instant of a day, in UTC: 'submitted by 30 September' includes all of it."""
    return pd.Timestamp(datetime.combine(day, time.max, tzinfo=timezone.utc))


def _as_timestamp(moment: date | datetime | str | pd.Timestamp) -> pd.Timestamp:
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return cut_off(moment)
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _is_submission_id(moment: object) -> bool:
    if not isinstance(moment, str):
        return False
    try:
        pd.Timestamp(moment)
    except ValueError:
        return True
    return False


def current_values(
    source: object,
    *,
    submitted_by: date | datetime | str | pd.Timestamp | None = None,
    indicators: list[str] | None = None,
    areas: list[str] | None = None,
) -> pd.DataFrame:
    """The canonical values current at `submitted_by` (None: everything submitted)."""
    if isinstance(source, pd.DataFrame):
        stamp = None if submitted_by is None else _as_timestamp(submitted_by)
        frame = source
    elif callable(getattr(source, "read", None)):
        # a store also takes a submission id as its moment: pass such a string through
        moment = submitted_by
        if submitted_by is not None and not _is_submission_id(submitted_by):
            moment = _as_timestamp(submitted_by)
        frame = source.read(as_of=moment, indicators=indicators, areas=areas)  # type: ignore[attr-defined]
        stamp = None  # the store has applied the cut-off; its rows are the current versions
    else:
        raise InputFileError(
            f"progress data: expected a DataFrame in the canonical submission format or a Store, "
            f"got {type(source).__name__}"
        )
    return _canonical(frame, stamp, indicators, areas)


def _canonical(
    frame: pd.DataFrame,
    stamp: pd.Timestamp | None,
    indicators: list[str] | None,
    areas: list[str] | None,
) -> pd.DataFrame:
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if missing:
        raise InputFileError(
            f"progress data: missing required column(s) {', '.join(missing)} "
            f"(the canonical submission format needs {', '.join(_REQUIRED)})"
        )
    if indicators is not None:  # first, so the work below is on the rows that matter
        frame = frame[frame["indicator_id"].astype(str).str.strip().isin(indicators)]
    frame = frame.reset_index(drop=True)  # a concatenation may repeat index labels
    for column, default in _TEXT_DEFAULTS.items():
        if column not in frame.columns:
            frame[column] = default
        frame[column] = frame[column].fillna(default).astype(str)
    for column in ("indicator_id", "area_code", "period"):
        frame[column] = frame[column].astype(str).str.strip()
    for column in _NUMBERS:
        if column not in frame.columns:
            frame[column] = float("nan")
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna() & frame[column].notna() & (frame[column].astype(str).str.strip() != "")
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise InputFileError(
                f"progress data: row {row + 1}, column {column}: {frame[column].iloc[row]!r} "
                "is not a number (rule not-a-number); validate the submission first"
            )
        frame[column] = numbers.astype(float)
    if areas is not None:
        frame = frame[frame["area_code"].isin(areas)]
    if "submitted_at" in frame.columns:
        submitted = pd.to_datetime(frame["submitted_at"], utc=True)
        if stamp is not None:
            frame = frame[submitted <= stamp]
            submitted = submitted[frame.index]
        # latest submission of each key wins; the sort is stable so ties keep file order
        frame = frame.assign(_submitted=submitted).sort_values("_submitted", kind="stable")
        frame = frame.drop_duplicates(KEY, keep="last").drop(columns="_submitted")
        if "withdrawn" in frame.columns:  # the store's history marks withdrawals this way
            frame = frame[~frame["withdrawn"].fillna(False).astype(bool)]
    else:
        clashes = frame[frame.duplicated(KEY, keep=False)]
        if not clashes.empty:
            first = clashes.iloc[0]
            key = ", ".join(f"{c}={first[c]!r}" for c in KEY)
            raise InputFileError(
                f"progress data: {len(clashes)} rows share a key ({key}); without a submitted_at "
                "column there is no telling which value is current (rule duplicate-key)"
            )
    return frame.reset_index(drop=True)
