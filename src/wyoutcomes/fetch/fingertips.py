"""Fetch a plan's indicators from OHID Fingertips into a store, through a response cache.

:func:`fetch_fingertips` asks the public API for each (indicator, area type) the plan needs
(:mod:`wyoutcomes.fetch.endpoints`), keeps every body byte for byte in a
:class:`~wyoutcomes.fetch.cache.ResponseCache`, reads it with the Fingertips reader of
validation, keeps the rows in the plan's scope and ingests them as one submission per
response, by submitter ``OHID Fingertips`` with the URL and vintage as its source. Rows out of
scope are counted per reason (``FetchResult.skipped()``), never dropped unseen. ``offline=True``
reads the cache only.

>>> SKIP_REASONS["area-outside-plan"]
"the area is not one of the plan's areas (Fingertips publishes every area of England)"
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from wyoutcomes.contract import SUBMISSION_COLUMNS
from wyoutcomes.errors import InputFileError, ServiceUnavailableError, UsageError
from wyoutcomes.fetch.cache import ResponseCache, Vintage
from wyoutcomes.fetch.endpoints import (
    AREA_TYPES,
    DEFAULT_BASE_URL,
    FingertipsRequest,
    plan_requests,
)
from wyoutcomes.fetch.http import FetchAttemptsError, Getter, RetryPolicy
from wyoutcomes.store import Store, Submission

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan

__all__ = [
    "FINGERTIPS_COLUMNS",
    "SKIP_REASONS",
    "SUBMITTER",
    "FetchResult",
    "ResponseOutcome",
    "default_cache",
    "fetch_fingertips",
    "stderr_progress",
]

#: the submitter of every fetched submission
SUBMITTER = "OHID Fingertips"

#: the columns of the Fingertips CSV export this reader needs, as Fingertips spells them
#: (the export has more: names, comparisons, sort keys; docs/fetch.md lists them all)
FINGERTIPS_COLUMNS: tuple[str, ...] = (
    "Indicator ID",
    "Area Code",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Count",
    "Denominator",
)

#: why a row of a response is not ingested (each counted in ``FetchResult.skipped()``)
SKIP_REASONS: dict[str, str] = {
    "indicator-not-requested": "the row is of an indicator this response was not asked for",
    "area-outside-plan": (
        "the area is not one of the plan's areas (Fingertips publishes every area of England)"
    ),
    "area-type-not-in-plan": "the plan does not report this indicator for the area's type",
    "area-type-from-other-response": (
        "the row's area type is taken from another response of the same indicator"
    ),
    "breakdown-not-in-plan": "the plan does not break this indicator down by the category type",
    "sex-not-in-plan": "the plan does not split this indicator by sex (Persons only)",
}


@dataclass
class ResponseOutcome:
    """What became of one response: its vintage, its rows, and the store's record."""

    request: FingertipsRequest
    vintage: Vintage
    rows: int
    kept: int
    skipped: dict[str, int]
    submission: Submission | None = None


@dataclass
class FetchResult:
    """The outcome of a fetch: one :class:`ResponseOutcome` per response, in request order."""

    cache: Path
    offline: bool
    responses: list[ResponseOutcome] = field(default_factory=list)
    #: (indicator, plan area type) pairs Fingertips does not publish
    unmapped: list[tuple[str, str]] = field(default_factory=list)

    def skipped(self) -> pd.DataFrame:
        """One row per response and reason: url, indicator_id, reason, rows."""
        rows = [
            (o.vintage.url, o.request.indicator_id, reason, count)
            for o in self.responses
            for reason, count in sorted(o.skipped.items())
            if count
        ]
        return pd.DataFrame(rows, columns=["url", "indicator_id", "reason", "rows"])

    def table(self) -> pd.DataFrame:
        """One row per response: indicator, area type, vintage, rows kept and the outcome."""
        rows = []
        for o in self.responses:
            record = o.submission
            rows.append(
                {
                    "indicator_id": o.request.indicator_id,
                    "fingertips_id": o.request.fingertips_id,
                    "area_type_id": o.request.child_area_type_id,
                    "retrieved_at": o.vintage.retrieved_at,
                    "sha256": o.vintage.sha256,
                    "rows": o.rows,
                    "in_scope": o.kept,
                    "skipped": sum(o.skipped.values()),
                    "submission_id": record.submission_id if record else None,
                    "outcome": record.outcome if record else "nothing in scope",
                    "stored": record.accepted if record else 0,
                    "quarantined": record.quarantined if record else 0,
                }
            )
        return pd.DataFrame(rows)


