"""The response cache: every fetched body kept byte for byte, with its URL, time and sha256.

A *vintage* is one response as retrieved: the URL asked, the UTC time the body arrived, its
sha256 and size. Bodies live under ``responses/<sha256>.csv`` (a body fetched twice unchanged
is kept once); ``manifest.jsonl`` gains one line per retrieval and is never rewritten, so the
cache records every vintage ever fetched, in order. Retrieval time lives here and in the
store's submission record, never in a report.

>>> import tempfile
>>> cache = ResponseCache(tempfile.mkdtemp())
>>> v = cache.put("https://example.test/a.csv", b"x,y\\n1,2\\n", "2026-01-02T03:04Z", "a.csv")
>>> v.sha256[:12], v.bytes, cache.latest("a.csv") == v
('81bf9fa83c6f', 8, True)
>>> cache.body(v)
b'x,y\\n1,2\\n'
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from wyoutcomes.errors import InputFileError
from wyoutcomes.store.durable import fsync_folder, write_file_atomically

__all__ = ["MANIFEST", "ResponseCache", "Vintage", "utc_text"]

MANIFEST = "manifest.jsonl"
_FORMAT = "wyoutcomes-fetch-cache/1"


@dataclass(frozen=True)
class Vintage:
    """One retrieval of one URL: what was asked, when it arrived and what came back.

    ``request`` is what was asked independently of the server (for Fingertips, the path and
    query under the API root), so a cache filled through a mirror serves the same requests.
    """

    request: str
    url: str
    retrieved_at: str  # ISO 8601 UTC to the millisecond, e.g. 2026-12-05T23:40:00.123Z
    sha256: str
    bytes: int
    file: str  # relative to the cache folder

    def describe(self) -> str:
        """The vintage in one line, as a submission's source records it."""
        return f"{self.url} (retrieved {self.retrieved_at}; sha256 {self.sha256})"


def utc_text(moment: object) -> str:
    """A moment as ISO 8601 UTC text to the millisecond ('…Z')."""
    stamp = pd.Timestamp(moment)  # a datetime, ISO text or a Timestamp
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.floor("ms").isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ResponseCache:
    """A cache folder (created when missing). Safe to share between runs; one writer at a
    time appends to the manifest (each line is written whole with one ``write``)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"ResponseCache({str(self.path)!r})"

    @property
    def manifest(self) -> Path:
        return self.path / MANIFEST

    def put(
        self, url: str, body: bytes, retrieved_at: object, request: str | None = None
    ) -> Vintage:
        """Keep ``body`` as retrieved from ``url`` at ``retrieved_at``; return its vintage.
        ``request`` (default: the URL) is the key :meth:`latest` looks it up by."""
        digest = hashlib.sha256(body).hexdigest()
        relative = f"responses/{digest}.csv"
        target = self.path / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_file_atomically(target, body)
        key = request if request is not None else url
        vintage = Vintage(key, url, utc_text(retrieved_at), digest, len(body), relative)
        line = json.dumps({"format": _FORMAT, **asdict(vintage)}, sort_keys=True) + "\n"
        with self.manifest.open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        fsync_folder(self.path)
        return vintage

    def vintages(self) -> list[Vintage]:
        """Every retrieval recorded, oldest first."""
        if not self.manifest.exists():
            return []
        out = []
        for number, line in enumerate(self.manifest.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                content = json.loads(line)
                if content.pop("format") != _FORMAT:
                    raise ValueError(f"not {_FORMAT}")
                out.append(Vintage(**content))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputFileError(
                    f"{self.manifest}: line {number} is not a cache record ({exc})"
                ) from exc
        return out

    def latest(self, request: str, until: object = None) -> Vintage | None:
        """The latest vintage of ``request`` (retrieved at or before ``until`` when given)."""
        limit = utc_text(until) if until is not None else None
        found = None
        for vintage in self.vintages():
            if vintage.request != request:
                continue
            if limit is not None and vintage.retrieved_at > limit:
                continue  # ISO text of one format and zone sorts as time does
            if found is None or vintage.retrieved_at >= found.retrieved_at:
                found = vintage
        return found

    def file(self, vintage: Vintage) -> Path:
        """The kept body of ``vintage``, its sha256 checked (``InputFileError`` if changed)."""
        path = self.path / vintage.file
        try:
            body = path.read_bytes()
        except OSError as exc:
            raise InputFileError(f"{path}: the cached response is missing ({exc})") from exc
        if hashlib.sha256(body).hexdigest() != vintage.sha256:
            raise InputFileError(
                f"{path}: the cached response does not match its sha256 {vintage.sha256} "
                f"(changed since {vintage.retrieved_at}); fetch it again without --offline"
            )
        return path

    def body(self, vintage: Vintage) -> bytes:
        return self.file(vintage).read_bytes()
