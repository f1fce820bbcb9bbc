"""One real quarter, end to end through the command line, nothing back-dated.

Leeds fills its 2024/25 Q2 template in Excel, checks it and sends it on 15 October 2024 (after
the quarter closed on 30 September, as places do). The central team makes the Q2 report on
20 October with the default cut-off (everything submitted so far): Leeds's values are in it.
Made again with a cut-off of 14 October, the same report leaves them out and says so.

The figures are Leeds's as the template asks for them; the values are made up for the test
(the place-level indicators of ambition 10 and ambition 9).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from wyoutcomes.cli import cli

FIGURES = {
    # indicator: (value, lower_ci, upper_ci); made-up figures within each plausible range
    "average-weekly-earnings": (655.4, 640.1, 670.7),
    "employment-rate": (74.6, 72.9, 76.3),
}


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    return result


@pytest.fixture(scope="module")
def quarter(tmp_path_factory) -> Path:
    """The folder after Leeds has sent its file: leeds.xlsx and the store."""
    folder = tmp_path_factory.mktemp("quarter")
    book_path = folder / "leeds.xlsx"
    made = run("template", "--place", "Leeds", "--quarter", "Q2 2024/25", "--out", str(book_path))
    assert made.exit_code == 0, made.output
    # Leeds fills in its two place-level figures and deletes the rows it does not send
    book = openpyxl.load_workbook(book_path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) + 1 for name in header}
    for row in range(sheet.max_row, 1, -1):
        indicator = sheet.cell(row, column["indicator_id"]).value
        if indicator not in FIGURES:
            sheet.delete_rows(row)
            continue
        for name, figure in zip(("value", "lower_ci", "upper_ci"), FIGURES[indicator], strict=True):
            sheet.cell(row, column[name]).value = figure
    book.save(book_path)
    checked = run("validate", str(book_path), "--place", "Leeds", "--as-of", "2024-10-15")
    assert checked.exit_code == 0, checked.output
    assert "0 error(s), 0 warning(s)" in checked.output
    sent = run(
        "ingest",
        str(book_path),
        "--store",
        str(folder / "store"),
        "--submitter",
        "Leeds",
        "--submitted-at",
        "2024-10-15T10:00",
        "--place",
        "Leeds",
    )
    assert sent.exit_code == 0, sent.output
    assert "by Leeds: accepted — 2 of 2 row(s) stored" in sent.output  # no coverage warnings
    return folder


def _progress(folder: Path, *cut: str) -> dict[str, dict]:
    result = run(
        "progress",
        "--store",
        str(folder / "store"),
        "--quarter",
        "2024/25 Q2",
        # the template, validate and ingest above read the 2019 plan (the bundled default); the
        # quarter is judged against that version too, not the refreshed plan in force from April
        "--version",
        "2019.1",
        "--area",
        "WYHLDS",
        "--format",
        "json",
        *cut,
    )
    assert result.exit_code == 0, result.output
    return {row["target_id"]: row for row in json.loads(result.stdout)["rows"]}


def _report(folder: Path, name: str, *cut: str) -> str:
    out = folder / name
    result = run(
        "report",
        "--store",
        str(folder / "store"),
        "--quarter",
        "2024/25 Q2",
        "--out",
        str(out),
        "--generated-on",
        "2024-10-20",
        "--version",
        "2019.1",
        *cut,
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_the_report_made_on_20_october_shows_leeds_values(quarter):
    rows = _progress(quarter)
    assert rows["a10-earnings"]["latest_period"] == "2023"
    assert rows["a10-earnings"]["latest_value"] == 655.4
    assert rows["a10-employment"]["latest_value"] == 74.6
    page = _report(quarter, "q2.html")
    assert "everything submitted up to the latest submission, 15 October 2024 10:00 UTC" in page
    assert "655" in page and "74.6" in page
    assert "Left out by the data cut-off" not in page
    assert "not a store" not in page


def test_an_earlier_cut_off_leaves_them_out_and_says_so(quarter):
    rows = _progress(quarter, "--as-of", "2024-10-14")
    assert rows["a10-earnings"]["status"] == "no_data"
    page = _report(quarter, "q2-cut.html", "--as-of", "2024-10-14")
    assert "values submitted up to and including 14 October 2024 (the whole day, UTC)" in page
    assert "2 values submitted later are left out" in page
    assert (
        "average-weekly-earnings</span>, Leeds, 2023: submitted 15 October 2024 10:00 UTC" in page
    )
    assert "Left out by the data cut-off: Leeds, 2023, submitted 15 October 2024 10:00 UTC" in page
    assert "none submitted by the data cut-off" in page


def test_a_cut_off_date_counts_that_whole_day(quarter):
    """Submitted at 10:00 on 15 October: a cut-off of 15 October includes it."""
    assert _progress(quarter, "--as-of", "2024-10-15")["a10-earnings"]["latest_value"] == 655.4


def test_without_a_quarter_the_report_takes_the_latest_complete_one_and_says_so(quarter):
    out = quarter / "latest.html"
    result = run("report", "--store", str(quarter / "store"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "report: quarter 2024/25 Q2, the latest complete by the cut-off" in result.stderr
    assert "as at 2024/25 Q2" in out.read_text(encoding="utf-8")


def test_old_option_names_still_work_and_must_agree(quarter):
    out = quarter / "old-names.html"
    store = ["report", "--store", str(quarter / "store"), "--out", str(out)]
    same = run(*store, "--as-at", "2024/25 Q2", "--submitted-by", "2024-10-14")
    assert same.exit_code == 0, same.output
    assert "up to and including 14 October 2024" in out.read_text(encoding="utf-8")
    clash = run(*store, "--force", "--as-of", "2024-10-14", "--submitted-by", "2024-10-15")
    assert clash.exit_code == 2
    assert "disagree" in clash.output
    progress_clash = run(
        "progress",
        "--store",
        str(quarter / "store"),
        "--as-of",
        "2024-10-14",
        "--submitted-by",
        "2024-10-15",
    )
    assert progress_clash.exit_code == 2
