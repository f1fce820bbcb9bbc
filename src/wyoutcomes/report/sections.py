"""From the report's inputs to what each section of the page says (plain objects for templates).

Templates only lay out what is built here: every number is already formatted text, every chart
already laid out, so the wording rules live in one readable place and are tested directly.

>>> round(trajectory_at([(date(2020, 1, 1), 10.0), (date(2022, 1, 1), 8.0)], date(2021, 1, 1)), 2)
9.0
"""

from __future__ import annotations

import itertools
import math
import re
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from markupsafe import Markup

from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period
from wyoutcomes.progress.rollup import worst_status
from wyoutcomes.report.board import (
    Board,
    area_name,
    build_board,
    card_words,
    distinct_labels,
)
from wyoutcomes.report.charts.icons import assurance_icon, variation_icon
from wyoutcomes.report.charts.multiples import Panel, PanelView, small_multiples
from wyoutcomes.report.charts.small import PlaceRow, place_chart, sparkline
from wyoutcomes.report.charts.trajectory import ChartPoint, trajectory_chart
from wyoutcomes.report.commentary import AmbitionCommentary
from wyoutcomes.report.formats import (
    StatusStyle,
    interval,
    is_missing,
    number,
    percent,
    signed,
    status_style,
    value_with_unit,
)
from wyoutcomes.report.inputs import ENGLAND, ReportInputs, is_demo_note
from wyoutcomes.report.promises import revised_lines
from wyoutcomes.spc.icons import DIRECTIONS, POLARITY_TO_IMPROVEMENT

__all__ = ["build_sections", "trajectory_at", "xmr_id"]

_QUALIFIERS = {
    "improving": "Improving since the baseline (statistically significant)",
    "worsening": "Worse than the baseline (statistically significant)",
    "no_significant_change": "No significant change since the baseline",
}
# wyoutcomes.spc's stable icon codes (spc/icons.py), in Making Data Count's words
_VARIATION = {
    "common_cause": "Common cause variation: no significant change",
    "special_cause_improving_high": "Special cause variation: improving, high values",
    "special_cause_improving_low": "Special cause variation: improving, low values",
    "special_cause_concerning_high": "Special cause variation: concerning, high values",
    "special_cause_concerning_low": "Special cause variation: concerning, low values",
    "special_cause_neutral_high": "Special cause variation: higher, neither better nor worse",
    "special_cause_neutral_low": "Special cause variation: lower, neither better nor worse",
}
_ASSURANCE = {
    "consistent_pass": "Assurance: the process will consistently meet the target",
    "consistent_fail": "Assurance: the process will consistently miss the target",
    "hit_and_miss": "Assurance: the process will hit and miss the target at random",
}
_POLARITY = {
    "lower_is_better": "Lower is better",
    "higher_is_better": "Higher is better",
    "target_band": "Within a band is better",
    "no_judgement": "No judgement of better or worse",
}


def _text(value: object) -> str:
    """Any value as display text (vocabularies print their value); missing values as empty."""
    if is_missing(value):
        return ""
    return str(value)


def _records(frame: pd.DataFrame) -> list[Any]:
    """Rows as named tuples, column by column (pandas' itertuples is slow on wide frames)."""
    if not len(frame):
        return []
    names = [re.sub(r"\W", "_", str(c)) for c in frame.columns]
    row = namedtuple("Row", names, rename=True)  # type: ignore[misc]
    columns = [frame[c].tolist() for c in frame.columns]
    return [row(*values) for values in zip(*columns, strict=True)]


def _float(value: object) -> float:
    return math.nan if is_missing(value) else float(value)  # type: ignore[arg-type]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def xmr_id(target_id: str, area_code: str) -> str:
    """The id prefix of a target's XmR chart (unique on the page, like every chart id)."""
    return f"target-{_slug(target_id)}-{_slug(area_code)}-xmr"


def _period(label: object, period_type: object = None) -> Period | None:
    if is_missing(label) or not str(label).strip():
        return None
    try:
        return Period.parse(str(label), _text(period_type) or None)
    except PeriodError:
        try:
            return Period.parse(str(label))
        except PeriodError:
            return None


def trajectory_at(points: Sequence[tuple[date, float]], day: date) -> float:
    """The trajectory's value on a day: straight between points, flat before and after."""
    if not points:
        return math.nan
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        if d0 <= day <= d1:
            span = (d1 - d0).days
            return v1 if span == 0 else v0 + (v1 - v0) * (day - d0).days / span
    return points[-1][1]


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


