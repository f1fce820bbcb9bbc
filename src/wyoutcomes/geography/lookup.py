"""Look-ups over the bundled area table: by code, by parent, by date, and by plan place.

>>> area("nE54000054").name
'NHS West Yorkshire ICB'
>>> place_of("E38000232")
'WYHBDC'
>>> [a.code for a in areas_valid_on(date(2023, 4, 1), "local_authority")][-2:]
['E08000035', 'E08000036']
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from wyoutcomes.errors import AreaError
from wyoutcomes.geography.table import AREA_TYPES, COLUMNS, Area, load

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "area",
    "areas",
    "areas_valid_on",
    "carriers",
    "children",
    "from_ods",
    "is_valid_on",
    "normalise_code",
    "place_of",
    "places",
    "series_codes",
    "successors",
]

# Fingertips writes ICB codes with a leading "n" (nE54000054); a GSS code never starts so
_FINGERTIPS_PREFIX = re.compile(r"[nN]([Ee]\d{8})")


def normalise_code(code: str) -> str:
    """The canonical spelling of an area code: trimmed, upper-case, Fingertips ``n`` removed.

    >>> normalise_code(" ne54000054 ")
    'E54000054'
    """
    if not isinstance(code, str):
        raise AreaError(f"area code {code!r} is a {type(code).__name__}, not text")
    text = code.strip()
    prefixed = _FINGERTIPS_PREFIX.fullmatch(text)
    return (prefixed[1] if prefixed else text).upper()


def area(code: str) -> Area:
    """The area with this code (after :func:`normalise_code`); unknown → :class:`AreaError`.

    >>> area("E06000065").valid_from
    datetime.date(2023, 4, 1)
    """
    table = load()
    key = normalise_code(code)
    found = table.get(key)
    if found is None:
        close = difflib.get_close_matches(key, list(table), n=3, cutoff=0.8)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise AreaError(
            f"unknown area code {code!r}{hint} (the bundled table lists "
            f"{len(table)} areas; see docs/periods-and-areas.md)"
        )
    return found


def areas() -> pd.DataFrame:
    """The whole table as a DataFrame (one row per code; dates as datetime64, open ends NaT)."""
    import pandas as pd  # only this function needs pandas

    rows = [
        {
            **{column: getattr(a, column) for column in COLUMNS},
            "replaces": ";".join(a.replaces),
            "unverified": ";".join(a.unverified),
        }
        for a in load().values()
    ]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("valid_from", "valid_to"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def from_ods(ods_code: str, on: date | None = None) -> Area:
    """The area with an NHS ODS code (``36J``), chosen by date when the code was reused.

    ODS code QWO names both E54000005 (to March 2021) and E54000054 (from April 2021), so
    without ``on`` it is ambiguous and raises :class:`AreaError` listing both.

    >>> from_ods("QWO", on=date(2020, 1, 1)).code
    'E54000005'
    """
    wanted = ods_code.strip().upper() if isinstance(ods_code, str) else ods_code
    found = [a for a in load().values() if a.ods_code == wanted]
    if on is not None:
        found = [a for a in found if a.is_valid_on(_as_date(on))]
    if len(found) == 1:
        return found[0]
    when = "" if on is None else f" on {_as_date(on).isoformat()}"
    if not found:
        raise AreaError(f"no area in the table has ODS code {ods_code!r}{when}")
    codes = ", ".join(f"{a.code} ({a.valid_from or '…'} to {a.valid_to or '…'})" for a in found)
    raise AreaError(f"ODS code {ods_code!r} names several areas{when}: {codes}; pass on=<date>")


def children(code: str, on: date | None = None) -> list[Area]:
    """Areas whose parent is ``code``, by code.

    Without ``on``: every area that had ``code`` as its parent at any time. With ``on``: only
    areas in use on that day whose parent on that day is ``code``.

    >>> [a.code for a in children("E54000005", on=date(2020, 6, 1)) if a.type == "sub_icb_ccg"]
    ['E38000025', 'E38000190', 'E38000225', 'E38000232', 'E38000254']
    """
    parent = area(code).code
    if on is None:
        chosen = (a for a in load().values() if parent in (a.parent_code, a.former_parent_code))
    else:
        day = _as_date(on)
        chosen = (a for a in load().values() if a.is_valid_on(day) and a.parent_on(day) == parent)
    return sorted(chosen, key=_by_code)


def areas_valid_on(day: date, type: str | None = None) -> list[Area]:
    """Areas in use on ``day`` (optionally of one type), by code."""
    day = _as_date(day)
    if type is not None and type not in AREA_TYPES:
        raise AreaError(f"unknown area type {type!r}; expected one of {', '.join(AREA_TYPES)}")
    chosen = (a for a in load().values() if a.is_valid_on(day) and type in (None, a.type))
    return sorted(chosen, key=_by_code)


def is_valid_on(code: str, day: date) -> bool:
    """True if ``code`` was in use on ``day``; unknown code → :class:`AreaError`."""
    return area(code).is_valid_on(_as_date(day))


def place_of(code: str) -> str | None:
    """The code of the plan place whose data ``code`` carries, or None (e.g. England).

    A place's own code maps to itself. ``area(code).place_coverage`` tells whether the code
    covers the whole place or a part (Bradford alone is part of Bradford District and Craven).
    """
    return area(code).place


def places() -> list[Area]:
    """The six places of the plan, by name."""
    return sorted((a for a in load().values() if a.type == "place"), key=lambda a: a.name)


def carriers(place: str, coverage: str | None = None) -> list[Area]:
    """Areas whose data count towards ``place`` (not the place row itself), by code.

    ``coverage="whole"`` keeps only codes with the place's own footprint.

    >>> [a.code for a in carriers("WYHCAL")]
    ['E08000033', 'E38000025']
    """
    target = area(place)
    if target.type != "place":
        raise AreaError(f"area {target.code} ({target.name}) is a {target.type}, not a place")
    return sorted(
        (
            a
            for a in load().values()
            if a.place == target.code
            and a.code != target.code
            and coverage in (None, a.place_coverage)
        ),
        key=_by_code,
    )


def successors(code: str) -> list[Area]:
    """Areas whose ``replaces`` column names ``code`` (the codes that took over from it), by code.

    >>> [a.code for a in successors("E54000005")]
    ['E54000054']
    """
    old = area(code).code
    return sorted((a for a in load().values() if old in a.replaces), key=_by_code)


def series_codes(code: str) -> list[Area]:
    """The codes that carry one entity's data over time, starting with ``code`` itself.

    Follows the ``replaces`` column forward while the succession is one to one: exactly one
    code took over, and it replaced this code alone. A split has no single heir and a merger's
    successor is a different, larger entity (Harrogate district into North Yorkshire), so the
    chain stops there. Each area's ``valid_from`` is the day it took over. A one-to-one
    successor may still cover a changed footprint (E54000054 left Harrogate out): say so
    wherever the two codes' values are joined.

    >>> [(a.code, a.valid_from) for a in series_codes("E54000005")]
    [('E54000005', None), ('E54000054', datetime.date(2021, 4, 1))]
    >>> [a.code for a in series_codes("E07000165")]  # merged into North Yorkshire: not followed
    ['E07000165']
    """
    chain = [area(code)]
    while True:
        after = successors(chain[-1].code)
        if len(after) != 1 or after[0].replaces != (chain[-1].code,) or after[0] in chain:
            return chain
        chain.append(after[0])


def _by_code(a: Area) -> str:
    return a.code


def _as_date(value: date) -> date:
    # datetime (and pandas Timestamp) subclass date but do not compare with a plain date
    return value.date() if isinstance(value, datetime) else value
