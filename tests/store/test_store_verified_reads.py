"""A store read never serves bytes that disagree with the size and sha256 in their record.

The tampered files here are still valid Parquet (a figure changed and the file written again),
so only the recorded hash can tell them from the real ones: before reads checked it,
``Store.read()`` returned the changed figure without a word.
"""

from __future__ import annotations

import os

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from store_files import write_submission

from wyoutcomes.cli import cli
from wyoutcomes.errors import StoreIntegrityError


@pytest.fixture
def filled(store, tmp_path):
    rows = [("a", "E1", "2019", "10"), ("b", "E1", "2019", "5")]
    path = write_submission(tmp_path, "s.csv", rows)
    record = store.ingest(path, submitter="Leeds", submitted_at="2024-01-01")
    return store, record.submission_id


def _values_file(store, sid, indicator="a"):
    folder = store.path / "submissions" / sid / "values"
    return folder / f"indicator_id={indicator}" / "part-0.parquet"


def _rewrite_value(path, new_value: float) -> None:
    """Write the file again, still valid Parquet, with its one value changed."""
    table = pq.read_table(path)
    index = table.schema.get_field_index("value")
    column = pc.add(pc.multiply(table.column(index), 0.0), new_value)
    pq.write_table(table.set_column(index, "value", column), path, compression="zstd")


def test_an_untouched_store_reads(filled):
    store, _ = filled
    assert store.read()["value"].tolist() == [10.0, 5.0]


def test_a_changed_but_valid_values_file_is_refused_naming_it(filled):
    store, sid = filled
    path = _values_file(store, sid)
    _rewrite_value(path, 99.0)
    assert pq.read_table(path).column("value").to_pylist() == [99.0]  # readable, just wrong
    with pytest.raises(StoreIntegrityError) as caught:
        store.read()
    message = str(caught.value)
    assert f"{sid}/values/indicator_id=a/part-0.parquet" in message
    assert "wyoutcomes verify" in message
    # a read of the other indicator only does not open the changed file, and is served
    assert store.read(indicators=["b"])["value"].tolist() == [5.0]


def test_a_file_changed_after_a_good_read_is_still_refused(filled):
    """The check is cached per file, keyed by its identity and times: rewriting the file, even
    with its old modification time put back, is noticed (the change time cannot be set)."""
    store, sid = filled
    assert store.read()["value"].tolist() == [10.0, 5.0]
    path = _values_file(store, sid)
    before = path.stat()
    content = bytearray(path.read_bytes())
    _rewrite_value(path, 11.0)
    if path.stat().st_size != len(content):  # keep the size, so only the hash can tell
        path.write_bytes(bytes(content[:-1]) + bytes([content[-1] ^ 1]))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(StoreIntegrityError, match="indicator_id=a"):
        store.read()


def test_a_flipped_bit_of_the_same_size_is_refused(filled):
    store, sid = filled
    path = _values_file(store, sid, "b")
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0x01
    path.write_bytes(bytes(content))
    with pytest.raises(StoreIntegrityError, match="indicator_id=b"):
        store.read()
    for method in (store.history, lambda: store.revisions("2023-01-01")):
        with pytest.raises(StoreIntegrityError, match="indicator_id=b"):
            method()


def test_progress_on_a_tampered_store_exits_6(store, tmp_path):
    path = write_submission(tmp_path, "s.csv", [("suicide-rate", "E08000035", "2019", "10")])
    sid = store.ingest(path, submitter="Leeds", submitted_at="2024-01-01").submission_id
    _rewrite_value(_values_file(store, sid, "suicide-rate"), 99.0)
    result = CliRunner().invoke(
        cli,
        ["progress", "--store", str(store.path), "--as-at", "2024/25 Q2", "--format", "csv"],
    )
    assert result.exit_code == 6, result.output
    assert "Traceback" not in result.output
    assert "indicator_id=suicide-rate" in result.output


def test_a_changed_failure_table_is_refused_by_failures(store, tmp_path):
    """``Store.failures`` serves stored files too: the same check applies."""
    path = write_submission(tmp_path, "bad.csv", [("a", "E1", "2019", "x")])
    sid = store.ingest(path, submitter="Leeds", submitted_at="2024-01-01").submission_id
    assert len(store.failures()) >= 1
    failures = store.path / "submissions" / sid / "failures.parquet"
    table = pq.read_table(failures)
    pq.write_table(table.slice(0, 0), failures)  # valid Parquet, the failures gone
    with pytest.raises(StoreIntegrityError, match=r"failures\.parquet"):
        store.failures()
