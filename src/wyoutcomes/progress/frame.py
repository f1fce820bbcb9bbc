"""Assemble the progress frame: every target of a plan × every area in its scope.

Everything handed to `assessment.assess` is reduced to dates and numbers first, so the
judgement itself never sees a plan model, a period label or a DataFrame.

>>> import wyoutcomes
>>> plan = wyoutcomes.load_plan()  # doctest: +SKIP
>>> frame = progress_frame(plan, submissions, "2024/25 Q2")  # doctest: +SKIP
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, cast

import pandas as pd

from wyoutcomes.definitions import Plan, PlanFamily
from wyoutcomes.errors import AreaError, PeriodError
from wyoutcomes.geography import area as lookup_area
from wyoutcomes.geography import normalise_code
from wyoutcomes.periods import Period
from wyoutcomes.progress.assessment import Assessment, TargetSpec, assess
from wyoutcomes.progress.columns import to_frame
from wyoutcomes.progress.comparators import compare_with_benchmark
from wyoutcomes.progress.counts import count_change, extra_per_year_series, with_count_cis
from wyoutcomes.progress.footprint import latest_code, rebased_rows, series_rows
from wyoutcomes.progress.icons import spc_points, spc_result
from wyoutcomes.progress.independence import excluded_reason, split_excluded
from wyoutcomes.progress.observations import Observation, cumulative_extra_series
from wyoutcomes.progress.result import (
    ENGLAND,
    SERIES_COLUMNS,
    Benchmark,
    JudgedRow,
    ProgressResult,
)
from wyoutcomes.progress.series import as_counts, gap_between_groups, headline
from wyoutcomes.progress.significance import Change
from wyoutcomes.progress.status import Status
from wyoutcomes.progress.submissions import current_values, cut_off
from wyoutcomes.progress.summary import describe
from wyoutcomes.progress.targets import (
    better_direction,
    gap_from_groups,
    judged_quantity,
    parse_period,
    target_spec,
    walk_targets,
)

__all__ = ["SERIES_COLUMNS", "judge", "judged_series", "progress_frame"]

_NAN = math.nan
#: the quarter `progress_frame` judged when given none: kept for one release, deprecated
_OLD_DEFAULT_QUARTER = "2024/25 Q2"
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
    notes: dict[str, str] = field(default_factory=dict)  # period → the submitted value's note
    headline: list[Observation] | None = None  # the indicator's own values (for comparisons)
    counts: list[Observation] | None = None  # count_increase: each year's count
    england: dict[tuple[date, date], float] | None = None  # benchmark values by period span
    region: dict[tuple[date, date], float] | None = None


_Values = dict[tuple[date, date], float]


@dataclass
class _Read:
    """The values one judgement reads, split by (indicator, area) once."""

    values: pd.DataFrame
    by_series: dict[tuple[str, str], pd.DataFrame]
    nothing: pd.DataFrame
    # (indicator, comparator area, sex) → its headline values by period span
    benchmarks: dict[tuple[str, str, str], _Values] = field(default_factory=dict)


def _region_of(code: str | None) -> str | None:
    """The area's region (a government office or NHS region) from the area table's parents."""
    seen = set()
    while code is not None and code not in seen:
        seen.add(code)
        try:
            found = lookup_area(code)
        except AreaError:
            return None
        if found.type in ("region", "nhs_region"):
            return code
        code = found.parent_code or None
    return None


def _benchmark_values(read: _Read, indicator: Any, code: str, sex: str) -> _Values:
    """{(start, end): value} of the indicator's headline values for one comparator area."""
    key = (indicator.id, code, sex)
    if key not in read.benchmarks:
        rows = read.by_series.get((indicator.id, code))
        values: _Values = {}
        if rows is not None:
            for o in headline(rows[rows["sex"] == sex], indicator.period_type):
                values[(o.start, o.end)] = o.value
        read.benchmarks[key] = values
    return read.benchmarks[key]


def _read(plan: Plan, data: object, as_at: Period, as_of: date | datetime | str | None) -> _Read:
    cut = cut_off(as_at.end) if as_of is None else as_of
    # only the plan's indicators: a store reads less, a big frame is canonicalised in part
    indicator_ids = sorted({indicator.id for indicator in plan.indicators})
    values = current_values(data, as_of=cut, indicators=indicator_ids)
    values["area_code"] = values["area_code"].map(normalise_code)
    # split once: filtering the whole table again for every target × area is the slow part
    by_series = cast(
        "dict[tuple[str, str], pd.DataFrame]",
        dict(iter(values.groupby(["indicator_id", "area_code"], sort=False))),
    )
    return _Read(values, by_series, values.iloc[:0])


