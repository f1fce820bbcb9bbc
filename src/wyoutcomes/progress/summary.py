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

__all__ = ["describe", "format_number"]

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
        return f"{name} (extra since the baseline year)"
    return name


def describe(row: Mapping[str, object], reason: str = "") -> str:
    """The sentence for one row (a mapping of progress-frame columns).

    When the row's series joins two area codes (``footprint_change``), the sentence ends by
    saying so: a change across the join may be the footprint's, not the population's.
    """
    sentence = _finding(row, reason)
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
        reached = f"{area} has already reached the target for {what}"
        return f"{reached}: {latest} against {target}{since}."
    if status == "not_met":
        assessed = f"{num('assessed_value', True)} in {row.get('assessed_period')}"
        return f"{area} did not meet the target for {what}: {assessed} against {target}{since}."
    phrase = "on track" if status == "on_track" else "off track"
    chance = ""
    probability = row.get("probability_met")
    if isinstance(probability, float) and math.isfinite(probability):
        chance = f"; on recent trends the chance of meeting it is {probability:.0%}"
    return (
        f"{area} is {phrase} for {what}: {latest} against {num('expected_value')} expected "
        f"on the way to {target}{since}{chance}."
    )


def _halt_sentence(row: Mapping[str, object], area: str, what: str, latest: str) -> str:
    slope = row.get("trend_slope")
    status = row.get("status")
    if not isinstance(slope, float) or not math.isfinite(slope):
        return f"{area}: {what} was {latest}."
    unit = row.get("unit")
    # a change in a percentage is in percentage points, not per cent
    unit = "percentage points" if unit in ("%", "percent", "percentage") else unit
    per_year = format_number(abs(slope), row.get("decimals"), unit)
    moving = "rising" if slope > 0 else "falling" if slope < 0 else "flat"
    verdict = {
        "on_track": "the trend has halted so far",
        "off_track": "the trend has not yet halted",
        "met": "the trend was halted by the deadline",
        "not_met": "the trend was not halted by the deadline",
    }.get(str(status), str(status))
    return f"{area}: {verdict} — {what} is {moving} by {per_year} a year, latest {latest}."
