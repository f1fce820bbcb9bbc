"""The board's first page: a headline, one summary row per target, and the exceptions.

Everything here is *formatting* of what progress (and the verdicts) already judged: the status
word, the trend, the comparison with England and the SPC icons are read from the progress
frame's columns and only put into words and glyphs. A column that progress does not (yet)
provide is shown as "Not assessed", never guessed.

Place-scoped targets (one judgement per place, no partnership row) get one summary row that
counts their places' statuses; each place is listed in the target's own section.

>>> quantity_words("cumulative_extra", "people")
'extra people since the baseline year (cumulative)'
>>> area_name("E92000001")
'England'
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from wyoutcomes.report.charts.icons import (
    assurance_icon,
    comparison_icon,
    icon_words,
    variation_icon,
)
from wyoutcomes.report.charts.small import Sparkline, sparkline
from wyoutcomes.report.formats import (
    StatusStyle,
    interval,
    is_missing,
    status_style,
    value_with_unit,
)

__all__ = [
    "Board",
    "Exception_",
    "SummaryRow",
    "area_name",
    "build_board",
    "card_words",
    "distinct_labels",
    "quantity_words",
    "target_label",
]

#: statuses a board is asked to look at first (progress's words; docs/progress.md)
EXCEPTION_STATUSES = ("off_track", "not_met", "outside_band", "worsening")
_TREND = {
    "improving": StatusStyle("Improving", "good", "up"),
    "worsening": StatusStyle("Worsening", "bad", "down"),
    "no_significant_change": StatusStyle("No significant change", "neutral", "dash"),
}
_NOT_ASSESSED = StatusStyle("Not assessed", "none", "query")
_SEX = {"Male": "men", "Female": "women"}


def _text(value: object) -> str:
    if is_missing(value):
        return ""
    return str(getattr(value, "value", value))


@functools.lru_cache(maxsize=256)
def area_name(code: str) -> str:
    """An area's name from the geography table; the code itself when the table lacks it."""
    from wyoutcomes.errors import AreaError
    from wyoutcomes.geography import area

    try:
        return str(area(code).name)
    except AreaError:  # not in the bundled table: the code is all there is to show
        return code


def quantity_words(quantity: str, unit: str) -> str:
    """What the judged number *is*, in words (progress's ``judged_quantity``).

    >>> quantity_words("gap", "years")
    'gap in years'
    >>> quantity_words("value", "%")
    ''
    """
    if quantity == "cumulative_extra":
        return f"extra {unit or 'people'} since the baseline year (cumulative)"
    if quantity == "extra_per_year":
        return f"extra {unit or 'people'} a year over the baseline year"
    if quantity == "gap":
        return f"gap in {unit}" if unit else "gap"
    return ""


def target_label(indicator_name: str, sex: object) -> str:
    """The indicator's name, saying which sex when the target is for men or women only.

    >>> target_label("Life expectancy gap", "Male")
    'Life expectancy gap (men)'
    >>> target_label("Suicide rate", "Persons")
    'Suicide rate'
    """
    who = _SEX.get(_text(sex))
    return f"{indicator_name} ({who})" if who else indicator_name


def distinct_labels(plan: Any, rows: Sequence[Any]) -> dict[str, str]:
    """Each target's label; two targets with one label are told apart by their description.

    (Two suicide targets, say, become "Suicide rate: 10% fewer suicides across …" and
    "Suicide rate: three-quarters fewer suicides in the targeted areas.")
    """
    first: dict[str, Any] = {}
    for r in rows:
        first.setdefault(_text(r.target_id), r)
    labels = {
        t: target_label(_text(r.indicator_name), getattr(r, "sex", None)) for t, r in first.items()
    }
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    for target in plan.targets:
        shared = labels.get(target.id)
        if shared is None or seen[shared] < 2:
            continue
        words = _text(getattr(target, "description", None)).rstrip(".") or target.id
        labels[target.id] = f"{shared}: {words[:1].lower()}{words[1:]}"
    return labels


@dataclass(frozen=True)
class SummaryRow:
    """One target on the summary page: every cell already words or glyphs."""

    ambition: int
    ambition_title: str
    label: str
    anchor: str
    area: str
    latest: str
    latest_period: str
    target: str
    expected: str
    trend: StatusStyle
    england: Markup
    england_words: str
    status: StatusStyle
    status_detail: str
    variation: Markup
    variation_words: str
    assurance: Markup
    assurance_words: str
    spark: Sparkline
    owner: str


@dataclass(frozen=True)
class Exception_:  # noqa: N801  (Exception is Python's; the board calls these exceptions)
    label: str
    anchor: str
    area: str
    status: StatusStyle
    reasons: str
    latest: str


@dataclass(frozen=True)
class Board:
    headline: str
    rows: list[SummaryRow]
    exceptions: list[Exception_]
    has_england: bool
    has_owner: bool


