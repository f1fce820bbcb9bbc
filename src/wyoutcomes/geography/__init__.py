"""Areas of England the plan reports on: a bundled reference table and look-ups over it.

The table (``areas.csv`` beside this module) lists codes, names, types, parents, the dates each
code was in use and the plan place each code's data count towards. See
docs/periods-and-areas.md.

>>> from datetime import date
>>> area("E54000005").valid_to
datetime.date(2021, 3, 31)
>>> is_valid_on("E54000054", date(2022, 7, 1))
True
"""

from __future__ import annotations

from wyoutcomes.geography.lookup import (
    area,
    areas,
    areas_valid_on,
    carriers,
    children,
    from_ods,
    is_valid_on,
    normalise_code,
    place_of,
    places,
    series_codes,
    successors,
)
from wyoutcomes.geography.table import AREA_TYPES, Area

__all__ = [
    "AREA_TYPES",
    "Area",
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
