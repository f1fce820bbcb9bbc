"""Making Data Count icons for a progress row, from `wyoutcomes.spc`.

SPC is for frequent, non-overlapping periods (months, quarters and rolling 12 months, whose
points are what an IPR plots); annual and pooled series are judged by their CIs instead, as
Fingertips does. Below `min_points` points there are no icons: MDC shows icons from 13.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from wyoutcomes import spc
from wyoutcomes.progress.observations import Observation
from wyoutcomes.spc.icons import DIRECTIONS

__all__ = ["SPC_PERIOD_TYPES", "spc_icons", "spc_result"]

SPC_PERIOD_TYPES = frozenset({"month", "financial_quarter", "rolling_12_months"})
# the better direction's sign → SPC's improvement word: spc's own table, read backwards
_IMPROVEMENT = {sign: word for word, sign in DIRECTIONS.items()}


def spc_icons(
    series: Sequence[Observation],
    as_at_end: date,
    period_type: object,
    *,
    better: int,
    target: float | None,
    min_points: int = 13,
) -> tuple[str | None, str | None]:
    """(variation_icon, assurance_icon) or (None, None) when SPC does not apply."""
    result = spc_result(
        series, as_at_end, period_type, better=better, target=target, min_points=min_points
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
) -> spc.SPCResult | None:
    """The XmR result behind a row's icons (points dated by their period's end), or None when
    SPC does not apply."""
    kind = str(period_type)
    points = [o for o in series if o.end <= as_at_end and math.isfinite(o.value)]
    if kind not in SPC_PERIOD_TYPES or len(points) < min_points:
        return None
    return spc.xmr(
        [o.value for o in points],
        dates=[o.end for o in points],
        improvement=_IMPROVEMENT[better],
        target=target if target is not None and math.isfinite(target) else None,
    )
