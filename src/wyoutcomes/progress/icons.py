"""Making Data Count icons for a progress row, from `wyoutcomes.spc`.

SPC is for frequent, non-overlapping periods: months and quarters, whose points are what an IPR
plots. Rolling 12-month values share eleven months with their neighbours, so an XmR chart of
them finds special cause everywhere; Making Data Count charts the underlying months instead.
Annual and pooled series are judged by their CIs, as Fingertips does. Values in a declared
series break never enter the chart, and a declared step change starts new limits (a rebase).
Below `min_points` points there are no icons: MDC shows icons from 13.

>>> from datetime import date
>>> def month(m, v):
...     return Observation(f"2023-{m:02d}", date(2023, m, 1), date(2023, m, 28),
...                        date(2023, m, 14), v)
>>> spc_icons([month(m, 5.0 + m % 2) for m in range(1, 13)], date(2024, 1, 1), "month",
...           better=1, target=None, min_points=12)
('common_cause', None)
>>> spc_icons([month(m, 5.0) for m in range(1, 13)], date(2024, 1, 1), "rolling_12_months",
...           better=1, target=None, min_points=12)
(None, None)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from wyoutcomes import spc
from wyoutcomes.progress.independence import Exclusion, independent, split_excluded
from wyoutcomes.progress.observations import Observation
from wyoutcomes.spc.icons import DIRECTIONS

__all__ = ["SPC_PERIOD_TYPES", "spc_icons", "spc_points", "spc_result"]

SPC_PERIOD_TYPES = frozenset({"month", "financial_quarter"})
# the better direction's sign → SPC's improvement word: spc's own table, read backwards
_IMPROVEMENT = {sign: word for word, sign in DIRECTIONS.items()}


def spc_points(
    series: Sequence[Observation],
    as_at_end: date,
    period_type: object,
    exclusions: Sequence[Exclusion] = (),
) -> list[Observation]:
    """The points an XmR chart may use: non-overlapping months or quarters up to the as-at,
    outside any declared series break (empty for any other period type)."""
    kind = getattr(period_type, "value", period_type)
    if kind not in SPC_PERIOD_TYPES:
        return []
    points = [o for o in series if o.end <= as_at_end and math.isfinite(o.value)]
    points, _ = split_excluded(points, exclusions)
    return independent(points)


def spc_icons(
    series: Sequence[Observation],
    as_at_end: date,
    period_type: object,
    *,
    better: int,
    target: float | None,
    min_points: int = 13,
    exclusions: Sequence[Exclusion] = (),
    step_changes: Sequence[date] = (),
) -> tuple[str | None, str | None]:
    """(variation_icon, assurance_icon) or (None, None) when SPC does not apply."""
    result = spc_result(
        series,
        as_at_end,
        period_type,
        better=better,
        target=target,
        min_points=min_points,
        exclusions=exclusions,
        step_changes=step_changes,
    )
    if result is None:
        return None, None
    return result.variation_icon, result.assurance_icon


def spc_result(
    series: Sequence[Observation],
    as_at_end: date,
    period_type: object,
    *,
    better: int,
    target: float | None,
    min_points: int = 13,
    exclusions: Sequence[Exclusion] = (),
    step_changes: Sequence[date] = (),
) -> spc.SPCResult | None:
    """The XmR result behind a row's icons (points dated by their period's end), or None when
    SPC does not apply."""
    points = spc_points(series, as_at_end, period_type, exclusions)
    if len(points) < min_points:
        return None
    # a rebase starts at the first charted point on or after each declared step change
    rebase = sorted({next(o.end for o in points if o.end >= day) for day in step_changes
                     if any(o.end >= day for o in points)})  # fmt: skip
    return spc.xmr(
        [o.value for o in points],
        dates=[o.end for o in points],
        improvement=_IMPROVEMENT[better],
        target=target if target is not None and math.isfinite(target) else None,
        rebase=rebase or None,
    )
