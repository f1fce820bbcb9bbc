"""One plain-English sentence per progress row, written from the row's own columns.

The sentence states the finding first (the status in words), then the numbers that support it,
so it still reads correctly when lifted out of the report. Numbers are shown at the indicator's
published precision.

>>> describe({"area_name": "Leeds", "indicator_name": "suicide rate", "status": "off_track",
...           "judged_quantity": "value", "unit": "per 100,000", "decimals": 1,
...           "latest_period": "2020 - 22", "latest_value": 11.93, "expected_value": 11.2,
...           "target_value": 10.5, "deadline": "2023", "qualifier": "no_significant_change",
...           "baseline_period": "2016 - 18", "baseline_value": 11.8})
'Leeds is off track for suicide rate: 11.9 per 100,000 in 2020 - 22 against 11.2 expected on the way to 10.5 by 2023, no significant change since 2016 - 18 (11.8).'
"""  # noqa: E501  (a doctest's expected output is one long line, as the sentence is)

from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = ["change_unit", "describe", "format_number"]

_QUALIFIER_WORDS = {
    "improving": "a significant improvement since",
    "no_significant_change": "no significant change since",
    "worsening": "significantly worse than in",
}


def format_number(value: object, decimals: object = None, unit: object = None) -> str:
    """A value at the published precision with its unit ('12.3%', '1,382 people').

    >>> format_number(1382.0, 0, "people")
    '1,382 people'
    >>> format_number(12.345, 1, "%")
    '12.3%'
    """
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return "no value"
    places = decimals if isinstance(decimals, int) and decimals >= 0 else 2
    text = f"{value:,.{places}f}"
    if isinstance(unit, str) and unit.strip():
        unit = unit.strip()
        return f"{text}%" if unit in ("%", "percent", "percentage") else f"{text} {unit}"
    return text


def _quantity(row: Mapping[str, object]) -> str:
    name = str(row.get("indicator_name") or row.get("indicator_id") or "the indicator")
    judged = row.get("judged_quantity")
    if judged == "gap":
        return f"the gap in {name}"
    if judged == "cumulative_extra":
        return f"{name} (extra people since the baseline year, added up)"
    if judged == "extra_per_year":
        return f"{name} (extra people a year over the baseline year)"
    return name


_PERCENT = ("%", "percent", "percentage")


def change_unit(unit: object) -> object:
    """The unit of a change in a quantity: a change of a percentage is in percentage points.

    >>> change_unit("%"), change_unit("per 100,000")
    ('percentage points', 'per 100,000')
    """
    return "percentage points" if unit in _PERCENT else unit


_COMPARED = {
    "better": "significantly better than",
    "worse": "significantly worse than",
    "similar": "similar to",
    "higher": "significantly higher than",
    "lower": "significantly lower than",
}


def _compared(row: Mapping[str, object]) -> str:
    parts = []
    for column, name in (("compared_with_england", "England"), ("compared_with_region", None)):
        words = _COMPARED.get(str(row.get(column)))
        if words:
            parts.append(f"{words} {name or 'the region'}")
    return f" ({' and '.join(parts)})" if parts else ""


def _count_sentence(row: Mapping[str, object], area: str, status: str) -> str | None:
    """count_increase rows: the people counted, the extra, and the target, each named."""
    count = row.get("latest_count")
    if not isinstance(count, float) or not math.isfinite(count):
        return None
    name = str(row.get("indicator_name") or row.get("indicator_id") or "the indicator")
    base = row.get("baseline_period")
    extra = row.get("latest_value")
    target = format_number(row.get("target_value"), 0)
    counted = format_number(count, 0, "people")
    if row.get("judged_quantity") == "extra_per_year":
        more = format_number(extra, 0)
        did = f"{counted} in {row.get('latest_period')}, {more} more than in {base}"
        aim = f"{target} more a year by {row.get('deadline')}"
    else:
        did = (
            f"{format_number(extra, 0, 'people')} more than at the {base} level, added up over "
            f"the years since {base} ({counted} in {row.get('latest_period')})"
        )
        aim = f"{target} more people in all by {row.get('deadline')}"
    verdict = _VERDICTS.get(status, status.replace("_", " "))
    return f"{area} {verdict} for {name}: {did}, against {aim}."


_VERDICTS = {
    "met": "has met the target",
    "not_met": "did not meet the target",
    "on_track": "is on track",
    "off_track": "is off track",
    "behind_not_significant": "is behind the trajectory, not significantly,",
}


_STILL_RUNNING = ("on_track", "off_track", "behind_not_significant")


def describe(row: Mapping[str, object], reason: str = "") -> str:
    """The sentence for one row (a mapping of progress-frame columns).

    When the row's series joins two area codes (``footprint_change``), the sentence ends by
    saying so: a change across the join may be the footprint's, not the population's.
    """
    sentence = _finding(row, reason)
    if row.get("deadline_passed") is True and row.get("status") in _STILL_RUNNING:
        # judged on the trajectory although the deadline is over: say why, in the sentence
        sentence = f"{sentence[:-1]}; the deadline has passed without a comparable value for it."
    excluded = row.get("excluded_periods")
    if isinstance(excluded, str) and excluded and row.get("status") != "no_data":
        labels = "; ".join(part.split(":", 1)[0] for part in excluded.split(" / "))
        sentence = f"{sentence[:-1]}; {labels} left out as a series break."
    change = row.get("footprint_change")
    if isinstance(change, str) and change and row.get("status") != "no_data":
        sentence = f"{sentence[:-1]}; the series joins {change}."
    return sentence


