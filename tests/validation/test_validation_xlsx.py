"""Excel workbooks are read with the CSV rules: every cell as text, nothing coerced silently.

The strongest check: a workbook holding the same cells as a CSV fixture gets the very same
failures (rule, row, column, value) as the CSV. Typed numbers in the workbook are Excel doubles,
so 9.2 is written as the number 9.2 and must come back as the text "9.2".
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from validation_plan import FIXTURES

from wyoutcomes.validation import validate

AS_OF = "2026-01-01"


def _as_number(text: str) -> object:
    """The cell a person typing ``text`` into Excel would get: a number when it is one."""
    try:
        number = float(text)
    except ValueError:
        return text if text != "" else None
    return int(number) if text.lstrip("-").isdigit() else number


def _workbook(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _failures(report) -> list[tuple]:
    frame = report.failures
    return sorted(
        zip(frame["rule"].astype(str), frame["row"], frame["column"], frame["value"], strict=True)
    )


@pytest.mark.parametrize(
    "fixture",
    [
        "clean.csv",
        "duplicate_key.csv",
        "thousands.csv",
        "excel_na.csv",
        "marker_star.csv",
        "percent_sign.csv",
    ],
)
def test_a_workbook_fails_exactly_as_the_same_csv_does(tmp_path, fixture):
    table = pd.read_csv(FIXTURES / fixture, dtype=str, keep_default_na=False)
    rows = [list(table.columns)] + [[_as_number(v) for v in row] for row in table.to_numpy()]
    book = _workbook(tmp_path / "submission.xlsx", rows)
    from_csv = validate(FIXTURES / fixture, plan_rules=False, as_of=AS_OF)
    from_xlsx = validate(book, plan_rules=False, as_of=AS_OF)
    assert from_xlsx.outcome == from_csv.outcome
    assert _failures(from_xlsx) == _failures(from_csv)
    assert from_xlsx.valid_rows()["value"].fillna(-1.0).tolist() == (
        from_csv.valid_rows()["value"].fillna(-1.0).tolist()
    )


HEADER = ["indicator_id", "area_code", "period", "sex", "age", "category_type", "category"]
HEADER += ["value", "lower_ci", "upper_ci"]
KEY = ["suicide-rate"]


def test_text_in_a_number_cell_is_located_not_coerced(tmp_path):
    book = _workbook(
        tmp_path / "leeds.xlsx",
        [
            HEADER,
            [*KEY, "E08000035", "2017 - 19", "Persons", "10+ yrs", None, None, 13.3, 12.2, 14.5],
            [*KEY, "E08000032", "2017 - 19", "Persons", "10+ yrs", None, None, "1,234", 12.2, "*"],
        ],
    )
    report = validate(book, plan_rules=False, as_of=AS_OF)
    found = {(r, row, c) for r, row, c, _ in _failures(report)}
    assert ("thousands-separator", 2, "value") in found
    assert ("suppression-marker", 2, "upper_ci") in found
    assert report.valid_rows()["value"].tolist() == [13.3]


def test_a_date_excel_made_of_a_period_is_shown_as_a_date(tmp_path):
    # Excel turns a typed "2024-07" into the date 1 July 2024
    book = _workbook(
        tmp_path / "leeds.xlsx",
        [HEADER, ["x", "E08000035", datetime(2024, 7, 1), "Persons", "All ages", None, None, 1.0]],
    )
    report = validate(book, plan_rules=False, as_of=AS_OF)
    assert report.valid_rows()["period"].tolist() in ([], ["2024-07-01"])
    values = report.failures["value"].astype(str).tolist() + list(report.valid_rows()["period"])
    assert "2024-07-01" in values


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers(tmp_path):
    good = ["x", "E08000035", "2019", "Persons", "All ages", None, None, 1.0, 0.5, 1.5]
    bad = ["x", "E08000032", "2019", "Persons", "All ages", None, None, "n/a", 0.5, 1.5]
    book = _workbook(tmp_path / "leeds.xlsx", [HEADER, good, [None] * 10, bad])
    report = validate(book, plan_rules=False, as_of=AS_OF)
    assert report.failures["row"].tolist() == [3]  # Excel row 4: the blank row 2 still counts
    assert report.rows == 3


def test_a_formula_without_a_saved_result_is_refused_naming_the_cell(tmp_path):
    book = _workbook(
        tmp_path / "leeds.xlsx",
        [HEADER, ["x", "E08000035", "2019", "Persons", "All ages", None, None, "=1+1", 1, 3]],
    )
    report = validate(book, plan_rules=False, as_of=AS_OF)
    assert report.outcome == "rejected"
    [message] = report.failures["value"].tolist()
    assert "row 1, column value" in message
    assert "=1+1" in message


def test_a_named_sheet_is_read_and_a_missing_one_is_named(tmp_path):
    path = tmp_path / "leeds.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["notes"])
    data = book.create_sheet("Data")
    data.append(HEADER)
    data.append(["x", "E08000035", "2019", "Persons", "All ages", None, None, 1.0, 0.5, 1.5])
    book.save(path)
    assert validate(path, plan_rules=False, as_of=AS_OF, sheet="Data").outcome == "accepted"
    missing = validate(path, plan_rules=False, as_of=AS_OF, sheet="Leeds")
    assert "no sheet 'Leeds'" in missing.failures["value"].iloc[0]


def _rules(report) -> list[tuple[str, str]]:
    return [
        (str(r), str(v))
        for r, v in zip(report.failures["rule"], report.failures["value"], strict=True)
    ]


def test_a_damaged_workbook_is_file_corrupt(tmp_path):
    import zipfile

    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    report = validate(path, plan_rules=False, as_of=AS_OF)
    assert [rule for rule, _ in _rules(report)] == ["file-corrupt"]


def test_a_zip_that_is_not_a_workbook_is_named_as_such(tmp_path):
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    [(rule, value)] = _rules(validate(path, plan_rules=False, as_of=AS_OF))
    assert rule == "file-not-a-table" and "not an Excel .xlsx workbook" in value


@pytest.mark.parametrize(
    ("rows", "rule", "words"),
    [
        ([[None, None], ["x", 1]], "file-not-a-table", "the first row is empty"),
        ([["value", "value"], [1, 2]], "duplicate-column", ""),
        ([["indicator_id"], ["x", "stray"]], "file-not-a-table", "which has no header"),
        ([HEADER, [None] * 10], "no-data-rows", ""),
    ],
)
def test_sheets_that_are_not_tables(tmp_path, rows, rule, words):
    report = validate(_workbook(tmp_path / "odd.xlsx", rows), plan_rules=False, as_of=AS_OF)
    found = _rules(report)
    assert found[0][0] == rule, found
    assert words in found[0][1]


def test_every_cell_type_becomes_the_text_a_csv_would_hold():
    from datetime import date, time

    from wyoutcomes.validation.excel import _text

    assert [_text(v) for v in (None, True, 7, 7.0, 13.3, 1e20, "a")] == [
        "",
        "TRUE",
        "7",
        "7",
        "13.3",
        "1e+20",
        "a",
    ]
    assert _text(datetime(2024, 7, 1, 9, 30)) == "2024-07-01T09:30:00"
    assert _text(date(2024, 7, 1)) == "2024-07-01"
    assert _text(time(9, 30)) == "09:30:00"
