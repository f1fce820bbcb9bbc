"""Gather a report's inputs from a store (or a canonical frame) through ``wyoutcomes.progress``.

Everything judged comes from :func:`wyoutcomes.progress.progress_frame`, run twice: as at the
quarter and as at the previous quarter (``compare_to``), each seeing only what had been
submitted by its end. The charts need the series each target is judged on; these are built
with progress's own series functions from the values current at the quarter's end, so the
points drawn are the points judged. SPC charts are ``wyoutcomes.spc.xmr`` results drawn by
``wyoutcomes.spc.svg``. Revisions come from the store's ``revisions``; the data vintage is the
submission ids behind the values and a SHA-256 of those values.

>>> from wyoutcomes.report.sources import previous_quarter
>>> previous_quarter("2024/25 Q1")
'2023/24 Q4'
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from wyoutcomes import spc
from wyoutcomes.definitions.lineage import PlanFamily
from wyoutcomes.geography import normalise_code
from wyoutcomes.periods import Period
from wyoutcomes.progress.footprint import series_rows
from wyoutcomes.progress.frame import progress_frame
from wyoutcomes.progress.icons import SPC_PERIOD_TYPES
from wyoutcomes.progress.promises import plan_in_force, revised_promises
from wyoutcomes.progress.series import as_counts, gap_between_groups, headline
from wyoutcomes.progress.submissions import KEY, current_values, cut_off
from wyoutcomes.progress.targets import gap_from_groups, judged_quantity
from wyoutcomes.report.inputs import ENGLAND, SERIES_COLUMNS, ReportInputs
from wyoutcomes.report.sections import xmr_id

__all__ = ["inputs_from", "previous_quarter"]

_FIGURES = ["value", "lower_ci", "upper_ci", "numerator", "denominator"]


def previous_quarter(quarter: str) -> str:
    """The label of the period before ``quarter`` (of the same type)."""
    return Period.parse(quarter).previous().label


def inputs_from(
    plan: Any,
    store_or_data: object,
    quarter: str,
    *,
    compare_to: str | None = None,
    areas: Iterable[str] | None = None,
    spc_min_points: int = 13,
) -> ReportInputs:
    """Every input of the report for ``quarter``, read from a Store or a canonical DataFrame.

    ``plan`` may be a :class:`~wyoutcomes.definitions.PlanFamily`: the quarter is then judged
    against the version in force at its end, the previous quarter against the version in force
    at its own end, and the revised promises are judged beside the promises they replaced.
    """
    period = Period.parse(quarter)
    compare_to = compare_to or previous_quarter(period.label)
    before = Period.parse(compare_to)
    wanted = None if areas is None else list(areas)
    family = plan if isinstance(plan, PlanFamily) else None
    plan = plan_in_force(plan, period)
    progress = progress_frame(
        plan, store_or_data, as_at=period.label, areas=wanted, spc_min_points=spc_min_points
    )
    previous = progress_frame(
        plan_in_force(family or plan, before),
        store_or_data,
        as_at=before.label,
        areas=wanted,
        spc_min_points=spc_min_points,
    )
    revised = None
    if family is not None:
        revised = revised_promises(
            family,
            store_or_data,
            period.label,
            areas=wanted,
            frames={plan.id: progress},
            spc_min_points=spc_min_points,
        )
    values = current_values(store_or_data, submitted_by=cut_off(period.end))
    values["area_code"] = values["area_code"].map(normalise_code)
    values = values[_period_ends(values) <= pd.Timestamp(period.end)]
    series = _judged_series(plan, progress, values)
    revisions = None
    if callable(getattr(store_or_data, "revisions", None)):
        revisions = store_or_data.revisions(  # type: ignore[attr-defined]
            since=cut_off(before.end), until=cut_off(period.end)
        )
    results = _spc_results(plan, progress, series, spc_min_points)
    submission_ids: tuple[str, ...] = ()
    if "submission_id" in values.columns:
        submission_ids = tuple(sorted({str(s) for s in values["submission_id"].dropna()}))
    return ReportInputs(
        quarter=period.label,
        progress=progress,
        series=series,
        previous=previous,
        compare_to=before.label,
        revisions=revisions,
        submission_ids=submission_ids,
        data_sha256=_values_sha256(values),
        spc_svg={key: _spc_svg(plan, progress, key, r) for key, r in results.items()},
        spc_results=results,
        warnings=_validation_warnings(store_or_data, values),
        revised=revised,
        plan_sha256=getattr(plan, "sha256", None) or "",
    )


def _validation_warnings(source: object, values: pd.DataFrame) -> pd.DataFrame | None:
    """Validation warnings on the values shown, from each used submission's failure table.

    A store keeps ``submissions/<id>/failures.parquet`` (docs/store.md, "Layout"); a warning
    counts when its key's current value came from that submission.
    """
    folder = getattr(source, "path", None)
    if folder is None or "submission_id" not in values.columns:
        return None
    found = []
    for submission_id in sorted({str(s) for s in values["submission_id"].dropna()}):
        path = Path(folder) / "submissions" / submission_id / "failures.parquet"
        if not path.is_file():
            continue
        failures = pd.read_parquet(path)
        failures = failures[failures["severity"].astype(str) == "warning"]
        if len(failures):
            found.append(failures.assign(submission_id=submission_id))
    if not found:
        return None
    warnings = pd.concat(found, ignore_index=True)
    for column in KEY:
        warnings[column] = warnings[column].astype(str).replace({"nan": "", "None": ""})
    current = values[[*KEY, "submission_id"]].astype(str)
    shown = warnings.merge(current, on=[*KEY, "submission_id"], how="inner")
    # one note per indicator, area and rule, however many values it flags
    notes = []
    for (indicator_id, area_code, rule), group in shown.groupby(
        ["indicator_id", "area_code", "rule"], sort=True, observed=True
    ):
        periods = sorted(set(group["period"]))
        where = (
            periods[0]
            if len(periods) == 1
            else f"{len(periods)} periods, {periods[0]} to {periods[-1]}"
        )
        notes.append(
            {
                "indicator_id": indicator_id,
                "area_code": area_code,
                "message": f"{group['message'].iloc[0]} [{rule}; {where}]",
            }
        )
    return pd.DataFrame(notes, columns=["indicator_id", "area_code", "message"])


def _period_ends(values: pd.DataFrame) -> pd.Series:
    """Each row's period end (rows whose label does not parse count as beyond any quarter)."""
    ends = {}
    for label in values["period"].unique():
        try:
            ends[label] = pd.Timestamp(Period.parse(label).end)
        except Exception:  # a label progress cannot read either: leave it out of the hash
            ends[label] = pd.Timestamp.max
    return values["period"].map(ends)


