"""The submission store: an immutable, append-only Parquet ledger in a plain folder.

Any Parquet engine can read the folder (see docs/store.md); :class:`Store` adds the ledger's
meaning: validation on the way in, supersession, withdrawal, as-of reads and integrity checks.

>>> import tempfile
>>> store = Store.create(tempfile.mkdtemp())
>>> store.read().empty
True
"""

from __future__ import annotations

from wyoutcomes.store.integrity import IntegrityReport
from wyoutcomes.store.ledger import Store
from wyoutcomes.store.record import StoredFile, Submission

__all__ = ["IntegrityReport", "Store", "StoredFile", "Submission"]
