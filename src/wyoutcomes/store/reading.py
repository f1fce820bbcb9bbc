"""Views of the ledger: which submissions count at a moment, current values, history, revisions.

Every version of every value stays in the store. The value *as of* a moment is the version from
the latest submission made at or before it (submissions order by id, which orders by time); a
version marked ``withdrawn`` hides the key. Nothing here writes, and nothing is served that its
record does not vouch for: each values file is checked against its recorded size and sha256
before it is read (:func:`check_served_file`).

>>> import pandas as pd
>>> versions = pd.DataFrame({"indicator_id": ["a", "a"], "area_code": ["E1", "E1"],
...     "period": ["2019"] * 2, "sex": ["Persons"] * 2, "age": ["All ages"] * 2,
...     "category_type": [""] * 2, "category": [""] * 2, "value": [1.0, 2.0],
...     "submission_id": ["s1", "s2"], "source_row": [1, 1], "withdrawn": [False, False]})
>>> latest_versions(versions)["value"].tolist()
[2.0]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from wyoutcomes.contract import KEY_COLUMNS, AsOf, as_of_moment, latest_versions
from wyoutcomes.errors import StoreError, StoreIntegrityError
from wyoutcomes.store.columns import VALUES_SCHEMA
from wyoutcomes.store.durable import sha256_of_file
from wyoutcomes.store.ids import SUBMISSION_ID_PATTERN
from wyoutcomes.store.layout import StoreLayout
from wyoutcomes.store.record import StoredFile, Submission

__all__ = [
    "AsOf",
    "latest_versions",
    "load_versions",
    "revisions_between",
    "submissions_as_of",
]


#: the columns of :meth:`Store.read` (the ``withdrawn`` flag is always false there)
READ_COLUMNS = [name for name in VALUES_SCHEMA.names if name != "withdrawn"]


def _moment(value: str | date | datetime | pd.Timestamp, what: str) -> pd.Timestamp:
    # the contract's one reading of a cut-off: a bare date is the whole day, naive times UTC;
    # a value that is not a time is a bad argument (UsageError, exit 2), not a store problem
    return as_of_moment(value, what)


def submissions_as_of(
    records: Sequence[Submission], as_of: AsOf, what: str = "as_of"
) -> list[Submission]:
    """The records (in id order) that count at ``as_of``: a submission id or a time.

    A submission id counts itself and every earlier submission; a time counts every submission
    made at or before it (a bare date: every submission made that day or before). ``None``
    counts all.
    """
    if as_of is None:
        return list(records)
    if isinstance(as_of, str) and SUBMISSION_ID_PATTERN.match(as_of):
        if as_of not in {record.submission_id for record in records}:
            raise StoreError(f"{what}={as_of}: no such submission in this store")
        return [record for record in records if record.submission_id <= as_of]
    moment = _moment(as_of, what)
    return [record for record in records if pd.Timestamp(record.submitted_at) <= moment]


#: files whose bytes matched their record in this process, keyed by everything that changes
#: when a file is written again: device, inode, size, modification and change times (the
#: change time cannot be set back by a user), and the sha256 the record expects
_VERIFIED: set[tuple[object, ...]] = set()
_VERIFIED_LIMIT = 200_000  # about 40 MB of keys at most; cleared (and re-hashed) beyond it


def check_served_file(layout: StoreLayout, submission_id: str, stored: StoredFile) -> Path:
    """The path of a stored file, after checking its size and sha256 against its record.

    The hash is taken once per file per process (cached by the file's identity and times), so
    repeated reads cost one ``stat`` per file. Raises :class:`StoreIntegrityError` naming the
    file when it is missing or differs: a read never serves bytes the record does not vouch for.
    """
    path = layout.submission(submission_id) / stored.path
    shown = f"{submission_id}/{stored.path}"
    advice = f"run `wyoutcomes verify --store {layout.root}`"
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise StoreIntegrityError(
            f"store {layout.root}: submission {submission_id} has lost {stored.path}; {advice}"
        ) from None
    except OSError as exc:
        raise StoreError(f"store {layout.root}: cannot open {shown} ({exc.strerror})") from exc
    if stat.st_size != stored.bytes:
        raise StoreIntegrityError(
            f"store {layout.root}: {shown} has {stat.st_size} bytes where its record says "
            f"{stored.bytes}; it is not served; {advice}"
        )
    key = (
        str(path),
        stat.st_dev,
        stat.st_ino,
        stat.st_size,
        stat.st_mtime_ns,
        stat.st_ctime_ns,
        stored.sha256,
    )
    if key in _VERIFIED:
        return path
    try:
        digest = sha256_of_file(path)
    except OSError as exc:
        raise StoreError(f"store {layout.root}: cannot read {shown} ({exc.strerror})") from exc
    if digest != stored.sha256:
        raise StoreIntegrityError(
            f"store {layout.root}: {shown} differs from its record (sha256 {digest[:12]}… where "
            f"{stored.sha256[:12]}… was recorded); it is not served; {advice}"
        )
    if len(_VERIFIED) >= _VERIFIED_LIMIT:
        _VERIFIED.clear()
    _VERIFIED.add(key)
    return path


def _files(
    layout: StoreLayout, records: Iterable[Submission], indicators: set[str] | None
) -> list[str]:
    paths = []
    for record in records:
        if not record.stored:
            continue
        for stored in record.files:
            if not stored.path.startswith("values/"):
                continue
            if indicators is not None and not indicators.intersection(_indicator_of(stored.path)):
                continue
            paths.append(os.fspath(check_served_file(layout, record.submission_id, stored)))
    return paths


def _indicator_of(values_path: str) -> set[str]:
    segment = values_path.split("/")[1]
    return {unquote(segment.partition("=")[2])}


def load_versions(
    layout: StoreLayout,
    records: Sequence[Submission],
    indicators: Iterable[str] | None = None,
    areas: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every stored version from ``records``, optionally for some indicators and areas only.

    Files are read from the manifests of committed records only, never by listing folders, so
    an unfinished or stray file can never be read.
    """
    wanted = None if indicators is None else set(_as_list(indicators, "indicators"))
    paths = _files(layout, records, wanted)
    if not paths:
        return VALUES_SCHEMA.empty_table().to_pandas()
    dataset = ds.dataset(paths, schema=VALUES_SCHEMA, format="parquet")
    condition = None
    if wanted is not None:
        condition = ds.field("indicator_id").isin(sorted(wanted))
    if areas is not None:
        area_condition = ds.field("area_code").isin(sorted(set(_as_list(areas, "areas"))))
        condition = area_condition if condition is None else condition & area_condition
    try:
        table = dataset.to_table(filter=condition)
    except (OSError, pa.ArrowInvalid) as exc:
        raise StoreIntegrityError(
            f"store {layout.root}: a values file cannot be read ({exc}); "
            f"run `wyoutcomes verify --store {layout.root}`"
        ) from exc
    return table.to_pandas()


def _as_list(items: Iterable[str], what: str) -> list[str]:
    if isinstance(items, str):  # a lone id is a common slip: treat it as a list of one
        return [items]
    return [str(item) for item in items]


def _differs(before: pd.Series, after: pd.Series) -> np.ndarray:
    both_missing = before.isna().to_numpy() & after.isna().to_numpy()
    equal = (before.to_numpy(dtype=float) == after.to_numpy(dtype=float)) | both_missing
    return ~equal


def revisions_between(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Values published in ``before`` whose figure differs in ``after`` (or that were withdrawn).

    ``before`` and ``after`` are current views (:func:`latest_versions`). ``change`` is
    ``revised`` (the value changed), ``interval_revised`` (only a confidence limit changed) or
    ``withdrawn``.
    """
    keys = list(KEY_COLUMNS)
    figures = ["value", "lower_ci", "upper_ci"]
    kept = ["submission_id", "submitted_at", "submitter"]
    merged = before[keys + figures + kept].merge(
        after[keys + figures + kept], on=keys, how="left", suffixes=("_before", ""), indicator=True
    )
    withdrawn = (merged["_merge"] == "left_only").to_numpy()
    value_changed = _differs(merged["value_before"], merged["value"])
    interval_changed = _differs(merged["lower_ci_before"], merged["lower_ci"]) | _differs(
        merged["upper_ci_before"], merged["upper_ci"]
    )
    change = np.select(
        [withdrawn, value_changed, interval_changed],
        ["withdrawn", "revised", "interval_revised"],
        default="",
    )
    merged["change"] = change
    revised = merged[change != ""].copy()
    revised["difference"] = revised["value"] - revised["value_before"]
    columns = [*keys, "change"]
    for name in figures:
        columns += [f"{name}_before", name]
    columns += ["difference", "submission_id_before", "submission_id", "submitted_at", "submitter"]
    out = revised[columns].rename(
        columns={f"{name}_before": f"previous_{name}" for name in [*figures, "submission_id"]}
    )
    return out.sort_values(keys, kind="stable").reset_index(drop=True)
