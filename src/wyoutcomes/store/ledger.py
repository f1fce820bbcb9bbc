"""The :class:`Store`: an append-only ledger of validated submissions in a plain folder.

Each submission is validated, then written as a folder of immutable files under ``_staging/``
(the original file byte for byte, the accepted rows as Parquet, the quarantined rows, the
failures, and last the record with the manifest of all of them), fsynced, and committed by a
single atomic rename into ``submissions/``. A crash at any moment leaves the submission wholly
present or wholly absent; concurrent writers never touch the same file, so they need no lock.

>>> import tempfile
>>> store = Store(tempfile.mkdtemp())
>>> len(store.submissions())
0
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from wyoutcomes._compat import plan_and_rules, renamed_keywords
from wyoutcomes.errors import InputFileError, StoreError, StoreIntegrityError, UsageError
from wyoutcomes.store import reading
from wyoutcomes.store.columns import KEY_COLUMNS, split_by_indicator, to_values_table
from wyoutcomes.store.durable import (
    SourceReadError,
    copy_file_durably,
    fsync_folder,
    fsync_tree,
    sha256_of_file,
    write_file_durably,
)
from wyoutcomes.store.ids import new_submission_id
from wyoutcomes.store.integrity import IntegrityReport, check_store
from wyoutcomes.store.layout import FAILURES, QUARANTINE, RECORD, StoreLayout, values_file
from wyoutcomes.store.record import Outcome, StoredFile, Submission

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan
    from wyoutcomes.validation import ValidationReport

__all__ = ["Store", "run_validation"]


def run_validation(
    values: Path | pd.DataFrame, plan: Plan | None, as_of: date, plan_rules: bool = True
) -> ValidationReport:
    """Validate a submission with :func:`wyoutcomes.validate` (the store builds on validation).

    ``as_of`` is the submission date, so a re-run of the same submission judges "a period in
    the future" the same way, whatever day it runs.
    """
    from wyoutcomes.validation import validate  # imported late: validation loads the plan

    return validate(values, plan=plan, plan_rules=plan_rules, as_of=as_of)


def _moment(submitted_at: datetime | str | None) -> tuple[datetime, bool]:
    """The submission time as an aware UTC datetime to the millisecond; and whether given."""
    if submitted_at is None:
        now = pd.Timestamp.now(tz=timezone.utc).floor("ms")
        return now.to_pydatetime(), False
    usage = f"submitted_at={submitted_at!r}: not a date-time (e.g. 2024-07-01T09:30Z)"
    try:
        moment = pd.Timestamp(submitted_at)
    except (ValueError, TypeError) as exc:  # OutOfBoundsDatetime is a ValueError too
        raise UsageError(usage) from exc
    if moment is pd.NaT:
        raise UsageError(usage)
    moment = moment.tz_localize(timezone.utc) if moment.tzinfo is None else moment
    moment = moment.tz_convert(timezone.utc).floor("ms")
    if moment < _EPOCH:  # submission ids (UUIDv7) count milliseconds from 1970
        raise UsageError(
            f"submitted_at={submitted_at!r}: a submission time must be on or after "
            "1970-01-01T00:00Z"
        )
    return moment.to_pydatetime(), True


_EPOCH = pd.Timestamp(0, tz=timezone.utc)
#: longest folder name written (file systems allow 255 bytes; kept below for safety)
_MAX_SEGMENT_BYTES = 200


def _check_forward(moment: datetime, explicit: bool, records: list[Submission]) -> None:
    """A given submission time may not go back before the latest submission: a published
    ``as_of`` must keep its meaning."""
    if not (explicit and records):
        return
    latest = max(record.submitted_at for record in records)
    if moment < latest:
        raise StoreError(
            f"submitted_at {moment.isoformat()} is earlier than the latest submission "
            f"({latest.isoformat()}); a store only moves forward in time"
        )


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    """A side table (quarantine, failures) as Parquet, falling back to text for mixed columns."""
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        # rows with errors often hold text where numbers belong: keep them as submitted text
        table = pa.Table.from_pandas(
            frame.astype("string").astype(object).where(frame.notna(), None),
            preserve_index=False,
        )
    return _parquet_bytes(table.replace_schema_metadata(None))


class Store:
    """A store folder: create or open it, ingest submissions, read values as of any moment.

    ``Store(path)`` creates the folder when it is new or empty (``create=False`` refuses) and
    opens it otherwise. Everything in it is written once and never changed.
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        self._layout = StoreLayout(self.path)
        self._layout.prepare(create=create)
        self._records: dict[str, Submission] = {}

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # ------------------------------------------------------------------ records

    def _record(self, submission_id: str) -> Submission:
        cached = self._records.get(submission_id)
        if cached is not None:
            return cached  # records never change once committed, so a cache is always right
        path = self._layout.submission(submission_id) / RECORD
        try:
            record = Submission.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreIntegrityError(
                f"store {self.path}: the record of submission {submission_id} is unreadable "
                f"({exc}); run `wyoutcomes verify --store {self.path}`"
            ) from exc
        self._records[submission_id] = record
        return record

    def _all_records(self) -> list[Submission]:
        return [self._record(sid) for sid in self._layout.committed_ids()]

    def submission(self, submission_id: str) -> Submission:
        """The record of one submission (``StoreError`` if there is none)."""
        if submission_id not in self._layout.committed_ids():
            raise StoreError(f"store {self.path}: no submission {submission_id}")
        return self._record(submission_id)

    def submissions(self) -> pd.DataFrame:
        """One row per committed submission, oldest first (the fields of :class:`Submission`)."""
        rows = [record.as_row() for record in self._all_records()]
        columns = list(Submission.__dataclass_fields__)
        frame = pd.DataFrame(rows, columns=columns)
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True)
        return frame

    # ------------------------------------------------------------------ writing

    def ingest(
        self,
        values: str | os.PathLike[str] | pd.DataFrame | None = None,
        *,
        submitter: str,
        source: str | None = None,
        note: str | None = None,
        plan: Plan | None = None,
        plan_rules: bool = True,
        accept_valid_rows: bool = False,
        submitted_at: datetime | str | None = None,
        **renamed: Any,
    ) -> Submission:
        """Validate a submission and add it to the ledger; return its record.

        ``values`` is the file (CSV, Parquet, Fingertips export) or frame submitted (its old
        name ``path_or_frame`` still works, with a DeprecationWarning). ``plan`` is the plan
        validated against (None: the bundled plan); ``plan_rules=False`` runs only the rules
        that need no plan (the old ``plan=False``).

        By default a file with any error is rejected whole (its original, failures and
        quarantined rows are still kept); ``accept_valid_rows=True`` stores the valid rows and
        quarantines the rest. ``submitted_at`` (default: now) fixes the time, for back-filling
        and reproducible tests; it may not be earlier than the latest submission.
        """
        if renamed:
            values = renamed_keywords("ingest", renamed, {"path_or_frame": "values"})["values"]
        if values is None:
            raise TypeError("ingest() needs the values submitted (a path or a frame)")
        plan, plan_rules = plan_and_rules("ingest", plan, plan_rules)
        if not isinstance(submitter, str) or not submitter.strip():
            raise StoreError("ingest: name the submitter (a person, team or place)")
        moment, explicit = _moment(submitted_at)
        policy = "accept_valid_rows" if accept_valid_rows else "reject_file"
        records = self._all_records()
        _check_forward(moment, explicit, records)

        # the staging folder is named at random: the id needs the original's hash, which is
        # taken while copying the original in (one pass over the bytes)
        with self._staging_folder(f"{int(moment.timestamp())}.{secrets.token_hex(8)}") as staging:
            return self._stage_and_commit(
                staging,
                moment=moment,
                explicit=explicit,
                submitter=submitter,
                source=source,
                note=note,
                plan=plan,
                plan_rules=plan_rules,
                policy=policy,
                path_or_frame=values,
                latest=records[-1].submission_id if records else None,
            )

    @contextmanager
    def _staging_folder(self, name: str) -> Iterator[Path]:
        """A new folder under ``_staging/`` for one submission, removed whatever happens.

        Any ``OSError`` while it is written (a read-only or full disk, a failing device)
        becomes a :class:`StoreError`: nothing of the submission is left in the store.
        """
        staging = self._layout.staging / name
        try:
            staging.mkdir(parents=True)
            yield staging
        except OSError as exc:
            where = f" at {exc.filename}" if exc.filename else ""
            raise StoreError(
                f"store {self.path}: cannot be written ({exc.strerror or exc}{where}); "
                "nothing of this submission was stored"
            ) from exc
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)

    def _stage_and_commit(
        self,
        staging: Path,
        *,
        moment: datetime,
        explicit: bool,
        submitter: str,
        source: str | None,
        note: str | None,
        plan: Plan | None,
        plan_rules: bool,
        policy: str,
        path_or_frame: Any,
        latest: str | None,
    ) -> Submission:
        original_dir = staging / "original"
        original_dir.mkdir()
        if isinstance(path_or_frame, pd.DataFrame):
            file_name = "submitted-frame.parquet"
            try:
                original = _parquet_bytes(pa.Table.from_pandas(path_or_frame, preserve_index=False))
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
                file_name = "submitted-frame.csv"
                original = path_or_frame.to_csv(index=False).encode()
            staged_original = original_dir / file_name
            sha256 = write_file_durably(staged_original, original)
            size = len(original)
            to_validate: Path | pd.DataFrame = path_or_frame
        else:
            source_path = Path(path_or_frame)
            if not source_path.is_file():
                raise InputFileError(f"{source_path}: no such file")
            file_name = source_path.name
            staged_original = original_dir / file_name
            try:
                sha256, size = copy_file_durably(source_path, staged_original)
            except SourceReadError as exc:  # a write error is the store's (StoreError)
                raise InputFileError(
                    f"{source_path}: cannot be read ({exc.error.strerror})"
                ) from exc
            # validate the copy, so the rows stored are exactly those of the bytes kept
            to_validate = staged_original

        seed = None
        if explicit:
            parts = [sha256, submitter, moment.isoformat(), source or "", note or "", policy]
            seed = "\x1f".join(parts).encode()
        submission_id = new_submission_id(moment, seed=seed, after=latest)
        report = run_validation(to_validate, plan, moment.date(), plan_rules)

        failures: pd.DataFrame = report.failures
        warnings = int((failures["severity"] == "warning").sum()) if len(failures) else 0
        rejected = report.outcome == "rejected"
        invalid = report.invalid_rows() if rejected else None
        valid = report.valid_rows()
        total = len(valid) + (0 if invalid is None else len(invalid))
        outcome: Outcome
        if rejected and policy == "accept_valid_rows" and len(valid):
            accepted_rows, outcome = valid, "partially_accepted"
        elif rejected:
            # the whole file is refused: its valid rows stay only in the kept original
            accepted_rows, outcome = None, "rejected"
        else:
            accepted_rows, outcome = valid, cast(Outcome, report.outcome)
        if accepted_rows is not None and len(accepted_rows) == 0:
            accepted_rows = None
        quarantined = 0 if invalid is None else len(invalid)

        records = self._all_records()
        duplicate_of = None
        if accepted_rows is not None:
            duplicate_of = self._duplicate_of(records, sha256, accepted_rows)
        files: list[StoredFile] = []
        indicators: tuple[str, ...] = ()
        accepted = 0
        if duplicate_of is not None:
            # the bytes are already kept under the earlier submission: keep only the record
            shutil.rmtree(original_dir)
            outcome, quarantined = "duplicate", 0
        else:
            files.append(StoredFile(f"original/{file_name}", size, sha256))
            if accepted_rows is not None:
                accepted = len(accepted_rows)
                written, indicators = self._write_values(
                    staging, accepted_rows, submission_id, moment, submitter, withdrawn=False
                )
                files += written
            if invalid is not None and len(invalid):
                files.append(_write_side(staging, QUARANTINE, invalid))
            if len(failures):
                files.append(_write_side(staging, FAILURES, failures))

        record = Submission(
            submission_id=submission_id,
            submitted_at=moment,
            submitter=submitter,
            outcome=outcome,
            rows=total,
            accepted=accepted,
            quarantined=quarantined,
            warnings=warnings,
            kind="data",
            policy=policy,  # type: ignore[arg-type]
            source=source,
            note=note,
            file_name=file_name,
            sha256=sha256,
            bytes=size,
            validation_outcome=report.outcome,
            duplicate_of=duplicate_of,
            ruleset_version=_text_or_none(getattr(report, "ruleset_version", None)),
            library_version=_text_or_none(getattr(report, "library_version", None)),
            indicators=indicators,
            rules=tuple(sorted(set(failures["rule"].astype(str)))) if len(failures) else (),
            files=tuple(sorted(files, key=lambda stored: stored.path)),
        )
        return self._commit(staging, record)

    def withdraw(
        self,
        keys: pd.DataFrame | str | os.PathLike[str],
        *,
        submitter: str,
        reason: str,
        source: str | None = None,
        submitted_at: datetime | str | None = None,
    ) -> Submission:
        """Withdraw published values: a submission whose rows mark their keys withdrawn.

        ``keys`` (a frame, or a CSV or Parquet file, which is kept byte for byte) has the seven
        key columns (``category_type`` and ``category`` may be left out for values without a
        breakdown). Each key must be currently published. The withdrawn values stay in history;
        :meth:`read` no longer shows them, and a later submission of the same key publishes it
        again.
        """
        if not isinstance(submitter, str) or not submitter.strip():
            raise StoreError("withdraw: name the submitter (a person, team or place)")
        if not isinstance(reason, str) or not reason.strip():
            raise StoreError("withdraw: give the reason, which is kept as the rows' value_note")
        keys, file_name, original = _withdrawal_keys(keys)
        for name in ("category_type", "category"):
            if name not in keys:
                keys[name] = ""
        missing = [name for name in KEY_COLUMNS if name not in keys]
        if missing:
            raise StoreError(f"withdraw: the keys lack column(s) {', '.join(missing)}")
        if len(keys) == 0:  # a withdrawal of nothing would still be recorded: refuse it
            raise StoreError(f"withdraw: {file_name} lists no keys; nothing was withdrawn")
        keys = keys[list(KEY_COLUMNS)].astype("string").fillna("")
        keys["source_row"] = range(1, len(keys) + 1)
        clash = keys.duplicated(list(KEY_COLUMNS), keep=False)
        if clash.any():
            rows = keys.loc[clash, "source_row"].tolist()
            raise StoreError(f"withdraw: rows {rows} repeat the same key")
        moment, explicit = _moment(submitted_at)
        records = self._all_records()
        _check_forward(moment, explicit, records)
        current = reading.latest_versions(
            reading.load_versions(self._layout, records, indicators=set(keys["indicator_id"]))
        )
        published = keys.merge(
            current[list(KEY_COLUMNS)].astype("string"),
            on=list(KEY_COLUMNS),
            how="left",
            indicator=True,
        )
        unknown = published[published["_merge"] == "left_only"]
        if len(unknown):
            first = unknown.iloc[0]
            described = ", ".join(f"{name}={first[name]!r}" for name in KEY_COLUMNS)
            raise StoreError(
                f"withdraw: row {int(first['source_row'])} ({described}) is not a published "
                f"value; {len(unknown)} row(s) like it"
            )
        rows = keys.assign(value_note=reason)
        if original is None:
            original = _parquet_bytes(
                pa.Table.from_pandas(
                    keys[list(KEY_COLUMNS)], preserve_index=False
                ).replace_schema_metadata(None)
            )
        sha256 = hashlib.sha256(original).hexdigest()
        seed = "\x1f".join([sha256, submitter, moment.isoformat(), reason]).encode()
        latest = records[-1].submission_id if records else None
        submission_id = new_submission_id(moment, seed=seed if explicit else None, after=latest)
        with self._staging_folder(f"{submission_id}.{secrets.token_hex(4)}") as staging:
            (staging / "original").mkdir()
            write_file_durably(staging / "original" / file_name, original)
            files = [StoredFile(f"original/{file_name}", len(original), sha256)]
            written, indicators = self._write_values(
                staging, rows, submission_id, moment, submitter, withdrawn=True
            )
            record = Submission(
                submission_id=submission_id,
                submitted_at=moment,
                submitter=submitter,
                outcome="accepted",
                rows=len(rows),
                accepted=len(rows),
                kind="withdrawal",
                source=source,
                note=reason,
                file_name=file_name,
                sha256=sha256,
                bytes=len(original),
                indicators=indicators,
                files=tuple(sorted(files + written, key=lambda stored: stored.path)),
            )
            return self._commit(staging, record)

    def _write_values(
        self,
        staging: Path,
        rows: pd.DataFrame,
        submission_id: str,
        moment: datetime,
        submitter: str,
        *,
        withdrawn: bool,
    ) -> tuple[list[StoredFile], tuple[str, ...]]:
        try:
            table = to_values_table(
                rows,
                submission_id=submission_id,
                submitted_at=moment,
                submitter=submitter,
                withdrawn=withdrawn,
            )
        except ValueError as exc:
            raise StoreError(f"cannot store the accepted rows: {exc}") from exc
        written = []
        indicators: list[str] = []
        for indicator_id, part in split_by_indicator(table):
            relative = values_file(indicator_id)
            segment = relative.split("/")[1]
            if len(segment.encode()) > _MAX_SEGMENT_BYTES:
                raise StoreError(
                    f"cannot store indicator id {indicator_id[:40]!r}… ({len(indicator_id)} "
                    f"characters): too long to name its folder in the store (at most "
                    f"{_MAX_SEGMENT_BYTES - len('indicator_id=')} bytes once quoted)"
                )
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            content = _parquet_bytes(part)
            digest = write_file_durably(target, content)
            written.append(StoredFile(relative, len(content), digest))
            indicators.append(indicator_id)
        return written, tuple(indicators)

    def _duplicate_of(
        self, records: list[Submission], sha256: str, rows: pd.DataFrame
    ) -> str | None:
        """The earlier identical submission, if storing these rows again would change nothing."""
        same = [r for r in records if r.sha256 == sha256 and r.stored and r.kind == "data"]
        if not same:
            return None
        keys = rows[list(KEY_COLUMNS[:5])].astype("string")
        for name in ("category_type", "category"):
            keys[name] = rows[name].astype("string").fillna("") if name in rows else ""
        current = reading.latest_versions(
            reading.load_versions(self._layout, records, indicators=set(keys["indicator_id"]))
        )
        holders = keys.merge(
            current[[*KEY_COLUMNS, "submission_id"]].astype("string"),
            on=list(KEY_COLUMNS),
            how="left",
        )["submission_id"]
        identical = {r.submission_id for r in same}
        if holders.isin(identical).all():
            return same[-1].submission_id
        return None

    def _commit(self, staging: Path, record: Submission) -> Submission:
        records = self._all_records()
        if records:
            previous = records[-1]
            previous_record = self._layout.submission(previous.submission_id) / RECORD
            record = _with_follows(record, previous.submission_id, sha256_of_file(previous_record))
        write_file_durably(staging / RECORD, record.to_json().encode("utf-8"))
        fsync_tree(staging)
        target = self._layout.submission(record.submission_id)
        try:
            staging.rename(target)  # the commit: the folder appears whole, or not at all
        except OSError as exc:
            if (target / RECORD).exists():
                # a concurrent ingest of the same bytes, by the same submitter at the same
                # given time, committed the same submission first
                existing = self._record(record.submission_id)
                if existing.sha256 == record.sha256:
                    return existing
            raise StoreError(
                f"store {self.path}: cannot commit submission {record.submission_id} "
                f"({exc.strerror})"
            ) from exc
        self._records[record.submission_id] = record
        try:
            fsync_folder(self._layout.submissions)
        except OSError as exc:  # committed and visible; only its durability is in doubt
            raise StoreError(
                f"store {self.path}: submission {record.submission_id} was committed but the "
                f"folder could not be synced to disk ({exc.strerror}); check the disk"
            ) from exc
        return record

    # ------------------------------------------------------------------ reading

    def read(
        self,
        as_of: reading.AsOf = None,
        indicators: Iterable[str] | None = None,
        areas: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """The published values: the latest version of each key, withdrawn keys left out.

        ``as_of`` (a submission id, or a time; a bare date means the whole day, inclusive)
        gives the values as they stood then. The frame
        has the canonical submission columns plus ``submission_id``, ``submitted_at``,
        ``submitter`` and ``source_row``, sorted by key.
        """
        records = reading.submissions_as_of(self._all_records(), as_of)
        versions = reading.load_versions(self._layout, records, indicators, areas)
        return reading.latest_versions(versions)[reading.READ_COLUMNS]

    def value_files(
        self, as_of: reading.AsOf = None, indicators: Iterable[str] | None = None
    ) -> list[Path]:
        """The committed values files that count at ``as_of``, in submission order.

        For reading the store with another engine (DuckDB, Polars, Spark): these files, and
        only these, hold what :meth:`read` reads. A glob over the store's folder bypasses the
        manifests and picks up staged, quarantined or stray files. Every version is in them:
        keep the latest per key (``wyoutcomes.engines.read_store`` does).

        >>> import tempfile
        >>> Store(tempfile.mkdtemp()).value_files()
        []
        """
        records = reading.submissions_as_of(self._all_records(), as_of)
        wanted = None if indicators is None else set(reading._as_list(indicators, "indicators"))
        return [Path(path) for path in reading._files(self._layout, records, wanted)]

    def failures(self, submission_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """The validation failure tables of submissions (default: all), one after another.

        Each row is a failure (the columns of ``wyoutcomes.validate``'s failure table) plus the
        ``submission_id`` it belongs to, submissions in the order given. Files are found
        through each record's manifest, never by listing folders; a submission validation
        found nothing in has no rows here.
        """
        ids = self._layout.committed_ids() if submission_ids is None else list(submission_ids)
        found = []
        for submission_id in ids:
            record = self.submission(submission_id)
            stored = next((file for file in record.files if file.path == FAILURES), None)
            if stored is None:
                continue
            # checked against its size and sha256 first: never serve a changed file
            path = reading.check_served_file(self._layout, submission_id, stored)
            try:
                table = pd.read_parquet(path)
            except (OSError, pa.ArrowInvalid) as exc:
                raise StoreIntegrityError(
                    f"store {self.path}: the failures of submission {submission_id} cannot be "
                    f"read ({exc}); run `wyoutcomes verify --store {self.path}`"
                ) from exc
            found.append(table.assign(submission_id=submission_id))
        if not found:
            return pd.DataFrame({"submission_id": pd.Series(dtype=object)})
        return pd.concat(found, ignore_index=True)

    def history(
        self,
        indicator_id: str | None = None,
        area_code: str | None = None,
        period: str | None = None,
        *,
        sex: str | None = None,
        age: str | None = None,
        category_type: str | None = None,
        category: str | None = None,
    ) -> pd.DataFrame:
        """Every version of the values matching the given key parts, oldest first per key.

        ``status`` is ``current``, ``superseded`` or ``withdrawn`` (a withdrawal, or the version
        it withdrew). ``withdrawn`` marks the rows of withdrawal submissions.
        """
        wanted = {
            "indicator_id": indicator_id,
            "area_code": area_code,
            "period": period,
            "sex": sex,
            "age": age,
            "category_type": category_type,
            "category": category,
        }
        versions = reading.load_versions(
            self._layout,
            self._all_records(),
            None if indicator_id is None else [indicator_id],
            None if area_code is None else [area_code],
        )
        for name, value in wanted.items():
            if value is not None:
                versions = versions[versions[name] == value]
        latest = reading.latest_versions(versions, keep_withdrawn=True)
        current_ids = latest[[*KEY_COLUMNS, "submission_id", "withdrawn"]].rename(
            columns={"submission_id": "_latest", "withdrawn": "_latest_withdrawn"}
        )
        out = versions.merge(current_ids, on=list(KEY_COLUMNS), how="left")
        is_latest = out["submission_id"] == out["_latest"]
        out["status"] = "superseded"
        out.loc[is_latest, "status"] = "current"
        out.loc[is_latest & out["_latest_withdrawn"], "status"] = "withdrawn"
        out = out.drop(columns=["_latest", "_latest_withdrawn"])
        order = [*KEY_COLUMNS, "submission_id", "source_row"]
        return out.sort_values(order, kind="stable").reset_index(drop=True)

    def revisions(self, since: reading.AsOf, until: reading.AsOf = None) -> pd.DataFrame:
        """Values published at ``since`` whose figure differs at ``until`` (default: now).

        One row per key with ``change`` = ``revised`` (the value changed),
        ``interval_revised`` (only a 95% limit changed) or ``withdrawn``, the previous and new
        figures, ``difference`` (new − previous value) and the revising submission. Values
        first published after ``since`` are not revisions and are left out.
        """
        if since is None:
            raise StoreError("revisions: say since when (a submission id or a time)")
        records = self._all_records()
        before_records = reading.submissions_as_of(records, since, "since")
        after_records = reading.submissions_as_of(records, until, "until")
        before = reading.latest_versions(reading.load_versions(self._layout, before_records))
        after = reading.latest_versions(reading.load_versions(self._layout, after_records))
        return reading.revisions_between(before, after)

    # ------------------------------------------------------------------ integrity

    def verify(self) -> IntegrityReport:
        """Check every file of every submission against the sizes and hashes in its record.

        Returns an :class:`IntegrityReport`; ``report.raise_for_problems()`` turns problems into
        a :class:`~wyoutcomes.errors.StoreIntegrityError`.
        """
        return check_store(self._layout)


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _write_side(staging: Path, name: str, frame: pd.DataFrame) -> StoredFile:
    content = _frame_bytes(frame.reset_index(drop=True))
    digest = write_file_durably(staging / name, content)
    return StoredFile(name, len(content), digest)


def _withdrawal_keys(
    keys: pd.DataFrame | str | os.PathLike[str],
) -> tuple[pd.DataFrame, str, bytes | None]:
    """The keys to withdraw as a frame, the file name to keep them under, and the file's bytes
    (``None`` for a frame, which is kept as Parquet)."""
    if isinstance(keys, pd.DataFrame):
        return keys.copy(), "withdrawn-keys.parquet", None
    path = Path(keys)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(io.BytesIO(content))
        else:
            frame = pd.read_csv(
                io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8-sig"
            )
    except (ValueError, OSError, pa.ArrowException, pd.errors.ParserError) as exc:
        raise InputFileError(f"{path}: cannot be read as a table of keys ({exc})") from exc
    return frame, path.name, content


def _with_follows(record: Submission, previous_id: str, previous_sha: str) -> Submission:
    return replace(record, follows=previous_id, follows_record_sha256=previous_sha)
