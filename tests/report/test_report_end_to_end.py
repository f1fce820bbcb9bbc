"""End to end: the bundled plan, a real store with two submissions, progress, SPC and the CLI.

Data: synthetic demonstration values written here (marked "Demonstration data" in
``value_note``), not published figures. Antibiotic prescribing (rolling 12 months, monthly)
gets enough points for SPC; the suicide rate (pooled years) has an England benchmark. The second
submission, made within the quarter, adds three months and revises one value. The quarter is
2020/21 Q4 because the partnership's code E54000005 is valid only until March 2021.
"""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from report_fixtures import (
    suicide_rows,
    two_submission_store,
    with_submission_columns,
)

from wyoutcomes.cli import cli
from wyoutcomes.definitions import load_plan
from wyoutcomes.report import render_report
from wyoutcomes.report.pdf import weasyprint_missing


@pytest.fixture(scope="module")
def plan():
    return load_plan()


@pytest.fixture(scope="module")
def store(plan, tmp_path_factory):
    return two_submission_store(tmp_path_factory.mktemp("store") / "store", plan)


@pytest.fixture(scope="module")
def html(plan, store):
    return render_report(plan, store, "2020/21 Q4", generated_on=date(2021, 5, 5))


def test_report_from_a_real_store(html, store):
    assert html.count('<section id="ambition-') == 10
    assert "Demonstration data — not real figures" in html
    ids = store.submissions()["submission_id"].tolist()
    assert all(i in html for i in ids)
    assert "Generated on 2021-05-05" in html


def test_the_quarter_sees_the_second_submission_and_its_revision(html):
    six = html[html.index('<section id="ambition-6"') : html.index('<section id="ambition-7"')]
    assert "12 months to 2021-02" in six  # the latest value, submitted within the quarter
    changes = html[html.index('<section id="changes"') : html.index('<section id="appendix"')]
    assert "Value revised" in changes and "12 months to 2020-06" in changes
    # the new months are new data against last quarter, which ended with the 2020-11 value
    assert "12 months to 2021-02" in changes


def test_no_spc_chart_on_rolling_twelve_month_sums(html):
    """The antibiotic series is rolling 12-month values, each sharing 11 months with the next:
    Making Data Count charts the underlying months, never rolling sums, so no XmR chart is
    drawn for it (docs/progress.md, rule 5) though its values and trajectory are shown."""
    six = html[html.index('<section id="ambition-6"') : html.index('<section id="ambition-7"')]
    assert "-xmr-title" not in six
    assert "12 months to 2021-02" in six


def test_england_benchmark_row_for_suicide(html):
    five = html[html.index('<section id="ambition-5"') : html.index('<section id="ambition-6"')]
    assert '<tr class="benchmark"><th scope="row">England</th>' in five


def test_same_store_same_report(plan, store, html):
    assert render_report(plan, store, "2020/21 Q4", generated_on=date(2021, 5, 5)) == html


def test_hostile_value_note_in_a_submission_is_text(plan):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{7*7}}'
    frame = with_submission_columns(suicide_rows())
    frame["value_note"] = hostile
    html = render_report(plan, frame, "2020/21 Q4")
    assert "<script>alert" not in html and "<img src=x" not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert escaped in html
    assert "{{7*7}}" in html


def test_cli_writes_the_report(store, tmp_path, plan):
    out = tmp_path / "report.html"
    commentary = tmp_path / "commentary.yaml"
    commentary.write_text("ambitions:\n  6:\n    narrative: Prescribing keeps falling.\n")
    args = ["report", "--store", str(store.path), "--quarter", "2020/21 Q4", "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--commentary", str(commentary)])
    assert result.exit_code == 0, result.output
    assert "Prescribing keeps falling." in out.read_text(encoding="utf-8")
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2 and "--force" in again.output
    missing = CliRunner().invoke(
        cli,
        [
            "report",
            "--store",
            str(tmp_path / "nope"),
            "--quarter",
            "2020/21 Q4",
            "--out",
            str(tmp_path / "x.html"),
        ],
    )
    assert missing.exit_code == 5 and "no such store folder" in missing.output


@pytest.mark.slow
def test_pdf_is_tagged_and_reproducible():
    reason = weasyprint_missing()
    if reason:
        pytest.skip(reason)
    from report_fixtures import make_inputs, make_plan

    from wyoutcomes.report.pdf import pdf_bytes
    from wyoutcomes.report.render import render_inputs

    small = make_plan(1)  # one ambition: WeasyPrint takes seconds per page
    html = render_inputs(small, make_inputs(small))
    first = pdf_bytes(html, date(2024, 9, 30), compress=False)
    assert first.startswith(b"%PDF")
    assert pdf_bytes(html, date(2024, 9, 30), compress=False) == first  # same bytes again
    assert b"/StructTreeRoot" in first  # tagged: a structure tree for assistive technology
    assert b"/Lang (en-GB)" in first


def test_validation_warnings_on_shown_values_become_data_notes(plan, tmp_path):
    from report_fixtures import suicide_rows, with_submission_columns

    from wyoutcomes.store import Store

    store = Store(tmp_path / "store")
    rows = with_submission_columns(suicide_rows())
    rows[["lower_ci", "upper_ci"]] = float("nan")  # a DSR without its interval: a warning
    record = store.ingest(rows, submitter="Analysts", plan=plan, submitted_at="2020-12-15")
    assert record.outcome == "accepted_with_warnings", record
    html = render_report(plan, store, "2020/21 Q4")
    five = html[html.index('<section id="ambition-5"') : html.index('<section id="ambition-6"')]
    assert "Validation warning: " in five
    assert "[ci-missing; 6 periods, 2012 - 14 to 2017 - 19]" in five