# --- view objects --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceLine:
    area_code: str
    area_name: str
    period: str
    value: str
    ci: str
    status: StatusStyle | None
    trend: str
    probability: str
    since_last_quarter: str
    is_benchmark: bool = False


@dataclass(frozen=True)
class TargetView:
    target_id: str
    anchor: str
    indicator_id: str
    indicator_name: str
    unit: str
    statement: str
    area_name: str
    status: StatusStyle
    summary: str
    chart: Any
    table: list[tuple[str, str, str, str]]
    places: list[PlaceLine]
    place_chart: Any
    projection: str
    spc_svg: str
    spc_words: list[str]
    xmr_table: list[tuple[str, str, str, str, str]]
    notes: list[str]
    # the heading's words (the indicator, and the sex when the target is for one), the
    # card's actual · target · expected now, the plan's lead and the by-place chart's caption
    label: str = ""
    card: tuple[str, str, str] = ("", "", "")
    owner: str = ""
    place_caption: str = ""
    spc_glyphs: tuple[tuple[Any, str], ...] = ()
    # the chart's area is the partnership (the heading then need not name it)
    is_partnership: bool = False
    # one small chart per place (shared axes, with its SPC icons) for targets judged by place
    multiples: list[PanelView] = field(default_factory=list)


@dataclass(frozen=True)
class AmbitionView:
    number: int
    anchor: str
    title: str
    statement: str
    status: StatusStyle
    headline_name: str
    headline_value: str
    headline_unit: str
    headline_ci: str
    headline_period: str
    headline_area: str
    direction: str
    tally: str
    sparkline: Any
    targets: list[TargetView]
    commentary: AmbitionCommentary | None
    # the headline's series joins two area codes (progress `footprint_change`), or empty
    headline_footprint: str = ""


@dataclass(frozen=True)
class Changes:
    status_changes: list[tuple[str, str, str, StatusStyle, StatusStyle]]
    new_data: list[tuple[str, str, str, str]]
    revisions: list[tuple[str, str, str, str, str, str]]
    compared: bool


@dataclass(frozen=True)
class Sections:
    ambitions: list[AmbitionView]
    changes: Changes
    indicators: list[dict[str, str]]
    targets: list[dict[str, str]]
    demo_values: int = 0
    notes_count: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    board: Board | None = None


# --- building -----------------------------------------------------------------------------


class _Context:
    """Lookups shared by every section: series by (target, area), previous rows, revisions."""

    def __init__(self, plan: Any, inputs: ReportInputs) -> None:
        self.plan = plan
        self.inputs = inputs
        self.quarter = _period(inputs.quarter)
        self.partnership = _text(getattr(plan, "area", None))
        self.rows = _records(inputs.progress)
        series = inputs.series.sort_values(["target_id", "area_code", "mid"], kind="stable")
        self.series: dict[tuple[str, str], list[Any]] = {}
        for r in _records(series):
            self.series.setdefault((r.target_id, r.area_code), []).append(r)
        self.previous: dict[tuple[str, str], Any] = {}
        if inputs.previous is not None:
            for row in _records(inputs.previous):
                self.previous[(row.target_id, row.area_code)] = row
        self.labels = distinct_labels(plan, self.rows)
        self.revisions = inputs.revisions if inputs.revisions is not None else pd.DataFrame()
        self.warnings = inputs.warnings if inputs.warnings is not None else pd.DataFrame()
        self.left_out = inputs.left_out if inputs.left_out is not None else pd.DataFrame()

    def indicator(self, indicator_id: str) -> Any:
        try:
            return self.plan.indicator(indicator_id)
        except KeyError:
            return None

    def target(self, target_id: str) -> Any:
        return next((t for t in self.plan.targets if t.id == target_id), None)


def build_sections(
    plan: Any, inputs: ReportInputs, commentary: dict[int, AmbitionCommentary] | None = None
) -> Sections:
    """Every section's content for one report."""
    ctx = _Context(plan, inputs)
    commentary = commentary or {}
    ambitions = []
    for ambition in plan.ambitions:
        rows = [r for r in ctx.rows if r.ambition == ambition.number]
        targets = [
            _target_view(ctx, ambition, target, [r for r in rows if r.target_id == target.id])
            for target in ambition.targets
            if any(r.target_id == target.id for r in rows)
        ]
        ambitions.append(
            _ambition_view(ctx, ambition, rows, targets, commentary.get(ambition.number))
        )
    board = build_board(
        plan,
        ctx.rows,
        lambda target_id, area_code: [
            p.value for p in _series_points(ctx, target_id, area_code) if math.isfinite(p.value)
        ],
        quarter=ctx.quarter.label if ctx.quarter is not None else str(inputs.quarter),
        anchor_of=lambda target_id: f"target-{_slug(target_id)}",
    )
    return Sections(
        ambitions=ambitions,
        changes=_changes(ctx),
        indicators=[_indicator_definition(i) for i in plan.indicators],
        targets=[_target_definition(ctx, t) for t in plan.targets],
        demo_values=inputs.demo_values,
        board=board,
        extra={"revised": revised_lines(inputs.revised)},
    )


