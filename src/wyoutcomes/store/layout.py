"""Where things live in a store folder.

::

    STORE/
      wyoutcomes-store.json              marks the folder as a store (format version)
      submissions/
        <submission id>/                 one folder per submission, appears whole (one rename)
          record.json                    the record and the manifest of the files below
          original/<file name>           the submitted file, byte for byte
          values/indicator_id=<id>/part-0.parquet   the rows the store accepted
          quarantine.parquet             rows with errors and the reasons (if any)
          failures.parquet               the validation failure table (if any)
      _staging/                          submissions being written; readers ignore it

>>> layout = StoreLayout(Path("/tmp/example-store"))
>>> layout.submission("01906da1-35c0-7000-8000-000000000000").name
'01906da1-35c0-7000-8000-000000000000'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from wyoutcomes.errors import StoreError, StoreIntegrityError
from wyoutcomes.store.durable import TEMP_PREFIX, write_file_atomically
from wyoutcomes.store.ids import SUBMISSION_ID_PATTERN

__all__ = [
    "FAILURES",
    "MARKER",
    "QUARANTINE",
    "RECORD",
    "STORE_FORMAT",
    "StoreLayout",
    "values_file",
]

MARKER = "wyoutcomes-store.json"
RECORD = "record.json"
#: the validation failure table of a submission (kept when validation found anything)
FAILURES = "failures.parquet"
QUARANTINE = "quarantine.parquet"
STORE_FORMAT = 1
_MARKER_TEXT = json.dumps({"format": STORE_FORMAT, "kind": "wyoutcomes-store"}, indent=1) + "\n"


def values_file(indicator_id: str) -> str:
    """Path of an indicator's values inside a submission folder (hive-style partition)."""
    # indicator ids are kebab-case slugs; quoting keeps any other text a single safe segment,
    # and Arrow's hive partitioning decodes it back
    return f"values/indicator_id={quote(indicator_id, safe='')}/part-0.parquet"


@dataclass(frozen=True)
class StoreLayout:
    """The paths of one store folder."""

    root: Path

    @property
    def marker(self) -> Path:
        return self.root / MARKER

    @property
    def submissions(self) -> Path:
        return self.root / "submissions"

    @property
    def staging(self) -> Path:
        return self.root / "_staging"

    def submission(self, submission_id: str) -> Path:
        return self.submissions / submission_id

    def prepare(self, *, create: bool) -> None:
        """Open the store folder, creating it (when allowed) if it is new or empty."""
        root = self.root
        if root.exists() and not root.is_dir():
            raise StoreError(f"store {root}: is a file, not a folder")
        if self.marker.exists():
            self._check_marker()
            if not self.submissions.is_dir():
                # never recreate it: an empty store would silently stand in for a lost one
                raise StoreIntegrityError(
                    f"store {root}: its submissions/ folder is missing; restore it from a copy"
                )
            return
        if not create:
            raise StoreError(f"store {root}: not a wyoutcomes store (no {MARKER})")
        ours = {self.submissions.name, self.staging.name}
        if root.exists() and any(
            # another process creating the same store leaves only these
            path.name not in ours and not path.name.startswith(TEMP_PREFIX)
            for path in root.iterdir()
        ):
            raise StoreError(
                f"store {root}: the folder has other files and no {MARKER}; "
                "choose a new or empty folder for a store"
            )
        try:
            root.mkdir(parents=True, exist_ok=True)
            self.submissions.mkdir(exist_ok=True)
            self.staging.mkdir(exist_ok=True)
            # several processes may create the same store at once: each writes the same
            # marker text atomically, so whichever rename lands last changes nothing; the
            # marker comes last, so a folder with a marker always has its subfolders
            write_file_atomically(self.marker, _MARKER_TEXT.encode())
        except OSError as exc:
            raise StoreError(f"store {root}: cannot create it ({exc.strerror})") from exc

    def _check_marker(self) -> None:
        try:
            content = json.loads(self.marker.read_text(encoding="utf-8"))
            version = content["format"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"store {self.root}: {MARKER} is unreadable ({exc})") from exc
        if version != STORE_FORMAT:
            raise StoreError(
                f"store {self.root}: format {version} is not supported by this version of "
                f"wyoutcomes (it reads format {STORE_FORMAT})"
            )

    def committed_ids(self) -> list[str]:
        """Ids of the committed submissions, oldest first (ids sort in time order)."""
        try:
            names = [path.name for path in self.submissions.iterdir()]
        except OSError as exc:
            raise StoreError(f"store {self.root}: cannot list submissions ({exc})") from exc
        return sorted(name for name in names if SUBMISSION_ID_PATTERN.match(name))
