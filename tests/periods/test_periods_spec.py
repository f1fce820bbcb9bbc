"""Spec tests for period labels: each label beside the dates and canonical label it must give.

Expected dates are worked by hand from the definitions in the issue (financial year 1 April –
31 March, academic year 1 September – 31 August, NHS Q1 = April–June) and from the Fingertips
label spellings in docs/reference (`TimePeriodFormatter.cs`: "2006 - 08", "2006/07 - 08/09",
"2006/07 Q1", "Jul 2006 - Jun 2007").
"""

import doctest
from datetime import date, datetime

import pytest

from wyoutcomes import periods
from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period, PeriodType, end_of_quarter, quarter_of, quarters_between

D = date
CY, FY, AY = PeriodType.CALENDAR_YEAR, PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR
CYP, FYP = PeriodType.CALENDAR_YEARS_POOLED, PeriodType.FINANCIAL_YEARS_POOLED
FQ, MON, R12 = PeriodType.FINANCIAL_QUARTER, PeriodType.MONTH, PeriodType.ROLLING_12_MONTHS

# label, declared type, expected type, start, end, canonical label
FORMS = [
    ("2019", None, CY, D(2019, 1, 1), D(2019, 12, 31), "2019"),
    ("2019/20", None, FY, D(2019, 4, 1), D(2020, 3, 31), "2019/20"),
    ("2019/2020", None, FY, D(2019, 4, 1), D(2020, 3, 31), "2019/20"),
    ("1999/00", None, FY, D(1999, 4, 1), D(2000, 3, 31), "1999/00"),
    ("2018/19", "academic_year", AY, D(2018, 9, 1), D(2019, 8, 31), "2018/19"),
    ("2018/19", AY, AY, D(2018, 9, 1), D(2019, 8, 31), "2018/19"),
    ("2017 - 19", None, CYP, D(2017, 1, 1), D(2019, 12, 31), "2017 - 19"),
    ("2017-19", None, CYP, D(2017, 1, 1), D(2019, 12, 31), "2017 - 19"),
    ("2017 - 2019", None, CYP, D(2017, 1, 1), D(2019, 12, 31), "2017 - 19"),
    ("2006 - 07", None, CYP, D(2006, 1, 1), D(2007, 12, 31), "2006 - 07"),
    ("1999 - 01", None, CYP, D(1999, 1, 1), D(2001, 12, 31), "1999 - 01"),
    ("2016/17 - 18/19", None, FYP, D(2016, 4, 1), D(2019, 3, 31), "2016/17 - 18/19"),
    ("2016/17 - 2018/19", None, FYP, D(2016, 4, 1), D(2019, 3, 31), "2016/17 - 18/19"),
    ("2006/07 - 07/08", None, FYP, D(2006, 4, 1), D(2008, 3, 31), "2006/07 - 07/08"),
    ("2024/25 Q1", None, FQ, D(2024, 4, 1), D(2024, 6, 30), "2024/25 Q1"),
    ("2024/25 Q2", None, FQ, D(2024, 7, 1), D(2024, 9, 30), "2024/25 Q2"),
    ("2024/25 Q3", None, FQ, D(2024, 10, 1), D(2024, 12, 31), "2024/25 Q3"),
    ("2024/25 Q4", None, FQ, D(2025, 1, 1), D(2025, 3, 31), "2024/25 Q4"),
    ("2024/25 q4", None, FQ, D(2025, 1, 1), D(2025, 3, 31), "2024/25 Q4"),
    ("2024-07", None, MON, D(2024, 7, 1), D(2024, 7, 31), "2024-07"),
    ("2024-02", None, MON, D(2024, 2, 1), D(2024, 2, 29), "2024-02"),
    ("Jul 2024", None, MON, D(2024, 7, 1), D(2024, 7, 31), "2024-07"),
    ("September 2023", None, MON, D(2023, 9, 1), D(2023, 9, 30), "2023-09"),
    ("12 months to 2024-07", None, R12, D(2023, 8, 1), D(2024, 7, 31), "12 months to 2024-07"),
    ("12 months ending 2024-07", None, R12, D(2023, 8, 1), D(2024, 7, 31), "12 months to 2024-07"),
    ("Jul 2006 - Jun 2007", None, R12, D(2006, 7, 1), D(2007, 6, 30), "12 months to 2007-06"),
    ("2023/24 Q3 - 2024/25 Q2", None, R12, D(2023, 10, 1), D(2024, 9, 30), "12 months to 2024-09"),
    # declared types resolve labels that are ambiguous on their own
    ("2009-11", "month", MON, D(2009, 11, 1), D(2009, 11, 30), "2009-11"),
    ("2009-11", CYP, CYP, D(2009, 1, 1), D(2011, 12, 31), "2009 - 11"),
    # stray whitespace is not a different label
    ("  2019/20 ", None, FY, D(2019, 4, 1), D(2020, 3, 31), "2019/20"),
    ("2016/17  -  18/19", None, FYP, D(2016, 4, 1), D(2019, 3, 31), "2016/17 - 18/19"),
]


