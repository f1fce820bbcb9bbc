"""An ambition's headline: the worst status of its targets, with the tally beside it.

An ambition never looks better than its worst target (docs/progress.md, rule 9): "Met" in green
beside "1 met, 2 off track" is the failure this prevents. Statuses are ranked from worst to
best; `no_data` and `insufficient_data` say nothing about progress, so they are the headline only
when no row has a judgement.

Hand-worked: three rows met, off_track, on_track → headline off_track, tally
"1 off track, 1 on track, 1 met" (in rank order: the worst first).

>>> import pandas as pd
>>> frame = pd.DataFrame({"ambition": [4, 4, 4], "status": ["met", "off_track", "on_track"]})
>>> rollup = ambition_rollup(frame)
>>> rollup.loc[4, "status"], rollup.loc[4, "tally"], int(rollup.loc[4, "rows"])
('off_track', '1 off track, 1 on track, 1 met', 3)
"""

from __future__ import annotations

import pandas as pd

__all__ = ["RANK", "ambition_rollup", "worst_status"]

#: worst first; statuses on one line are equally bad (the first listed wins a tie)
RANK: tuple[str, ...] = (
    "off_track",
    "not_met",
    "worsening",
    "outside_band",
    "behind_not_significant",
    "no_significant_change",
    "on_track",
    "within_band",
    "improving",
    "met",
    "insufficient_data",
    "no_data",
)
_ORDER = {status: i for i, status in enumerate(RANK)}


def worst_status(statuses: list[str]) -> str:
    """The worst of the statuses (an unknown word ranks just before insufficient_data).

    >>> worst_status(["met", "behind_not_significant", "insufficient_data"])
    'behind_not_significant'
    >>> worst_status(["no_data", "insufficient_data"])
    'insufficient_data'
    """
    if not statuses:
        return "no_data"
    unknown = _ORDER["insufficient_data"] - 0.5
    return min(statuses, key=lambda s: _ORDER.get(s, unknown))


def _tally(statuses: list[str]) -> str:
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    ordered = sorted(counts, key=lambda s: _ORDER.get(s, len(RANK)))
    return ", ".join(f"{counts[s]} {s.replace('_', ' ')}" for s in ordered)


def ambition_rollup(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per ambition (indexed by its number): `status` (the worst), `tally` (every
    status counted, worst first) and `rows` (how many target × area rows)."""
    records = []
    for number, rows in frame.groupby("ambition", sort=True):
        statuses = [str(s) for s in rows["status"]]
        records.append(
            {
                "ambition": number,
                "status": worst_status(statuses),
                "tally": _tally(statuses),
                "rows": len(statuses),
            }
        )
    result = pd.DataFrame.from_records(records, columns=["ambition", "status", "tally", "rows"])
    return result.set_index("ambition")
