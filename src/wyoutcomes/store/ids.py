"""Submission ids: UUIDv7 (RFC 9562), time-ordered and unique without any lock.

The first 48 bits are the submission time in Unix milliseconds, so ids sort in time order as
plain strings; the other 74 bits are random, so two processes submitting in the same
millisecond still get different ids (the chance of a clash is about 1 in 10^22). Within one
process ids are also strictly increasing. When the caller passes the submission time (tests,
the demo, back-filling a history) the random bits are derived from a seed instead, so the same
inputs give the same id and the same bytes on disk.

>>> from datetime import datetime, timezone
>>> sid = new_submission_id(datetime(2024, 7, 1, 9, 30, tzinfo=timezone.utc), seed=b"x")
>>> sid[:14], time_of(sid).isoformat()
('01906da1-35c0-', '2024-07-01T09:30:00+00:00')
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from datetime import datetime, timezone

__all__ = ["SUBMISSION_ID_PATTERN", "new_submission_id", "time_of"]

SUBMISSION_ID_PATTERN = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
)

_last = 0
_lock = threading.Lock()  # guards _last between threads of one process only


def _to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def new_submission_id(moment: datetime, seed: bytes | None = None) -> str:
    """A UUIDv7 string for a submission made at ``moment`` (timezone-aware).

    ``seed`` given: the random bits come from its sha256 (deterministic). Otherwise they come
    from the operating system, and ids made by this process never go backwards.
    """
    global _last
    ms = _to_ms(moment)
    if not 0 <= ms < 1 << 48:
        raise ValueError(f"submission time {moment.isoformat()} is outside the UUIDv7 range")
    if seed is not None:
        random_bits = int.from_bytes(hashlib.sha256(seed).digest()[:10], "big")
    else:
        random_bits = int.from_bytes(os.urandom(10), "big")
    rand_a = (random_bits >> 62) & 0xFFF
    rand_b = random_bits & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    if seed is None:
        with _lock:
            if value <= _last and (_last >> 80) >= ms:
                # same millisecond (or a clock step back): count on from the last id so that
                # ids of one process keep their order; stepping the 62-bit tail keeps the
                # version and variant bits intact
                value = _last + 1
            _last = value
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def time_of(submission_id: str) -> datetime:
    """The millisecond timestamp embedded in a submission id, as an aware UTC datetime."""
    ms = int(submission_id.replace("-", "")[:12], 16)
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
