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

_RANDOM_BITS = 74  # 12 bits of rand_a and 62 of rand_b, used together as one number
_last: tuple[int, int] = (0, 0)  # (ms, random) of the last id this process made from the clock
_lock = threading.Lock()  # guards _last between threads of one process only


def _pack(ms: int, random_bits: int) -> str:
    rand_a, rand_b = random_bits >> 62, random_bits & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _unpack(submission_id: str) -> tuple[int, int]:
    value = int(submission_id.replace("-", ""), 16)
    rand_a, rand_b = (value >> 64) & 0xFFF, value & ((1 << 62) - 1)
    return value >> 80, (rand_a << 62) | rand_b


def new_submission_id(moment: datetime, seed: bytes | None = None, after: str | None = None) -> str:
    """A UUIDv7 string for a submission made at ``moment`` (timezone-aware).

    ``seed`` given: the random bits come from its sha256 (deterministic). Otherwise they come
    from the operating system, and ids made by this process never go backwards. ``after``
    (the latest id in the store) makes the new id sort after it even within the same
    millisecond, so submissions given the same time keep the order they were made in.
    """
    global _last
    ms = int(moment.timestamp() * 1000)
    if not 0 <= ms < 1 << 48:
        raise ValueError(f"submission time {moment.isoformat()} is outside the UUIDv7 range")
    source = hashlib.sha256(seed).digest() if seed is not None else os.urandom(10)
    random_bits = int.from_bytes(source[:10], "big") >> (80 - _RANDOM_BITS)
    with _lock:
        floor = _unpack(after) if after is not None else (0, 0)
        if seed is None:
            floor = max(floor, _last)
        if (ms, random_bits) <= floor:
            # step past the floor by a random amount (48 bits), so two processes stepping past
            # the same id still differ; a carry out of the random bits moves to the next ms
            ms, random_bits = floor[0], floor[1] + 1 + (random_bits & ((1 << 48) - 1))
            if random_bits >> _RANDOM_BITS:
                ms, random_bits = ms + 1, random_bits & ((1 << _RANDOM_BITS) - 1)
        if seed is None:
            _last = (ms, random_bits)
    return _pack(ms, random_bits)


def time_of(submission_id: str) -> datetime:
    """The millisecond timestamp embedded in a submission id, as an aware UTC datetime."""
    ms = int(submission_id.replace("-", "")[:12], 16)
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