def _walk(
    plan: Plan, read: _Read, as_at: Period, areas: Iterable[str] | None
) -> Iterator[tuple[Any, Any, Any, str | None, _Judged]]:
    """(ambition, indicator, target, area code, judged) for every target × area in scope."""
    if isinstance(areas, str):  # one code given bare: not a sequence of one-letter codes
        areas = [areas]
    wanted = None if areas is None else {normalise_code(code) for code in areas}
    for ambition, indicator, target in walk_targets(plan):
        for area in plan.scope_areas(target):
            code = None if area is None else normalise_code(area)
            if wanted is not None and code not in wanted:
                continue
            judged = _judge_area(read, indicator, target, code, as_at, plan.published)
            # England and the region, from the same values (Fingertips' benchmarks)
            region = _region_of(code)
            if code != ENGLAND:
                judged.england = _benchmark_values(read, indicator, ENGLAND, judged.sex)
            if region is not None and region != code:
                judged.region = _benchmark_values(read, indicator, region, judged.sex)
            yield ambition, indicator, target, code, judged


def _judge_area(
    read: _Read,
    indicator: Any,
    target: Any,
    code: str | None,
    as_at: Period,
    published: date | None = None,
) -> _Judged:
    if _rebases(target):  # judged on the current footprint's own series only
        of_area, footprint, _ = rebased_rows(read.by_series, indicator.id, code)
    else:  # an area whose code ended carries on under its successor: join the two series
        of_area, footprint = series_rows(
            read.by_series, indicator.id, code, indicator.period_type, as_at.end
        )
    rows = read.nothing if of_area is None else of_area
    judged = _judge(indicator, target, code, rows, as_at, published)
    judged.footprint_change = footprint
    judged.notes = _notes(rows, judged.sex)
    return judged


def _notes(rows: pd.DataFrame, sex: str) -> dict[str, str]:
    """period → the note submitted with the headline value (the row without a breakdown)."""
    if "value_note" not in rows.columns or rows.empty:
        return {}
    noted = rows[(rows["sex"] == sex) & (rows["category_type"] == "") & rows["value_note"].notna()]
    return {
        str(period): str(note)
        for period, note in zip(noted["period"], noted["value_note"], strict=True)
        if str(note).strip()
    }


def _quarter_and_source(
    function: str,
    values: object,
    quarter: str | None,
    as_of: date | datetime | str | None,
    old: dict[str, object],
    old_default: str | None = None,
) -> tuple[object, str, date | datetime | str | None]:
    """The new names' values, taking the old names (with a DeprecationWarning) for one release."""
    renames = {"data": "values", "store_or_data": "values", "as_at": "quarter"}
    renames["submitted_by"] = "as_of"
    unknown = sorted(set(old) - set(renames))
    if unknown:
        raise TypeError(f"{function}() got an unexpected keyword argument {unknown[0]!r}")
    for name, value in old.items():
        new = renames[name]
        warnings.warn(
            f"{function}({name}=...) is deprecated: call it {new}=... (see CHANGELOG)",
            DeprecationWarning,
            stacklevel=3,
        )
        given = {"values": values, "quarter": quarter, "as_of": as_of}[new]
        if given is not None:
            raise TypeError(f"{function}() got both {new}= and its old name {name}=")
        if new == "values":
            values = value
        elif new == "quarter":
            quarter = str(value)
        else:
            as_of = cast("date | datetime | str", value)
    if values is None:
        raise TypeError(f"{function}() missing the values to judge (values=)")
    if quarter is None:
        if old_default is None:
            raise TypeError(f"{function}() missing the quarter to judge (quarter=)")
        warnings.warn(
            f"{function}() without a quarter judges as at {old_default}; that default goes in "
            "the next release: pass quarter=...",
            DeprecationWarning,
            stacklevel=3,
        )
        quarter = old_default
    return values, quarter, as_of


def judge(
    plan: Plan | PlanFamily,
    values: object = None,
    quarter: str | None = None,
    *,
    as_of: date | datetime | str | None = None,
    areas: Iterable[str] | None = None,
    spc_min_points: int = 13,
    comparison_level: float = 0.95,
    **old: object,
) -> ProgressResult:
    """Judge every target of `plan` as at `quarter`: the frame and what each row was judged on.

    `values` is a Store, a DataFrame in the canonical submission format, or anything with the
    store's `read`. Only values for periods ending by the end of `quarter` count, and only values
    submitted up to and including `as_of` (default: the quarter's last day).
    `comparison_level` (0.95 or 0.998) is the CI level of the England and region comparisons.
    Returns a :class:`ProgressResult` (docs/progress.md, "The judged result"). ``plan`` may be a
    :class:`~wyoutcomes.definitions.PlanFamily`: the version in force at the quarter's end judges.

    >>> result = judge(plan, store, "2024/25 Q2")  # doctest: +SKIP
    >>> result.row("a1-suicide", "E08000035").trajectory.knots  # doctest: +SKIP
    """
    values, quarter, as_of = _quarter_and_source("judge", values, quarter, as_of, old)
    if isinstance(plan, PlanFamily):  # a lineage: the version in force at the quarter's end
        plan = plan.in_force(quarter)
    return _judge_plan(plan, values, quarter, as_of, areas, spc_min_points, comparison_level)