@pytest.mark.parametrize(("label", "declared", "kind", "start", "end", "canonical"), FORMS)
def test_every_form_parses_to_its_dates(label, declared, kind, start, end, canonical):
    period = Period.parse(label, declared)
    assert (period.type, period.start, period.end) == (kind, start, end)
    assert period.label == canonical
    assert str(period) == canonical


@pytest.mark.parametrize(
    ("label", "declared", "fragment"),
    [
        ("", None, "is not a period label"),
        ("twenty19", None, "is not a period label"),
        ("2006 Q1", None, "is not a period label"),  # calendar quarters are not a type we use
        ("2019/21", None, "the second year must follow the first"),
        ("2019/18", None, "the second year must follow the first"),
        ("2024/25 Q5", None, "Q5 is not one of Q1"),
        ("2024/25 Q0", None, "Q0 is not one of Q1"),
        ("2024-13", None, "month 13 is not between 01 and 12"),
        ("2024-00", None, "month 00 is not between 01 and 12"),
        ("Jux 2024", None, "'Jux' is not a month name"),
        ("2017 - 17", None, "must cover 2 to 10 years"),
        ("2010 - 2030", None, "must cover 2 to 10 years"),
        ("2016/17 - 16/17", None, "must cover 2 to 10 years"),
        ("2016/17 - 18/20", None, "the second year must follow the first"),
        ("Aug 2023 - Jun 2024", None, "must span 12 months, this one spans 11"),
        ("2023/24 Q3 - 2024/25 Q3", None, "must span 12 months, this one spans 15"),
        ("2919", None, "outside the supported range"),
        ("2009-11", None, "is ambiguous"),
        ("2010-12", None, "is ambiguous"),
        ("2019", "financial_year", "is not a financial_year label"),
        ("2019/20", "calendar_year", "is not a calendar_year label"),
        ("2019", "fiscal_year", "unknown period type 'fiscal_year'"),
    ],
)
def test_malformed_labels_name_the_label_and_the_rule(label, declared, fragment):
    with pytest.raises(PeriodError) as caught:
        Period.parse(label, declared)
    message = str(caught.value)
    assert fragment in message
    if "unknown period type" not in message:
        assert repr(label) in message


def test_an_unreadable_label_lists_every_accepted_form():
    with pytest.raises(PeriodError) as caught:
        Period.parse("Q2 2024")
    for forms in periods.ACCEPTED_FORMS.values():
        for form in forms:
            assert repr(form) in str(caught.value)


def test_a_non_text_label_is_a_period_error_not_a_type_error():
    with pytest.raises(PeriodError, match="is a int, not text"):
        Period.parse(2019)


def test_a_bare_year_pair_is_financial_and_academic_must_be_declared():
    assert Period.parse("2018/19").type is FY
    assert Period.parse("2018/19", "academic_year") != Period.parse("2018/19")


def test_parse_passes_a_period_through_and_checks_a_declared_type():
    fy = Period.parse("2019/20")
    assert Period.parse(fy) is fy
    assert Period.parse(fy, "financial_year") is fy
    with pytest.raises(PeriodError, match="is a financial_year, not a academic_year"):
        Period.parse(fy, "academic_year")


def test_constructor_refuses_dates_that_do_not_fit_the_type():
    with pytest.raises(PeriodError, match="must start in month 4"):
        Period(FY, D(2019, 1, 1), D(2019, 12, 31))
    with pytest.raises(PeriodError, match="must end on the last day of a month"):
        Period(MON, D(2019, 1, 1), D(2019, 1, 30))
    with pytest.raises(PeriodError, match="April, July, October or January"):
        Period(FQ, D(2019, 2, 1), D(2019, 4, 30))
    with pytest.raises(PeriodError, match="needs start and end dates"):
        Period(MON, "2019-01-01", "2019-01-31")
    with pytest.raises(PeriodError, match="outside the supported range"):
        Period(MON, D(9999, 12, 1), D(9999, 12, 31))
    with pytest.raises(PeriodError, match="unknown period type 'week'"):
        Period("week", D(2019, 1, 1), D(2019, 1, 7))
    assert Period("month", D(2019, 1, 1), D(2019, 1, 31)).type is MON  # str type coerced


