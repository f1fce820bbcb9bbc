"""Reporting periods: one value type for every period label the plan and its data use.

A :class:`Period` has a type, a first and a last day (both inclusive), a canonical label and a
mid-point (used to place a value on a trajectory). Labels follow OHID Fingertips spellings
(``"2017 - 19"``, ``"2016/17 - 18/19"``, ``"2024/25 Q2"``) so exported data parse unchanged.

>>> p = Period.parse("2017-19")
>>> p.label, p.type.value, p.start.isoformat(), p.end.isoformat()
('2017 - 19', 'calendar_years_pooled', '2017-01-01', '2019-12-31')
>>> Period.parse("2018/19", "academic_year").start.isoformat()
'2018-09-01'
>>> quarter_of(date(2024, 8, 15)).label
'2024/25 Q2'

A bare ``"2018/19"`` is read as a *financial* year: financial and academic years share one
spelling and the financial year is by far the commoner in NHS data, so an academic year must be
declared (``period_type="academic_year"``). See docs/periods-and-areas.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from functools import lru_cache, total_ordering

from wyoutcomes.errors import PeriodError

__all__ = [
    "ACCEPTED_FORMS",
    "Period",
    "PeriodType",
    "end_of_quarter",
    "quarter_of",
    "quarters_between",
]

#: years outside this range are almost certainly typing errors ("2919"); dates stay in range
MIN_YEAR, MAX_YEAR = 1800, 2200
#: longest pool of years accepted; Fingertips pools span 2–5 years, and the cap keeps "2024-07"
#: (a month) from also reading as an 84-year pool 2024–2107
MAX_POOLED_YEARS = 10


class PeriodType(str, Enum):
    """The kinds of period; the value is the name used in definitions and data, and what a
    member prints as (``str(PeriodType.MONTH) == "month"``)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    CALENDAR_YEAR = "calendar_year"
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEARS_POOLED = "calendar_years_pooled"
    FINANCIAL_YEARS_POOLED = "financial_years_pooled"
    FINANCIAL_QUARTER = "financial_quarter"
    MONTH = "month"
    ROLLING_12_MONTHS = "rolling_12_months"


ACCEPTED_FORMS: dict[PeriodType, tuple[str, ...]] = {
    PeriodType.CALENDAR_YEAR: ("2019",),
    PeriodType.FINANCIAL_YEAR: ("2019/20", "2019/2020"),
    PeriodType.ACADEMIC_YEAR: ("2018/19 (only with period_type='academic_year')",),
    PeriodType.CALENDAR_YEARS_POOLED: ("2017 - 19", "2017-19", "2017 - 2019"),
    PeriodType.FINANCIAL_YEARS_POOLED: ("2016/17 - 18/19", "2016/17 - 2018/19"),
    PeriodType.FINANCIAL_QUARTER: ("2024/25 Q2 (Q1 = Apr–Jun)",),
    PeriodType.MONTH: ("2024-07", "Jul 2024", "July 2024"),
    PeriodType.ROLLING_12_MONTHS: (
        "12 months to 2024-07",
        "Aug 2023 - Jul 2024",
        "2023/24 Q3 - 2024/25 Q2",
    ),
}

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# first month of each type's year (pooled years start in the same month as single years)
_YEAR_START_MONTH = {
    PeriodType.CALENDAR_YEAR: 1,
    PeriodType.CALENDAR_YEARS_POOLED: 1,
    PeriodType.FINANCIAL_YEAR: 4,
    PeriodType.FINANCIAL_YEARS_POOLED: 4,
    PeriodType.ACADEMIC_YEAR: 9,
}
_FIXED_LENGTH_MONTHS = {
    PeriodType.CALENDAR_YEAR: 12,
    PeriodType.FINANCIAL_YEAR: 12,
    PeriodType.ACADEMIC_YEAR: 12,
    PeriodType.FINANCIAL_QUARTER: 3,
    PeriodType.MONTH: 1,
    PeriodType.ROLLING_12_MONTHS: 12,
}
_TYPE_ORDER = {t: i for i, t in enumerate(PeriodType)}