def _judge_plan(
    plan: Plan,
    values: object,
    quarter: str,
    as_of: date | datetime | str | None,
    areas: Iterable[str] | None,
    spc_min_points: int,
    comparison_level: float = 0.95,
) -> ProgressResult:
    period = Period.parse(quarter)
    read = _read(plan, values, period, as_of)
    rows: list[dict[str, object]] = []
    judged_rows: list[JudgedRow] = []
    value_targets: dict[str, tuple[Any, Any]] = {}
    for ambition, indicator, target, code, judged in _walk(plan, read, period, areas):
        row, judged_row = _row(
            ambition,
            indicator,
            target,
            code,
            judged,
            period,
            spc_min_points,
            comparison_level,
        )
        rows.append(row)
        judged_rows.append(judged_row)
        if judged.quantity == "value":
            value_targets.setdefault(target.id, (indicator, target))
    benchmarks = {
        target_id: _benchmark(read, indicator, target, period)
        for target_id, (indicator, target) in value_targets.items()
    }
    return ProgressResult(
        quarter=period.label,
        as_of=cut_off(period.end) if as_of is None else as_of,
        frame=to_frame(rows),
        rows=tuple(judged_rows),
        values=_seen(read.values, period),
        benchmarks={k: b for k, b in benchmarks.items() if b is not None},
    )


def _benchmark(read: _Read, indicator: Any, target: Any, as_at: Period) -> Benchmark | None:
    """England's series for a value target, made as an area's is."""
    judged = _judge_area(read, indicator, target, ENGLAND, as_at, None)
    series = tuple(o for o in judged.series if o.end <= as_at.end)
    if not series:
        return None
    return Benchmark(target.id, ENGLAND, series, MappingProxyType(judged.notes))


def _seen(values: pd.DataFrame, as_at: Period) -> pd.DataFrame:
    """The values for periods ending by the end of `as_at` (labels that do not parse: none)."""
    ends = {}
    for label in values["period"].unique():
        try:
            ends[label] = Period.parse(label).end <= as_at.end
        except PeriodError:
            ends[label] = False
    return values[values["period"].map(ends).astype(bool)].reset_index(drop=True)


def progress_frame(
    plan: Plan | PlanFamily,
    values: object = None,
    quarter: str | None = None,
    areas: Iterable[str] | None = None,
    *,
    as_of: date | datetime | str | None = None,
    spc_min_points: int = 13,
    comparison_level: float = 0.95,
    **old: object,
) -> pd.DataFrame:
    """Where every target of `plan` stands as at a quarter, one row per target × area.

    The frame of :func:`judge` with the same arguments. Every column and status is defined in
    docs/progress.md. The old names (`data`, `as_at`, `submitted_by`) and the old default
    quarter ("2024/25 Q2") still work for one release, with a DeprecationWarning.
    """
    values, quarter, as_of = _quarter_and_source(
        "progress_frame", values, quarter, as_of, old, _OLD_DEFAULT_QUARTER
    )
    if isinstance(plan, PlanFamily):  # a lineage: the version in force at the quarter's end
        plan = plan.in_force(quarter)
    return _judge_plan(plan, values, quarter, as_of, areas, spc_min_points, comparison_level).frame


def judged_series(
    plan: Plan,
    values: object = None,
    quarter: str | None = None,
    areas: Iterable[str] | None = None,
    *,
    as_of: date | datetime | str | None = None,
    **old: object,
) -> pd.DataFrame:
    """The points each progress row is judged on: one row per target × area × period.

    The series of :func:`judge` with the same arguments as one table (`SERIES_COLUMNS`): the
    gap, the running total or the values, with their CIs. A running total with a missing year
    has no points, as its row has no value.

    >>> judged_series(plan, submissions, "2024/25 Q2")  # doctest: +SKIP
    """
    values, quarter, as_of = _quarter_and_source(
        "judged_series", values, quarter, as_of, old, _OLD_DEFAULT_QUARTER
    )
    return _judge_plan(plan, values, quarter, as_of, areas, 13).series_frame()


