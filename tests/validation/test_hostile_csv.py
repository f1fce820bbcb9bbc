"""Odd CSV shapes: old-Mac line endings, giant lines and fields, tens of thousands of columns.

Each is read or refused with located failures (file, row, column, rule); none may raise. The
files are written here; the expected rows and columns are worked out from how they are built.
"""

from __future__ import annotations

from wyoutcomes.validation import validate

MAX_FIELD_BYTES = 1 << 20  # the limit docs/submission-format.md states

HEADER = "indicator_id,area_code,period,sex,age,category_type,category,value,lower_ci,upper_ci"
ROW = "a,E{area},2019,Persons,All ages,,,{value},{low},{high}"  # one area per row: unique keys


def _rows(*values: str) -> list[str]:
    out = []
    for area, value in enumerate(values, start=1):
        try:
            number = float(value)
            out.append(ROW.format(area=area, value=value, low=number - 1, high=number + 1))
        except ValueError:
            out.append(ROW.format(area=area, value=value, low="", high=""))
    return out


def _failures(report):
    return sorted(
        (int(r.row), str(r.column), str(r.rule))
        for r in report.failures.itertuples()
        if r.severity == "error"
    )


def test_cr_only_line_endings_are_read(tmp_path):
    """Three lines separated by a lone CR (classic Mac OS): a header and two rows, the second
    with text in ``value`` — so the failure must be placed at row 2, column value."""
    path = tmp_path / "cr.csv"
    path.write_bytes("\r".join([HEADER, *_rows("10", "ten")]).encode() + b"\r")
    report = validate(path, plan_rules=False)
    assert _failures(report) == [(2, "value", "not-a-number")]
    assert report.valid_rows()["value"].tolist() == [10.0]


def test_mixed_line_endings_are_read(tmp_path):
    path = tmp_path / "mixed.csv"
    lines = [HEADER, *_rows("10", "11", "12")]
    path.write_bytes(f"{lines[0]}\r{lines[1]}\r\n{lines[2]}\n{lines[3]}\r".encode())
    report = validate(path, plan_rules=False)
    assert report.outcome == "accepted"
    assert report.valid_rows()["value"].tolist() == [10.0, 11.0, 12.0]


def test_a_10_mb_single_line_is_a_located_failure(tmp_path):
    """No line break at all: the "header" is one 10 MB field, over the stated limit."""
    path = tmp_path / "one-line.csv"
    path.write_bytes(b"x" * (10 << 20))
    report = validate(path, plan_rules=False)
    assert report.outcome == "rejected"
    assert _failures(report) == [(0, "(header)", "field-too-large")]


def test_a_field_over_the_limit_is_reported_at_its_row_and_column(tmp_path):
    big = "y" * (MAX_FIELD_BYTES + 10)
    rows = _rows("10", "11")
    rows[1] = rows[1].replace("All ages,,", f"All ages,{big},", 1)
    path = tmp_path / "big-field.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    report = validate(path, plan_rules=False)
    assert (2, "category_type", "field-too-large") in _failures(report)
    assert all(len(str(v)) < 1000 for v in report.failures["value"])  # not echoed whole


def test_a_line_longer_than_a_read_block_is_located(tmp_path):
    """A 20 MB field is longer than the CSV reader's 16 MiB block: still row 3, value."""
    rows = _rows("10", "11", "12")
    rows[2] = rows[2].replace(",12,", "," + "9" * (20 << 20) + ",", 1)
    path = tmp_path / "huge-line.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    report = validate(path, plan_rules=False)
    assert _failures(report) == [(3, "value", "field-too-large")]


def test_forty_thousand_columns_are_reported_not_overflowed(tmp_path):
    """The ten canonical columns plus 39,990 unknown ones: 39,990 unexpected-column
    failures (more than an int16 can count), each naming its column."""
    extra = [f"extra_{i}" for i in range(39_990)]
    path = tmp_path / "wide.csv"
    path.write_text(
        ",".join([HEADER, *extra]) + "\n" + ",".join([_rows("10")[0]] + ["1"] * len(extra)),
        encoding="utf-8",
    )
    report = validate(path, plan_rules=False)
    failures = report.failures
    assert report.outcome == "rejected"
    assert (failures["rule"] == "unexpected-column").sum() == 39_990
    assert {"extra_0", "extra_39989"} <= set(failures["column"].astype(str))
