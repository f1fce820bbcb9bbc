"""Which points a trend may use: non-overlapping periods, with declared series breaks left out.

Fingertips computes its recent-trend markers only on independent (non-overlapping) periods and
from five points; three-year pooled values that share two years, or rolling 12-month values
that share eleven months, are not independent observations, and fitting them as if they were
makes every interval too narrow. The rule here: walk back from the latest period, keeping a
period only when it ends before the last kept one starts. For three-year pooled values that is
every third period ending with the latest; for rolling 12-month values every twelfth.

Hand-worked, pooled values 2013 - 15 … 2019 - 21 (seven overlapping periods):

>>> from datetime import date
>>> def pooled(first):
...     return Observation(f"{first} - {(first + 2) % 100:02d}", date(first, 1, 1),
...                        date(first + 2, 12, 31), date(first + 1, 7, 2), 1.0)
>>> series = [pooled(y) for y in range(2013, 2020)]
>>> [o.period for o in independent(series)]
['2013 - 15', '2016 - 18', '2019 - 21']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from wyoutcomes.progress.observations import Observation

__all__ = [
    "MIN_TREND_POINTS",
    "Exclusion",
    "excluded_reason",
    "independent",
    "likelihood",
    "split_excluded",
]

#: Fingertips shows a recent-trend marker only from five independent points
MIN_TREND_POINTS = 5


@dataclass(frozen=True)
class Exclusion:
    """A declared series break: every value whose period overlaps [start, end] is excluded."""

    label: str
    start: date
    end: date
    reason: str

    def covers(self, o: Observation) -> bool:
        return o.start <= self.end and self.start <= o.end


def excluded_reason(o: Observation, exclusions: Sequence[Exclusion]) -> str | None:
    """Why `o` is excluded ("period: reason"), or None when it is comparable."""
    for e in exclusions:
        if e.covers(o):
            return f"{e.label}: {e.reason}"
    return None


def split_excluded(
    series: Sequence[Observation], exclusions: Sequence[Exclusion]
) -> tuple[list[Observation], list[Observation]]:
    """(comparable, excluded) points of a series, each in the series' order.

    >>> from datetime import date
    >>> def ay(y):
    ...     return Observation(f"{y}/{(y + 1) % 100:02d}", date(y, 9, 1), date(y + 1, 8, 31),
    ...                        date(y + 1, 3, 1), 1.0)
    >>> ncmp = Exclusion("2019/20", date(2019, 9, 1), date(2020, 8, 31), "collection curtailed")
    >>> kept, dropped = split_excluded([ay(2018), ay(2019), ay(2020)], [ncmp])
    >>> [o.period for o in kept], [o.period for o in dropped]
    (['2018/19', '2020/21'], ['2019/20'])
    """
    kept: list[Observation] = []
    dropped: list[Observation] = []
    for o in series:
        (dropped if excluded_reason(o, exclusions) else kept).append(o)
    return kept, dropped


def independent(
    series: Sequence[Observation], upto: Observation | None = None
) -> list[Observation]:
    """The non-overlapping points of `series`, walking back from `upto` (default: the latest),
    in time order."""
    ordered = sorted(series, key=lambda o: (o.start, o.end))
    if upto is not None:
        ordered = [o for o in ordered if o.end <= upto.end]
    kept: list[Observation] = []
    for o in reversed(ordered):
        if not kept or o.end < kept[-1].start:
            kept.append(o)
    return kept[::-1]


#: probability bands for boards, from the IPCC's calibrated likelihood language (lower bounds)
_BANDS = ((0.9, "very likely"), (0.66, "likely"), (0.33, "about as likely as not"),
          (0.1, "unlikely"), (0.0, "very unlikely"))  # fmt: skip


def likelihood(probability: float) -> str | None:
    """The band a board reads beside a probability (None when there is no probability).

    >>> [likelihood(p) for p in (0.95, 0.7, 0.5, 0.2, 0.05)]
    ['very likely', 'likely', 'about as likely as not', 'unlikely', 'very unlikely']
    """
    if math.isnan(probability):
        return None
    for bound, words in _BANDS:
        if probability >= bound:
            return words
    return "very unlikely"