def _headline_row(ctx: _Context, rows: list[Any]) -> Any:
    """The partnership's row when the target covers it, otherwise its first area."""
    return next((r for r in rows if r.area_code == ctx.partnership), rows[0])


def _series_points(ctx: _Context, target_id: str, area_code: str) -> list[ChartPoint]:
    group = ctx.series.get((target_id, area_code))
    if group is None:
        return []
    return [
        ChartPoint(
            str(r.period), _as_date(r.mid), _float(r.value), _float(r.lower_ci), _float(r.upper_ci)
        )
        for r in group
        if ctx.quarter is None or _as_date(r.mid) <= ctx.quarter.end
    ]


def _as_date(value: object) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _direction(ctx: _Context, row: Any, decimals: int, unit: str) -> str:
    """What happened to this row's latest value since the previous quarter's report."""
    if ctx.inputs.previous is None:
        return "No comparison with last quarter"
    before = ctx.previous.get((row.target_id, row.area_code))
    if before is None or is_missing(before.latest_value):
        return "New this quarter" if not is_missing(row.latest_value) else "No data"
    if is_missing(row.latest_value):
        return "No data"
    delta = _float(row.latest_value) - _float(before.latest_value)
    same_period = _text(row.latest_period) == _text(before.latest_period)
    if round(delta, decimals) == 0:
        if same_period:
            return "No new data since last quarter"
        return f"Unchanged from {_text(before.latest_period)}"
    # better or worse by the one polarity table (spc's: polarity → improvement → sign)
    sign = DIRECTIONS.get(POLARITY_TO_IMPROVEMENT.get(_text(getattr(row, "polarity", "")), ""), 0)
    # a change in a percentage is in percentage points (ONS style), never "up 0.6%"
    by = (
        f"{abs(delta):,.{decimals}f} percentage points"
        if unit.strip().lower() in ("%", "percent", "percentage")
        else value_with_unit(abs(delta), decimals, unit)
    )
    move = f"{'Up' if delta > 0 else 'Down'} {by} from {_text(before.latest_period)}"
    if sign:
        move += " (better)" if delta * sign > 0 else " (worse)"
    return ("Revised: " if same_period else "") + move


def _ambition_view(
    ctx: _Context,
    ambition: Any,
    rows: list[Any],
    targets: list[TargetView],
    commentary: AmbitionCommentary | None,
) -> AmbitionView:
    anchor = f"ambition-{ambition.number}"
    if not len(rows):
        empty = status_style("no_data")
        spark = sparkline(f"{anchor}-spark", "No data", "No values yet.", [])
        return AmbitionView(
            ambition.number, anchor, ambition.title, ambition.statement, empty, "", "–", "", "",
            "", "", "No data", "No targets with data", spark, targets, commentary,
        )  # fmt: skip
    # the headline is the first target (plan order) with data for the partnership, else any area
    with_data = [r for r in rows if not is_missing(r.latest_value)]
    first = with_data[0].target_id if with_data else rows[0].target_id
    head = _headline_row(ctx, [r for r in (with_data or rows) if r.target_id == first])
    decimals = int(_float(getattr(head, "decimals", 1)) if not is_missing(head.decimals) else 1)
    unit = _text(head.unit)
    points = _series_points(ctx, head.target_id, head.area_code)
    spark = sparkline(
        f"{anchor}-spark",
        f"Recent values of {_text(head.indicator_name)}, {_text(head.area_name)}",
        _series_words(points, decimals, unit),
        [p.value for p in points[-12:]],
    )
    counts: dict[str, int] = {}
    for status in (r.status for r in rows):
        words = status_style(status).words
        counts[words] = counts.get(words, 0) + 1
    tally = ", ".join(f"{n} {words.lower()}" for words, n in counts.items())
    headline_value = value_with_unit(head.latest_value, decimals, unit)
    # a percent sign is part of the value; other units are written after it
    headline_unit = "" if unit.strip().lower() in ("%", "percent", "percentage") else unit
    headline_ci = interval(head.latest_lower_ci, head.latest_upper_ci, decimals, unit)
    count = _float(getattr(head, "latest_count", math.nan))
    if math.isfinite(count) and not is_missing(head.latest_value):
        # a count_increase headline: the people counted, then the extra, each named (rule 10)
        extra = _float(head.latest_value)
        since = _text(head.baseline_period)
        headline_value = value_with_unit(count, decimals, unit)
        headline_unit = (
            f"{unit}, {extra:,.0f} more than in {since}"
            if _text(head.judged_quantity) == "extra_per_year"
            else f"{unit}; {extra:,.0f} more in all than at the {since} level since {since}"
        )
        headline_ci = ""
    return AmbitionView(
        number=int(ambition.number),
        anchor=anchor,
        title=_text(ambition.title),
        statement=_text(ambition.statement),
        # the badge never looks better than the worst target (docs/progress.md, rule 9)
        status=status_style(worst_status([str(r.status) for r in rows])),
        headline_name=_text(head.indicator_name),
        headline_value=headline_value,
        headline_unit=headline_unit,
        headline_ci=headline_ci,
        headline_period=_text(head.latest_period),
        headline_area=_text(head.area_name),
        direction=_direction(ctx, head, decimals, unit),
        tally=f"{len(rows)} target × area judgements: {tally}",
        sparkline=spark,
        targets=targets,
        commentary=commentary,
        headline_footprint=_named(_text(getattr(head, "footprint_change", None))),
    )


