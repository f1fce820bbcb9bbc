"""The bundled area table (``areas.csv``): one :class:`Area` per code, read once on first use.

The table is data, not code: to add or correct an area, edit ``areas.csv`` (every column is
described in docs/periods-and-areas.md). Reading it checks every row, so a bad edit fails loudly
with the row and column named rather than producing a wrong lookup later.

>>> rows = load()
>>> rows["E08000035"].name
'Leeds'
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from wyoutcomes.errors import AreaError

__all__ = ["AREA_TYPES", "COLUMNS", "PLACE_COVERAGE", "Area", "load"]

TABLE = "areas.csv"
COLUMNS = (
    "code",
    "name",
    "type",
    "parent_code",
    "former_parent_code",
    "parent_from",
    "valid_from",
    "valid_to",
    "place",
    "place_coverage",
    "ods_code",
    "replaces",
    "unverified",
    "source",
    "notes",
)
AREA_TYPES = (
    "country",
    "region",
    "nhs_region",
    "stp_icb",
    "cancer_alliance",
    "sub_icb_ccg",
    "local_authority",
    "metropolitan_county",
    "combined_authority",
    "place",
    "partnership",
)
#: how much of its place an area covers: "whole" (same footprint) or "part" (one piece of it)
PLACE_COVERAGE = ("whole", "part")
_CODE = re.compile(r"[A-Z][A-Z0-9]{2,9}")


@dataclass(frozen=True)
class Area:
    """One row of the area table.

    ``valid_from`` and ``valid_to`` are the first and last day the code was in use (both
    inclusive; None = open, i.e. in use before the table's horizon or still in use).
    ``parent_code`` is the latest parent; when it changed during the code's life,
    ``former_parent_code`` was the parent until the day before ``parent_from``. ``place``
    is the plan place whose data this code carries, ``place_coverage`` says whether it carries
    the whole place or a part. ``unverified`` names the columns whose values the reference could
    not confirm.
    """

    code: str
    name: str
    type: str
    parent_code: str | None
    former_parent_code: str | None
    parent_from: date | None
    valid_from: date | None
    valid_to: date | None
    place: str | None
    place_coverage: str | None
    ods_code: str | None
    replaces: tuple[str, ...]
    unverified: tuple[str, ...]
    source: str
    notes: str

    @property
    def verified(self) -> bool:
        """True when every value of the row is confirmed by its cited source."""
        return not self.unverified

    def is_valid_on(self, day: date) -> bool:
        """True if the code was in use on ``day``.

        >>> load()["E54000005"].is_valid_on(date(2021, 4, 1))
        False
        """
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def parent_on(self, day: date) -> str | None:
        """The parent code on ``day`` (the latest parent when the day is outside the record).

        >>> load()["E38000225"].parent_on(date(2020, 6, 1))
        'E54000005'
        """
        if self.parent_from is not None and day < self.parent_from:
            return self.former_parent_code
        return self.parent_code

    def in_use_during(self, start: date, end: date) -> bool:
        """True if the code was in use on at least one day of ``start``…``end``."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or start <= self.valid_to
        )


@lru_cache(maxsize=1)
def load() -> dict[str, Area]:
    """Every area of the bundled table by code (read and checked once, then cached)."""
    text = resources.files("wyoutcomes.geography").joinpath(TABLE).read_text(encoding="utf-8")
    return read_table(text, TABLE)


def read_table(text: str, name: str) -> dict[str, Area]:
    """Parse and check the text of an area table; ``name`` is used in error messages."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise AreaError(f"{name}: columns must be {', '.join(COLUMNS)}; found {reader.fieldnames}")
    rows: dict[str, Area] = {}
    for line, record in enumerate(reader, start=2):
        area = _area(record, f"{name} line {line}")
        if area.code in rows:
            raise AreaError(f"{name} line {line}: code {area.code} appears twice")
        rows[area.code] = area
    _check_links(rows, name)
    return rows


def _area(record: dict[str, str | None], where: str) -> Area:
    if None in record or any(value is None for value in record.values()):
        raise AreaError(f"{where}: expected {len(COLUMNS)} fields")
    value = {key: (text or "").strip() for key, text in record.items() if key is not None}
    for column in ("code", "name", "type", "source"):
        if not value[column]:
            raise AreaError(f"{where}, column {column}: must not be empty")
    for column in ("code", "parent_code", "former_parent_code", "place"):
        if value[column] and not _CODE.fullmatch(value[column]):
            raise AreaError(f"{where}, column {column}: {value[column]!r} is not an area code")
    if value["type"] not in AREA_TYPES:
        raise AreaError(
            f"{where}, column type: {value['type']!r} is not one of {', '.join(AREA_TYPES)}"
        )
    if value["place_coverage"] not in ("", *PLACE_COVERAGE):
        raise AreaError(f"{where}, column place_coverage: must be empty, whole or part")
    if bool(value["place"]) != bool(value["place_coverage"]):
        raise AreaError(f"{where}: place and place_coverage must be given together")
    if bool(value["former_parent_code"]) != bool(value["parent_from"]):
        raise AreaError(f"{where}: former_parent_code and parent_from must be given together")
    unverified = _list(value["unverified"])
    unknown = [c for c in unverified if c not in COLUMNS]
    if unknown:
        raise AreaError(f"{where}, column unverified: {', '.join(unknown)} are not columns")
    area = Area(
        code=value["code"],
        name=value["name"],
        type=value["type"],
        parent_code=value["parent_code"] or None,
        former_parent_code=value["former_parent_code"] or None,
        parent_from=_date(value["parent_from"], where, "parent_from"),
        valid_from=_date(value["valid_from"], where, "valid_from"),
        valid_to=_date(value["valid_to"], where, "valid_to"),
        place=value["place"] or None,
        place_coverage=value["place_coverage"] or None,
        ods_code=value["ods_code"] or None,
        replaces=_list(value["replaces"]),
        unverified=unverified,
        source=value["source"],
        notes=value["notes"],
    )
    if area.valid_from and area.valid_to and not area.valid_from < area.valid_to:
        raise AreaError(f"{where}: valid_from {area.valid_from} is not before valid_to")
    if area.parent_from is not None and not area.in_use_during(area.parent_from, area.parent_from):
        raise AreaError(f"{where}: parent_from {area.parent_from} is outside the code's validity")
    return area


def _check_links(rows: dict[str, Area], name: str) -> None:
    """Every code a row points at (parent, place, replaced code) must be a row itself."""
    for area in rows.values():
        links = [("parent_code", area.parent_code), ("place", area.place)]
        links += [("former_parent_code", area.former_parent_code)]
        links += [("replaces", code) for code in area.replaces]
        for column, code in links:
            if code is not None and code not in rows:
                raise AreaError(
                    f"{name}, code {area.code}, column {column}: {code} is not in the table"
                )
        if area.place is not None and rows[area.place].type != "place":
            raise AreaError(f"{name}, code {area.code}, column place: {area.place} is not a place")


def _date(text: str, where: str, column: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AreaError(f"{where}, column {column}: {text!r} is not a date (YYYY-MM-DD)") from None


def _list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())
