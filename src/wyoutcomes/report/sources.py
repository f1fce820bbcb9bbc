"""Gather a report's inputs from a store (or a canonical frame) through ``wyoutcomes.judge``.

Everything judged comes from :func:`wyoutcomes.judge`, run twice: as at the quarter and as at
the previous quarter (``compare_to``), each seeing only what had been submitted by its end. The
report draws what that result holds and nothing else: each chart's points are the row's judged
series, its line the row's trajectory knots, its XmR chart the SPC result behind the row's
icons (drawn by ``wyoutcomes.spc.svg``), England's line the result's benchmark series.
Revisions come from the store's ``revisions``; the data vintage is the submission ids behind
the values the judgement saw and a SHA-256 of those values.

>>> from wyoutcomes.report.sources import previous_quarter
>>> previous_quarter("2024/25 Q1")
'2023/24 Q4'
"""

from __future__ import annotations

import hashlib
import warnings as _warnings
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import pandas as pd

from wyoutcomes import spc
from wyoutcomes.contract import CORE_FIGURE_COLUMNS, KEY_COLUMNS
from wyoutcomes.definitions.lineage import PlanFamily
from wyoutcomes.periods import Period
from wyoutcomes.progress import ProgressResult, judge
from wyoutcomes.progress.promises import plan_in_force, revised_promises
from wyoutcomes.report.inputs import ReportInputs
from wyoutcomes.report.sections import xmr_id
from wyoutcomes.store import Store

__all__ = ["inputs_from", "previous_quarter", "series_table"]

KEY = list(KEY_COLUMNS)
_FIGURES = list(CORE_FIGURE_COLUMNS)


def previous_quarter(quarter: str) -> str:
    """The label of the period before ``quarter`` (of the same type)."""
    return Period.parse(quarter).previous().label


def inputs_from(
    plan: Any,
    values: object = None,
    quarter: str | None = None,
    *,
    compare_to: str | None = None,
    areas: Iterable[str] | None = None,
    as_of: date | datetime | str | None = None,
    spc_min_points: int = 13,
    store_or_data: object = None,
) -> ReportInputs:
    """Every input of the report for ``quarter``, from a Store or a canonical DataFrame.

    ``as_of`` is the data cut-off (:mod:`wyoutcomes.cutoff`): only values submitted up to and
    including it count; None counts everything submitted (the latest submission in the data).
    The comparison quarter is judged with the same rule one quarter earlier.
    ``store_or_data`` is the old name of ``values`` (deprecated).

    ``plan`` may be a :class:`~wyoutcomes.definitions.PlanFamily`: the quarter is then judged
    against the version in force at its end, the previous quarter against the version in force
    at its own end, and the revisions made by then are judged beside the promises they replaced.
    """
    if store_or_data is not None:
        _warnings.warn(
            "inputs_from(store_or_data=...) is deprecated: call it values=... (see CHANGELOG)",
            DeprecationWarning,
            stacklevel=2,
        )
        if values is not None:
            raise TypeError("inputs_from() got both values= and its old name store_or_data=")
        values = store_or_data
    if values is None or quarter is None:
        raise TypeError("inputs_from() needs the values and the quarter to report on")
    from wyoutcomes.cutoff import cut_off_for

    period = Period.parse(quarter)
    before = Period.parse(compare_to or previous_quarter(period.label))
    wanted = None if areas is None else list(areas)
    # the cut-off rule (default: everything submitted), and the same rule for the comparison
    # quarter, shifted back by as many quarters as it lies before this one
    rule = cut_off_for(values, as_of)
    before_rule = rule.previous(max(1, round((period.end - before.end).days / 91)))
    family = plan if isinstance(plan, PlanFamily) else None
    plan = plan_in_force(plan, period)
    result = judge(
        plan, values, period.label, as_of=rule.moment, areas=wanted, spc_min_points=spc_min_points
    )
    previous = judge(
        plan_in_force(family or plan, before),
        values,
        before.label,
        as_of=before_rule.moment,
        areas=wanted,
        spc_min_points=spc_min_points,
    )
    revised = None
    if family is not None:
        revised = revised_promises(
            family,
            values,
            period.label,
            areas=wanted,
            frames={plan.id: result.frame},
            as_of=rule.moment,
            spc_min_points=spc_min_points,
        )
    seen = result.values
    revisions = None
    if callable(getattr(values, "revisions", None)):
        # a Store's method, found by the callable() check above (a frame has none)
        revisions = values.revisions(since=previous.as_of, until=result.as_of)  # type: ignore[attr-defined]
    results = {row.key: row.spc for row in result.rows if row.spc is not None}
    submission_ids: tuple[str, ...] = ()
    if "submission_id" in seen.columns:
        submission_ids = tuple(sorted({str(s) for s in seen["submission_id"].dropna()}))
    return ReportInputs(
        quarter=result.quarter,
        progress=result.frame,
        series=series_table(result),
        previous=previous.frame,
        compare_to=before.label,
        revisions=revisions,
        submission_ids=submission_ids,
        data_sha256=_values_sha256(seen),
        spc_svg={
            row.key: _spc_svg(result.frame, row.key, row.spc, [o.period for o in row.spc_series])
            for row in result.rows
            if row.spc is not None
        },
        spc_results=results,
        warnings=_validation_warnings(values, seen),
        trajectories={row.key: row.knots for row in result.rows if row.knots},
        cut_off=rule.text,
        left_out=_left_out(values, rule.moment, period),
        from_store=callable(getattr(values, "submissions", None)),
        revised=revised,
        plan_sha256=getattr(plan, "sha256", None) or "",
    )