def _series_words(points: Sequence[ChartPoint], decimals: int, unit: str) -> str:
    shown = [p for p in points if math.isfinite(p.value)]
    if not shown:
        return "No values yet."
    first, last = shown[0], shown[-1]
    return (
        f"{len(shown)} values from {first.period} ({value_with_unit(first.value, decimals, unit)})"
        f" to {last.period} ({value_with_unit(last.value, decimals, unit)})."
    )


def _goal_from_change(kind: str, change: float | None) -> str:
    """The aim in words when no target value can be worked out yet (no baseline value).

    >>> _goal_from_change("relative_change", -0.75)
    '75% below the baseline'
    >>> _goal_from_change("count_increase", 1000)
    '1,000 more than the baseline year'
    """
    if change is None or not math.isfinite(change):
        return "the target (set once the baseline is known)"
    if kind == "count_increase":
        return f"{change:,.0f} more than the baseline year"
    return f"{abs(change):.0%} {'below' if change < 0 else 'above'} the baseline"


def _target_statement(target: Any, head: Any, decimals: int, unit: str) -> str:
    kind = _text(head.target_kind)
    base = value_with_unit(head.baseline_value, decimals, unit)
    goal = value_with_unit(head.target_value, decimals, unit)
    baseline = f"Baseline {base} ({_text(head.baseline_period)})"
    if is_missing(head.baseline_value):
        period = _text(head.baseline_period)
        baseline = (
            f"Baseline {period} (value not yet in the data)"
            if period
            else "Baseline taken from the data (no value yet)"
        )
    if is_missing(head.target_value) and kind not in ("band", "direction_only", "halt_trend"):
        goal = _goal_from_change(kind, getattr(target, "change", None))
    deadline = _text(head.deadline)
    if kind == "band":
        band = interval(head.band_lower, head.band_upper, decimals, unit)
        return f"{baseline} → stay within {band} by {deadline}"
    if kind == "direction_only":
        return f"{baseline} → improve by {deadline}"
    if kind == "halt_trend":
        return f"{baseline} → no further worsening by {deadline}"
    description = _text(getattr(target, "description", "")) if target is not None else ""
    text = f"{baseline} → {goal} by {deadline}"
    return f"{text}. {description}" if description else text


