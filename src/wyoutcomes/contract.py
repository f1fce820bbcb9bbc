"""The contract between the links: what a submitted value is, and the one way values are read.

Every link of the chain (validation → store → progress → report, and the demo) speaks of values
in the **canonical submission frame**: one row per key, the key columns as text, the figures as
floats. This module is the only place those columns are spelled out; everything else imports
them from here. It imports nothing of ours but :mod:`wyoutcomes.errors` and
:mod:`wyoutcomes.periods`, so any link may depend on it.

A *values source* is anything with ``read(as_of=None, indicators=None, areas=None)`` returning
canonical values: a :class:`~wyoutcomes.store.Store` is one; a plain frame becomes one through
:class:`FrameValues`; :func:`values_source` turns a store, a frame or a file path into one.

>>> import pandas as pd
>>> frame = pd.DataFrame({"indicator_id": ["x", "x"], "area_code": ["E08000035"] * 2,
...     "period": ["2019", "2019"], "value": ["13.2", "13.0"],
...     "submitted_at": ["2021-09-01T10:00Z", "2022-09-01T10:00Z"]})
>>> FrameValues(frame).read(as_of="2022-03-31")["value"].tolist()
[13.2]
>>> FrameValues(frame).read(as_of="2022-09-01")["value"].tolist()  # a bare date: all that day
[13.0]
>>> KEY_COLUMNS[:3]
('indicator_id', 'area_code', 'period')
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Protocol, TypeAlias, runtime_checkable

import pandas as pd

from wyoutcomes.errors import InputFileError, UsageError

__all__ = [
    "BREAKDOWN_COLUMNS",
    "CI_COLUMNS",
    "CORE_FIGURE_COLUMNS",
    "DTYPES",
    "FIGURE_COLUMNS",
    "KEY_COLUMNS",
    "NOTE_COLUMN",
    "NUMBER_COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "SUBMISSION_COLUMNS",
    "TEXT_COLUMNS",
    "AsOf",
    "FrameValues",
    "ValuesSource",
    "as_of_moment",
    "canonical_values",
    "cut_off",
    "latest_versions",
    "read_values_file",
    "values_source",
]

#: the composite key of a value, in contract order: one published figure per key
KEY_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "area_code",
    "period",
    "sex",
    "age",
    "category_type",
    "category",
)
#: "no breakdown" is empty text in both (a headline row)
BREAKDOWN_COLUMNS: tuple[str, ...] = KEY_COLUMNS[5:]
#: the measured figures of a value, in contract order (all numbers)
FIGURE_COLUMNS: tuple[str, ...] = (
    "value",
    "lower_ci",
    "upper_ci",
    "lower_ci_99_8",
    "upper_ci_99_8",
    "numerator",
    "denominator",
)
#: the confidence limits: 95% (required, may be empty), then 99.8% (optional)
CI_COLUMNS: tuple[str, ...] = FIGURE_COLUMNS[1:5]
#: the figures every reader of values gets (added as NaN when a frame lacks them)
CORE_FIGURE_COLUMNS: tuple[str, ...] = ("value", *CI_COLUMNS[:2], "numerator", "denominator")
#: why a value is empty or special (e.g. "suppressed: count < 5")
NOTE_COLUMN = "value_note"

#: the columns a submission must have (it may leave the optional figures and the note out)
REQUIRED_COLUMNS: tuple[str, ...] = (*KEY_COLUMNS, *FIGURE_COLUMNS[:3])
OPTIONAL_COLUMNS: tuple[str, ...] = (*FIGURE_COLUMNS[3:], NOTE_COLUMN)
#: every column of the submission format, in contract order
SUBMISSION_COLUMNS: tuple[str, ...] = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
NUMBER_COLUMNS: tuple[str, ...] = FIGURE_COLUMNS
TEXT_COLUMNS: tuple[str, ...] = (*KEY_COLUMNS, NOTE_COLUMN)

#: what each column of the canonical frame holds: text (a pandas string column; in the key,
#: empty text, never null, means "none", e.g. no breakdown) or floats (NaN for an empty cell)
DTYPES: dict[str, type] = {
    **dict.fromkeys(KEY_COLUMNS, str),
    **dict.fromkeys(FIGURE_COLUMNS, float),
    NOTE_COLUMN: str,
}

# the least a frame must carry to be read as values; the other key parts have defaults
_READ_REQUIRED = (*KEY_COLUMNS[:3], FIGURE_COLUMNS[0])
_KEY_DEFAULTS = dict(zip(KEY_COLUMNS[3:], ("Persons", "", "", ""), strict=True))
_BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

AsOf: TypeAlias = str | date | datetime | pd.Timestamp | None


@runtime_checkable
class ValuesSource(Protocol):
    """Anything that hands out canonical values as they stood at a moment.

    ``as_of`` is a data cut-off (only submissions made up to and including it count; a bare
    date means the whole day) or, for a store, a submission id. ``indicators`` and ``areas``
    narrow the rows. :class:`~wyoutcomes.store.Store` and :class:`FrameValues` satisfy it.
    """

    def read(
        self,
        as_of: AsOf = None,
        indicators: Iterable[str] | None = None,
        areas: Iterable[str] | None = None,
    ) -> pd.DataFrame: ...


def cut_off(day: date) -> pd.Timestamp:
    """The last instant of a day, in UTC: "submitted by 30 September" includes all of it.

    >>> cut_off(date(2024, 9, 30))
    Timestamp('2024-09-30 23:59:59.999999+0000', tz='UTC')
    """
    return pd.Timestamp(datetime.combine(day, time.max, tzinfo=timezone.utc))


def as_of_moment(as_of: str | date | datetime | pd.Timestamp, what: str = "as_of") -> pd.Timestamp:
    """The one reading of a cut-off as an aware UTC time.

    A bare date (a ``date``, or text ``YYYY-MM-DD``) means the whole day, inclusive; a naive
    time is read as UTC, the zone the store records. Raises :class:`~wyoutcomes.errors.UsageError`
    naming ``what`` when the text is not a time.

    >>> as_of_moment("2024-07-01")
    Timestamp('2024-07-01 23:59:59.999999+0000', tz='UTC')
    >>> as_of_moment("2024-07-01T09:30")
    Timestamp('2024-07-01 09:30:00+0000', tz='UTC')
    """
    if isinstance(as_of, date) and not isinstance(as_of, datetime):
        return cut_off(as_of)
    if isinstance(as_of, str) and _BARE_DATE.match(as_of.strip()):
        try:
            day = date.fromisoformat(as_of.strip())
        except ValueError as exc:  # the shape of a date, but no such day (0000-00-00, 2024-02-30)
            raise UsageError(f"{what}={as_of!r}: not a date ({exc})") from exc
        return cut_off(day)
    try:
        moment = pd.Timestamp(as_of)
    except (ValueError, TypeError) as exc:
        raise UsageError(
            f"{what}={as_of!r}: not a submission id or a date-time (e.g. 2024-07-01T09:30Z)"
        ) from exc
    if moment is pd.NaT:
        raise UsageError(f"{what}={as_of!r}: not a date-time")
    return moment.tz_localize(timezone.utc) if moment.tzinfo is None else moment.tz_convert("UTC")


def canonical_values(frame: pd.DataFrame, what: str = "values") -> pd.DataFrame:
    """The one way values are read into the canonical dtypes (:data:`DTYPES`).

    Missing key parts take their defaults (``sex`` Persons, the others empty), the key is
    stripped text, figures become floats (empty cells NaN) and the figures progress reads are
    added as NaN when absent. Other columns (``submitted_at``, ``submission_id`` …) pass through.
    Raises :class:`~wyoutcomes.errors.InputFileError` naming the row and column of a figure
    that is not a number, or the required columns that are missing.

    >>> out = canonical_values(pd.DataFrame({"indicator_id": ["x"], "area_code": ["E1"],
    ...     "period": [2019], "value": ["1.5"]}))
    >>> out["period"].tolist(), out["value"].tolist(), out["sex"].tolist()
    (['2019'], [1.5], ['Persons'])
    """
    missing = [c for c in _READ_REQUIRED if c not in frame.columns]
    if missing:
        raise InputFileError(
            f"{what}: missing required column(s) {', '.join(missing)} "
            f"(the canonical submission format needs {', '.join(_READ_REQUIRED)})"
        )
    frame = frame.reset_index(drop=True)  # a concatenation may repeat index labels
    for column, default in _KEY_DEFAULTS.items():
        if column not in frame.columns:
            frame[column] = default
        frame[column] = frame[column].fillna(default).astype(str)
    for column in _READ_REQUIRED[:3]:
        frame[column] = frame[column].astype(str).str.strip()
    for column in FIGURE_COLUMNS:
        if column not in frame.columns:
            if column not in CORE_FIGURE_COLUMNS:
                continue
            frame[column] = float("nan")
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna() & frame[column].notna() & (frame[column].astype(str).str.strip() != "")
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise InputFileError(
                f"{what}: row {row + 1}, column {column}: {frame[column].iloc[row]!r} "
                "is not a number (rule not-a-number); validate the submission first"
            )
        frame[column] = numbers.astype(float)
    return frame


def latest_versions(versions: pd.DataFrame, keep_withdrawn: bool = False) -> pd.DataFrame:
    """ "Latest version wins": one row per key, the version submitted last, sorted by key.

    Versions order by ``submission_id`` (which orders by time) then ``source_row`` when the
    frame has them (the store's history), else by ``submitted_at``; ties keep row order. A
    version marked ``withdrawn`` hides its key unless ``keep_withdrawn``.

    >>> versions = pd.DataFrame({"indicator_id": ["a", "a"], "area_code": ["E1", "E1"],
    ...     "period": ["2019"] * 2, "sex": ["Persons"] * 2, "age": ["All ages"] * 2,
    ...     "category_type": [""] * 2, "category": [""] * 2, "value": [1.0, 2.0],
    ...     "submission_id": ["s1", "s2"], "source_row": [1, 1], "withdrawn": [False, False]})
    >>> latest_versions(versions)["value"].tolist()
    [2.0]
    """
    if "submission_id" in versions.columns:
        order = [c for c in ("submission_id", "source_row") if c in versions.columns]
        ordered = versions.sort_values(order, kind="stable")
    else:
        submitted = pd.to_datetime(versions["submitted_at"], utc=True)
        ordered = versions.assign(_submitted=submitted).sort_values("_submitted", kind="stable")
        ordered = ordered.drop(columns="_submitted")
    latest = ordered.drop_duplicates(list(KEY_COLUMNS), keep="last")
    if not keep_withdrawn and "withdrawn" in latest.columns:
        latest = latest[~latest["withdrawn"].fillna(False).astype(bool)]
    return latest.sort_values(list(KEY_COLUMNS), kind="stable").reset_index(drop=True)


def _names(items: Iterable[str] | None) -> list[str] | None:
    if items is None:
        return None
    if isinstance(items, str):  # a lone id is a common slip: treat it as a list of one
        return [items]
    return [str(item) for item in items]


class FrameValues:
    """A plain frame in the canonical submission format, read as a :class:`ValuesSource`.

    A frame with the store's ``submitted_at`` column is a history: rows submitted after
    ``as_of`` are dropped and, per key, the latest version wins (:func:`latest_versions`).
    Without it, each key may appear once only.
    """

    def __init__(self, frame: pd.DataFrame, what: str = "progress data") -> None:
        self.frame = frame
        self.what = what

    def __repr__(self) -> str:
        return f"FrameValues(<{len(self.frame)} rows>)"

    def read(
        self,
        as_of: AsOf = None,
        indicators: Iterable[str] | None = None,
        areas: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """The canonical values current at ``as_of`` (None: every row)."""
        frame = self.frame
        wanted = _names(indicators)
        if wanted is not None:  # first, so the work below is on the rows that matter
            missing = [c for c in _READ_REQUIRED if c not in frame.columns]
            if not missing:
                frame = frame[frame["indicator_id"].astype(str).str.strip().isin(wanted)]
        frame = canonical_values(frame, self.what)
        area_codes = _names(areas)
        if area_codes is not None:
            frame = frame[frame["area_code"].isin(area_codes)]
        if "submitted_at" in frame.columns:
            if as_of is not None:
                submitted = pd.to_datetime(frame["submitted_at"], utc=True)
                frame = frame[submitted <= as_of_moment(as_of)]
            return latest_versions(frame)
        clashes = frame[frame.duplicated(list(KEY_COLUMNS), keep=False)]
        if not clashes.empty:
            first = clashes.iloc[0]
            key = ", ".join(f"{c}={first[c]!r}" for c in KEY_COLUMNS)
            raise InputFileError(
                f"{self.what}: {len(clashes)} rows share a key ({key}); without a submitted_at "
                "column there is no telling which value is current (rule duplicate-key)"
            )
        return frame.reset_index(drop=True)


def read_values_file(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A canonical CSV or Parquet file as a frame (CSV cells as text; :func:`canonical_values`
    parses them)."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".parquet":
            return pd.read_parquet(path)
        # keep_default_na=False: empty categories are "", not missing; figures parse later
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot be read as a CSV or Parquet table ({exc})") from exc


def values_source(values: object, what: str = "progress data") -> ValuesSource:
    """``values`` as a :class:`ValuesSource`: a store (or anything with ``read``) as it is, a
    frame through :class:`FrameValues`, a file path read as a frame, a folder opened as a store.

    >>> values_source(pd.DataFrame({"indicator_id": []}))
    FrameValues(<0 rows>)
    """
    if isinstance(values, pd.DataFrame):
        return FrameValues(values, what)
    if isinstance(values, (str, os.PathLike)):
        path = Path(values)
        if path.is_dir():
            # imported here: the store builds on this contract, not the other way round
            from wyoutcomes.store import Store

            return Store(path, create=False)
        if not path.is_file():
            raise InputFileError(f"{path}: no such file or store folder")
        return FrameValues(read_values_file(path), what)
    if isinstance(values, ValuesSource):  # a Store, or anything else with read(as_of, …)
        return values
    raise InputFileError(
        f"{what}: expected a DataFrame in the canonical submission format, a Store or a path, "
        f"got {type(values).__name__}"
    )
