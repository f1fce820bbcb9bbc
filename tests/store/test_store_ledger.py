"""Ingest policy, originals, quarantine, byte-identical re-submission (stand-in validation)."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest
from store_files import write_submission

from wyoutcomes.errors import InputFileError, StoreError, StoreIntegrityError
from wyoutcomes.store import Store

T0 = "2024-07-01T09:00:00Z"
T1 = "2024-07-02T09:00:00Z"
T2 = "2024-07-03T09:00:00Z"


def test_accepted_file_keeps_original_bytes_and_adds_ledger_columns(store, tmp_path):
    path = write_submission(
        tmp_path, "q1.csv", [("a", "E1", "2019", "10.5"), ("b", "E1", "2019", "3")]
    )
    record = store.ingest(path, submitter="Leeds", source="portal", submitted_at=T0)

    assert (record.outcome, record.rows, record.accepted, record.quarantined) == (
        "accepted",
        2,
        2,
        0,
    )
    folder = store.path / "submissions" / record.submission_id
    assert (folder / "original" / "q1.csv").read_bytes() == path.read_bytes()
    assert record.indicators == ("a", "b")
    values = store.read()
    assert values["value"].tolist() == [10.5, 3.0]
    assert values["submitter"].unique().tolist() == ["Leeds"]
    assert values["source_row"].tolist() == [1, 2]
    assert (values["submission_id"] == record.submission_id).all()
    assert values["submitted_at"].iloc[0] == pd.Timestamp(T0)


def test_default_policy_rejects_whole_file_and_quarantines_bad_rows(store, tmp_path):
    path = write_submission(
        tmp_path, "bad.csv", [("a", "E1", "2019", "1"), ("a", "E2", "2019", "x")]
    )
    record = store.ingest(path, submitter="Leeds", submitted_at=T0)

    assert (record.outcome, record.rows, record.accepted, record.quarantined) == (
        "rejected",
        2,
        0,
        1,
    )
    assert store.read().empty
    folder = store.path / "submissions" / record.submission_id
    quarantine = pq.read_table(folder / "quarantine.parquet").to_pandas()
    assert quarantine["source_row"].tolist() == [2]
    assert quarantine["reasons"].tolist() == ["suppression-marker(value)"]
    assert (folder / "original" / "bad.csv").read_bytes() == path.read_bytes()
    assert len(pq.read_table(folder / "failures.parquet")) == 1


def test_accept_valid_rows_stores_the_rest_and_quarantines_bad_rows(store, tmp_path):
    path = write_submission(
        tmp_path, "bad.csv", [("a", "E1", "2019", "1"), ("a", "E2", "2019", "x")]
    )
    record = store.ingest(path, submitter="Leeds", accept_valid_rows=True, submitted_at=T0)

    assert (record.outcome, record.accepted, record.quarantined) == ("partially_accepted", 1, 1)
    assert store.read()["area_code"].tolist() == ["E1"]


def test_file_level_rejection_keeps_original_and_failures(store, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("indicator,area\na,E1\n", encoding="utf-8")
    record = store.ingest(path, submitter="Leeds", accept_valid_rows=True, submitted_at=T0)

    assert (record.outcome, record.rows, record.accepted) == ("rejected", 0, 0)
    paths = sorted(stored.path for stored in record.files)
    assert paths == ["failures.parquet", "original/wrong.csv"]


def test_byte_identical_resubmission_is_a_duplicate_and_stores_nothing(store, tmp_path):
    path = write_submission(tmp_path, "q1.csv", [("a", "E1", "2019", "10")])
    first = store.ingest(path, submitter="Leeds", submitted_at=T0)
    again = store.ingest(path, submitter="Leeds", submitted_at=T1)

    assert again.outcome == "duplicate"
    assert again.duplicate_of == first.submission_id
    assert again.files == ()  # the bytes are kept once, under the first submission
    assert len(store.history(area_code="E1")) == 1
    assert store.submissions()["outcome"].tolist() == ["accepted", "duplicate"]


def test_identical_file_after_a_revision_is_not_a_duplicate(store, tmp_path):
    # A, then B revising A, then A again: the third reinstates A's figure, so it is new data
    a = write_submission(tmp_path, "a.csv", [("a", "E1", "2019", "10")])
    b = write_submission(tmp_path, "b.csv", [("a", "E1", "2019", "12")])
    store.ingest(a, submitter="Leeds", submitted_at=T0)
    store.ingest(b, submitter="Leeds", submitted_at=T1)
    third = store.ingest(a, submitter="Leeds", submitted_at=T2)

    assert third.outcome == "accepted"
    assert store.read()["value"].tolist() == [10.0]
    assert len(store.history(area_code="E1")) == 3


def test_rejected_file_resubmitted_with_accept_valid_rows_is_not_a_duplicate(store, tmp_path):
    path = write_submission(
        tmp_path, "bad.csv", [("a", "E1", "2019", "1"), ("a", "E2", "2019", "x")]
    )
    store.ingest(path, submitter="Leeds", submitted_at=T0)
    second = store.ingest(path, submitter="Leeds", accept_valid_rows=True, submitted_at=T1)
    assert second.outcome == "partially_accepted"


def test_frame_submission_is_kept_as_parquet(store):
    frame = pd.DataFrame(
        {
            "indicator_id": ["a"],
            "area_code": ["E1"],
            "period": ["2019"],
            "sex": ["Persons"],
            "age": ["All ages"],
            "category_type": [""],
            "category": [""],
            "value": ["4"],
        }
    )
    record = store.ingest(frame, submitter="analyst", submitted_at=T0)
    assert record.file_name == "submitted-frame.parquet"
    kept = pd.read_parquet(
        store.path / "submissions" / record.submission_id / "original" / record.file_name
    )
    pd.testing.assert_frame_equal(kept, frame)


def test_submission_time_may_not_go_backwards(store, tmp_path):
    path = write_submission(tmp_path, "a.csv", [("a", "E1", "2019", "10")])
    store.ingest(path, submitter="Leeds", submitted_at=T1)
    other = write_submission(tmp_path, "b.csv", [("a", "E1", "2019", "11")])
    with pytest.raises(StoreError, match="earlier than the latest submission"):
        store.ingest(other, submitter="Leeds", submitted_at=T0)


def test_missing_file_is_an_input_error(store, tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        store.ingest(tmp_path / "nope.csv", submitter="Leeds")


def test_submitter_is_required(store, tmp_path):
    path = write_submission(tmp_path, "a.csv", [("a", "E1", "2019", "10")])
    with pytest.raises(StoreError, match="submitter"):
        store.ingest(path, submitter=" ")


def test_nothing_is_left_in_staging_after_ingest_or_failure(store, tmp_path, monkeypatch):
    path = write_submission(tmp_path, "a.csv", [("a", "E1", "2019", "10")])
    store.ingest(path, submitter="Leeds")

    def broken(*args, **kwargs):
        raise RuntimeError("validation crashed")

    monkeypatch.setattr("wyoutcomes.store.ledger.run_validation", broken)
    with pytest.raises(RuntimeError):
        store.ingest(path, submitter="Leeds")
    assert list((store.path / "_staging").iterdir()) == []
    assert len(store.submissions()) == 1


def test_a_folder_with_other_files_is_not_made_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="choose a new or empty folder"):
        Store(tmp_path)


def test_opening_without_create_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="not a wyoutcomes store"):
        Store(tmp_path / "absent", create=False)


def test_same_inputs_give_the_same_bytes(tmp_path, make_store):
    # determinism: two stores fed the same submissions at the same given times are identical
    a = write_submission(tmp_path, "a.csv", [("a", "E1", "2019", "10"), ("b", "E2", "2019", "x")])
    trees = []
    for name in ("one", "two"):
        store = make_store(tmp_path / name)
        store.ingest(a, submitter="Leeds", submitted_at=T0, accept_valid_rows=True)
        store.withdraw(
            store.read()[["indicator_id", "area_code", "period", "sex", "age"]],
            submitter="Leeds",
            reason="error found",
            submitted_at=T1,
        )
        root = store.path
        trees.append(
            {
                p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted(root.rglob("*"))
                if p.is_file()
            }
        )
    assert trees[0] == trees[1]


def test_submissions_given_the_same_time_keep_call_order(store, tmp_path):
    first = write_submission(tmp_path, "a.csv", [("a", "E1", "2019", "10")])
    second = write_submission(tmp_path, "b.csv", [("a", "E1", "2019", "12")])
    one = store.ingest(first, submitter="Leeds", submitted_at=T0)
    two = store.ingest(second, submitter="Leeds", submitted_at=T0)
    assert two.submission_id > one.submission_id
    assert store.read()["value"].tolist() == [12.0]


def test_a_store_whose_submissions_folder_was_deleted_does_not_open(store, tmp_path):
    path = write_submission(tmp_path, "a.csv", [("a", "E1", "2019", "10")])
    store.ingest(path, submitter="Leeds")
    shutil.rmtree(store.path / "submissions")
    with pytest.raises(StoreIntegrityError, match="submissions/ folder is missing"):
        Store(store.path)


def test_values_files_hold_one_indicator_each_in_submitted_order(store, tmp_path):
    rows = [
        ("b", "E1", "2019", "1"),
        ("a", "E1", "2019", "2"),
        ("b", "E2", "2019", "3"),
        ("a", "E2", "2019", "4"),
        ("b", "E3", "2019", "5"),
    ]
    record = store.ingest(write_submission(tmp_path, "m.csv", rows), submitter="Leeds")
    folder = store.path / "submissions" / record.submission_id / "values"
    got = {
        indicator: pq.read_table(folder / f"indicator_id={indicator}" / "part-0.parquet")
        .to_pandas()[["source_row", "value"]]
        .values.tolist()
        for indicator in ("a", "b")
    }
    assert got == {"a": [[2, 2.0], [4, 4.0]], "b": [[1, 1.0], [3, 3.0], [5, 5.0]]}
