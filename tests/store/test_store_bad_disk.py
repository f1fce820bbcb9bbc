"""The store on a bad disk: read-only, full, failing at any write — always ``StoreError``.

The faults are injected where the operating system would report them (``mkdir`` on a read-only
file system, ``fsync`` or ``write`` on a full one), since the tests run without the privileges
to mount a tiny or read-only file system. After each fault: exit code 5 from the command line,
one line naming the store and the reason, no traceback, nothing left in ``_staging/`` and the
store exactly as it was.
"""

from __future__ import annotations

import errno
import os
import pathlib

import pytest
from click.testing import CliRunner
from store_files import write_submission

from wyoutcomes.cli import cli
from wyoutcomes.errors import InputFileError, StoreError, StoreIntegrityError
from wyoutcomes.store import ledger


def _snapshot(store_path: pathlib.Path) -> list[str]:
    return sorted(
        str(p.relative_to(store_path)) for p in store_path.rglob("*") if p.name != "_staging"
    )


@pytest.fixture
def started(store, tmp_path):
    """A store with one submission, and a second file to ingest."""
    first = write_submission(tmp_path, "q1.csv", [("a", "E1", "2019", "10")])
    store.ingest(first, submitter="Leeds", submitted_at="2024-01-01")
    second = write_submission(tmp_path, "q2.csv", [("a", "E1", "2019", "11")])
    return store, second, _snapshot(store.path)


def _assert_unchanged(store, before):
    assert _snapshot(store.path) == before
    assert list((store.path / "_staging").iterdir()) == []
    assert store.read()["value"].tolist() == [10.0]
    assert store.verify().ok


def _read_only(monkeypatch, root: pathlib.Path) -> None:
    """mkdir under ``root`` fails as on a file system mounted read-only."""
    real_mkdir = pathlib.Path.mkdir

    def mkdir(self, *args, **kwargs):
        if str(self).startswith(str(root)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)


def _disk_full_at_fsync(monkeypatch) -> None:
    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def test_ingest_into_a_read_only_store_is_a_store_error(started, monkeypatch):
    store, second, before = started
    _read_only(monkeypatch, store.path)
    with pytest.raises(StoreError) as caught:
        store.ingest(second, submitter="Leeds", submitted_at="2024-02-01")
    assert not isinstance(caught.value, StoreIntegrityError)
    assert "Read-only file system" in str(caught.value) and str(store.path) in str(caught.value)
    monkeypatch.undo()
    _assert_unchanged(store, before)


def test_ingest_onto_a_full_disk_is_a_store_error_not_an_unreadable_input(started, monkeypatch):
    """The copy of the original is the first write: a full disk there is the store's fault,
    not the submitted file's (it used to say "cannot be read", exit 4)."""
    store, second, before = started
    _disk_full_at_fsync(monkeypatch)
    with pytest.raises(StoreError, match="No space left on device"):
        store.ingest(second, submitter="Leeds", submitted_at="2024-02-01")
    monkeypatch.undo()
    _assert_unchanged(store, before)


def test_a_full_disk_at_the_last_write_leaves_nothing_half_written(started, monkeypatch):
    """Everything but the record is staged when the disk fills: all of it is removed."""
    store, second, before = started
    real = ledger.write_file_durably

    def write(path, content):
        if path.name == "record.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, content)

    monkeypatch.setattr(ledger, "write_file_durably", write)
    with pytest.raises(StoreError, match="No space left on device"):
        store.ingest(second, submitter="Leeds", submitted_at="2024-02-01")
    monkeypatch.undo()
    _assert_unchanged(store, before)


def test_withdraw_on_a_full_disk_is_a_store_error(started, tmp_path, monkeypatch):
    store, _, before = started
    keys = tmp_path / "keys.csv"
    keys.write_text("indicator_id,area_code,period,sex,age\na,E1,2019,Persons,All ages\n")
    _disk_full_at_fsync(monkeypatch)
    with pytest.raises(StoreError, match="No space left on device"):
        store.withdraw(keys, submitter="Leeds", reason="wrong", submitted_at="2024-02-01")
    monkeypatch.undo()
    _assert_unchanged(store, before)


def test_an_unreadable_submitted_file_is_still_an_input_error(started, monkeypatch):
    """A read error on the *submitted* file stays exit 4: the two are told apart."""
    store, second, before = started
    real_open = pathlib.Path.open

    def open_(self, mode="r", *args, **kwargs):
        if self == second and "r" in mode:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", open_)
    with pytest.raises(InputFileError, match="cannot be read"):
        store.ingest(second, submitter="Leeds", submitted_at="2024-02-01")
    monkeypatch.undo()
    _assert_unchanged(store, before)


@pytest.mark.parametrize("fault", ["read-only", "disk-full"])
def test_the_cli_exits_5_with_one_line(started, monkeypatch, fault):
    store, second, before = started
    if fault == "read-only":
        _read_only(monkeypatch, store.path)
    else:
        _disk_full_at_fsync(monkeypatch)
    result = CliRunner().invoke(
        cli,
        ["ingest", str(second), "--store", str(store.path), "--submitter", "Leeds", "--no-plan"],
    )
    monkeypatch.undo()
    assert result.exit_code == 5, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("error: store ")
    _assert_unchanged(store, before)


def test_creating_a_store_on_a_read_only_disk_exits_5(tmp_path, monkeypatch):
    path = write_submission(tmp_path, "q1.csv", [("a", "E1", "2019", "10")])
    _read_only(monkeypatch, tmp_path / "new-store")
    result = CliRunner().invoke(
        cli,
        ["ingest", str(path), "--store", str(tmp_path / "new-store"), "--submitter", "L"],
    )
    assert result.exit_code == 5, result.output
    assert "Traceback" not in result.output


def test_verify_reports_a_file_the_disk_cannot_read(started, monkeypatch):
    """An I/O error while re-hashing one file is a problem row naming it; the rest is still
    checked (it used to end verify with a traceback)."""
    from wyoutcomes.store import integrity

    store, _, _ = started
    real = integrity.sha256_of_file

    def sha256(path):
        if path.name == "part-0.parquet":
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return real(path)

    monkeypatch.setattr(integrity, "sha256_of_file", sha256)
    report = store.verify()
    assert report.problems["problem"].tolist() == ["unreadable-file"]
    assert "Input/output error" in report.problems["detail"].iloc[0]
    assert report.files_checked == 2
    result = CliRunner().invoke(cli, ["verify", "--store", str(store.path)])
    assert result.exit_code == 6 and "unreadable-file" in result.output
