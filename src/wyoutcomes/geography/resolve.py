"""Find a plan place from what a submitter types: its code, its name or an area carrying it.

>>> resolve_place("leeds").code
'WYHLDS'
>>> resolve_place("E08000035").name
'Leeds'
>>> resolve_place("Bradford").code
'WYHBDC'
"""

from __future__ import annotations

import difflib

from wyoutcomes.errors import AreaError
from wyoutcomes.geography.lookup import area, normalise_code, places
from wyoutcomes.geography.table import Area

__all__ = ["resolve_place"]


def resolve_place(text: str) -> Area:
    """The plan place ``text`` names; :class:`AreaError` with a suggestion if none.

    A place's code (``WYHLDS``), its name or the start of it (``Bradford`` for Bradford
    District and Craven), or the code of an area whose data count towards the whole place
    (``E08000035``, Leeds City Council) all name it.
    """
    wanted = " ".join(str(text).split()).casefold()
    every = places()
    for place in every:
        if wanted in (place.code.casefold(), place.name.casefold()):
            return place
    starts = [p for p in every if p.name.casefold().startswith(wanted)] if wanted else []
    if len(starts) == 1:
        return starts[0]
    try:
        carried = area(normalise_code(str(text)))
    except (AreaError, ValueError):
        carried = None
    if carried is not None and carried.place is not None and carried.place_coverage == "whole":
        return area(carried.place)
    names = [p.name for p in every]
    close = difflib.get_close_matches(str(text).strip().title(), names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise AreaError(f"{text!r} is not a place of the plan{hint} (places: {', '.join(names)})")
