"""``Store.verify``: is every file still there, whole and unchanged since it was written?

Each record lists the files its submission wrote with their sizes and sha256; each record also
names the submission committed before it and the sha256 of that record, so deleting a whole
submission folder or editing a record is noticed too (except for the very latest record, which
nothing follows yet). Unfinished submissions left in ``_staging/`` by a crash are reported as
notes, not problems: they were never part of the store.

>>> import tempfile
>>> from wyoutcomes.store import Store
>>> Store(tempfile.mkdtemp()).verify().ok
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from wyoutcomes.errors import StoreIntegrityError
from wyoutcomes.store.durable import sha256_of_file
from wyoutcomes.store.ids import SUBMISSION_ID_PATTERN
from wyoutcomes.store.layout import RECORD, StoreLayout
from wyoutcomes.store.record import Submission

__all__ = ["PROBLEMS", "IntegrityReport", "check_store"]

#: problem codes, each with what it means
PROBLEMS: dict[str, str] = {
    "missing-file": "a file listed in the record is not there",
    "truncated-file": "a file is shorter than when it was written",
    "changed-file": "a file's bytes differ from the sha256 recorded when it was written",
    "unreadable-file": "a file cannot be read (a disk or permission error)",
    "unexpected-file": "a file the record does not list is inside a submission folder",
    "unexpected-entry": "something that is not a submission is inside submissions/",
    "unreadable-record": "a record.json is missing or is not a record",
    "missing-submission": "a later record follows a submission that is no longer there",
    "changed-record": "a record differs from the one the next submission saw",
}

_COLUMNS = ["submission_id", "path", "problem", "detail"]


@dataclass(frozen=True)
class IntegrityReport:
    """What :meth:`Store.verify` found: ``problems`` has one row per problem (codes above)."""

    store: Path
    submissions: int
    files_checked: int
    problems: pd.DataFrame
    unfinished: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return len(self.problems) == 0

    def summary(self) -> str:
        """One line per problem, then a closing verdict."""
        lines = [
            f"{row.problem}: {row.submission_id}/{row.path} ({row.detail})".replace("/.", ".")
            for row in self.problems.itertuples()
        ]
        if self.unfinished:
            lines.append(
                f"note: {len(self.unfinished)} unfinished submission(s) in _staging/ "
                "(interrupted before commit; never part of the store)"
            )
        verdict = "ok" if self.ok else f"{len(self.problems)} problem(s)"
        lines.append(
            f"store {self.store}: {self.submissions} submission(s), "
            f"{self.files_checked} file(s) checked: {verdict}"
        )
        return "\n".join(lines)

    def raise_for_problems(self) -> None:
        """Raise :class:`StoreIntegrityError` naming the first problem, if there are any."""
        if self.ok:
            return
        first = self.problems.iloc[0]
        raise StoreIntegrityError(
            f"store {self.store}: {len(self.problems)} integrity problem(s); first: "
            f"{first['problem']} {first['submission_id']}/{first['path']} ({first['detail']})"
        )


def _check_submission(
    folder: Path, submission_id: str, problems: list[dict[str, str]]
) -> tuple[Submission | None, int]:
    def problem(path: str, code: str, detail: str) -> None:
        problems.append(
            {"submission_id": submission_id, "path": path, "problem": code, "detail": detail}
        )

    try:
        record = Submission.from_json((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problem(RECORD, "unreadable-record", str(exc) or type(exc).__name__)
        return None, 0
    if record.submission_id != submission_id:
        problem(RECORD, "unreadable-record", f"it names submission {record.submission_id}")
    checked = 0
    for stored in record.files:
        path = folder / stored.path
        checked += 1
        if not path.is_file():
            problem(stored.path, "missing-file", f"{stored.bytes} bytes expected")
            continue
        try:
            size = path.stat().st_size
            changed = size != stored.bytes or sha256_of_file(path) != stored.sha256
        except OSError as exc:  # the disk, not the bytes: say so and check the rest
            problem(stored.path, "unreadable-file", exc.strerror or str(exc))
            continue
        if size < stored.bytes:
            problem(stored.path, "truncated-file", f"{size} of {stored.bytes} bytes")
        elif changed:
            problem(stored.path, "changed-file", f"sha256 differs from {stored.sha256[:12]}…")
    listed = {stored.path for stored in record.files} | {RECORD}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            relative = (Path(dirpath) / name).relative_to(folder).as_posix()
            if relative not in listed:
                problem(relative, "unexpected-file", "not in the record's manifest")
    return record, checked


def check_store(layout: StoreLayout) -> IntegrityReport:
    """Check a store folder (see the module docstring)."""
    problems: list[dict[str, str]] = []
    records: dict[str, Submission] = {}
    checked = 0
    for folder in sorted(layout.submissions.iterdir()):
        name = folder.name
        if not SUBMISSION_ID_PATTERN.match(name) or not folder.is_dir():
            problems.append(
                {
                    "submission_id": "",
                    "path": f"submissions/{name}",
                    "problem": "unexpected-entry",
                    "detail": "not a submission folder",
                }
            )
            continue
        record, files = _check_submission(folder, name, problems)
        checked += files
        if record is not None:
            records[name] = record
    for record in records.values():
        if record.follows is None:
            continue
        previous = layout.submission(record.follows)
        if not previous.is_dir():
            problems.append(
                {
                    "submission_id": record.follows,
                    "path": "",
                    "problem": "missing-submission",
                    "detail": f"followed by {record.submission_id}",
                }
            )
        elif record.follows in records:
            digest = sha256_of_file(previous / RECORD)
            if digest != record.follows_record_sha256:
                problems.append(
                    {
                        "submission_id": record.follows,
                        "path": RECORD,
                        "problem": "changed-record",
                        "detail": f"differs from what {record.submission_id} recorded",
                    }
                )
    unfinished = (
        tuple(sorted(p.name for p in layout.staging.iterdir())) if layout.staging.is_dir() else ()
    )
    frame = pd.DataFrame(problems, columns=_COLUMNS)
    frame = frame.sort_values(["submission_id", "path", "problem"], kind="stable")
    return IntegrityReport(
        store=layout.root,
        submissions=len(records),
        files_checked=checked,
        problems=frame.reset_index(drop=True),
        unfinished=unfinished,
    )