def _text(value: object) -> str | None:
    """As text (vocabularies print their value); None stays None."""
    if value is None:
        return None
    return str(value)


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
    indicator: Any,
    target: Any,
    area: str | None,
    rows: pd.DataFrame,
    as_at: Period,
    published: date | None = None,
) -> _Judged:
    sex = _text(target.sex) or "Persons"
    rows = rows[rows["sex"] == sex]
    spec, baseline_count = target_spec(target, indicator, area, published)
    quantity = judged_quantity(target)
    period_type = indicator.period_type
    measure = _text(indicator.measure_type) or ""

    series = with_count_cis(headline(rows, period_type), measure, indicator.multiplier)
    own = series
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
    judged.headline = own
    if quantity not in ("cumulative_extra", "extra_per_year"):
        return judged

    counts = as_counts([o for o in series if o.end <= as_at.end])
    judged.counts = counts
    # no earliest-year fallback: a count_increase with no baseline period has no baseline year
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
        if quantity == "extra_per_year":
            judged.series = extra_per_year_series(counts, anchor, baseline_count)
        else:
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
    comparison_level: float = 0.95,
) -> tuple[dict[str, object], JudgedRow]:
    spec = judged.spec
    result = assess(spec, judged.series, as_at.end, complete=judged.complete, change=judged.change)
    if judged.reason:
        result.status, result.reason = Status.INSUFFICIENT_DATA, judged.reason
        result.status_basis = None

    numeric_target = spec.kind in ("relative_change", "absolute_value")
    charted = judged.values if judged.quantity == "value" else []
    xmr = spc_result(
        charted,
        as_at.end,
        indicator.period_type,
        better=spec.better,
        target=result.target_value if numeric_target else None,
        min_points=spc_min_points,
        exclusions=spec.exclusions,
        step_changes=_step_changes(indicator),
    )
    variation, assurance = (None, None) if xmr is None else (xmr.variation_icon, xmr.assurance_icon)
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
    row["status_basis"] = result.status_basis.value if result.status_basis else None
    row["probability_band"] = result.probability_band if judged.complete else None
    row["trend_note"] = result.trend_note or None
    row["excluded_periods"] = _excluded_text(spec, result)
    row["latest_count"] = _latest_count(judged, result)
    comparisons = _comparisons(indicator, judged, as_at, comparison_level)
    row["compared_with_england"], row["compared_with_region"] = comparisons
    row["summary"] = describe(row, result.reason)
    judged_row = JudgedRow(
        target_id=target.id,
        area_code=area,
        indicator_id=indicator.id,
        quantity=judged.quantity,
        # what assess saw: the periods ending by the quarter's end
        series=tuple(o for o in judged.series if o.end <= as_at.end),
        trajectory=result.trajectory,
        spc=xmr,
        complete=judged.complete,
        notes=MappingProxyType(judged.notes),
        # the points the XmR chart was computed on: non-overlapping, outside any break
        spc_points=()
        if xmr is None
        else tuple(spc_points(charted, as_at.end, indicator.period_type, spec.exclusions)),
        excluded=tuple(
            o.period for o in judged.series if excluded_reason(o, spec.exclusions) is not None
        ),
    )
    return row, judged_row


def _excluded_text(spec: TargetSpec, result: Assessment) -> str | None:
    """The declared breaks the row's values fall in: `break (periods): reason`, joined by " / "
    (a reason may hold a semicolon), e.g. "2020 (2018 - 20, 2019 - 21): inquest delays"."""
    parts = []
    for exclusion in spec.exclusions:
        covered = [o.period for o in result.excluded if exclusion.covers(o)]
        if covered:
            same = covered == [exclusion.label]
            shown = exclusion.label if same else f"{exclusion.label} ({', '.join(covered)})"
            parts.append(f"{shown}: {exclusion.reason}")
    return " / ".join(parts) or None


def _step_changes(indicator: Any) -> list[date]:
    """The first day of each declared step change (new SPC limits start there)."""
    return [
        parse_period(item.period, indicator.period_type).start
        for item in getattr(indicator, "step_changes", [])
    ]


def _latest_count(judged: _Judged, result: Assessment) -> float:
    """count_increase: the people counted in the latest judged year (shown beside the extra)."""
    if not judged.counts or result.latest is None:
        return _NAN
    for o in judged.counts:
        if o.same_period(result.latest):
            return o.value
    return _NAN


def _comparisons(indicator: Any, judged: _Judged, as_at: Period, level: float) -> tuple[str, str]:
    """compared_with_england, compared_with_region for the latest comparable own value."""
    own = [o for o in (judged.headline or []) if o.end <= as_at.end]
    own, _ = split_excluded(own, judged.spec.exclusions)
    if not own:
        return "not_compared", "not_compared"
    latest = own[-1]
    better = better_direction("relative_change", _text(indicator.polarity) or "", _NAN, _NAN, _NAN)
    results = []
    for benchmark in (judged.england, judged.region):
        value = benchmark.get((latest.start, latest.end), _NAN) if benchmark else _NAN
        results.append(compare_with_benchmark(latest.estimate, value, better=better, level=level))
    return results[0], results[1]


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
