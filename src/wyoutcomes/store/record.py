"""The submission record: what was submitted, by whom, when, what became of it, and the
manifest of every file the submission wrote (path, size, sha256) for :meth:`Store.verify`.

A record is ``record.json`` inside the submission's folder. It is written before the folder is
committed, so a committed submission always has its record, and a record never changes.

>>> from datetime import datetime, timezone
>>> record = Submission(submission_id="01906da1-35c0-7000-8000-000000000000",
...     submitted_at=datetime(2024, 7, 1, 9, 30, tzinfo=timezone.utc), submitter="Leeds",
...     outcome="accepted", rows=3, accepted=3)
>>> Submission.from_json(record.to_json()) == record
True
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

__all__ = ["RECORD_FORMAT", "Outcome", "StoredFile", "Submission"]

#: bump when the meaning of a record field changes; readers refuse formats they do not know
RECORD_FORMAT = 1

Outcome = Literal[
    "accepted",
    "accepted_with_warnings",
    "partially_accepted",
    "rejected",
    "duplicate",
]


@dataclass(frozen=True)
class StoredFile:
    """One file a submission wrote, relative to the submission's folder."""

    path: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Submission:
    """The immutable record of one submission to a store.

    ``outcome`` says what the store did: ``accepted`` / ``accepted_with_warnings`` (every row
    stored), ``partially_accepted`` (valid rows stored, the rest quarantined, only under
    ``accept_valid_rows``), ``rejected`` (nothing stored; rows with errors quarantined) or
    ``duplicate`` (byte-identical to ``duplicate_of`` and nothing would change, so nothing
    stored). ``kind`` is ``withdrawal`` for a submission that withdraws values.

    ``rules`` are the codes of the validation rules the submission failed (errors and
    warnings), so a reader of the ledger sees why without opening ``failures.parquet``.

    ``follows`` is the latest submission committed when this one was written, with the sha256
    of its record: the records form a chain, so :meth:`Store.verify` notices a submission
    folder deleted or a record edited after a later submission was made.
    """

    submission_id: str
    submitted_at: datetime
    submitter: str
    outcome: Outcome
    rows: int = 0
    accepted: int = 0
    quarantined: int = 0
    warnings: int = 0
    kind: Literal["data", "withdrawal"] = "data"
    policy: Literal["reject_file", "accept_valid_rows"] = "reject_file"
    source: str | None = None
    note: str | None = None
    file_name: str | None = None
    sha256: str | None = None
    bytes: int | None = None
    validation_outcome: str | None = None
    duplicate_of: str | None = None
    ruleset_version: str | None = None
    library_version: str | None = None
    indicators: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    follows: str | None = None
    follows_record_sha256: str | None = None
    files: tuple[StoredFile, ...] = field(default=())

    @property
    def stored(self) -> bool:
        """Whether this submission put values (or withdrawals) into the ledger."""
        return self.accepted > 0

    def to_json(self) -> str:
        """The record as deterministic JSON text (fixed key order, UTC time, trailing newline)."""
        content: dict[str, Any] = {"format": RECORD_FORMAT}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name == "submitted_at":
                value = value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
            elif item.name == "files":
                value = [asdict(stored) for stored in value]
            elif item.name in ("indicators", "rules"):
                value = list(value)
            content[item.name] = value
        return json.dumps(content, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Submission:
        """Parse a record; raises ``ValueError`` (or ``KeyError``) when it is not one."""
        content = json.loads(text)
        if content.pop("format", None) != RECORD_FORMAT:
            raise ValueError(f"record format is not {RECORD_FORMAT}")
        content["submitted_at"] = datetime.fromisoformat(
            content["submitted_at"].replace("Z", "+00:00")
        )
        content["files"] = tuple(StoredFile(**stored) for stored in content["files"])
        content["indicators"] = tuple(content["indicators"])
        content["rules"] = tuple(content["rules"])
        return cls(**content)

    def as_row(self) -> dict[str, Any]:
        """The record flattened for :meth:`Store.submissions` (files summarised as a count)."""
        row = {item.name: getattr(self, item.name) for item in fields(self)}
        row["files"] = len(self.files)
        row["indicators"] = ",".join(self.indicators)
        row["rules"] = ",".join(self.rules)
        return row
