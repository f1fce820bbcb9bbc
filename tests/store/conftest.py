"""Shared fixtures of the store tests: a store that validates with the contract stand-in."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # lets subprocesses and tests import standin

import standin

from wyoutcomes.store import Store, ledger


@pytest.fixture
def standin_validation(monkeypatch):
    monkeypatch.setattr(ledger, "run_validation", standin.validate)


@pytest.fixture
def store(tmp_path, standin_validation) -> Store:
    return Store(tmp_path / "store")
