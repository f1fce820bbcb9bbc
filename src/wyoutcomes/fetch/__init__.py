"""Fetch published indicator data (OHID Fingertips) into a store, keeping what was fetched.

Beside validation and store, which it uses; only the command line imports it. Every response
is kept byte for byte in a cache with its URL, retrieval time and sha256 (its *vintage*), so a
store built from fetched data can be rebuilt from the same bytes (docs/fetch.md).

>>> from wyoutcomes.fetch import SUBMITTER
>>> SUBMITTER
'OHID Fingertips'
"""

from __future__ import annotations

from wyoutcomes.fetch.cache import ResponseCache, Vintage
from wyoutcomes.fetch.endpoints import AREA_TYPES, DEFAULT_BASE_URL, plan_requests
from wyoutcomes.fetch.fingertips import (
    SKIP_REASONS,
    SUBMITTER,
    FetchResult,
    ResponseOutcome,
    default_cache,
    fetch_fingertips,
)
from wyoutcomes.fetch.http import RetryPolicy

__all__ = [
    "AREA_TYPES",
    "DEFAULT_BASE_URL",
    "SKIP_REASONS",
    "SUBMITTER",
    "FetchResult",
    "ResponseCache",
    "ResponseOutcome",
    "RetryPolicy",
    "Vintage",
    "default_cache",
    "fetch_fingertips",
    "plan_requests",
]
