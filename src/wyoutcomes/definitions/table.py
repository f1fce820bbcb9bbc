"""A plan as a table: one row per target × area of its scope (``Plan.to_frame``).

The columns are part of the public API (docs/definitions.md) and their order is fixed, so the
CLI's csv and json output is stable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from wyoutcomes.definitions.models import Plan

__all__ = ["FRAME_COLUMNS", "plan_frame"]

#: column → pandas dtype, in output order
FRAME_COLUMNS: dict[str, str] = {
    "ambition": "int64",
    "ambition_title": "object",
    "target_id": "object",
    "target_kind": "object",
    "indicator_id": "object",
    "indicator_name": "object",
    "unit": "object",
    "polarity": "object",
    "sex": "object",
    "scope": "object",
    "area_code": "object",
    "baseline_period": "object",
    "baseline_value": "float64",
    "change": "float64",
    "target_value": "float64",
    "deadline": "object",
    "trajectory": "object",
    "source": "object",
}


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _rounded(value: float | None) -> float:
    return float("nan") if value is None else round(float(value), 10)


def plan_frame(plan: Plan) -> pd.DataFrame:
    """The rows of :meth:`Plan.to_frame`.

    ``baseline_value`` is the declared (published) baseline for that area, NaN when it is read
    from the data; ``target_value`` is what the declaration implies (NaN when it needs the data's
    baseline); ``source`` is the baseline's source, or the indicator's publisher.
    """
    rows = []
    for ambition in plan.ambitions:
        for target in ambition.targets:
            indicator = plan.indicator(target.indicator)
            for area in plan.scope_areas(target):
                base = target.baseline.value_for(area)
                rows.append(
                    {
                        "ambition": ambition.number,
                        "ambition_title": ambition.title,
                        "target_id": target.id,
                        "target_kind": target.kind.value,
                        "indicator_id": indicator.id,
                        "indicator_name": indicator.name,
                        "unit": indicator.unit,
                        "polarity": indicator.polarity.value,
                        "sex": target.sex.value,
                        "scope": target.scope.type.value,
                        "area_code": area,
                        "baseline_period": target.baseline.period,
                        "baseline_value": _nan(base),
                        "change": _nan(target.change),
                        # rounded: float noise (10.6 × 0.9 → 9.540000000000001) stays out
                        "target_value": _rounded(target.target_value(base)),
                        "deadline": target.deadline,
                        "trajectory": target.trajectory.value,
                        "source": target.baseline.source or indicator.source.publisher,
                    }
                )
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    return frame.astype(FRAME_COLUMNS)
