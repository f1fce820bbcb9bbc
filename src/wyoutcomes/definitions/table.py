"""A plan as a table: one row per target × area of its scope (``Plan.to_frame``).

The columns are part of the public API (docs/definitions.md) and their order is fixed, so the
CLI's csv and json output is stable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from wyoutcomes.definitions.vocabulary import Polarity, TargetKind

if TYPE_CHECKING:
    from wyoutcomes.definitions.models import Indicator, Plan, Target

__all__ = ["FRAME_COLUMNS", "describe_aim", "plan_frame"]

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
    "aim": "object",
    "trajectory": "object",
    "source": "object",
}


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def describe_aim(target: Target, indicator: Indicator) -> str:
    """The target's aim in a few words, e.g. ``-10%``, ``+1,000 people``, ``within 0.8-1.25``.

    >>> from wyoutcomes.definitions import load_plan
    >>> plan = load_plan()
    >>> describe_aim(plan.targets[0], plan.indicator(plan.targets[0].indicator))
    'gap -5%'
    """
    kind = target.kind
    lower = indicator.polarity == Polarity.LOWER_IS_BETTER
    if kind == TargetKind.RELATIVE_CHANGE and target.change is not None:
        return f"{target.change:+.0%}"
    if kind == TargetKind.GAP_REDUCTION and target.change is not None:
        return f"gap {target.change:+.0%}"
    if kind == TargetKind.COUNT_INCREASE and target.change is not None:
        return f"+{_number(target.change, 0)} {indicator.unit}"
    if kind == TargetKind.ABSOLUTE_VALUE and target.value is not None:
        return f"reach {_number(target.value, indicator.decimals)} {indicator.unit}"
    if kind == TargetKind.HALT_TREND:
        return "no further rise" if lower else "no further fall"
    if kind == TargetKind.BAND and indicator.band is not None:
        return f"within {indicator.band.lo:g} to {indicator.band.hi:g}"
    return "lower" if lower else "higher"


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
                        "aim": describe_aim(target, indicator),
                        "trajectory": target.trajectory.value,
                        "source": target.baseline.source or indicator.source.publisher,
                    }
                )
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    return frame.astype(FRAME_COLUMNS)