def default_cache(store_path: str | os.PathLike[str]) -> Path:
    """The cache folder used when none is given: ``<store>-fingertips-cache`` beside the
    store (never inside it: a store folder holds only its own files)."""
    path = Path(store_path)
    return path.parent / f"{path.name}-fingertips-cache"


def fetch_fingertips(
    plan: Plan | None,
    store: Store | str | os.PathLike[str],
    *,
    cache: ResponseCache | str | os.PathLike[str] | None = None,
    offline: bool = False,
    until: object = None,
    base_url: str = DEFAULT_BASE_URL,
    policy: RetryPolicy | None = None,
    concurrency: int = 4,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], datetime] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    accept_valid_rows: bool = True,
    submitted_at: datetime | str | None = None,
    as_retrieved: bool = False,
) -> FetchResult:
    """Fetch (or, ``offline``, re-read from ``cache``) every Fingertips response the plan
    needs and ingest the rows in its scope into ``store``.

    ``plan`` None means the bundled plan. ``cache`` defaults to :func:`default_cache`.
    ``until`` (offline only) takes the latest vintage of each URL retrieved at or before that
    moment, to rebuild a store as it was. ``concurrency`` bounds the requests in flight;
    ``sleep`` and ``clock`` are injectable for tests. ``accept_valid_rows`` (default True)
    stores a response's valid rows and quarantines the rest; False rejects a response whole.
    ``submitted_at`` fixes the submissions' time (default: now); ``as_retrieved=True`` gives
    each submission its response's retrieval time instead (ingested oldest first), so that a
    store rebuilt from the cache reads as of any moment as the original did.

    Raises :class:`ServiceUnavailableError` when a response cannot be fetched after retries
    (or is missing from the cache offline) — nothing is ingested then, and every body that
    did arrive is kept in the cache — and :class:`InputFileError` when a response is not the
    documented CSV (a changed column, a truncated row).

    >>> fetch_fingertips(None, "store", offline=True, cache="cache")  # doctest: +SKIP
    """
    if concurrency < 1:
        raise UsageError(f"concurrency={concurrency}: at least one request at a time")
    if until is not None and not offline:
        raise UsageError("until= picks cached vintages, so it needs offline=True")
    if as_retrieved and submitted_at is not None:
        raise UsageError("as_retrieved=True and submitted_at= exclude each other")
    if plan is None:
        from wyoutcomes.definitions import load_plan

        plan = load_plan()
    from wyoutcomes.validation.engine import plan_facts

    facts = plan_facts(plan)
    store = store if isinstance(store, Store) else Store(store)
    if not isinstance(cache, ResponseCache):
        cache = ResponseCache(cache if cache is not None else default_cache(store.path))

    requests, unmapped = plan_requests(plan)
    result = FetchResult(cache.path, offline, unmapped=unmapped)
    if not requests:
        return result
    if offline:
        vintages = _from_cache(cache, [r.path() for r in requests], until)
    else:
        vintages = _download(cache, requests, base_url, policy, concurrency, sleep, clock, progress)

    # read every response before ingesting any: a changed format stops the run whole
    frames = [_read(cache, vintage, facts) for vintage in vintages]
    outcomes: dict[int, ResponseOutcome] = {}
    order = list(range(len(requests)))
    if as_retrieved:  # the store takes submissions in time order
        order.sort(key=lambda i: vintages[i].retrieved_at)
    for i in order:
        request, vintage, frame = requests[i], vintages[i], frames[i]
        kept, skipped = _in_scope(frame, request, facts)
        outcome = ResponseOutcome(request, vintage, len(frame), len(kept), skipped)
        if len(kept):
            outcome.submission = store.ingest(
                kept,
                submitter=SUBMITTER,
                source=vintage.describe(),
                note=_note(request, outcome),
                # the plan's lookups, built once for every response (ingest takes them in
                # place of the Plan, as validate does)
                plan=facts,  # type: ignore[arg-type]
                plan_rules=facts is not None,
                accept_valid_rows=accept_valid_rows,
                submitted_at=vintage.retrieved_at if as_retrieved else submitted_at,
            )
        outcomes[i] = outcome
    result.responses = [outcomes[i] for i in range(len(requests))]
    return result


