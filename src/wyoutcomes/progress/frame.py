"""Assemble the progress frame: every target of a plan × every area in its scope.

Everything handed to `assessment.assess` is reduced to dates and numbers first, so the
judgement itself never sees a plan model, a period label or a DataFrame.

>>> import wyoutcomes
>>> plan = wyoutcomes.load_plan()  # doctest: +SKIP
>>> frame = progress_frame(plan, submissions, as_at="2024/25 Q2")  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import pandas as pd

from wyoutcomes.errors import AreaError
from wyoutcomes.geography import area as lookup_area
from wyoutcomes.geography import normalise_code
from wyoutcomes.periods import Period
from wyoutcomes.progress.assessment import Assessment, TargetSpec, assess
from wyoutcomes.progress.columns import to_frame
from wyoutcomes.progress.counts import count_change, with_count_cis
from wyoutcomes.progress.icons import spc_icons
from wyoutcomes.progress.observations import Observation, cumulative_extra_series
from wyoutcomes.progress.series import as_counts, gap_between_groups, headline
from wyoutcomes.progress.status import Status
from wyoutcomes.progress.submissions import current_values, cut_off
from wyoutcomes.progress.summary import describe
from wyoutcomes.progress.targets import judged_quantity, target_spec, walk_targets

__all__ = ["progress_frame"]

_NAN = math.nan
_UNKNOWN_WITHOUT_A_COMPLETE_TOTAL = (
    "latest_value",
    "latest_lower_ci",
    "latest_upper_ci",
    "assessed_value",
    "distance_from_trajectory",
    "share_of_change_achieved",
    "trend_slope",
    "trend_lower",
    "trend_upper",
    "projection_value",
    "projection_lower",
    "projection_upper",
    "probability_met",
)


def progress_frame(
    plan: Any,
    data: object,
    as_at: str = "2024/25 Q2",
    areas: Iterable[str] | None = None,
    *,
    submitted_by: date | datetime | str | None = None,
    spc_min_points: int = 13,
) -> pd.DataFrame:
    """Where every target of `plan` stands as at a period, one row per target × area.

    `data` is a DataFrame in the canonical submission format or a Store. Only values for
    periods ending by the end of `as_at` count, and only values submitted by that day
    (`submitted_by` moves the cut-off, e.g. to the day a report was published).
    Every column and status is defined in docs/progress.md.
    """
    as_at_period = Period.parse(as_at)
    cut = cut_off(as_at_period.end) if submitted_by is None else submitted_by
    wanted = None if areas is None else {normalise_code(code) for code in areas}
    values = current_values(data, submitted_by=cut)
    values["area_code"] = values["area_code"].map(normalise_code)

    rows: list[dict[str, object]] = []
    for ambition, indicator, target in walk_targets(plan):
        of_indicator = values[values["indicator_id"] == indicator.id]
        for area in plan.scope_areas(target):
            code = None if area is None else normalise_code(area)
            if wanted is not None and code not in wanted:
                continue
            of_area = of_indicator[of_indicator["area_code"] == code]  # no rows when code is None
            rows.append(
                _row(ambition, indicator, target, code, of_area, as_at_period, spc_min_points)
            )
    return to_frame(rows)


def _text(value: object) -> str | None:
    """Enums by their value, everything else as text; None stays None."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _area_name(code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return lookup_area(code).name
    except AreaError:
        return code