def _values_sha256(values: pd.DataFrame) -> str:
    """SHA-256 of the canonical values used (key and figures, sorted by key, as CSV)."""
    columns = [c for c in [*KEY, *_FIGURES, "value_note"] if c in values.columns]
    frame = values[columns].sort_values(KEY, kind="stable")
    text = frame.to_csv(index=False, lineterminator="\n", float_format="%.17g")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _notes(values: pd.DataFrame) -> dict[tuple[str, str, str], str]:
    if "value_note" not in values.columns:
        return {}
    noted = values[values["value_note"].notna() & (values["category_type"] == "")]
    return {
        (r.indicator_id, r.area_code, r.period): str(r.value_note)
        for r in noted.itertuples(index=False)
        if str(r.value_note).strip()
    }


def _judged_series(plan: Any, progress: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """One row per point of the quantity each target × area is judged on (and England's)."""
    notes = _notes(values)
    rows: list[dict[str, object]] = []
    pairs = progress[["target_id", "area_code"]].drop_duplicates().itertuples(index=False)
    targets = {t.id: t for t in plan.targets}
    by_indicator = dict(list(values.groupby("indicator_id")))
    areas_for: dict[str, list[str]] = {}
    for target_id, area_code in pairs:
        areas_for.setdefault(target_id, []).append(area_code)
    for target_id, codes in areas_for.items():
        target = targets.get(target_id)
        if target is None:
            continue
        indicator = plan.indicator(target.indicator)
        of_indicator = by_indicator.get(indicator.id)
        if of_indicator is None:
            continue
        quantity = judged_quantity(target)
        sex = str(getattr(target.sex, "value", target.sex) or "Persons")
        of_sex = of_indicator[of_indicator["sex"] == sex]
        by_area = dict(iter(of_sex.groupby(["indicator_id", "area_code"], sort=False)))
        for code in [*codes, ENGLAND] if quantity == "value" else codes:
            # the rows progress judged: a succeeded code's series continues under its successor
            of_area, _ = series_rows(by_area, indicator.id, code, indicator.period_type, date.max)
            if of_area is None or of_area.empty:
                continue
            sources = of_area.drop_duplicates("period").set_index("period")["area_code"]
            for o in _observations(target, indicator, quantity, of_area):
                carrier = sources.get(o.period, code)
                note = notes.get((indicator.id, carrier, o.period), "")
                rows.append(
                    {
                        "target_id": target_id,
                        "area_code": code,
                        "period": o.period,
                        "mid": o.mid,
                        "value": o.value,
                        "lower_ci": o.lower,
                        "upper_ci": o.upper,
                        "value_note": note,
                    }
                )
    return pd.DataFrame(rows, columns=list(SERIES_COLUMNS))


def _observations(target: Any, indicator: Any, quantity: str, rows: pd.DataFrame) -> list[Any]:
    if gap_from_groups(target, indicator):
        groups = target.groups
        baseline = getattr(target.baseline, "period_obj", None)
        return gap_between_groups(
            rows,
            indicator.period_type,
            groups.category_type,
            groups.comparison,
            groups.reference,
            baseline.start if baseline is not None else None,
        )
    series = headline(rows, indicator.period_type)
    if quantity == "cumulative_extra":
        # the chart shows the yearly counts' running excess, as progress judges it
        from wyoutcomes.progress.observations import cumulative_extra_series

        counts = as_counts(series)
        baseline = getattr(target.baseline, "period_obj", None)
        anchor = next(
            (o for o in counts if baseline is not None and o.start == baseline.start), None
        )
        if anchor is None:
            return []
        extra, _ = cumulative_extra_series(counts, anchor, anchor.value)
        return extra
    return series


def _spc_svg(plan: Any, progress: pd.DataFrame, key: tuple[str, str], result: Any) -> str:
    """The XmR chart drawn by ``wyoutcomes.spc.svg``, with ids under the target's anchor."""
    target_id, area_code = key
    row = progress[(progress["target_id"] == target_id) & (progress["area_code"] == area_code)]
    names = row.iloc[0] if len(row) else None
    title = (
        f"{names['indicator_name']}, {names['area_name']}: XmR chart"
        if names is not None
        else f"{target_id}, {area_code}: XmR chart"
    )
    decimals = int(names["decimals"]) if names is not None and pd.notna(names["decimals"]) else None
    return spc.svg(
        result, title=title, id_prefix=f"{xmr_id(target_id, area_code)}", decimals=decimals
    )


def _spc_results(
    plan: Any, progress: pd.DataFrame, series: pd.DataFrame, min_points: int
) -> dict[tuple[str, str], Any]:
    """XmR results for the rows that carry SPC icons (frequent series with enough points)."""
    results: dict[tuple[str, str], Any] = {}
    with_icons = progress[progress["variation_icon"].notna()]
    for row in with_icons.itertuples(index=False):
        indicator = plan.indicator(row.indicator_id)
        if str(getattr(indicator.period_type, "value", indicator.period_type)) not in (
            SPC_PERIOD_TYPES
        ):
            continue
        points = series[
            (series["target_id"] == row.target_id) & (series["area_code"] == row.area_code)
        ]
        points = points[points["value"].map(lambda v: isinstance(v, float) and math.isfinite(v))]
        if len(points) < min_points:
            continue
        polarity = str(row.polarity)
        improvement = {"lower_is_better": "decrease", "higher_is_better": "increase"}.get(
            polarity, "neutral"
        )
        target = (
            row.target_value if row.target_kind in ("relative_change", "absolute_value") else None
        )
        results[(row.target_id, row.area_code)] = spc.xmr(
            points["value"].to_list(),
            dates=list(points["mid"]),
            improvement=improvement,
            target=None if target is None or not math.isfinite(target) else float(target),
        )
    return results
