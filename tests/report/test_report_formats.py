"""How numbers, intervals and statuses are written: hand-worked cases and properties."""

from __future__ import annotations

import locale
import math

from hypothesis import given
from hypothesis import strategies as st

from wyoutcomes.report.formats import (
    STATUSES,
    interval,
    number,
    percent,
    signed,
    status_style,
    value_with_unit,
)


def test_hand_worked():
    assert number(1234567.891, 2) == "1,234,567.89"
    assert number(-0.04, 1) == "0.0"  # rounds to zero: no minus sign
    assert number(-2.5, 0) == "\u22122"  # round half to even, true minus sign
    assert number(math.nan) == "–" and number(None) == "–"
    assert signed(0.3, 1) == "+0.3" and signed(-0.3, 1) == "\u22120.3" and signed(0.0, 1) == "0.0"
    assert value_with_unit(12.0, 1, "per 100,000") == "12.0"
    assert interval(1, 2, 1, "%") == "1.0% to 2.0%"
    assert interval(math.nan, 2, 1) == ""
    assert percent(0.375) == "38%" and percent(1.0) == "over 99%" and percent(0.0) == "under 1%"


def test_every_status_word_of_the_progress_frame_has_a_style():
    from wyoutcomes.progress.status import Status

    # the vocabulary of docs/progress.md ("Statuses"), as progress defines it
    assert {s.value for s in Status} <= set(STATUSES)
    assert status_style("something_new").words == "Something new"  # shown, never hidden
    assert status_style(None).words == "No data"


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite, st.integers(min_value=0, max_value=6))
def test_number_reads_back_as_the_rounded_value(x, decimals):
    text = number(x, decimals)
    back = float(text.replace(",", "").replace("\u2212", "-"))
    assert math.isclose(back, float(f"{x:.{decimals}f}"), abs_tol=10**-decimals)
    assert text.count(".") == (1 if decimals else 0)


def test_no_dependence_on_the_locale():
    before = locale.setlocale(locale.LC_ALL)
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"):
            try:
                locale.setlocale(locale.LC_ALL, name)
            except locale.Error:
                continue
            assert number(1234.5, 1) == "1,234.5"
    finally:
        locale.setlocale(locale.LC_ALL, before)
