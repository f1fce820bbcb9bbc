"""Opening is not creating: a mistyped path is an error, and reading never writes."""

import re

import pandas as pd
import pytest

from wyoutcomes.errors import StoreError
from wyoutcomes.store import Store


def test_open_refuses_a_missing_store_and_names_its_path(tmp_path):
    missing = tmp_path / "stroe"  # a typo for "store"
    with pytest.raises(StoreError, match=re.escape(str(missing))):
        Store.open(missing)
    assert not missing.exists()


def test_reading_a_store_that_is_not_there_raises_and_writes_nothing(tmp_path):
    missing = tmp_path / "stroe"
    store = Store(missing)
    for read in (store.read, store.submissions, store.verify, lambda: store.history("x")):
        with pytest.raises(StoreError, match="there is no store here"):
            read()
    assert not missing.exists()


def test_reading_an_empty_folder_does_not_make_it_a_store(tmp_path):
    with pytest.raises(StoreError, match=r"Store\.create"):
        Store(tmp_path).read()
    assert list(tmp_path.iterdir()) == []


def test_create_makes_an_empty_store_that_open_then_reads(tmp_path):
    Store.create(tmp_path / "store")
    assert Store.open(tmp_path / "store").read().empty


def test_the_first_ingest_creates_the_store(tmp_path):
    store = Store(tmp_path / "store")
    frame = pd.DataFrame({"indicator_id": ["x"]})  # rejected, but the store keeps the record
    record = store.ingest(frame, submitter="Leeds", plan_rules=False)
    assert record.outcome == "rejected"
    assert len(Store.open(tmp_path / "store").submissions()) == 1
