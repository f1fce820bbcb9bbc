"""Property tests for periods: round trips, ordering and the NHS quarter partition."""

import pickle
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period, PeriodType, end_of_quarter, quarter_of, quarters_between

years = st.integers(min_value=1850, max_value=2150)
months = st.integers(min_value=1, max_value=12)
days = st.dates(min_value=date(1850, 1, 1), max_value=date(2150, 12, 31))


@st.composite
def any_period(draw) -> Period:
    """A period of any type, built from dates (not from labels, so parsing is tested fairly)."""
    kind = draw(st.sampled_from(list(PeriodType)))
    year = draw(years)
    if kind in (PeriodType.MONTH, PeriodType.ROLLING_12_MONTHS):
        month = draw(months)
        last = date(year, month, 1)
        first = last if kind is PeriodType.MONTH else _month_shift(last, -11)
        return Period(kind, first, _month_shift(last, 1) - timedelta(days=1))
    if kind is PeriodType.FINANCIAL_QUARTER:
        return quarter_of(date(year, draw(months), 1))
    start_month = {
        PeriodType.FINANCIAL_YEAR: 4,
        PeriodType.FINANCIAL_YEARS_POOLED: 4,
        PeriodType.ACADEMIC_YEAR: 9,
    }.get(kind, 1)
    pooled = kind in (PeriodType.CALENDAR_YEARS_POOLED, PeriodType.FINANCIAL_YEARS_POOLED)
    length = draw(st.integers(min_value=2, max_value=10)) if pooled else 1
    first = date(year, start_month, 1)
    return Period(kind, first, _month_shift(first, 12 * length) - timedelta(days=1))


def _month_shift(first: date, n: int) -> date:
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


@given(any_period())
def test_label_round_trips_with_the_declared_type(period):
    assert Period.parse(period.label, period.type) == period
    assert Period.parse(period.label, period.type.value) == period


@given(any_period())
def test_label_round_trips_without_a_type_unless_academic_or_ambiguous(period):
    if period.type is PeriodType.ACADEMIC_YEAR:
        assert Period.parse(period.label).type is PeriodType.FINANCIAL_YEAR
        return
    if period.type is PeriodType.MONTH:
        # "YYYY-MM" also reads as a pool YYYY to the next year ending MM ("2009-11" = 2009–2011);
        # when that pool would be 2 to 10 years long the label needs a declared type
        year, month = period.start.year, period.start.month
        pool_end = year - year % 100 + month
        pool_end += 100 if pool_end <= year else 0
        if 2 <= pool_end - year + 1 <= 10:
            return
    assert Period.parse(period.label) == period


@given(any_period(), any_period())
def test_ordering_agrees_with_start_dates(a, b):
    if a.start < b.start:
        assert a < b
    if a.start == b.start and a.end < b.end:
        assert a < b
    assert (a < b) + (b < a) + (a == b) == 1  # exactly one holds: a total order


@given(any_period())
def test_the_period_holds_its_own_ends_and_mid_but_not_its_neighbours(period):
    assert period.contains(period.start) and period.contains(period.end)
    assert period.contains(period.mid)
    assert not period.contains(period.start - timedelta(days=1))
    assert not period.contains(period.end + timedelta(days=1))


@given(any_period())
def test_next_and_previous_are_inverse(period):
    assert period.next().previous() == period
    assert period.next() > period


@given(days)
def test_every_day_lies_in_exactly_one_quarter(day):
    quarter = quarter_of(day)
    assert quarter.type is PeriodType.FINANCIAL_QUARTER
    assert quarter.contains(day)
    assert end_of_quarter(day) == quarter.end
    assert not quarter.previous().contains(day)
    assert not quarter.next().contains(day)
    # quarters are contiguous: the next one starts the day after this one ends
    assert quarter.next().start == quarter.end + timedelta(days=1)
    assert 90 <= quarter.days <= 92


@given(days, st.integers(min_value=0, max_value=800))
def test_quarters_between_cover_the_range_without_gaps(first, span):
    last = first + timedelta(days=span)
    quarters = list(quarters_between(first, last))
    assert quarters[0].contains(first) and quarters[-1].contains(last)
    for before, after in pairwise(quarters):
        assert after.start == before.end + timedelta(days=1)


label_like = st.text(alphabet="0123456789/- QqJanulyec", max_size=24)


@given(st.one_of(st.text(max_size=30), label_like))
def test_any_text_parses_or_raises_a_period_error(text):
    for declared in (None, *PeriodType):
        try:
            period = Period.parse(text, declared)
        except PeriodError as exc:
            assert repr(text) in str(exc)
        else:
            assert Period.parse(period.label, period.type) == period


@given(any_period())
def test_periods_pickle(period):
    assert pickle.loads(pickle.dumps(period)) == period