def _decimals(row: Any) -> int:
    value: Any = getattr(row, "decimals", None)
    return 1 if is_missing(value) else int(value)


def _value(row: Any, column: str) -> str:
    unit = _text(getattr(row, "unit", ""))
    return value_with_unit(getattr(row, column, None), _decimals(row), unit)


def _goal(row: Any) -> str:
    kind = _text(getattr(row, "target_kind", ""))
    deadline = _text(getattr(row, "deadline", ""))
    unit = _text(getattr(row, "unit", ""))
    if kind == "band":
        band = interval(row.band_lower, row.band_upper, _decimals(row), unit)
        return f"within {band} by {deadline}" if band else f"within band by {deadline}"
    if kind == "direction_only":
        return f"improve by {deadline}"
    if kind == "halt_trend":
        return f"no further worsening by {deadline}"
    if is_missing(getattr(row, "target_value", None)):
        return f"by {deadline}" if deadline else "–"
    return f"{_value(row, 'target_value')} by {deadline}"


def card_words(row: Any) -> tuple[str, str, str]:
    """Actual · target · expected now, for one progress row, each naming its quantity.

    The expected value is the trajectory's at the assessed period (progress's
    ``expected_value``); "–" where the target has no trajectory (a band, a direction).
    """
    actual = _latest_words(row)
    expected = getattr(row, "expected_value", None)
    if is_missing(expected):
        now = "no trajectory value"
    else:
        assessed = _text(getattr(row, "assessed_period", "")) or _text(row.latest_period)
        now = f"{_value(row, 'expected_value')}" + (f" (for {assessed})" if assessed else "")
    return actual, _goal(row), now


def _england_code(row: Any) -> str:
    # the verdicts' column when progress has it; otherwise nothing was compared
    return _text(getattr(row, "compared_with_england", None))


def _trend(row: Any) -> StatusStyle:
    return _TREND.get(_text(getattr(row, "qualifier", None)), _NOT_ASSESSED)


def _headline_row(rows: Sequence[Any], partnership: str) -> Any:
    return next((r for r in rows if _text(r.area_code) == partnership), None)


def build_board(
    plan: Any,
    rows: Sequence[Any],
    points: Any,
    *,
    quarter: str,
    anchor_of: Any,
) -> Board:
    """The summary rows (plan order), the exceptions and the headline paragraph.

    ``rows`` are the progress frame's rows (named tuples); ``points(target_id, area_code)``
    gives the judged series' finite values in time order (for the sparkline);
    ``anchor_of(target_id)`` the target's section id.
    """
    partnership = _text(getattr(plan, "area", None))
    by_target: dict[str, list[Any]] = {}
    for r in rows:
        by_target.setdefault(_text(r.target_id), []).append(r)
    summary: list[SummaryRow] = []
    exceptions: list[Exception_] = []
    labels = distinct_labels(plan, rows)
    for target in plan.targets:
        mine = by_target.get(target.id)
        if not mine:
            continue
        owner = _text(getattr(target, "lead", None))
        head = _headline_row(mine, partnership)
        first = mine[0]
        label = labels[target.id]
        anchor = anchor_of(target.id)
        if head is not None or len(mine) == 1:
            row = head if head is not None else first
            summary.append(_summary_row(row, label, anchor, owner, points, partnership=partnership))
        else:
            summary.append(_places_row(mine, label, anchor, owner))
        for r in mine:
            reasons = []
            status = _text(r.status)
            if status in EXCEPTION_STATUSES:
                reasons.append(status_style(status).words)
            if _text(getattr(r, "qualifier", None)) == "worsening" and status != "worsening":
                reasons.append("worsening since the baseline")
            if _england_code(r) == "worse":
                reasons.append("significantly worse than England")
            if reasons:
                exceptions.append(
                    Exception_(
                        label,
                        anchor,
                        _text(r.area_name) or area_name(_text(r.area_code)),
                        status_style(r.status),
                        "; ".join(reasons),
                        _latest_words(r),
                    )
                )
    return Board(
        headline=_headline(rows, summary, exceptions, quarter, len(plan.ambitions)),
        rows=summary,
        exceptions=exceptions,
        has_england=any(hasattr(r, "compared_with_england") for r in rows),
        has_owner=any(r.owner != "Not stated" for r in summary),
    )


def _latest_words(row: Any) -> str:
    """The latest value with its quantity named; for a count, the people counted first.

    >>> from types import SimpleNamespace as R
    >>> _latest_words(R(latest_value=833.0, latest_count=7047.0, judged_quantity="cumulative_extra",
    ...                 unit="people", decimals=0, latest_period="2023/24"))
    '7,047 people counted; 833 extra people since the baseline year (cumulative) (2023/24)'
    """
    if is_missing(getattr(row, "latest_value", None)):
        return "No data"
    unit = _text(row.unit)
    words = quantity_words(_text(getattr(row, "judged_quantity", "")), unit)
    value = _value(row, "latest_value")
    text = f"{value} {words}".strip()
    count = getattr(row, "latest_count", None)
    if words and not is_missing(count):
        # progress's count of the latest period, beside the extra it judges (not instead of it)
        text = f"{value_with_unit(count, _decimals(row), unit)} {unit or 'people'} counted; {text}"
    return f"{text} ({_text(row.latest_period)})"


