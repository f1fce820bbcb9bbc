"""The report's forms: determinism, JSON shape, HTML safety and caps, memory per failure."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from validation_plan import AS_OF, FIXTURES, make_facts

from wyoutcomes.validation import validate
from wyoutcomes.validation.failures import FAILURE_COLUMNS
from wyoutcomes.validation.report import HTML_EXAMPLES_PER_RULE, JSON_SCHEMA_VERSION


def _many_bad(n: int) -> pd.DataFrame:
    """n distinct keys of one indicator (areas × periods × sexes × age bands, as a real
    submission varies them), every value out of range, with up to 97 distinct values."""
    i = np.arange(n)
    periods = [f"{2000 + p} - {(2 + p) % 100:02d}" for p in range(17)]
    return pd.DataFrame(
        {
            "indicator_id": "suicide-rate",
            "area_code": np.where(i % 2, "E08000035", "E08000032"),
            "period": np.array(periods)[(i // 2) % 17],
            "sex": "Persons",  # suicide-rate is not split by sex in the test plan
            "age": [f"{k} yrs" for k in i // 34],
            "category_type": "",
            "category": "",
            "value": 100.5 + i % 97,
            "lower_ci": 100.0,
            "upper_ci": 300.0,
        }
    )


def test_json_is_deterministic_and_versioned():
    first = validate(FIXTURES / "duplicate_key.csv", make_facts(), as_of=AS_OF).to_json()
    second = validate(FIXTURES / "duplicate_key.csv", make_facts(), as_of=AS_OF).to_json()
    assert first == second
    document = json.loads(first)
    assert document["schema_version"] == JSON_SCHEMA_VERSION
    assert document["outcome"] == "rejected"
    assert document["file"]["name"] == "duplicate_key.csv"  # base name: no machine paths
    assert len(document["file"]["sha256"]) == 64
    assert [f["row"] for f in document["failures"]] == [4, 7]
    assert list(json.loads(first)) == sorted(document)  # keys sorted


def test_failure_table_columns_and_dtypes_follow_the_contract():
    failures = validate(FIXTURES / "duplicate_key.csv", make_facts(), as_of=AS_OF).failures
    assert tuple(failures.columns) == FAILURE_COLUMNS
    assert failures["row"].dtype == np.int32
    assert isinstance(failures["rule"].dtype, pd.CategoricalDtype)
    assert set(failures["severity"].astype(str)) == {"error"}


def test_a_failure_costs_at_most_32_bytes():
    report = validate(_many_bad(30_000), make_facts(), as_of=AS_OF)
    failures = report.failures
    assert len(failures) == 30_000
    per_failure = failures.memory_usage(deep=True).sum() / len(failures)
    assert per_failure <= 32, per_failure


def test_one_failure_per_row_and_rule_never_one_per_column():
    report = validate(_many_bad(300), make_facts(), as_of=AS_OF)
    counts = report.failures.groupby(["row", "rule", "column"], observed=True).size()
    assert counts.max() == 1
    assert (report.failures["rule"] == "value-out-of-range").sum() == 300


def test_html_caps_examples_says_so_and_escapes_values():
    frame = _many_bad(300)
    frame.loc[0, "sex"] = "<script>alert(1)</script>"
    html = validate(frame, make_facts(), as_of=AS_OF).to_html()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert f"first {HTML_EXAMPLES_PER_RULE}" in html
    assert html.count("<h1") == 1
    assert '<html lang="en-GB">' in html
    assert 'scope="col"' in html
    assert "<script" not in html.replace("&lt;script", "")


def test_summary_has_one_row_per_rule_with_top_values():
    report = validate(FIXTURES / "out_of_range.csv", make_facts(), as_of=AS_OF)
    row = report.summary.set_index("code").loc["value-out-of-range"]
    assert (row["failures"], row["status"], row["top_values"]) == (1, "failed", [("133", 1)])
    assert row["rows_checked"] == 5  # rows with a value (row 6 is suppressed)
    assert row["percentage"] == 20.0


def test_invalid_rows_give_reasons_and_valid_rows_the_rest():
    report = validate(FIXTURES / "duplicate_key.csv", make_facts(), as_of=AS_OF)
    invalid = report.invalid_rows()
    assert invalid["source_row"].tolist() == [4, 7]
    assert set(invalid["reasons"]) == {"duplicate-key((key))"}
    assert report.valid_rows()["source_row"].tolist() == [1, 2, 3, 5, 6]


def test_text_report_names_outcome_and_counts():
    text = validate(FIXTURES / "ci_missing.csv", make_facts(), as_of=AS_OF).to_text()
    assert "ACCEPTED WITH WARNINGS" in text
    assert "0 error(s), 1 warning(s)" in text


def test_extract_files_are_byte_identical_across_runs(tmp_path):
    from wyoutcomes.validation.extract import write_extract

    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        report = validate(FIXTURES / "duplicate_key.csv", make_facts(), as_of=AS_OF)
        write_extract(report, folder)
    for name in ("report.json", "report.html", "failures.csv", "failures.parquet"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_valid_rows_fed_back_keep_their_file_row_numbers():
    report = validate(FIXTURES / "duplicate_key.csv", make_facts(), as_of=AS_OF)
    again = validate(report.valid_rows(), make_facts(), as_of=AS_OF)
    assert again.outcome == "accepted"
    assert again.valid_rows()["source_row"].tolist() == [1, 2, 3, 5, 6]
    bad = report.invalid_rows().drop(columns="reasons")
    rerun = validate(bad, make_facts(), as_of=AS_OF)
    errors = rerun.failures[rerun.failures["severity"] == "error"]
    assert sorted(set(errors["row"])) == [4, 7]


def test_html_is_well_formed():
    from html.parser import HTMLParser

    void = {"meta", "br", "img", "input", "link", "hr"}

    class Nesting(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.errors = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in void:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if self.stack and self.stack[-1] == tag:
                self.stack.pop()
            else:
                self.errors.append(tag)

    parser = Nesting()
    parser.feed(validate(FIXTURES / "duplicate_key.csv", make_facts(), as_of=AS_OF).to_html())
    assert parser.errors == [] and parser.stack == []