# --- getting the bytes -------------------------------------------------------------------


def _from_cache(cache: ResponseCache, keys: list[str], until: object) -> list[Vintage]:
    found = [cache.latest(key, until) for key in keys]
    missing = [key for key, vintage in zip(keys, found, strict=True) if vintage is None]
    if missing:
        when = f" retrieved by {until}" if until is not None else ""
        raise ServiceUnavailableError(
            f"offline: the cache {cache.path} has no response{when} for {len(missing)} of "
            f"{len(keys)} request(s), e.g. {missing[0]}; run `wyoutcomes fetch fingertips` "
            "without --offline to fetch them"
        )
    return [v for v in found if v is not None]


def _download(
    cache: ResponseCache,
    requests: list[FingertipsRequest],
    base_url: str,
    policy: RetryPolicy | None,
    concurrency: int,
    sleep: Callable[[float], None],
    clock: Callable[[], datetime] | None,
    progress: Callable[[int, int, str], None] | None,
) -> list[Vintage]:
    now = clock or (lambda: datetime.now(timezone.utc))
    lock = threading.Lock()  # one manifest writer and one progress line at a time
    done = 0
    failures: dict[str, FetchAttemptsError] = {}
    vintages: dict[str, Vintage] = {}
    urls = [r.url(base_url) for r in requests]
    keys = {r.url(base_url): r.path() for r in requests}

    def one(url: str) -> None:
        nonlocal done
        try:
            body = getter.get(url)
        except FetchAttemptsError as exc:
            with lock:
                failures[url] = exc
                done += 1
                if progress:
                    progress(done, len(urls), url)
            return
        with lock:
            vintages[url] = cache.put(url, body, now(), keys[url])
            done += 1
            if progress:
                progress(done, len(urls), url)

    with Getter(policy, sleep=sleep) as getter, ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, urls))
    if failures:
        first = failures[next(u for u in urls if u in failures)]
        cached = [u for u in failures if cache.latest(keys[u]) is not None]
        fallback = (
            f"the cache {cache.path} holds earlier vintages of {len(cached)} of them: "
            "rerun with --offline to use it"
            if cached
            else f"the cache {cache.path} holds no earlier vintage of them"
        )
        raise ServiceUnavailableError(
            f"Fingertips is unavailable: {len(failures)} of {len(urls)} request(s) failed, "
            f"e.g. {first}. Nothing was ingested; the {len(vintages)} response(s) that "
            f"arrived are kept in the cache. {fallback[0].upper()}{fallback[1:]}."
        )
    return [vintages[url] for url in urls]


# --- reading and scoping -----------------------------------------------------------------


