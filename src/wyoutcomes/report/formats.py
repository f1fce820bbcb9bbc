"""How the report writes numbers, periods and statuses — the same way on every machine.

Numbers use explicit format specs (never the locale): a comma between thousands, a full stop
for decimals and a true minus sign, at the indicator's published number of decimals.

>>> number(-1234.5, 1)
'−1,234.5'
>>> value_with_unit(12.345, 1, "%")
'12.3%'
>>> interval(11.2, 13.4, 1, "%")
'11.2% to 13.4%'
>>> STATUSES["off_track"].words
'Off track'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "STATUSES",
    "StatusStyle",
    "interval",
    "is_missing",
    "number",
    "percent",
    "signed",
    "status_style",
    "value_with_unit",
]

_MINUS = "\u2212"
_PERCENT_UNITS = {"%", "percent", "percentage"}


def is_missing(value: object) -> bool:
    """None, NaN and pandas' NA are all 'no value'."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):  # pandas NA refuses to be a bool
        return True


def number(value: object, decimals: int = 1) -> str:
    """``value`` with thousands separated by commas; an en dash when there is no value."""
    if is_missing(value):
        return "–"
    text = f"{float(value):,.{int(decimals)}f}"  # type: ignore[arg-type]
    if text.startswith("-"):
        text = text[1:]
        # a value that rounds to zero is not negative on the page
        return text if float(text.replace(",", "")) == 0 else _MINUS + text
    return text


def signed(value: object, decimals: int = 1) -> str:
    """A change, always with its sign: +1.2, −0.4, 0.0."""
    text = number(value, decimals)
    if is_missing(value) or text.startswith(_MINUS) or float(text.replace(",", "")) == 0:
        return text
    return "+" + text


def value_with_unit(value: object, decimals: int, unit: str | None) -> str:
    """A value in its unit: a percent sign sticks to the number, other units are left to headers."""
    text = number(value, decimals)
    if not is_missing(value) and (unit or "").strip().lower() in _PERCENT_UNITS:
        return text + "%"
    return text


def interval(lower: object, upper: object, decimals: int, unit: str | None = None) -> str:
    """A 95% interval as 'a to b' (never a hyphen, which reads as a minus); empty when unknown."""
    if is_missing(lower) or is_missing(upper):
        return ""
    return f"{value_with_unit(lower, decimals, unit)} to {value_with_unit(upper, decimals, unit)}"


def percent(probability: object) -> str:
    """A probability as a whole percentage, never claiming certainty it does not have.

    >>> percent(0.996), percent(0.004), percent(0.5)
    ('over 99%', 'under 1%', '50%')
    """
    if is_missing(probability):
        return "–"
    p = float(probability)  # type: ignore[arg-type]
    if p > 0.99:
        return "over 99%"
    if p < 0.01:
        return "under 1%"
    return f"{p * 100:.0f}%"


@dataclass(frozen=True)
class StatusStyle:
    """How a status looks: its words, its tone (for colour) and its icon (the shape signal)."""

    words: str
    tone: str  # good | bad | neutral | none
    icon: str  # tick | cross | dash | query | up | down


STATUSES: dict[str, StatusStyle] = {
    "met": StatusStyle("Met", "good", "tick"),
    "on_track": StatusStyle("On track", "good", "tick"),
    "within_band": StatusStyle("Within band", "good", "tick"),
    "improving": StatusStyle("Improving", "good", "up"),
    "behind_not_significant": StatusStyle("Behind, not significantly", "neutral", "dash"),
    "off_track": StatusStyle("Off track", "bad", "cross"),
    "not_met": StatusStyle("Not met", "bad", "cross"),
    "outside_band": StatusStyle("Outside band", "bad", "cross"),
    "worsening": StatusStyle("Worsening", "bad", "down"),
    "no_significant_change": StatusStyle("No significant change", "neutral", "dash"),
    "insufficient_data": StatusStyle("Insufficient data", "none", "query"),
    "no_data": StatusStyle("No data", "none", "query"),
}


def status_style(status: object) -> StatusStyle:
    """The style of a status word; an unknown word is shown as itself, never hidden."""
    if is_missing(status):
        return STATUSES["no_data"]
    key = str(status)
    return STATUSES.get(key, StatusStyle(key.replace("_", " ").capitalize(), "none", "query"))
