"""Quarter labels as people type them: one reader for every command and function that takes one.

The canonical spelling is the Fingertips one, ``"2024/25 Q2"`` (NHS financial quarters: Q1 is
April–June). Staff also write ``"Q2 2024/25"``, ``"2024-25 Q2"``, ``"2024/25 Quarter 2"``,
``"FY2024/25 Q2"`` or ``"2024/2025 Q2"``; all of these name the same quarter.

>>> parse_quarter("Q2 2024-25").label
'2024/25 Q2'
>>> parse_quarter("FY2024/25 Quarter 2").start.isoformat()
'2024-07-01'

A single year with a quarter (``"2024Q2"``, ``"2024 Q2"``, ``"Q2 2024"``) is refused: pandas and
the ONS read it as the *calendar* quarter April–June 2024, which is 2024/25 **Q1**, while NHS
staff who write it usually mean the *financial* quarter 2024/25 **Q2** (July–September). Guessing
either way would put values in the wrong quarter, so the message names both readings.

>>> parse_quarter("2024Q2")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wyoutcomes.errors.PeriodError: quarter '2024Q2' is ambiguous: ...
"""

from __future__ import annotations

import re
from datetime import date, datetime

from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period, PeriodType, quarter_of

__all__ = ["QUARTER_FORMS", "latest_complete_quarter", "parse_quarter"]

#: the spellings accepted, for help texts and docs (the first is the canonical one)
QUARTER_FORMS = (
    "2024/25 Q2",
    "Q2 2024/25",
    "2024-25 Q2",
    "Q2 2024-25",
    "2024/25 Quarter 2",
    "FY2024/25 Q2",
    "2024/2025 Q2",
)

# a financial year: optional "FY", a four-digit first year, "/" or "-", a two- or four-digit
# second year; a quarter: "Q" or "Quarter" and a digit (checked for 1–4 after matching, so
# "Q5" gets its own message rather than "not a quarter")
_YEARS = r"(?:fy\s*)?(?P<first>\d{4})\s*[/-]\s*(?P<second>\d{2}|\d{4})"
_NUMBER = r"(?:quarter|qtr|q)\s*(?P<number>\d)"
_GAP = r"\s*[,\s]\s*|\s*-\s*|\s*"
_FORMS = (
    re.compile(rf"{_YEARS}(?:{_GAP}){_NUMBER}"),
    re.compile(rf"{_NUMBER}(?:{_GAP}){_YEARS}"),
)
# one year and a quarter number: the calendar/financial ambiguity described above
_ONE_YEAR = (
    re.compile(r"(?:fy\s*)?(?P<year>\d{4})\s*[-\s]?\s*(?:quarter|qtr|q)\s*(?P<number>\d)"),
    re.compile(r"(?:quarter|qtr|q)\s*(?P<number>\d)\s*[-\s,]?\s*(?:fy\s*)?(?P<year>\d{4})"),
)
_HINT = 'write it as "2024/25 Q2" (financial year, then Q1–Q4; Q1 = April–June)'


def parse_quarter(value: str | Period) -> Period:
    """The NHS financial quarter a label names, in any of :data:`QUARTER_FORMS`.

    A :class:`~wyoutcomes.periods.Period` that is a quarter is returned as it is. Anything else
    raises :class:`~wyoutcomes.errors.PeriodError` with a short "did you mean" where the label
    is close to one.

    >>> parse_quarter("2024/25 q2") == parse_quarter("Q2 2024/2025")
    True
    >>> parse_quarter("2024/26 Q2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wyoutcomes.errors.PeriodError: quarter '2024/26 Q2': ... did you mean '2024/25 Q2'?
    """
    if isinstance(value, Period):
        if value.type is not PeriodType.FINANCIAL_QUARTER:
            raise PeriodError(f"{value.label!r} is a {value.type.value}, not a quarter; {_HINT}")
        return value
    if not isinstance(value, str):
        raise PeriodError(f"quarter {value!r} is a {type(value).__name__}, not text; {_HINT}")
    text = " ".join(value.split()).lower()
    for pattern in _FORMS:
        match = pattern.fullmatch(text)
        if match is not None:
            return _quarter(value, int(match["first"]), match["second"], int(match["number"]))
    for pattern in _ONE_YEAR:
        match = pattern.fullmatch(text)
        if match is not None:
            raise PeriodError(_ambiguous(value, int(match["year"]), int(match["number"])))
    raise PeriodError(f"{value!r} is not a quarter; {_HINT}{_did_you_mean(text)}")


def latest_complete_quarter(as_of: date) -> Period:
    """The last quarter that had ended by the day ``as_of`` (a quarter ending that day counts).

    >>> latest_complete_quarter(date(2024, 10, 20)).label
    '2024/25 Q2'
    >>> latest_complete_quarter(date(2024, 9, 30)).label
    '2024/25 Q2'
    """
    day = as_of.date() if isinstance(as_of, datetime) else as_of
    current = quarter_of(day)
    return current if current.end == day else current.previous()


def _quarter(label: str, first: int, second: str, number: int) -> Period:
    follows = (first + 1) % 100 if len(second) == 2 else first + 1
    if int(second) != follows:
        guess = f"{first}/{(first + 1) % 100:02d} Q{number if 1 <= number <= 4 else 1}"
        raise PeriodError(
            f"quarter {label!r}: {first}/{second} is not a financial year (the second year "
            f"must follow the first); did you mean {guess!r}?"
        )
    if not 1 <= number <= 4:
        raise PeriodError(
            f"quarter {label!r}: there is no Q{number}; a financial year has Q1 (April–June) "
            "to Q4 (January–March)"
        )
    return Period.parse(f"{first}/{(first + 1) % 100:02d} Q{number}", PeriodType.FINANCIAL_QUARTER)


def _ambiguous(label: str, year: int, number: int) -> str:
    if not 1 <= number <= 4:
        return f"quarter {label!r}: there is no Q{number}; {_HINT}"
    calendar = quarter_of(date(year, 3 * number - 2, 1))
    financial = f"{year}/{(year + 1) % 100:02d} Q{number}"
    months = {1: "January–March", 2: "April–June", 3: "July–September", 4: "October–December"}
    return (
        f"quarter {label!r} is ambiguous: as a calendar quarter ({months[number]} {year}) it is "
        f"{calendar.label!r}; as quarter {number} of the financial year starting in {year} it "
        f"is {financial!r}. Write one of those"
    )


def _did_you_mean(text: str) -> str:
    """A suggestion built from the first four-digit year and the quarter digit, if both show."""
    year = re.search(r"\d{4}", text)
    number = re.search(r"q[a-z]*\s*([1-4])", text)
    if year is None or number is None:
        return ""
    first = int(year[0])
    return f"; did you mean '{first}/{(first + 1) % 100:02d} Q{number[1]}'?"
