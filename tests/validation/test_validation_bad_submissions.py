"""Spec tests: one bad submission per file, each with the rule, row and column it must give.

Every fixture is the clean submission (tests/fixtures/submissions/clean.csv) with one fault
(see README.md there). Each must be reported by its own rule code, at its row and column,
with no other error and no exception. Row 1 is the first data row; row 0 is the file.
"""

from __future__ import annotations

import pytest
from validation_plan import AS_OF, FIXTURES, make_facts

from wyoutcomes.validation import validate

# file, expected errors as {(rule, row, column)}
BAD_SUBMISSIONS = [
    ("empty.csv", {("file-empty", 0, "")}),
    ("header_only.csv", {("no-data-rows", 0, "")}),
    ("image.csv", {("file-not-a-table", 0, "")}),
    ("workbook.csv", {("file-not-a-table", 0, "")}),
    ("truncated.parquet", {("file-corrupt", 0, "")}),
    ("damaged_pages.parquet", {("file-corrupt", 0, "")}),
    ("wrong_type.parquet", {("wrong-column-type", 0, "value")}),
    ("latin1.csv", {("encoding-not-utf8", 2, "value_note")}),
    ("missing_column.csv", {("missing-column", 0, "upper_ci")}),
    ("unexpected_column.csv", {("unexpected-column", 0, "comments")}),
    ("duplicate_column.csv", {("duplicate-column", 0, "value")}),
    ("ragged.csv", {("ragged-row", 3, "")}),
    ("thousands.csv", {("thousands-separator", 1, "denominator")}),
    ("marker_na.csv", {("suppression-marker", 1, "value")}),
    ("marker_dash.csv", {("suppression-marker", 1, "value")}),
    ("marker_star.csv", {("suppression-marker", 3, "numerator")}),
    ("marker_dots.csv", {("suppression-marker", 4, "denominator")}),
    ("excel_div0.csv", {("excel-error", 3, "value")}),
    ("excel_na.csv", {("excel-error", 2, "upper_ci")}),
    ("not_a_number.csv", {("not-a-number", 1, "lower_ci")}),
    ("percent_sign.csv", {("not-a-number", 3, "value")}),
    ("not_finite.csv", {("not-finite", 2, "value")}),
    ("missing_area.csv", {("missing-value", 2, "area_code")}),
    ("missing_value.csv", {("missing-value", 1, "value")}),
    ("category_incomplete.csv", {("category-incomplete", 5, "category")}),
    ("invalid_sex.csv", {("invalid-sex", 1, "sex")}),
    ("unknown_indicator.csv", {("unknown-indicator", 1, "indicator_id")}),
    ("unknown_area.csv", {("unknown-area", 2, "area_code")}),
    ("area_not_valid.csv", {("area-not-valid-for-period", 7, "area_code")}),
    ("area_type.csv", {("area-type-not-reported", 7, "area_code")}),
    ("malformed_period.csv", {("malformed-period", 2, "period")}),
    ("wrong_period_type.csv", {("wrong-period-type", 1, "period")}),
    ("future_period.csv", {("period-in-future", 2, "period")}),
    ("invalid_category_type.csv", {("invalid-breakdown", 5, "category_type")}),
    ("invalid_category.csv", {("invalid-breakdown", 5, "category")}),
    ("out_of_range.csv", {("value-out-of-range", 2, "value")}),
    ("ci_inverted.csv", {("ci-inverted", 1, "lower_ci")}),
    ("ci_not_bracketing.csv", {("ci-not-bracketing", 4, "lower_ci")}),
    ("negative_count.csv", {("negative-count", 2, "numerator")}),
    ("numerator_exceeds.csv", {("numerator-exceeds-denominator", 4, "numerator")}),
    ("inconsistent.csv", {("value-inconsistent-with-counts", 4, "value")}),
    ("duplicate_key.csv", {("duplicate-key", 4, "(key)"), ("duplicate-key", 7, "(key)")}),
    (
        "period_spelling_duplicate.csv",
        {("duplicate-key", 2, "(key)"), ("duplicate-key", 7, "(key)")},
    ),
    ("sex_not_a_breakdown.csv", {("invalid-breakdown", 1, "sex")}),
]

WARNINGS_ONLY = [
    ("ci_missing.csv", {("ci-missing", 2, "lower_ci")}),
    ("ci_recomputed_differs.csv", {("ci-differs-from-recomputation", 4, "lower_ci")}),
    ("coverage_gap.csv", {("coverage-missing", 0, "(row)")}),
]


def _found(report, severity):
    failures = report.failures[report.failures["severity"] == severity]
    return {(str(f.rule), int(f.row), str(f.column)) for f in failures.itertuples()}


