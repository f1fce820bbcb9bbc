"""Shared fixtures of the store tests.

The store tests are about the ledger, so their submissions use made-up indicators and areas
("a", "E1") and are validated *without a plan* (``plan_rules=False``): the real validation runs
every rule that needs no plan (file rules, numbers, intervals, duplicate keys), and the rules
that look up the plan's indicators and areas do not reject the made-up ones.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # lets the tests import store_files

from wyoutcomes.store import Store


class NoPlanStore(Store):
    """A store whose ``ingest`` validates without a plan unless a plan is given."""

    def ingest(self, path_or_frame, **options):
        if "plan" not in options:
            options.setdefault("plan_rules", False)
        return super().ingest(path_or_frame, **options)


@pytest.fixture
def store(tmp_path) -> Store:
    return NoPlanStore(tmp_path / "store")


@pytest.fixture
def make_store():
    return partial(NoPlanStore)