def _read(cache: ResponseCache, vintage: Vintage, facts: Any) -> pd.DataFrame:
    """The response as a canonical frame; a changed format is a located error."""
    from wyoutcomes.validation import read_fingertips

    path = cache.file(vintage)
    where = f"{vintage.url} (cached as {path}, retrieved {vintage.retrieved_at})"
    lines = _first_lines(path, 2)
    if not lines:  # an empty body: nothing published for this request
        return _empty_frame()
    header = _header(path)
    squashed = {"".join(name.split()).lower() for name in header}
    missing = [c for c in FINGERTIPS_COLUMNS if "".join(c.split()).lower() not in squashed]
    if missing:
        raise InputFileError(
            f"{where}: not the documented Fingertips CSV: column(s) "
            f"{', '.join(repr(c) for c in missing)} missing; the header is "
            f"{', '.join(repr(c) for c in header[:30])}. Fingertips may have changed its "
            "export format (docs/fetch.md lists the columns this reader expects)"
        )
    if len(lines) == 1:
        # the header alone: no rows for this indicator at this area type, which is news for
        # the summary, not a broken response
        return _empty_frame()
    try:
        return read_fingertips(path, plan=facts, plan_rules=facts is not None)
    except InputFileError as exc:
        raise InputFileError(f"{where}: {exc}") from exc


def _first_lines(path: Path, count: int) -> list[bytes]:
    """Up to ``count`` non-blank lines from the start of the file."""
    out: list[bytes] = []
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                out.append(line)
                if len(out) == count:
                    break
    return out


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({name: [] for name in ("source_row", *SUBMISSION_COLUMNS)})


def _header(path: Path) -> list[str]:
    import csv

    with path.open("rb") as handle:
        first = handle.readline(1 << 20)
    text = first.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    return next(csv.reader([text.rstrip("\r\n")]), [])


def _in_scope(
    frame: pd.DataFrame, request: FingertipsRequest, facts: Any
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The rows of ``frame`` in the plan's scope for ``request``; the rest counted by reason
    (the first reason that applies, in the order of :data:`SKIP_REASONS`)."""
    n = len(frame)
    reason = np.full(n, "", dtype=object)
    indicator = facts.indicators.get(request.indicator_id) if facts is not None else None

    def mark(mask: np.ndarray, code: str) -> None:
        reason[(reason == "") & mask] = code

    mark((frame["indicator_id"] != request.indicator_id).to_numpy(), "indicator-not-requested")
    codes = frame["area_code"].to_numpy()
    types = {}
    for code in set(codes.tolist()):
        area = facts.area(code) if facts is not None else None
        types[code] = area.type if area is not None else None
    area_type = np.array([types[c] for c in codes.tolist()], dtype=object)
    mark(np.array([t is None for t in area_type], dtype=bool), "area-outside-plan")
    plan_types = set(indicator.area_types) if indicator is not None else set()
    mark(np.array([t not in plan_types for t in area_type], dtype=bool), "area-type-not-in-plan")
    mark(
        np.array([t not in request.owns for t in area_type], dtype=bool),
        "area-type-from-other-response",
    )
    breakdowns = set(indicator.breakdowns) if indicator is not None else set()
    category_type = frame["category_type"].fillna("").to_numpy()
    mark(
        np.array([c != "" and c not in breakdowns for c in category_type], dtype=bool),
        "breakdown-not-in-plan",
    )
    if "sex" not in breakdowns:
        mark((frame["sex"].fillna("Persons") != "Persons").to_numpy(), "sex-not-in-plan")
    keep = reason == ""
    counts = {code: int((reason == code).sum()) for code in SKIP_REASONS}
    return frame.loc[keep].reset_index(drop=True), counts


def _note(request: FingertipsRequest, outcome: ResponseOutcome) -> str:
    names = {a.child: a.name for a in AREA_TYPES.values()}
    skipped = sum(outcome.skipped.values())
    return (
        f"Fingertips indicator {request.fingertips_id} at area type "
        f"{request.child_area_type_id} ({names.get(request.child_area_type_id, '?')}); "
        f"{outcome.kept:,} of {outcome.rows:,} row(s) in the plan's scope, {skipped:,} skipped"
    )


def stderr_progress(done: int, total: int, url: str) -> None:
    """A one-line progress report on stderr (rewritten in place on a terminal)."""
    end = "\r" if sys.stderr.isatty() and done < total else "\n"
    short = url.split("?", 1)[-1]
    sys.stderr.write(f"fetched {done}/{total}: {short}{end}")
    sys.stderr.flush()
