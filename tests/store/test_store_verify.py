"""``Store.verify`` notices files deleted, truncated, changed or added, and edited records."""

from __future__ import annotations

import shutil

import pytest
from store_files import write_submission

from wyoutcomes.errors import StoreIntegrityError


@pytest.fixture
def filled(store, tmp_path):
    ids = []
    for n, time in enumerate(["2024-01-01", "2024-02-01", "2024-03-01"]):
        path = write_submission(
            tmp_path, f"s{n}.csv", [("a", f"E{n}", "2019", "1"), ("b", "E1", "2019", f"{n}")]
        )
        ids.append(store.ingest(path, submitter="Leeds", submitted_at=time).submission_id)
    return store, ids


def _values_file(store, sid):
    return store.path / "submissions" / sid / "values" / "indicator_id=a" / "part-0.parquet"


def _problems(store):
    report = store.verify()
    return sorted(zip(report.problems["problem"], report.problems["submission_id"], strict=True))


def test_an_untouched_store_verifies(filled):
    store, _ = filled
    report = store.verify()
    assert report.ok
    assert (report.submissions, report.files_checked) == (3, 9)  # original + 2 values files each
    report.raise_for_problems()


def test_a_deleted_file_is_found(filled):
    store, ids = filled
    _values_file(store, ids[1]).unlink()
    assert _problems(store) == [("missing-file", ids[1])]
    with pytest.raises(StoreIntegrityError, match="missing-file"):
        store.verify().raise_for_problems()
    with pytest.raises(StoreIntegrityError, match="has lost"):
        store.read()


def test_a_truncated_file_is_found(filled):
    store, ids = filled
    path = _values_file(store, ids[0])
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    assert _problems(store) == [("truncated-file", ids[0])]


def test_a_changed_byte_is_found(filled):
    store, ids = filled
    path = store.path / "submissions" / ids[2] / "original" / "s2.csv"
    path.write_bytes(path.read_bytes().replace(b"E2", b"E3"))
    assert _problems(store) == [("changed-file", ids[2])]


def test_an_added_file_is_found(filled):
    store, ids = filled
    shutil.copy(_values_file(store, ids[0]), _values_file(store, ids[0]).with_name("extra.parquet"))
    assert _problems(store) == [("unexpected-file", ids[0])]


def test_a_deleted_submission_folder_is_found(filled):
    store, ids = filled
    shutil.rmtree(store.path / "submissions" / ids[1])
    assert _problems(store) == [("missing-submission", ids[1])]


def test_an_edited_record_is_found(filled):
    store, ids = filled
    record = store.path / "submissions" / ids[0] / "record.json"
    record.write_text(record.read_text().replace('"Leeds"', '"Wakefield"'))
    assert _problems(store) == [("changed-record", ids[0])]


def test_a_broken_record_is_found(filled):
    store, ids = filled
    (store.path / "submissions" / ids[2] / "record.json").write_text("{")
    assert _problems(store) == [("unreadable-record", ids[2])]


def test_unfinished_staging_is_a_note_not_a_problem(filled):
    store, _ = filled
    (store.path / "_staging" / "0190-crashed").mkdir()
    report = store.verify()
    assert report.ok
    assert report.unfinished == ("0190-crashed",)
    assert "1 unfinished submission" in report.summary()