@pytest.mark.parametrize(("name", "expected"), BAD_SUBMISSIONS, ids=[b[0] for b in BAD_SUBMISSIONS])
def test_each_bad_submission_gives_its_own_rule_row_and_column(name, expected):
    report = validate(FIXTURES / name, make_facts(), as_of=AS_OF)
    assert _found(report, "error") == expected
    assert report.outcome == "rejected"
    assert not report.ok
    for f in report.failures.itertuples():
        assert f.message  # every failure says what is wrong


@pytest.mark.parametrize(("name", "expected"), WARNINGS_ONLY, ids=[w[0] for w in WARNINGS_ONLY])
def test_warnings_accept_the_submission(name, expected):
    report = validate(FIXTURES / name, make_facts(), as_of=AS_OF)
    assert _found(report, "error") == set()
    assert _found(report, "warning") == expected
    assert report.outcome == "accepted_with_warnings"
    assert report.ok


def test_at_least_thirty_distinct_bad_files():
    assert len(BAD_SUBMISSIONS) >= 30
    rules = {rule for _, expected in BAD_SUBMISSIONS for rule, _, _ in expected}
    assert len(rules) >= 30


@pytest.mark.parametrize("name", ["clean.csv", "clean_bom.csv"])
def test_clean_submission_is_accepted_without_any_failure(name):
    report = validate(FIXTURES / name, make_facts(), as_of=AS_OF)
    assert report.failures.empty, report.failures.to_string()
    assert report.outcome == "accepted"
    assert len(report.valid_rows()) == 6
    assert report.invalid_rows().empty


def test_suppressed_value_with_a_note_passes_but_a_bare_empty_value_fails():
    report = validate(FIXTURES / "clean.csv", make_facts(), as_of=AS_OF)
    assert 6 in report.valid_rows()["source_row"].tolist()  # empty value, value_note given
    report = validate(FIXTURES / "missing_value.csv", make_facts(), as_of=AS_OF)
    assert report.invalid_rows()["source_row"].tolist() == [1]


def test_coverage_names_the_missing_indicator_place_and_period():
    report = validate(FIXTURES / "coverage_gap.csv", make_facts(), as_of=AS_OF)
    (failure,) = report.failures.itertuples()
    assert (failure.indicator_id, failure.area_code, failure.period) == (
        "suicide-rate",
        "WYHLDS",
        "2017 - 19",
    )


def test_a_period_spelt_two_ways_is_one_key():
    report = validate(FIXTURES / "period_spelling_duplicate.csv", make_facts(), as_of=AS_OF)
    assert report.invalid_rows()["period"].tolist() == ["2017 - 19", "2017 - 19"]


def test_duplicates_name_the_rows_they_clash_with():
    report = validate(FIXTURES / "duplicate_key.csv", make_facts(), as_of=AS_OF)
    values = dict(zip(report.failures["row"], report.failures["value"].astype(str), strict=True))
    assert values == {4: "7", 7: "4"}
    assert "row(s) in value" in report.failures["message"].astype(str).iloc[0]


def test_failures_carry_the_key_of_their_row():
    report = validate(FIXTURES / "out_of_range.csv", make_facts(), as_of=AS_OF)
    (f,) = report.failures.itertuples()
    assert (f.indicator_id, f.area_code, f.period, f.sex, f.age, f.category_type, f.category) == (
        "suicide-rate",
        "E08000035",
        "2017 - 19",
        "Persons",
        "10+ yrs",
        "",
        "",
    )
    assert f.value == "133"
    assert "[0, 100]" in f.message


def test_latin1_is_reported_at_its_row_and_column_not_as_a_crash():
    report = validate(FIXTURES / "latin1.csv", make_facts(), as_of=AS_OF)
    (f,) = report.failures.itertuples()
    assert f.value == "0xE9"  # é in Latin-1


def test_file_level_failure_stops_row_checks():
    report = validate(FIXTURES / "missing_column.csv", make_facts(), as_of=AS_OF)
    summary = report.summary.set_index("code")
    assert summary.loc["duplicate-key", "status"] == "not run"
    assert report.valid_rows().empty


def test_a_recomputed_interval_is_named_in_the_warning():
    report = validate(FIXTURES / "ci_recomputed_differs.csv", make_facts(), as_of=AS_OF)
    (f,) = report.failures.itertuples()
    # Wilson for 900/9000, by hand: (2x + z² ± z√(z² + 4x(1 − x/n))) / 2(n + z²) → 9.397%
    assert f.value == "9 (recomputed 9.40)"
    assert "Wilson" in f.message