def _target_view(ctx: _Context, ambition: Any, target: Any, rows: list[Any]) -> TargetView:
    head = _headline_row(ctx, rows)
    indicator = ctx.indicator(_text(head.indicator_id))
    period_type = getattr(indicator, "period_type", None)
    decimals = int(_float(head.decimals)) if not is_missing(head.decimals) else 1
    unit = _text(head.unit)
    anchor = f"target-{_slug(_text(head.target_id))}"
    chart_id = f"{anchor}-{_slug(_text(head.area_code))}"

    baseline_p = _period(head.baseline_period, period_type)
    deadline_p = _period(head.deadline, period_type)
    baseline_value, target_value = _float(head.baseline_value), _float(head.target_value)
    # the path progress judged this row against (milestones applied there), drawn as it is
    trajectory = list(
        ctx.inputs.trajectories.get((_text(head.target_id), _text(head.area_code)), ())
    )
    points = _series_points(ctx, _text(head.target_id), _text(head.area_code))
    band = None
    if math.isfinite(_float(head.band_lower)) and math.isfinite(_float(head.band_upper)):
        band = (_float(head.band_lower), _float(head.band_upper))
    projection = None
    if deadline_p and math.isfinite(_float(head.projection_value)):
        projection = ChartPoint(
            _text(head.deadline),
            deadline_p.mid,
            _float(head.projection_value),
            _float(head.projection_lower),
            _float(head.projection_upper),
        )
    style = status_style(head.status)
    name = _text(head.indicator_name)
    chart = trajectory_chart(
        chart_id,
        f"{name}, {_text(head.area_name)}: {style.words.lower()}",
        _text(getattr(head, "summary", "")) or _series_words(points, decimals, unit),
        points,
        trajectory=trajectory,
        baseline=None
        if baseline_p is None or not math.isfinite(baseline_value)
        else ChartPoint(_text(head.baseline_period), baseline_p.mid, baseline_value),
        target=None
        if deadline_p is None or not math.isfinite(target_value)
        else ChartPoint(_text(head.deadline), deadline_p.mid, target_value),
        deadline=None if deadline_p is None else (deadline_p.mid, _text(head.deadline)),
        band=band,
        projection=projection,
        decimals=decimals,
        unit=unit,
        excluded=_excluded_spans(head, period_type),
        # England's own series, as markers beside the area's (when it is not England's row)
        england=()
        if _text(head.area_code) == ENGLAND
        else _series_points(ctx, _text(head.target_id), ENGLAND),
    )
    table = [
        (
            p.period,
            value_with_unit(p.value, decimals, unit),
            interval(p.lower, p.upper, decimals, unit),
            value_with_unit(trajectory_at(trajectory, p.mid), decimals, unit) if trajectory else "",
        )
        for p in points
    ]
    places = [_place_line(ctx, row, decimals, unit) for row in rows]
    england = _england_line(ctx, _text(head.target_id), decimals, unit)
    if england is not None:
        places.append(england)
    chart_rows = [
        PlaceRow(
            line.area_name,
            _float(r.latest_value),
            _float(r.latest_lower_ci),
            _float(r.latest_upper_ci),
        )
        for line, r in zip(places, rows, strict=False)
    ]
    if england is not None:
        e = ctx.series[(_text(head.target_id), ENGLAND)][-1]
        chart_rows.append(
            PlaceRow("England", _float(e.value), _float(e.lower_ci), _float(e.upper_ci), True)
        )
    by_place = None
    if len(chart_rows) > 1:
        by_place = place_chart(
            f"{anchor}-places",
            f"{name} by area, latest values",
            "Latest value and 95% confidence interval for each area"
            + ("; the dashed line is the target." if math.isfinite(target_value) else "."),
            chart_rows,
            target=target_value if math.isfinite(target_value) else None,
            decimals=decimals,
        )
    xmr_table = []
    result = ctx.inputs.spc_results.get((_text(head.target_id), _text(head.area_code)))
    if result is not None:
        # the SPC points are the series' finite values in time order: label them by period
        labels = [p.period for p in points if math.isfinite(p.value)]
        records = result.points.to_dict("records")
        if len(labels) != len(records):
            labels = [str(r["date"])[:10] for r in records]
        xmr_table = [
            (
                label,
                number(r["value"], decimals),
                number(r["mean"], decimals),
                f"{number(r['lpl'], decimals)} to {number(r['upl'], decimals)}",
                str(r.get("classification") or "").replace("_", " "),
            )
            for label, r in zip(labels, records, strict=True)
        ]
    return TargetView(
        target_id=_text(head.target_id),
        anchor=anchor,
        indicator_id=_text(head.indicator_id),
        indicator_name=name,
        unit=unit,
        statement=_target_statement(target, head, decimals, unit),
        area_name=_text(head.area_name),
        status=style,
        summary=_named(_text(getattr(head, "summary", ""))),
        chart=chart,
        table=table,
        places=places,
        place_chart=by_place,
        projection=_projection_words(head, decimals, unit),
        # SPC charts are made by wyoutcomes.spc, which escapes its own text: keep them as markup
        spc_svg=Markup(ctx.inputs.spc_svg.get((_text(head.target_id), _text(head.area_code)), "")),
        spc_words=_spc_words(head),
        xmr_table=xmr_table,
        notes=_notes(ctx, head, rows, period_type),
        label=ctx.labels.get(_text(head.target_id), name),
        card=card_words(head),
        owner=_text(getattr(target, "lead", None)) if target is not None else "",
        place_caption=_place_caption(name, chart_rows, math.isfinite(target_value)),
        spc_glyphs=_spc_glyphs(head),
        is_partnership=_text(head.area_code) == ctx.partnership,
        multiples=_multiples(ctx, anchor, rows, decimals, unit),
    )


