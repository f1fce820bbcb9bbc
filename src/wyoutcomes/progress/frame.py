"""Assemble the progress frame: every target of a plan × every area in its scope.

Everything handed to `assessment.assess` is reduced to dates and numbers first, so the
judgement itself never sees a plan model, a period label or a DataFrame.

>>> import wyoutcomes
>>> plan = wyoutcomes.load_plan()  # doctest: +SKIP
>>> frame = progress_frame(plan, submissions, as_at="2024/25 Q2")  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import pandas as pd

from wyoutcomes.definitions import Plan
from wyoutcomes.errors import AreaError
from wyoutcomes.geography import area as lookup_area
from wyoutcomes.geography import normalise_code
from wyoutcomes.periods import Period
from wyoutcomes.progress.assessment import Assessment, PeriodSpan, TargetSpec, assess
from wyoutcomes.progress.columns import to_frame
from wyoutcomes.progress.counts import count_change, with_count_cis
from wyoutcomes.progress.footprint import latest_code, rebased_rows, series_rows
from wyoutcomes.progress.icons import spc_icons
from wyoutcomes.progress.observations import Observation, cumulative_extra_series
from wyoutcomes.progress.series import as_counts, gap_between_groups, headline
from wyoutcomes.progress.significance import Change
from wyoutcomes.progress.status import Status
from wyoutcomes.progress.submissions import current_values, cut_off
from wyoutcomes.progress.summary import describe
from wyoutcomes.progress.targets import (
    gap_from_groups,
    judged_quantity,
    target_spec,
    walk_targets,
)

__all__ = ["SERIES_COLUMNS", "judged_series", "progress_frame"]

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


@dataclass
class _Judged:
    """One target in one area, reduced: the spec, the judged series and what to say about it."""

    spec: TargetSpec
    quantity: str
    sex: str
    series: list[Observation]  # the judged quantity, every period (assess applies the as-at)
    values: list[Observation]  # the indicator's own values (for SPC)
    complete: bool = True
    change: Change | None = None
    reason: str = ""
    baseline_source: str | None = None  # count_increase: where the baseline year's count came from
    footprint_change: str = ""  # the codes joined into the series when the area's code changed


def _walk(
    plan: Plan,
    data: object,
    as_at: Period,
    areas: Iterable[str] | None,
    submitted_by: date | datetime | str | None,
) -> Iterator[tuple[Any, Any, Any, str | None, _Judged]]:
    """(ambition, indicator, target, area code, judged) for every target × area in scope."""
    cut = cut_off(as_at.end) if submitted_by is None else submitted_by
    if isinstance(areas, str):  # one code given bare: not a sequence of one-letter codes
        areas = [areas]
    wanted = None if areas is None else {normalise_code(code) for code in areas}
    # only the plan's indicators: a store reads less, a big frame is canonicalised in part
    indicator_ids = sorted({indicator.id for indicator in plan.indicators})
    values = current_values(data, submitted_by=cut, indicators=indicator_ids)
    values["area_code"] = values["area_code"].map(normalise_code)
    # split once: filtering the whole table again for every target × area is the slow part
    by_series = dict(iter(values.groupby(["indicator_id", "area_code"], sort=False)))
    nothing = values.iloc[:0]
    for ambition, indicator, target in walk_targets(plan):
        for area in plan.scope_areas(target):
            code = None if area is None else normalise_code(area)
            if wanted is not None and code not in wanted:
                continue
            if _rebases(target):  # judged on the current footprint's own series only
                of_area, footprint, _ = rebased_rows(by_series, indicator.id, code)
            else:  # an area whose code ended carries on under its successor: join the series
                of_area, footprint = series_rows(
                    by_series, indicator.id, code, indicator.period_type, as_at.end
                )
            judged = _judge(indicator, target, code, nothing if of_area is None else of_area, as_at)
            judged.footprint_change = footprint
            yield ambition, indicator, target, code, judged


def progress_frame(
    plan: Plan,
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
    rows = [
        _row(ambition, indicator, target, code, judged, as_at_period, spc_min_points)
        for ambition, indicator, target, code, judged in _walk(
            plan, data, as_at_period, areas, submitted_by
        )
    ]
    return to_frame(rows)


SERIES_COLUMNS = (
    "target_id",
    "area_code",
    "judged_quantity",
    "period",
    "start",
    "end",
    "mid",
    "value",
    "lower_ci",
    "upper_ci",
)


def judged_series(
    plan: Plan,
    data: object,
    as_at: str = "2024/25 Q2",
    areas: Iterable[str] | None = None,
    *,
    submitted_by: date | datetime | str | None = None,
) -> pd.DataFrame:
    """The points each progress row is judged on: one row per target × area × period.

    Exactly the series behind `progress_frame` with the same arguments (the gap, the running
    total or the values, with their CIs), for charts that must show what was judged. A running
    total with a missing year has no points, as its row has no value.

    >>> judged_series(plan, submissions, as_at="2024/25 Q2")  # doctest: +SKIP
    """
    as_at_period = Period.parse(as_at)
    rows = []
    for _, _, target, code, judged in _walk(plan, data, as_at_period, areas, submitted_by):
        if not judged.complete:
            continue
        for o in judged.series:
            if o.end > as_at_period.end:
                continue
            where = (target.id, code, judged.quantity, o.period, o.start, o.end, o.mid)
            rows.append((*where, o.value, o.lower, o.upper))
    return pd.DataFrame(rows, columns=list(SERIES_COLUMNS))


def _text(value: object) -> str | None:
    """Enums by their value, everything else as text; None stays None."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _rebases(target: Any) -> bool:
    """Whether a target declares ``footprint_change: rebase``."""
    return _text(getattr(target, "footprint_change", None)) == "rebase"