def _left_out(source: object, moment: pd.Timestamp | None, period: Period) -> pd.DataFrame | None:
    """Values submitted after the cut-off for periods ending by the quarter's end."""
    from wyoutcomes.geography import normalise_code, place_of
    from wyoutcomes.progress.submissions import current_values

    if moment is None:
        return None
    everything = current_values(source)
    if "submitted_at" not in everything.columns or everything.empty:
        return None
    submitted = pd.to_datetime(everything["submitted_at"], utc=True)
    later = everything[submitted > moment]
    ends = {}
    for label in later["period"].unique():
        try:
            ends[label] = Period.parse(label).end <= period.end
        except Exception:  # a label progress cannot read either: not shown, not listed
            ends[label] = False
    later = later[later["period"].map(ends).astype(bool)]
    if later.empty:
        return None
    later = later.assign(area_code=later["area_code"].map(normalise_code))

    def place(code: str) -> str:
        try:
            return place_of(code) or ""
        except (KeyError, ValueError):  # a code the area table does not know
            return ""

    columns = ["indicator_id", "area_code", "period", "submitted_at"]
    out = later[columns].assign(place=[place(c) for c in later["area_code"]])
    order = ["indicator_id", "area_code", "period"]
    return out.sort_values(order, kind="stable").reset_index(drop=True)


def series_table(result: ProgressResult) -> pd.DataFrame:
    """The points the report draws: each row's judged series (rows judged on a number), then
    England's benchmark series after each value target's areas."""
    parts = []
    for target_id in dict.fromkeys(row.target_id for row in result.rows):
        parts += [
            row.series_frame() for row in result.rows if row.target_id == target_id and row.complete
        ]
        benchmark = result.benchmark(target_id)
        if benchmark is not None:
            parts.append(benchmark.series_frame())
    if not parts:
        return pd.DataFrame(columns=list(result.SERIES_COLUMNS))
    return pd.concat(parts, ignore_index=True)


def _validation_warnings(source: object, values: pd.DataFrame) -> pd.DataFrame | None:
    """Validation warnings on the values shown, from each used submission's failure table.

    A store keeps each submission's failure table (``Store.failures``); a warning counts
    when its key's current value came from that submission.
    """
    if not isinstance(source, Store) or "submission_id" not in values.columns:
        return None
    failures = source.failures(sorted({str(s) for s in values["submission_id"].dropna()}))
    if "severity" not in failures.columns:
        return None
    warnings = failures[failures["severity"].astype(str) == "warning"].reset_index(drop=True)
    if not len(warnings):
        return None
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


def _values_sha256(values: pd.DataFrame) -> str:
    """SHA-256 of the canonical values used (key and figures, sorted by key, as CSV)."""
    columns = [c for c in [*KEY, *_FIGURES, "value_note"] if c in values.columns]
    frame = values[columns].sort_values(KEY, kind="stable")
    text = frame.to_csv(index=False, lineterminator="\n", float_format="%.17g")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _spc_svg(
    progress: pd.DataFrame,
    key: tuple[str, str | None],
    result: Any,
    labels: list[str] | None = None,
) -> str:
    """The XmR chart drawn by ``wyoutcomes.spc.svg``, with ids under the target's anchor and
    its points named by their periods (Making Data Count labels periods, not dates)."""
    target_id, area_code = key
    row = progress[(progress["target_id"] == target_id) & (progress["area_code"] == area_code)]
    names = row.iloc[0] if len(row) else None
    # the chart writes its title across its own width: the indicator's name fits, a long area
    # name after it was cut off; the area is in the figure's caption beside it
    title = (
        f"{names['indicator_name']}: XmR chart"
        if names is not None
        else f"{target_id}, {area_code}: XmR chart"
    )
    decimals = int(names["decimals"]) if names is not None and pd.notna(names["decimals"]) else None
    if labels is not None and len(labels) != len(result.points):
        labels = None  # not the points charted: fall back to the dates rather than mislabel
    return spc.svg(
        result,
        title=title,
        id_prefix=xmr_id(target_id, area_code or ""),
        decimals=decimals,
        labels=labels,
    )