def _multiples(
    ctx: _Context, anchor: str, rows: list[Any], decimals: int, unit: str
) -> list[PanelView]:
    """One small chart per place when the target is judged in more than one place."""
    places = [r for r in rows if _text(r.area_code) not in (ctx.partnership, ENGLAND)]
    if len(places) < 2:
        return []
    panels = []
    for r in places:
        points = _series_points(ctx, _text(r.target_id), _text(r.area_code))
        target = _float(r.target_value)
        panels.append(
            Panel(
                _text(r.area_name) or area_name(_text(r.area_code)),
                tuple((p.mid, p.value) for p in points),
                _text(getattr(r, "variation_icon", None)) or None,
                _text(getattr(r, "assurance_icon", None)) or None,
                target if math.isfinite(target) else None,
            )
        )
    return small_multiples(f"{anchor}-multiples", panels, decimals=decimals, unit=unit)


def _spc_glyphs(row: Any) -> tuple[tuple[Any, str], ...]:
    """The Making Data Count icons of a row (glyph, words), when progress gave any."""
    glyphs = []
    variation = _text(getattr(row, "variation_icon", ""))
    assurance = _text(getattr(row, "assurance_icon", ""))
    if variation:
        glyphs.append((variation_icon(variation, 32), _VARIATION.get(variation, variation)))
    if assurance:
        glyphs.append((assurance_icon(assurance, 32), _ASSURANCE.get(assurance, assurance)))
    return tuple(glyphs)


def _excluded_spans(row: Any, period_type: object) -> list[tuple[date, date, str]]:
    """The periods progress left out of the judgement (its ``excluded_periods`` text), as spans.

    The text is ``break: reason`` or ``break (period, period): reason``, several joined by
    `` / `` (docs/progress.md); the periods named in brackets (else the break itself) are shaded.

    >>> from types import SimpleNamespace
    >>> _excluded_spans(SimpleNamespace(excluded_periods="2020 (2019, 2020): covid"), None)[0][0]
    datetime.date(2019, 1, 1)
    """
    text = _text(getattr(row, "excluded_periods", None))
    spans = []
    for part in text.split(" / ") if text else []:
        head, _, reason = part.partition(": ")
        label, _, inner = head.partition(" (")
        labels = [x.strip() for x in inner.rstrip(")").split(",")] if inner else [label]
        for one in labels:
            found = _period(one, period_type)
            if found is not None:
                spans.append((found.start, found.end, f"{one}: {reason or label}"))
    return spans


def _place_caption(name: str, rows: Sequence[PlaceRow], has_target: bool) -> str:
    """The by-place chart's caption, promising only what is drawn."""
    drawn = ["latest value by area"]
    if any(math.isfinite(r.lower) and math.isfinite(r.upper) for r in rows):
        drawn.append("95% confidence intervals as bars")
    if any(r.is_benchmark for r in rows):
        drawn.append("England as a grey diamond")
    if has_target:
        drawn.append("the target as a dashed line")
    return f"{name}: " + ", ".join(drawn[:-1]) + (" and " if len(drawn) > 1 else "") + drawn[-1]


def _place_line(ctx: _Context, row: Any, decimals: int, unit: str) -> PlaceLine:
    return PlaceLine(
        area_code=_text(row.area_code),
        area_name=_text(row.area_name),
        period=_text(row.latest_period) or "–",
        value=value_with_unit(row.latest_value, decimals, unit),
        ci=interval(row.latest_lower_ci, row.latest_upper_ci, decimals, unit) or "–",
        status=status_style(row.status),
        trend=_QUALIFIERS.get(_text(getattr(row, "qualifier", "")), "Not assessed"),
        probability=_chance(row),
        since_last_quarter=_direction(ctx, row, decimals, unit),
    )


def _chance(row: Any) -> str:
    """The chance of meeting the target, with progress's words for it when it gives them."""
    chance = percent(getattr(row, "probability_met", None))
    band = _text(getattr(row, "probability_band", None))
    return f"{chance} ({band})" if band and chance != "–" else chance


def _england_line(ctx: _Context, target_id: str, decimals: int, unit: str) -> PlaceLine | None:
    group = ctx.series.get((target_id, ENGLAND))
    if not group:
        return None
    e = group[-1]
    return PlaceLine(
        area_code=ENGLAND,
        area_name="England",
        period=_text(e.period),
        value=value_with_unit(e.value, decimals, unit),
        ci=interval(e.lower_ci, e.upper_ci, decimals, unit) or "–",
        status=None,
        trend="Benchmark",
        probability="",
        since_last_quarter="",
        is_benchmark=True,
    )


