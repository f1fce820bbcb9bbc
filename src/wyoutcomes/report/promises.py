"""The report's "Promises revised" section: each revised target beside the promise it replaced,
with the verdict under each, as judged by :func:`wyoutcomes.progress.promises.revised_promises`.

The report never judges here: it shows the rows of ``ReportInputs.revised``.

>>> import pandas as pd
>>> rows = pd.DataFrame([{"area_name": "Leeds", "reason": "re-dated",
...     "earlier_promise": "-10% by 2020 (v1)", "earlier_status": "not_met",
...     "later_promise": "-10% by 2025 (v2)", "later_status": "on_track",
...     "earlier_target": "a", "later_target": "b", "earlier_ambition": 1,
...     "later_ambition": 1, "footprint_change": None, "in_force": "v2"}])
>>> (line,) = revised_lines(rows)
>>> line.earlier_status.words, line.later_status.words
('Not met', 'On track')
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wyoutcomes.report.formats import StatusStyle, status_style

__all__ = ["FOOTPRINT_WORDS", "RevisedLine", "revised_lines"]

#: how each footprint_change is said in the report
FOOTPRINT_WORDS = {
    "join_with_note": "judged on the joined series of the old and new footprint, with a note",
    "rebase": "rebased: the trajectory starts from the new footprint's own baseline value",
}


@dataclass(frozen=True)
class RevisedLine:
    """One revised promise and the promise it replaced, each with its verdict."""

    area_name: str
    ambitions: str
    earlier_target: str
    earlier_promise: str
    earlier_status: StatusStyle
    later_target: str
    later_promise: str
    later_status: StatusStyle
    reason: str
    footprint: str
    later_in_force: bool


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def revised_lines(revised: pd.DataFrame | None) -> list[RevisedLine]:
    """The section's lines, in the order the revisions are declared."""
    if revised is None or revised.empty:
        return []
    lines = []
    for row in revised.to_dict(orient="records"):
        earlier, later = row["earlier_ambition"], row["later_ambition"]
        ambitions = f"{earlier}" if earlier == later else f"{earlier} → {later}"
        area, was = _text(row["area_name"]), _text(row.get("earlier_area_name"))
        if was and was != area:
            area = f"{was} → {area}"
        lines.append(
            RevisedLine(
                area_name=area,
                ambitions=ambitions,
                earlier_target=_text(row["earlier_target"]),
                earlier_promise=_text(row["earlier_promise"]),
                earlier_status=status_style(row["earlier_status"] or "no_data"),
                later_target=_text(row["later_target"]),
                later_promise=_text(row["later_promise"]),
                later_status=status_style(row["later_status"] or "no_data"),
                reason=_text(row["reason"]),
                footprint=FOOTPRINT_WORDS.get(_text(row["footprint_change"]), ""),
                later_in_force=_text(row.get("in_force")) == _text(row.get("later_plan")),
            )
        )
    return lines