def _summary_row(
    row: Any, label: str, anchor: str, owner: str, points: Any, *, partnership: str
) -> SummaryRow:
    series = points(_text(row.target_id), _text(row.area_code))
    spark = sparkline(
        f"{anchor}-summary-spark",
        f"Recent values: {label}, {_text(row.area_name)}",
        _spark_words(series, row),
        series[-12:],
        width=72.0,
        height=20.0,
    )
    code = _england_code(row)
    quantity = quantity_words(_text(getattr(row, "judged_quantity", "")), _text(row.unit))
    latest = "No data" if is_missing(row.latest_value) else _value(row, "latest_value")
    if quantity and latest != "No data":
        latest = f"{latest} {quantity}"
        count = getattr(row, "latest_count", None)
        if not is_missing(count):
            latest = f"{value_with_unit(count, _decimals(row), '')} counted; {latest}"
    expected = getattr(row, "expected_value", None)
    return SummaryRow(
        ambition=int(row.ambition),
        ambition_title=_text(getattr(row, "ambition_title", "")),
        label=label,
        anchor=anchor,
        # the partnership is the default (the table's note says so); other areas are named
        area=""
        if _text(row.area_code) == partnership
        else _text(row.area_name) or area_name(_text(row.area_code)),
        latest=latest,
        latest_period=_text(row.latest_period),
        target=_goal(row),
        expected="–" if is_missing(expected) else _value(row, "expected_value"),
        trend=_trend(row),
        england=comparison_icon(code or None, "England", 16),
        england_words=icon_words(code or None),
        status=status_style(row.status),
        status_detail="",
        variation=variation_icon(getattr(row, "variation_icon", None), 22),
        variation_words=icon_words(getattr(row, "variation_icon", None)),
        assurance=assurance_icon(getattr(row, "assurance_icon", None), 22),
        assurance_words=icon_words(getattr(row, "assurance_icon", None)),
        spark=spark,
        owner=owner or "Not stated",
    )


def _places_row(rows: Sequence[Any], label: str, anchor: str, owner: str) -> SummaryRow:
    """A target judged place by place: the row counts the places' statuses."""
    counts: dict[str, int] = {}
    for r in rows:
        words = status_style(r.status).words
        counts[words] = counts.get(words, 0) + 1
    tally = ", ".join(f"{n} {w.lower()}" for w, n in counts.items())
    first = rows[0]
    empty = sparkline(f"{anchor}-summary-spark", "No single series", "Judged place by place.", [])
    return SummaryRow(
        ambition=int(first.ambition),
        ambition_title=_text(getattr(first, "ambition_title", "")),
        label=label,
        anchor=anchor,
        area=f"{len(rows)} places",
        latest="By place",
        latest_period="",
        target=_goal(first),
        expected="–",
        trend=_NOT_ASSESSED,
        england=comparison_icon(None, "England", 16),
        england_words="Not assessed",
        status=StatusStyle(f"{len(rows)} places", "none", "query"),
        status_detail=tally,
        variation=variation_icon(None, 22),
        variation_words="By place",
        assurance=assurance_icon(None, 22),
        assurance_words="By place",
        spark=empty,
        owner=owner or "Not stated",
    )


def _spark_words(series: Sequence[float], row: Any) -> str:
    finite = [v for v in series if not math.isnan(v)]
    if not finite:
        return "No values yet."
    unit = _text(row.unit)
    d = _decimals(row)
    return (
        f"{len(finite)} values, from {value_with_unit(finite[0], d, unit)} "
        f"to {value_with_unit(finite[-1], d, unit)}."
    )


def _headline(
    rows: Sequence[Any],
    summary: Sequence[SummaryRow],
    exceptions: Sequence[Exception_],
    quarter: str,
    n_ambitions: int,
) -> str:
    """One paragraph: how many judgements, how they fall, how many exceptions follow."""
    counts: dict[str, int] = {}
    for r in rows:
        words = status_style(r.status).words.lower()
        counts[words] = counts.get(words, 0) + 1
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    tally = ", ".join(f"{n} {w}" for w, n in order)
    flagged = len({(e.anchor, e.area) for e in exceptions})
    return (
        f"As at {quarter}, the report follows {len(summary)} targets across {n_ambitions} "
        f"ambitions, judged {len(rows)} times (a target once for the partnership, or once per "
        f"place): {tally}. {flagged} of these judgements are exceptions "
        "(off track, not met, outside the band, worsening, or significantly worse than England) "
        "and are listed after the summary table."
    )