def _projection_words(row: Any, decimals: int, unit: str) -> str:
    if is_missing(getattr(row, "projection_value", None)):
        points = getattr(row, "projection_points", None)
        why = "fewer than 3 recent values" if not is_missing(points) else "no recent values"
        if _text(getattr(row, "deadline_passed", "")) == "True":
            why = "the deadline's value is in"
        return f"No projection ({why})."
    text = (
        f"If the recent trend continues, the value at {_text(row.deadline)} would be about "
        f"{value_with_unit(row.projection_value, decimals, unit)} (95% prediction interval "
        f"{interval(row.projection_lower, row.projection_upper, decimals, unit)})."
    )
    if not is_missing(getattr(row, "probability_met", None)):
        text += f" Chance of meeting the target: {percent(row.probability_met)}."
    return text


def _spc_words(row: Any) -> list[str]:
    words = []
    variation = _text(getattr(row, "variation_icon", ""))
    assurance = _text(getattr(row, "assurance_icon", ""))
    if variation:
        words.append(_VARIATION.get(variation, variation.replace("_", " ").capitalize()))
    if assurance:
        words.append(_ASSURANCE.get(assurance, assurance.replace("_", " ").capitalize()))
    return words


_GSS = re.compile(r"\b[EWSN]\d{8}\b")


def _named(text: str) -> str:
    """Text with every GSS area code replaced by the area's name (names, not codes, for people).

    >>> _named("joins E92000001 to 2021")
    'joins England to 2021'
    """
    return _GSS.sub(lambda m: area_name(m.group(0)), text)


def _notes(ctx: _Context, head: Any, rows: list[Any], period_type: object) -> list[str]:
    notes = _named_notes(ctx, head, rows, period_type)
    return [_named(n) for n in notes]


def _named_notes(ctx: _Context, head: Any, rows: list[Any], period_type: object) -> list[str]:
    notes = []
    latest = _period(head.latest_period, period_type)
    if latest is not None and ctx.quarter is not None:
        lag = months_between(latest.end, ctx.quarter.end)
        notes.append(
            f"Latest data: {latest.label} (ends {latest.end.isoformat()}, {lag} months before "
            f"the end of {ctx.quarter.label})."
        )
    elif latest is None:
        notes.append("No data has been submitted for this target yet.")
    codes = {_text(r.area_code) for r in rows}
    names = {_text(r.area_code): _text(r.area_name) for r in rows}
    for r in rows:
        # the area's code was succeeded within the judged series (progress `footprint_change`)
        joined = _text(getattr(r, "footprint_change", None))
        if joined:
            notes.append(
                f"{names.get(_text(r.area_code), _text(r.area_code))}: the series joins "
                f"{joined}; a change across the join may be the footprint's, not the "
                "population's."
            )
    for code in sorted(codes):
        group = ctx.series.get((_text(head.target_id), code))
        if group is None:
            continue
        for r in group:
            note = _text(r.value_note)
            if note and not is_demo_note(note):
                notes.append(f"{names.get(code, code)}, {_text(r.period)}: {note}")
            elif is_missing(r.value) and not note:
                notes.append(f"{names.get(code, code)}, {_text(r.period)}: no value (suppressed).")
    decimals = int(_float(head.decimals)) if not is_missing(head.decimals) else 1
    revisions = ctx.revisions
    if len(revisions):
        mine = revisions[
            (revisions["indicator_id"] == _text(head.indicator_id))
            & revisions["area_code"].isin(codes)
        ]
        for r in _records(mine):
            kind = {"withdrawn": "withdrawn", "interval_revised": "confidence interval revised"}
            notes.append(
                f"{names.get(r.area_code, r.area_code)}, {_text(r.period)}: "
                + (
                    kind[r.change]
                    if r.change in kind
                    else f"revised from {number(r.previous_value, decimals)} to "
                    f"{number(r.value, decimals)}"
                )
                + "."
            )
    warnings = ctx.warnings
    if len(warnings):
        mine = warnings[
            (warnings["indicator_id"] == _text(head.indicator_id))
            & warnings["area_code"].isin(codes)
        ]
        notes += [f"Validation warning: {_text(m)}" for m in mine["message"]]
    left_out = ctx.left_out
    if len(left_out):
        mine = left_out[
            (left_out["indicator_id"] == _text(head.indicator_id))
            & (left_out["area_code"].isin(codes) | left_out["place"].isin(codes))
        ]
        for r in _records(mine):
            when = pd.Timestamp(r.submitted_at).strftime("%-d %B %Y %H:%M UTC")
            area = names.get(r.area_code) or names.get(r.place) or r.area_code
            notes.append(
                f"Left out by the data cut-off: {area}, {_text(r.period)}, submitted {when}."
            )
    return notes


