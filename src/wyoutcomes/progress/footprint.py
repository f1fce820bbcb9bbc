"""One entity's values across a change of area code, with a note when the footprint changed.

A scope area's code can end while the entity carries on under a new code: the plan's partnership
was E54000005 (with Harrogate) to 31 March 2021 and E54000054 (without Harrogate) from 1 April
2021. Its series is the old code's values up to the change and the new code's after, and any
judgement made across the join must say the footprint changed (the ICB's footprint and start:
https://www.westyorkshire.icb.nhs.uk/about-west-yorkshire-integrated-care-board).

>>> import pandas as pd
>>> rows = pd.DataFrame({"indicator_id": "x", "area_code": ["E54000005", "E54000054"],
...     "period": ["2019/20", "2022/23"], "sex": "Persons", "age": "All ages",
...     "category_type": "", "category": "", "value": [10.0, 9.0]})
>>> by_series = dict(iter(rows.groupby(["indicator_id", "area_code"], sort=False)))
>>> joined, note = series_rows(by_series, "x", "E54000005", "financial_year", date(2025, 3, 31))
>>> joined["area_code"].tolist()
['E54000005', 'E54000054']
>>> note
'E54000005 to 2021-03-31, then E54000054 (footprint changed: without Harrogate)'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pandas as pd

from wyoutcomes.errors import AreaError, PeriodError
from wyoutcomes.geography import Area, area, children, series_codes
from wyoutcomes.periods import Period

__all__ = ["footprint_difference", "latest_code", "rebased_rows", "series_rows"]

# rows for the same period and breakdown under two codes of the chain: the later code wins
_BREAKDOWN = ["sex", "age", "category_type", "category"]


def series_rows(
    by_series: Mapping[tuple[str, str], pd.DataFrame],
    indicator_id: str,
    code: str | None,
    period_type: Any,
    as_at_end: date,
) -> tuple[pd.DataFrame | None, str]:
    """The rows carrying ``code``'s series, and a footprint note ('' when one code carries it).

    Each code of :func:`wyoutcomes.geography.series_codes` contributes its rows for periods in
    which it was in use; where two codes both have a row for a period (a calendar year spanning
    the change), the later code's row is used. The note names the codes whose values reach the
    judged series (periods ending by ``as_at_end``) and what changed between them.
    ``None`` rows means no code of the chain has any.
    """
    chain = _chain(code)
    if len(chain) <= 1:
        return by_series.get((indicator_id, code)) if code is not None else None, ""
    parts: list[pd.DataFrame] = []
    chosen = {}
    for member in chain:  # earliest first, so a later code's row replaces an earlier one's
        rows = by_series.get((indicator_id, member.code))
        if rows is None or rows.empty:
            continue
        labels = rows["period"].tolist()
        parsed = {label: _span(label, period_type) for label in set(labels)}
        breakdowns = zip(*(rows[c].tolist() for c in _BREAKDOWN), strict=True)
        values = rows["value"].tolist()
        for i, (label, breakdown) in enumerate(zip(labels, breakdowns, strict=True)):
            span = parsed[label]
            if span is not None and not member.in_use_during(*span):
                continue  # a row for a period the code was not in use: not this entity's value
            # an unparseable label keeps its own key, so the series reader still reports it
            key = (*breakdown, span if span is not None else label)
            chosen[key] = (len(parts), i, member, span, values[i])
        parts.append(rows)
    if not chosen:
        return None, ""
    picked = sorted(chosen.values(), key=lambda c: (c[0], c[1]))
    joined = pd.concat(
        [parts[n].iloc[[c[1] for c in picked if c[0] == n]] for n in range(len(parts))],
        ignore_index=True,
    )
    used = {
        member.code
        for _, _, member, span, value in picked
        if span is not None and span[1] <= as_at_end and _finite(value)
    }
    return joined, _note([a for a in chain if a.code in used])


def rebased_rows(
    by_series: Mapping[tuple[str, str], pd.DataFrame], indicator_id: str, code: str | None
) -> tuple[pd.DataFrame | None, str, str | None]:
    """For a target that rebases on the new footprint (``footprint_change: rebase``): the rows
    of the last code of ``code``'s succession only, a note naming the earlier codes whose values
    are left out ('' when none are), and that last code.

    >>> rows = pd.DataFrame({"indicator_id": "x", "area_code": ["E54000005", "E54000054"],
    ...     "period": ["2019/20", "2022/23"], "value": [10.0, 9.0]})
    >>> by_series = dict(iter(rows.groupby(["indicator_id", "area_code"], sort=False)))
    >>> own, note, current = rebased_rows(by_series, "x", "E54000005")
    >>> own["period"].tolist(), current
    (['2022/23'], 'E54000054')
    >>> note
    'rebased on E54000054: values of E54000005 (another footprint) are not joined'
    """
    chain = _chain(code)
    if code is None:
        return None, "", None
    current = chain[-1].code if chain else code
    earlier = [a.code for a in chain[:-1] if by_series.get((indicator_id, a.code)) is not None]
    note = ""
    if earlier:
        note = (
            f"rebased on {current}: values of {', '.join(earlier)} (another footprint) are not "
            "joined"
        )
    return by_series.get((indicator_id, current)), note, current


def latest_code(code: str | None, note: str) -> str | None:
    """The code whose values end a joined series: the last code a footprint note names (the
    series' own code when the note is empty), so a row can carry its successor's name.

    >>> latest_code("E54000005", "E54000005 to 2021-03-31, then E54000054 (footprint "
    ...             "changed: without Harrogate)")
    'E54000054'
    >>> latest_code("E54000005", "")
    'E54000005'
    >>> latest_code("E54000005", "rebased on E54000054: values of E54000005 (another …")
    'E54000054'
    """
    if note.startswith("rebased on "):
        return note.removeprefix("rebased on ").split(":", 1)[0].strip() or code
    if not note or ", then " not in note:
        return code
    return note.split(" (footprint changed", 1)[0].split(", then ")[-1].strip() or code


def footprint_difference(old: str, new: str) -> tuple[list[str], list[str]]:
    """Plan places covered by ``old`` but not ``new``, and by ``new`` but not ``old`` (names).

    Coverage is read from the table: the places of the areas each code was ever parent of.

    >>> footprint_difference("E54000005", "E54000054")
    (['Harrogate'], [])
    """
    before, after = _places(old), _places(new)
    return sorted(before - after), sorted(after - before)


def _places(code: str) -> set[str]:
    places = {a.place for a in children(code) if a.place is not None}
    return {area(p).name for p in places}


def _note(used: list[Area]) -> str:
    if len(used) <= 1:
        return ""
    steps = []
    for before, after in pairwise(used):
        until = before.valid_to or (
            after.valid_from - timedelta(days=1) if after.valid_from else None
        )
        steps.append(f"{before.code} to {until.isoformat() if until else '…'}")
    changes = []
    for before, after in pairwise(used):
        lost, gained = footprint_difference(before.code, after.code)
        words = [f"without {', '.join(lost)}"] if lost else []
        words += [f"with {', '.join(gained)}"] if gained else []
        changes.append(" and ".join(words) if words else f"{after.code} may differ")
    joined = ", then ".join([*steps, used[-1].code])
    return f"{joined} (footprint changed: {'; '.join(changes)})"


def _chain(code: str | None) -> list[Area]:
    if code is None:
        return []
    try:
        return series_codes(code)
    except AreaError:
        return []  # an area the table does not know has no successors to follow


def _span(label: object, period_type: Any) -> tuple[date, date] | None:
    try:
        period = Period.parse(str(label), period_type)
    except PeriodError:
        return None
    return period.start, period.end


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)
