"""Durable writes: nothing becomes visible in a store folder until it is complete on disk.

A file is written under a temporary name in the folder it will live in, flushed and fsynced,
then renamed onto its final name (rename within one folder is atomic on POSIX and Windows), and
the folder itself is fsynced so that the rename survives a power cut. A whole submission folder
is committed the same way: built under ``_staging/`` and renamed into ``submissions/``.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_file_atomically(folder / "hello.txt", b"hello")
'2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'
>>> (folder / "hello.txt").read_bytes()
b'hello'
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

__all__ = [
    "TEMP_PREFIX",
    "SourceReadError",
    "copy_file_durably",
    "fsync_folder",
    "fsync_tree",
    "sha256_of_file",
    "write_file_atomically",
    "write_file_durably",
]

#: readers of a store ignore every name that starts with this prefix (and with "_")
TEMP_PREFIX = ".tmp-"

_CHUNK = 1 << 20


def fsync_folder(folder: Path) -> None:
    """Make the entries of ``folder`` (new names, renames) durable."""
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file_durably(path: Path, content: bytes) -> str:
    """Write ``content`` to a new file ``path`` (which must not exist), fsync it; return sha256.

    Used inside a staging folder, which is itself renamed into place once complete, so the
    file needs no temporary name of its own.
    """
    with path.open("xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    return hashlib.sha256(content).hexdigest()


def write_file_atomically(path: Path, content: bytes) -> str:
    """Write ``content`` to ``path`` so that readers see the old state or the whole new file.

    Returns the sha256 of the content.
    """
    temp = path.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}-{path.name}")
    try:
        digest = write_file_durably(temp, content)
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    return digest


def fsync_tree(root: Path) -> None:
    """fsync every folder under ``root`` (files are fsynced when written), deepest first."""
    folders = [Path(dirpath) for dirpath, _, _ in os.walk(root)]
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        fsync_folder(folder)


def sha256_of_file(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks so large originals need little memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class SourceReadError(Exception):
    """Reading the file being copied failed — the submitted file's fault, not the store's
    (any ``OSError`` from :func:`copy_file_durably` is a failed write)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def copy_file_durably(source: Path, target: Path) -> tuple[str, int]:
    """Copy ``source`` byte for byte to a new file ``target``, fsync it; return (sha256, size).

    A failure to read ``source`` raises :class:`SourceReadError`; a failure to write
    ``target`` (a full disk, a read-only one) raises the ``OSError`` itself.
    """
    digest = hashlib.sha256()
    size = 0
    try:
        reader = source.open("rb")
    except OSError as exc:
        raise SourceReadError(exc) from exc
    with reader, target.open("xb") as writer:
        while True:
            try:
                chunk = reader.read(_CHUNK)
            except OSError as exc:
                raise SourceReadError(exc) from exc
            if not chunk:
                break
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest(), size