def _changes(ctx: _Context) -> Changes:
    if ctx.inputs.previous is None:
        return Changes([], [], _revision_lines(ctx), compared=False)
    status_changes, new_data = [], []
    # a promise the plan version in force at the previous quarter did not make has no status
    # to change from (it is shown under "Promises revised" instead)
    promised_then = {target_id for target_id, _ in ctx.previous}
    for row in ctx.rows:
        before = ctx.previous.get((row.target_id, row.area_code))
        label = f"{_text(row.indicator_name)} ({_text(row.target_id)})"
        old_status = "no_data" if before is None else _text(before.status)
        if _text(row.status) != old_status and row.target_id in promised_then:
            status_changes.append(
                (
                    label,
                    _text(row.area_name),
                    f"target-{_slug(_text(row.target_id))}",
                    status_style(old_status),
                    status_style(row.status),
                )
            )
        old_period = "" if before is None else _text(before.latest_period)
        if _text(row.latest_period) and _text(row.latest_period) != old_period:
            decimals = int(_float(row.decimals)) if not is_missing(row.decimals) else 1
            new_data.append(
                (
                    label,
                    _text(row.area_name),
                    _text(row.latest_period),
                    value_with_unit(row.latest_value, decimals, _text(row.unit)),
                )
            )
    return Changes(status_changes, new_data, _revision_lines(ctx), compared=True)


def _revision_lines(ctx: _Context) -> list[tuple[str, str, str, str, str, str]]:
    lines = []
    names = {_text(r.area_code): _text(r.area_name) for r in ctx.rows}
    for r in _records(ctx.revisions):
        indicator = ctx.indicator(_text(r.indicator_id))
        decimals = int(getattr(indicator, "decimals", 3) or 0) if indicator else 3
        change = {
            "revised": "Value revised",
            "interval_revised": "Interval revised",
            "withdrawn": "Withdrawn",
        }.get(_text(r.change), _text(r.change))
        lines.append(
            (
                _text(getattr(indicator, "name", "")) or _text(r.indicator_id),
                names.get(_text(r.area_code)) or area_name(_text(r.area_code)),
                _text(r.period),
                change,
                f"{number(r.previous_value, decimals)} → {number(r.value, decimals)}",
                signed(r.difference, decimals),
            )
        )
    return lines


def _indicator_definition(indicator: Any) -> dict[str, str]:
    source = getattr(indicator, "source", None)
    return {
        "id": _text(indicator.id),
        "name": _text(indicator.name),
        "definition": _text(indicator.definition),
        "unit": _text(indicator.unit),
        "measure": _text(indicator.measure_type).replace("_", " "),
        "polarity": _POLARITY.get(_text(indicator.polarity), _text(indicator.polarity)),
        "period_type": _text(indicator.period_type).replace("_", " "),
        "ci_method": _text(indicator.ci_method).replace("_", " "),
        "decimals": _text(indicator.decimals),
        "publisher": _text(getattr(source, "publisher", "")),
        "url": _text(getattr(source, "url", "")),
        "fingertips_id": _text(getattr(source, "fingertips_id", "")),
    }


def _target_definition(ctx: _Context, target: Any) -> dict[str, str]:
    baseline = target.baseline
    if getattr(baseline, "from_data", False):
        base = f"read from the data ({_text(baseline.period) or 'first period'})"
    else:
        base = f"{number(baseline.value, 3)} ({_text(baseline.period)}; {_text(baseline.source)})"
    if target.value is not None:
        goal = f"reach {number(target.value, 3)}"
    elif target.change is not None:
        goal = f"change by {signed(target.change * 100, 1)}%"
        if _text(target.kind) == "count_increase":
            goal = f"{signed(target.change, 0)} people"
    else:
        goal = _text(target.kind).replace("_", " ")
    scope = _text(target.scope.type).replace("_", " ")
    if target.scope.areas:
        scope += ": " + ", ".join(target.scope.areas)
    return {
        "id": _text(target.id),
        "indicator": _text(target.indicator),
        "kind": _text(target.kind).replace("_", " "),
        "baseline": base,
        "goal": goal,
        "deadline": _text(target.deadline),
        "scope": scope,
        "trajectory": _text(target.trajectory),
        "description": _text(getattr(target, "description", "")),
    }