def _finding(row: Mapping[str, object], reason: str = "") -> str:
    area = str(row.get("area_name") or row.get("area_code") or "This area")
    what = _quantity(row)
    status = row.get("status")
    decimals, unit = row.get("decimals"), row.get("unit")

    def num(column: str, with_unit: bool = False) -> str:
        # the unit once, on the first number of the sentence: repeated it reads as clutter
        return format_number(row.get(column), decimals, unit if with_unit else None)

    latest = f"{num('latest_value', with_unit=True)} in {row.get('latest_period')}"
    deadline = row.get("deadline")
    since = ""
    words = _QUALIFIER_WORDS.get(str(row.get("qualifier")))
    if words and row.get("baseline_period"):
        since = f", {words} {row.get('baseline_period')}"
        if row.get("judged_quantity") != "cumulative_extra":  # the running total starts at 0
            since += f" ({num('baseline_value')})"

    if row.get("area_code") is None and status == "no_data":
        return f"The plan names no area for this target yet, so {what} cannot be judged."
    if status == "no_data":
        up_to = row.get("as_at") or "the as-at date"
        return f"{area} has no value for {what} in any period up to {up_to}."
    if status == "insufficient_data":
        why = f" ({reason})" if reason else ""
        latest_value = row.get("latest_value")
        if isinstance(latest_value, float) and math.isfinite(latest_value):
            return f"{area}: {what} cannot be judged yet{why}; the latest value is {latest}."
        return f"{area}: {what} cannot be judged yet{why}."
    if status == "within_band" or status == "outside_band":
        where = "inside" if status == "within_band" else "outside"
        band = f"{num('band_lower')} to {num('band_upper')}"
        return f"{area}: {what} was {latest}, {where} the target band of {band}{since}."
    if row.get("target_kind") == "halt_trend":
        return _halt_sentence(row, area, what, latest)
    if row.get("target_kind") == "count_increase" and status in _VERDICTS:
        counted = _count_sentence(row, area, str(status))
        if counted:
            return counted
    if status in ("improving", "no_significant_change", "worsening"):
        verb = {
            "improving": "has improved significantly",
            "no_significant_change": "shows no significant change",
            "worsening": "has worsened significantly",
        }[str(status)]
        start = f" since {row.get('baseline_period')} ({num('baseline_value')})"
        return f"{area}: {what} {verb}{start}, at {latest}."
    target = f"{num('target_value')} by {deadline}"
    if status == "met" and row.get("deadline_passed") and row.get("assessed_period") == deadline:
        return f"{area} met the target for {what}: {latest} against {target}{since}."
    if status == "met" and row.get("deadline_passed"):
        assessed = f"{num('assessed_value', True)} in {row.get('assessed_period')}"
        return f"{area} met the target for {what}: {assessed} against {target}{since}."
    if status == "met":
        reached = f"{area} has already met the target for {what}"
        how = (
            ", its whole 95% CI past the target"
            if row.get("status_basis") == "ci_beyond_target"
            else ", in two independent periods running"
        )
        return f"{reached}{how}: {latest} against {target}{since}{_compared(row)}."
    if status == "not_met":
        assessed = f"{num('assessed_value', True)} in {row.get('assessed_period')}"
        return f"{area} did not meet the target for {what}: {assessed} against {target}{since}."
    chance = ""
    probability = row.get("probability_met")
    if isinstance(probability, float) and math.isfinite(probability):
        likely = row.get("probability_band")
        words = f" ({likely})" if isinstance(likely, str) and likely else ""
        points = row.get("projection_points")
        on = f" on {points} independent periods" if isinstance(points, int) and points else ""
        chance = f"; on the trend{on} the chance of meeting it is {probability:.0%}{words}"
    compared = _compared(row)
    if status == "on_track" and row.get("status_basis") == "target_reached_once":
        return (
            f"{area} is on track for {what}, having reached the target once (not yet "
            f"sustained): {latest} against {target}{since}{compared}{chance}."
        )
    if status == "behind_not_significant":
        ci = (
            f"{num('latest_lower_ci')} to {num('latest_upper_ci')}"
            if isinstance(row.get("latest_lower_ci"), float)
            else ""
        )
        holds = f"; its 95% CI ({ci}) holds the expected value" if ci else ""
        return (
            f"{area} is behind the trajectory for {what}, but not significantly: {latest} "
            f"against {num('expected_value')} expected on the way to {target}{holds}"
            f"{since}{compared}{chance}."
        )
    phrase = "on track" if status == "on_track" else "off track"
    if status == "off_track" and row.get("status_basis") == "ci_excludes_trajectory":
        phrase = "off track, significantly behind the trajectory,"
    return (
        f"{area} is {phrase} for {what}: {latest} against {num('expected_value')} expected "
        f"on the way to {target}{since}{compared}{chance}."
    )


def _halt_sentence(row: Mapping[str, object], area: str, what: str, latest: str) -> str:
    slope = row.get("trend_slope")
    status = row.get("status")
    if not isinstance(slope, float) or not math.isfinite(slope):
        return f"{area}: {what} was {latest}."
    # a change in a percentage is in percentage points, not per cent
    unit = change_unit(row.get("unit"))
    per_year = format_number(abs(slope), row.get("decimals"), unit)
    moving = "rising" if slope > 0 else "falling" if slope < 0 else "flat"
    verdict = {
        "on_track": "the trend has halted so far",
        "off_track": "the trend has not yet halted",
        "met": "the trend was halted by the deadline",
        "not_met": "the trend was not halted by the deadline",
    }.get(str(status), str(status))
    return f"{area}: {verdict} — {what} is {moving} by {per_year} a year, latest {latest}."
