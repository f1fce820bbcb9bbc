"""Quarter labels as people type them (wyoutcomes.quarters).

Expected quarters are worked by hand from the NHS financial year (Q1 = April–June): "2024/25 Q2"
is 1 July – 30 September 2024; the calendar quarter "2024Q2" (pandas, ONS) is April–June 2024.
"""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period
from wyoutcomes.quarters import QUARTER_FORMS, latest_complete_quarter, parse_quarter

FORMS = [
    "{y}/{yy} Q{q}",
    "Q{q} {y}/{yy}",
    "{y}-{yy} Q{q}",
    "Q{q} {y}-{yy}",
    "{y}/{yy} Quarter {q}",
    "FY{y}/{yy} Q{q}",
    "FY {y}/{yy} Q{q}",
    "{y}/{y1} Q{q}",
    "{y}-{y1} Q{q}",
    "Quarter {q} {y}/{yy}",
    "{y}/{yy}Q{q}",
    "{y}/{yy} q{q}",
    "{y}/{yy} Qtr {q}",
    "  {y}/{yy}   Q{q} ",
]


@pytest.mark.parametrize("text", QUARTER_FORMS)
def test_every_documented_form_names_2024_25_q2(text: str) -> None:
    quarter = parse_quarter(text)
    assert (quarter.start, quarter.end) == (date(2024, 7, 1), date(2024, 9, 30))
    assert quarter.label == "2024/25 Q2"


@given(year=st.integers(1850, 2150), number=st.integers(1, 4), form=st.sampled_from(FORMS))
def test_every_form_round_trips_to_the_canonical_quarter(year: int, number: int, form: str) -> None:
    text = form.format(y=year, yy=f"{(year + 1) % 100:02d}", y1=year + 1, q=number)
    quarter = parse_quarter(text)
    # Q1 starts in April of the first year; each quarter is three months later
    month = 4 + 3 * (number - 1)
    expected_start = date(year, month, 1) if month <= 12 else date(year + 1, month - 12, 1)
    assert quarter.start == expected_start
    assert parse_quarter(quarter.label) == quarter
    assert Period.parse(quarter.label) == quarter


def test_a_period_that_is_a_quarter_passes_through() -> None:
    quarter = Period.parse("2023/24 Q4")
    assert parse_quarter(quarter) is quarter


def test_a_period_that_is_not_a_quarter_is_refused() -> None:
    with pytest.raises(PeriodError, match="not a quarter"):
        parse_quarter(Period.parse("2023/24"))


@pytest.mark.parametrize("text", ["2024Q2", "2024 Q2", "Q2 2024", "2024-Q2"])
def test_one_year_with_a_quarter_is_ambiguous_and_names_both_readings(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_quarter(text)
    message = str(caught.value)
    assert "ambiguous" in message
    assert "'2024/25 Q1'" in message  # calendar Q2 2024 = April–June 2024
    assert "'2024/25 Q2'" in message  # financial Q2 of 2024/25


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("2024/26 Q2", "did you mean '2024/25 Q2'"),
        ("2024/25 Qu 3", "did you mean '2024/25 Q3'"),
        ("Q3 of 2024/25", "did you mean '2024/25 Q3'"),
    ],
)
def test_near_misses_get_a_short_did_you_mean(text: str, suggestion: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_quarter(text)
    message = str(caught.value)
    assert suggestion in message
    assert len(message) < 200  # not the list of every period form


@pytest.mark.parametrize("text", ["2024/25 Q5", "2024/25 Q0"])
def test_a_quarter_number_outside_1_to_4_is_named(text: str) -> None:
    with pytest.raises(PeriodError, match=r"there is no Q[05]"):
        parse_quarter(text)


@pytest.mark.parametrize("text", ["next quarter", "", "2024/25", 20242])
def test_other_text_is_refused_briefly(text: object) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_quarter(text)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2024, 10, 20), "2024/25 Q2"),  # Q3 is under way: Q2 is the last complete one
        (date(2024, 9, 30), "2024/25 Q2"),  # the quarter's last day: it has ended by then
        (date(2024, 9, 29), "2024/25 Q1"),
        (date(2025, 4, 1), "2024/25 Q4"),
    ],
)
def test_latest_complete_quarter(day: date, label: str) -> None:
    assert latest_complete_quarter(day).label == label