def _add_months(first: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``first``."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _months_between(first: date, last: date) -> int:
    """Whole months from the month of ``first`` to the month after ``last``."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _as_date(value: date) -> date:
    # datetime (and pandas Timestamp) subclass date but refuse to compare with a plain date
    return value.date() if isinstance(value, datetime) else value


@total_ordering
@dataclass(frozen=True)
class Period:
    """A reporting period: its type and its first and last day (inclusive).

    Build one with :meth:`Period.parse` or :func:`quarter_of`; the constructor checks that the
    dates fit the type. Periods sort by (start, end), then by type.

    >>> Period.parse("2019/20") < Period.parse("2024/25 Q2")
    True
    >>> Period.parse("2019/20").mid.isoformat()
    '2019-09-30'
    """

    type: PeriodType
    start: date
    end: date

    def __post_init__(self) -> None:
        try:
            kind = PeriodType(self.type)
        except ValueError:
            raise PeriodError(_unknown_type_message(self.type)) from None
        object.__setattr__(self, "type", kind)
        if not (isinstance(self.start, date) and isinstance(self.end, date)):
            raise PeriodError(
                f"a {kind.value} period needs start and end dates, "
                f"not {self.start!r} and {self.end!r}"
            )
        start, end = _as_date(self.start), _as_date(self.end)
        for day in (start, end):
            _check_year(day.year, f"{start.isoformat()} to {end.isoformat()}")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        problem = _shape_problem(kind, start, end)
        if problem:
            raise PeriodError(
                f"{start.isoformat()} to {end.isoformat()} is not a {kind.value} period: {problem}"
            )

    # -- reading -----------------------------------------------------------------------------

    @classmethod
    def parse(cls, label: str | Period, period_type: PeriodType | str | None = None) -> Period:
        """Read a period label; ``period_type`` is required for academic years.

        >>> Period.parse("2024/25 Q2").start.isoformat()
        '2024-07-01'
        >>> Period.parse("12 months to 2024-07").start.isoformat()
        '2023-08-01'
        """
        kind = None
        if period_type is not None:
            try:
                kind = PeriodType(period_type)
            except ValueError:
                raise PeriodError(_unknown_type_message(period_type)) from None
        if isinstance(label, Period):
            if kind is not None and label.type is not kind:
                raise PeriodError(
                    f"period {label.label!r} is a {label.type.value}, not a {kind.value}"
                )
            return label
        if not isinstance(label, str):
            raise PeriodError(
                f"period label {label!r} is a {type(label).__name__}, not text; "
                f"accepted forms: {_forms_text(kind)}"
            )
        return _parse_cached(label, kind)

    # -- derived values ------------------------------------------------------------------------

    @property
    def label(self) -> str:
        """The canonical label (Fingertips spelling where Fingertips has one)."""
        t, s, e = self.type, self.start, self.end
        if t is PeriodType.CALENDAR_YEAR:
            return f"{s.year}"
        if t in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR):
            return _year_pair(s.year)
        if t is PeriodType.CALENDAR_YEARS_POOLED:
            return f"{s.year} - {e.year % 100:02d}"
        if t is PeriodType.FINANCIAL_YEARS_POOLED:
            return f"{_year_pair(s.year)} - {_year_pair(e.year - 1)[2:]}"
        if t is PeriodType.FINANCIAL_QUARTER:
            first_year = s.year if s.month >= 4 else s.year - 1
            return f"{_year_pair(first_year)} Q{(s.month - 4) % 12 // 3 + 1}"
        if t is PeriodType.MONTH:
            return f"{s.year}-{s.month:02d}"
        return f"12 months to {e.year}-{e.month:02d}"

    @property
    def mid(self) -> date:
        """The middle day (rounded down): where a value for the period sits on a trajectory."""
        return self.start + timedelta(days=(self.end - self.start).days // 2)

    @property
    def days(self) -> int:
        """Number of days in the period, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """True if ``day`` falls within the period (ends included).

        >>> Period.parse("2019/20").contains(date(2020, 3, 31))
        True
        """
        return self.start <= _as_date(day) <= self.end

    def shift(self, steps: int) -> Period:
        """The period of the same type ``steps`` steps later (earlier if negative).

        A step is a year for yearly and pooled periods (so "2017 - 19" moves to "2018 - 20",
        the next Fingertips value), a quarter for quarters and a month for months and rolling
        12-month periods.

        >>> Period.parse("2017 - 19").shift(1).label
        '2018 - 20'
        """
        step = {
            PeriodType.FINANCIAL_QUARTER: 3,
            PeriodType.MONTH: 1,
            PeriodType.ROLLING_12_MONTHS: 1,
        }.get(self.type, 12)
        start = _add_months(self.start, steps * step)
        end = _add_months(self.end.replace(day=1), steps * step + 1) - timedelta(days=1)
        _check_year(start.year, self.label)
        _check_year(end.year, self.label)
        return Period(self.type, start, end)

    def next(self) -> Period:
        """The following period of the same type (see :meth:`shift`)."""
        return self.shift(1)

    def previous(self) -> Period:
        """The preceding period of the same type (see :meth:`shift`)."""
        return self.shift(-1)

    def quarters(self) -> list[Period]:
        """The NHS financial quarters that overlap this period, in order.

        >>> [q.label for q in Period.parse("2019").quarters()]
        ['2018/19 Q4', '2019/20 Q1', '2019/20 Q2', '2019/20 Q3']
        """
        return list(quarters_between(self.start, self.end))

    # -- ordering and display --------------------------------------------------------------------

    def _key(self) -> tuple[date, date, int]:
        return (self.start, self.end, _TYPE_ORDER[self.type])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"Period.parse({self.label!r}, {self.type.value!r})"


def quarter_of(day: date) -> Period:
    """The NHS financial quarter containing ``day`` (Q1 = April–June).

    >>> quarter_of(date(2025, 2, 1)).label
    '2024/25 Q4'
    """
    day = _as_date(day)
    start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return Period(PeriodType.FINANCIAL_QUARTER, start, _add_months(start, 3) - timedelta(days=1))


def end_of_quarter(day: date) -> date:
    """The last day of the NHS financial quarter containing ``day``.

    >>> end_of_quarter(date(2024, 5, 9)).isoformat()
    '2024-06-30'
    """
    return quarter_of(day).end


def quarters_between(first: date, last: date) -> Iterator[Period]:
    """Every NHS financial quarter overlapping ``first``…``last`` (inclusive), in order.

    >>> [q.label for q in quarters_between(date(2024, 3, 31), date(2024, 4, 1))]
    ['2023/24 Q4', '2024/25 Q1']
    """
    quarter = quarter_of(first)
    last = _as_date(last)
    while quarter.start <= last:
        yield quarter
        quarter = quarter.next()


# -- construction checks ---------------------------------------------------------------------


def _shape_problem(kind: PeriodType, start: date, end: date) -> str | None:
    """Why (start, end) cannot be a period of ``kind``, or None if it can."""
    if start.day != 1:
        return "it must start on the first day of a month"
    if end < start:
        return "it ends before it starts"
    if end + timedelta(days=1) != _add_months(end.replace(day=1), 1):
        return "it must end on the last day of a month"
    months = _months_between(start, end)
    year_start = _YEAR_START_MONTH.get(kind)
    if year_start is not None and start.month != year_start:
        return f"it must start in month {year_start}"
    if kind is PeriodType.FINANCIAL_QUARTER and start.month % 3 != 1:
        return "it must start in April, July, October or January"
    expected = _FIXED_LENGTH_MONTHS.get(kind)
    if expected is not None and months != expected:
        return f"it must last {expected} months, not {months}"
    if expected is None and (months % 12 or not 2 <= months // 12 <= MAX_POOLED_YEARS):
        return f"a pool must be 2 to {MAX_POOLED_YEARS} whole years, not {months} months"
    return None


def _check_year(year: int, label: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            f"period {label!r}: year {year} is outside the supported range {MIN_YEAR}–{MAX_YEAR}"
        )


def _year_pair(first_year: int) -> str:
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def _unknown_type_message(value: object) -> str:
    names = ", ".join(t.value for t in PeriodType)
    return f"unknown period type {value!r}; expected one of: {names}"


def _forms_text(kind: PeriodType | None) -> str:
    kinds = [kind] if kind is not None else list(PeriodType)
    return "; ".join(f"{k.value}: " + ", ".join(repr(f) for f in ACCEPTED_FORMS[k]) for k in kinds)


# -- the label grammar ---------------------------------------------------------------------------
# Each reader gets the regex match and returns a Period or raises PeriodError with the specific
# reason (e.g. "2019/21": the years are not consecutive). A label may match several readers;
# the declared type, or failing that the only successful reading, decides.


def _year(text: str, label: str) -> int:
    year = int(text)
    _check_year(year, label)
    return year


def _following(first_year: int, text: str, label: str) -> int:
    """The year ``text`` names (2 digits: the first year after ``first_year`` ending so)."""
    if len(text) == 4:
        return _year(text, label)
    year = first_year - first_year % 100 + int(text)
    return year if year > first_year else year + 100


def _fy_start(first: str, second: str, label: str) -> int:
    """Start year of a financial (or academic) year written first/second."""
    year = _year(first, label)
    if _following(year, second, label) != year + 1:
        raise PeriodError(
            f"period {label!r}: {first}/{second} is not a year pair; "
            f"the second year must follow the first, as in {_year_pair(year)!r}"
        )
    return year


def _single_year(kind: PeriodType, year: int) -> Period:
    start = date(year, _YEAR_START_MONTH[kind], 1)
    return Period(kind, start, _add_months(start, 12) - timedelta(days=1))


def _pool(kind: PeriodType, first: int, last: int, label: str) -> Period:
    years = last - first + 1
    if not 2 <= years <= MAX_POOLED_YEARS:
        raise PeriodError(
            f"period {label!r}: a pooled period must cover 2 to {MAX_POOLED_YEARS} years, "
            f"this one covers {years}"
        )
    start = date(first, _YEAR_START_MONTH[kind], 1)
    return Period(kind, start, _add_months(start, 12 * years) - timedelta(days=1))


def _month_number(text: str, label: str) -> int:
    lowered = text.lower()
    if lowered[:3] in _MONTHS and (lowered in _MONTHS or lowered in _MONTH_NAMES):
        return _MONTHS.index(lowered[:3]) + 1
    raise PeriodError(f"period {label!r}: {text!r} is not a month name (Jan … Dec)")


def _month(year: int, month: int, label: str) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(f"period {label!r}: month {month:02d} is not between 01 and 12")
    start = date(year, month, 1)
    return Period(PeriodType.MONTH, start, _add_months(start, 1) - timedelta(days=1))


def _rolling(first: Period, last: Period, label: str) -> Period:
    months = _months_between(first.start, last.end)
    if months != 12:
        raise PeriodError(
            f"period {label!r}: a rolling period must span 12 months, this one spans {months}"
        )
    return Period(PeriodType.ROLLING_12_MONTHS, first.start, last.end)


def _rolling_to(last: Period) -> Period:
    """The 12 months ending with the month ``last``."""
    return Period(PeriodType.ROLLING_12_MONTHS, _add_months(last.start, -11), last.end)


def _quarter(first: str, second: str, number: str, label: str) -> Period:
    year = _fy_start(first, second, label)
    if not 1 <= int(number) <= 4:
        raise PeriodError(f"period {label!r}: quarter Q{number} is not one of Q1 … Q4")
    start = _add_months(date(year, 4, 1), 3 * (int(number) - 1))
    return Period(PeriodType.FINANCIAL_QUARTER, start, _add_months(start, 3) - timedelta(days=1))


_Reader = Callable[[re.Match[str], str], Period]
_Y4, _Y2 = r"(\d{4})", r"(\d{2}|\d{4})"
_FY = rf"{_Y4}/{_Y2}"
_MON = r"([A-Za-z]{3,9})\s+(\d{4})"
_QTR = rf"{_FY}\s*[Qq](\d)"

_READERS: list[tuple[PeriodType, re.Pattern[str], _Reader]] = [
    (
        PeriodType.CALENDAR_YEAR,
        re.compile(rf"{_Y4}"),
        lambda m, s: _single_year(PeriodType.CALENDAR_YEAR, _year(m[1], s)),
    ),
    (
        PeriodType.FINANCIAL_YEAR,
        re.compile(_FY),
        lambda m, s: _single_year(PeriodType.FINANCIAL_YEAR, _fy_start(m[1], m[2], s)),
    ),
    (
        PeriodType.ACADEMIC_YEAR,
        re.compile(_FY),
        lambda m, s: _single_year(PeriodType.ACADEMIC_YEAR, _fy_start(m[1], m[2], s)),
    ),
    (
        PeriodType.CALENDAR_YEARS_POOLED,
        re.compile(rf"{_Y4}\s*-\s*{_Y2}"),
        lambda m, s: _pool(
            PeriodType.CALENDAR_YEARS_POOLED,
            _year(m[1], s),
            _following(int(m[1]), m[2], s),
            s,
        ),
    ),
    (
        PeriodType.FINANCIAL_YEARS_POOLED,
        re.compile(rf"{_FY}\s*-\s*{_Y2}/{_Y2}"),
        lambda m, s: _pool(
            PeriodType.FINANCIAL_YEARS_POOLED,
            _fy_start(m[1], m[2], s),
            _fy_start(str(_following(int(m[1]), m[3], s)), m[4], s),
            s,
        ),
    ),
    (
        PeriodType.FINANCIAL_QUARTER,
        re.compile(_QTR),
        lambda m, s: _quarter(m[1], m[2], m[3], s),
    ),
    (
        PeriodType.MONTH,
        re.compile(rf"{_Y4}-(\d{{2}})"),
        lambda m, s: _month(_year(m[1], s), int(m[2]), s),
    ),
    (
        PeriodType.MONTH,
        re.compile(_MON),
        lambda m, s: _month(_year(m[2], s), _month_number(m[1], s), s),
    ),
    (
        PeriodType.ROLLING_12_MONTHS,
        re.compile(rf"12\s+months\s+(?:to|ending)\s+{_Y4}-(\d{{2}})", re.IGNORECASE),
        lambda m, s: _rolling_to(_month(_year(m[1], s), int(m[2]), s)),
    ),
    (
        PeriodType.ROLLING_12_MONTHS,
        re.compile(rf"{_MON}\s*-\s*{_MON}"),
        lambda m, s: _rolling(
            _month(_year(m[2], s), _month_number(m[1], s), s),
            _month(_year(m[4], s), _month_number(m[3], s), s),
            s,
        ),
    ),
    (
        PeriodType.ROLLING_12_MONTHS,
        re.compile(rf"{_QTR}\s*-\s*{_QTR}"),
        lambda m, s: _rolling(_quarter(m[1], m[2], m[3], s), _quarter(m[4], m[5], m[6], s), s),
    ),
]


@lru_cache(maxsize=4096)
def _parse_cached(label: str, kind: PeriodType | None) -> Period:
    # data frames repeat the same few labels many times, so parsing is cached
    text = " ".join(label.split())
    readings: list[Period] = []
    problems: list[tuple[PeriodType, str]] = []
    for reader_kind, pattern, reader in _READERS:
        if kind is None and reader_kind is PeriodType.ACADEMIC_YEAR:
            continue  # an academic year must be declared: the label alone reads as financial
        if kind is not None and reader_kind is not kind:
            continue
        match = pattern.fullmatch(text)
        if match is None:
            continue
        try:
            readings.append(reader(match, label))
        except PeriodError as exc:
            problems.append((reader_kind, str(exc)))
    if len(readings) == 1:
        return readings[0]
    if len(readings) > 1:
        options = " or ".join(f"{p.type.value} {p.start}…{p.end}" for p in readings)
        raise PeriodError(
            f"period {label!r} is ambiguous: it reads as {options}; declare period_type "
            f"(or write a pooled period with spaces, as in '2009 - 11')"
        )
    if problems:
        kinds = list(dict.fromkeys(k for k, _ in problems))
        prefix = f"period {label!r}: "
        reasons = "; or ".join(message.removeprefix(prefix) for _, message in problems)
        forms = "; ".join(_forms_text(k) for k in kinds)
        raise PeriodError(f"{prefix}{reasons}. Accepted forms: {forms}")
    wanted = f"a {kind.value} label" if kind is not None else "a period label"
    raise PeriodError(f"{label!r} is not {wanted}; accepted forms: {_forms_text(kind)}")