def _area_name(code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return lookup_area(code).name
    except AreaError:
        return code


def _judge(
    indicator: Any, target: Any, area: str | None, rows: pd.DataFrame, as_at: Period
) -> _Judged:
    sex = _text(target.sex) or "Persons"
    rows = rows[rows["sex"] == sex]
    spec, baseline_count = target_spec(target, indicator, area)
    quantity = judged_quantity(target)
    period_type = indicator.period_type
    measure = _text(indicator.measure_type) or ""

    series = with_count_cis(headline(rows, period_type), measure, indicator.multiplier)
    # A gap-type indicator (a gap, an SII) carries the gap as its own values; otherwise the gap
    # is computed from the two groups' rows.
    if gap_from_groups(target, indicator):
        groups = target.groups
        series = gap_between_groups(
            rows,
            period_type,
            groups.category_type,
            groups.comparison,
            groups.reference,
            spec.baseline.start if spec.baseline else None,
        )
    judged = _Judged(spec, quantity, sex, series, series)
    if quantity != "cumulative_extra":
        return judged

    counts = as_counts([o for o in series if o.end <= as_at.end])
    if spec.baseline is None and counts:
        # `baseline: from_data` with no period: the earliest year counted is the baseline year
        first = counts[0]
        spec = replace(spec, baseline=PeriodSpan(first.period, first.start, first.end, first.mid))
        spec = replace(spec, baseline_value=0.0)
        judged.spec = spec
    baseline_obs = _at(counts, spec)
    judged.baseline_source = "plan" if math.isfinite(baseline_count) else None
    if not math.isfinite(baseline_count) and baseline_obs is not None:
        baseline_count = baseline_obs.value
        judged.baseline_source = "data"
    if math.isfinite(baseline_count) and spec.baseline is not None:
        anchor = baseline_obs or Observation(
            spec.baseline.label,
            spec.baseline.start,
            spec.baseline.end,
            spec.baseline.mid,
            baseline_count,
        )
        judged.series, judged.complete = cumulative_extra_series(counts, anchor, baseline_count)
        after = [o for o in counts if o.start > spec.baseline.end]
        if after:
            judged.change = count_change(after[-1].value, baseline_count)
    else:
        judged.series = []
        judged.reason = "the baseline year has no count" if counts else ""
    return judged


def _row(
    ambition: Any,
    indicator: Any,
    target: Any,
    area: str | None,
    judged: _Judged,
    as_at: Period,
    spc_min_points: int,
) -> dict[str, object]:
    spec = judged.spec
    result = assess(spec, judged.series, as_at.end, complete=judged.complete, change=judged.change)
    if judged.reason:
        result.status, result.reason = Status.INSUFFICIENT_DATA, judged.reason

    numeric_target = spec.kind in ("relative_change", "absolute_value")
    variation, assurance = spc_icons(
        judged.values if judged.quantity == "value" else [],
        as_at.end,
        indicator.period_type,
        better=spec.better,
        target=result.target_value if numeric_target else None,
        min_points=spc_min_points,
    )
    row = _columns(
        ambition, indicator, target, area, judged.sex, judged.quantity, spec, result, as_at
    )
    if judged.quantity == "cumulative_extra":
        row["baseline_source"] = judged.baseline_source
    if not judged.complete:
        # a running total with a year missing is not a number anyone should read or plot
        for column in _UNKNOWN_WITHOUT_A_COMPLETE_TOTAL:
            row[column] = _NAN
        row["projection_points"] = 0
    row["variation_icon"], row["assurance_icon"] = variation, assurance
    row["footprint_change"] = judged.footprint_change or None
    # a joined or rebased series is named after the code whose values end it (E54000054, West
    # Yorkshire, after April 2021), not the code the plan names
    row["area_name"] = _area_name(latest_code(area, judged.footprint_change))
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