@pytest.mark.parametrize(
    ("label", "declared", "mid"),
    [
        ("2019", None, D(2019, 7, 2)),  # 364 days after 1 Jan, halved
        ("2020", None, D(2020, 7, 1)),  # leap year: 365 // 2 = 182 days
        ("2019/20", None, D(2019, 9, 30)),
        ("2024/25 Q2", None, D(2024, 8, 15)),
        ("2024-07", None, D(2024, 7, 16)),
        ("2017 - 19", None, D(2018, 7, 2)),
    ],
)
def test_mid_point(label, declared, mid):
    assert Period.parse(label, declared).mid == mid


def test_contains_includes_both_ends_and_accepts_datetimes():
    fy = Period.parse("2019/20")
    assert fy.contains(D(2019, 4, 1)) and fy.contains(D(2020, 3, 31))
    assert not fy.contains(D(2019, 3, 31)) and not fy.contains(D(2020, 4, 1))
    assert fy.contains(datetime(2020, 3, 31, 23, 59))


def test_ordering_is_by_start_then_end():
    labels = ["2024/25 Q2", "2017 - 19", "2019/20", "2019", "2018/19 Q4", "2017 - 18"]
    ordered = [p.label for p in sorted(Period.parse(x) for x in labels)]
    # 2018/19 Q4 (Jan–Mar 2019) starts with calendar 2019 but ends first
    assert ordered == ["2017 - 18", "2017 - 19", "2018/19 Q4", "2019", "2019/20", "2024/25 Q2"]


def test_same_dates_different_types_are_different_periods():
    fy = Period.parse("2019/20")
    rolling = Period.parse("12 months to 2020-03")
    assert (fy.start, fy.end) == (rolling.start, rolling.end)
    assert fy != rolling and len({fy, rolling}) == 2
    assert (fy < rolling) != (rolling < fy)  # a strict total order still


@pytest.mark.parametrize(
    ("label", "declared", "previous", "following"),
    [
        ("2019", None, "2018", "2020"),
        ("2019/20", None, "2018/19", "2020/21"),
        ("2017 - 19", None, "2016 - 18", "2018 - 20"),
        ("2016/17 - 18/19", None, "2015/16 - 17/18", "2017/18 - 19/20"),
        ("2024/25 Q1", None, "2023/24 Q4", "2024/25 Q2"),
        ("2024-01", None, "2023-12", "2024-02"),
        ("12 months to 2024-01", None, "12 months to 2023-12", "12 months to 2024-02"),
    ],
)
def test_previous_and_next(label, declared, previous, following):
    period = Period.parse(label, declared)
    assert period.previous().label == previous
    assert period.next().label == following
    assert period.next().type is period.type


def test_academic_year_steps_stay_academic():
    assert Period.parse("2018/19", AY).next() == Period.parse("2019/20", AY)


@pytest.mark.parametrize(
    ("day", "label", "last_day"),
    [
        (D(2024, 4, 1), "2024/25 Q1", D(2024, 6, 30)),
        (D(2024, 6, 30), "2024/25 Q1", D(2024, 6, 30)),
        (D(2024, 7, 1), "2024/25 Q2", D(2024, 9, 30)),
        (D(2024, 12, 31), "2024/25 Q3", D(2024, 12, 31)),
        (D(2025, 1, 1), "2024/25 Q4", D(2025, 3, 31)),
        (D(2025, 3, 31), "2024/25 Q4", D(2025, 3, 31)),
        (D(2000, 2, 29), "1999/00 Q4", D(2000, 3, 31)),
    ],
)
def test_quarter_of_and_end_of_quarter(day, label, last_day):
    assert quarter_of(day).label == label
    assert end_of_quarter(day) == last_day


def test_quarters_between_and_period_quarters():
    labels = [q.label for q in quarters_between(D(2023, 3, 31), D(2023, 10, 1))]
    assert labels == ["2022/23 Q4", "2023/24 Q1", "2023/24 Q2", "2023/24 Q3"]
    assert [q.label for q in Period.parse("2019/20").quarters()] == [
        "2019/20 Q1",
        "2019/20 Q2",
        "2019/20 Q3",
        "2019/20 Q4",
    ]
    assert Period.parse("2024-08").quarters() == [Period.parse("2024/25 Q2")]


def test_repr_rebuilds_the_period():
    period = Period.parse("2018/19", AY)
    assert eval(repr(period), {"Period": Period}) == period


def test_docstring_examples_hold():
    result = doctest.testmod(periods)
    assert result.attempted > 5 and result.failed == 0