def _row(
    ambition: Any,
    indicator: Any,
    target: Any,
    area: str | None,
    rows: pd.DataFrame,
    as_at: Period,
    spc_min_points: int,
) -> dict[str, object]:
    sex = _text(target.sex) or "Persons"
    rows = rows[rows["sex"] == sex]
    spec, baseline_count = target_spec(target, indicator, area)
    quantity = judged_quantity(target)
    period_type = indicator.period_type
    measure = _text(indicator.measure_type) or ""

    complete, change, reason = True, None, ""
    if quantity == "gap":
        groups = target.groups
        series = gap_between_groups(
            rows,
            period_type,
            groups.category_type,
            groups.comparison,
            groups.reference,
            spec.baseline.start if spec.baseline else None,
        )
    else:
        series = with_count_cis(headline(rows, period_type), measure, indicator.multiplier)
    values_series = series

    if quantity == "cumulative_extra":
        counts = as_counts([o for o in series if o.end <= as_at.end])
        baseline_obs = _at(counts, spec)
        if not math.isfinite(baseline_count) and baseline_obs is not None:
            baseline_count = baseline_obs.value
        if math.isfinite(baseline_count) and spec.baseline is not None:
            anchor = baseline_obs or Observation(
                spec.baseline.label,
                spec.baseline.start,
                spec.baseline.end,
                spec.baseline.mid,
                baseline_count,
            )
            series, complete = cumulative_extra_series(counts, anchor, baseline_count)
            after = [o for o in counts if o.start > spec.baseline.end]
            if after:
                change = count_change(after[-1].value, baseline_count)
        else:
            series = []
            reason = "the baseline year has no count" if counts else ""

    result = assess(spec, series, as_at.end, complete=complete, change=change)
    if reason:
        result.status, result.reason = Status.INSUFFICIENT_DATA, reason

    numeric_target = spec.kind in ("relative_change", "absolute_value")
    variation, assurance = spc_icons(
        values_series if quantity == "value" else [],
        as_at.end,
        period_type,
        better=spec.better,
        target=result.target_value if numeric_target else None,
        min_points=spc_min_points,
    )
    row = _columns(ambition, indicator, target, area, sex, quantity, spec, result, as_at)
    if not complete:
        # a running total with a year missing is not a number anyone should read or plot
        for column in _UNKNOWN_WITHOUT_A_COMPLETE_TOTAL:
            row[column] = _NAN
        row["projection_points"] = 0
    row["variation_icon"], row["assurance_icon"] = variation, assurance
    row["summary"] = describe(row, result.reason)
    return row


def _at(series: list[Observation], spec: TargetSpec) -> Observation | None:
    if spec.baseline is None:
        return None
    return next(
        (o for o in series if (o.start, o.end) == (spec.baseline.start, spec.baseline.end)), None
    )


def _columns(
    ambition: Any,
    indicator: Any,
    target: Any,
    area: str | None,
    sex: str,
    quantity: str,
    spec: TargetSpec,
    result: Assessment,
    as_at: Period,
) -> dict[str, object]:
    latest, assessed, change = result.latest, result.assessed, result.change
    return {
        "as_at": as_at.label,
        "ambition": ambition.number,
        "ambition_title": ambition.title,
        "indicator_id": indicator.id,
        "indicator_name": indicator.name,
        "target_id": target.id,
        "target_kind": _text(target.kind),
        "area_code": area,
        "area_name": _area_name(area),
        "sex": sex,
        "polarity": _text(indicator.polarity),
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "judged_quantity": quantity,
        "baseline_period": result.baseline_period,
        "baseline_value": result.baseline_value,
        "baseline_source": result.baseline_source,
        "latest_period": latest.period if latest else None,
        "latest_value": latest.value if latest else _NAN,
        "latest_lower_ci": latest.lower if latest else _NAN,
        "latest_upper_ci": latest.upper if latest else _NAN,
        "n_points": result.n_points,
        "target_value": result.target_value,
        "band_lower": spec.band[0] if spec.band else _NAN,
        "band_upper": spec.band[1] if spec.band else _NAN,
        "deadline": spec.deadline.label,
        "deadline_passed": result.deadline_passed,
        "assessed_period": assessed.period if assessed else None,
        "assessed_value": assessed.value if assessed else _NAN,
        "expected_value": result.expected_value,
        "distance_from_trajectory": result.distance_from_trajectory,
        "share_of_change_achieved": result.share_of_change_achieved,
        "status": result.status.value,
        "qualifier": result.qualifier.value if result.qualifier else None,
        "significant_change": change.significant,
        "change_from_baseline": change.difference,
        "change_lower": change.lower,
        "change_upper": change.upper,
        "trend_slope": result.trend_slope,
        "trend_lower": result.trend_lower,
        "trend_upper": result.trend_upper,
        "projection_value": result.projection_value,
        "projection_lower": result.projection_lower,
        "projection_upper": result.projection_upper,
        "probability_met": result.probability_met,
        "projection_points": result.projection_points,
    }
