"""Fingertips exports: both spellings of the columns, Count → numerator, n-prefixed codes."""

from __future__ import annotations

import pytest
from validation_plan import AS_OF, FIXTURES, make_facts

from wyoutcomes.errors import InputFileError
from wyoutcomes.validation import read_fingertips, validate


def test_web_export_becomes_the_canonical_frame():
    frame = read_fingertips(FIXTURES / "fingertips_export.csv", plan=make_facts())
    assert frame["indicator_id"].tolist() == ["suicide-rate", "suicide-rate"]  # 41001
    assert frame["numerator"].tolist() == [156.0, 301.0]  # from Count
    assert frame["lower_ci_99_8"].tolist() == [7.8, 11.8]
    assert frame["period"].tolist() == ["2017 - 19", "2017 - 19"]
    assert frame["source_row"].tolist() == [1, 2]
    assert "Recent Trend" not in frame.columns


def test_fingertipsr_names_and_n_prefixed_icb_codes():
    frame = read_fingertips(FIXTURES / "fingertips_r_names.csv", plan=make_facts())
    assert frame["area_code"].tolist() == ["E08000032", "E54000054"]


def test_a_fingertips_export_validates_like_a_submission():
    report = validate(FIXTURES / "fingertips_export.csv", make_facts(), as_of=AS_OF)
    assert report.outcome == "accepted", report.failures.to_string()


def test_a_marker_in_a_fingertips_number_is_located_not_coerced():
    with pytest.raises(InputFileError, match=r"row 1, column value"):
        read_fingertips(FIXTURES / "fingertips_bad_number.csv", plan=make_facts())
    report = validate(FIXTURES / "fingertips_bad_number.csv", make_facts(), as_of=AS_OF)
    (f,) = report.failures.itertuples()
    assert (f.rule, f.row, f.column, f.value) == ("suppression-marker", 1, "value", "*")


def test_fingertips_category_types_become_the_plans_breakdowns():
    frame = read_fingertips(FIXTURES / "fingertips_categories.csv", plan=make_facts())
    assert frame["category_type"].tolist() == ["", "", "deprivation_decile"]
    assert frame["category"].tolist()[2] == "Most deprived decile (IMD2019)"
