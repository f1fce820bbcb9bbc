"""A valid Parquet file whose whole-number count is beyond 2^53 is readable, not "damaged".

2^53 + 1 = 9,007,199,254,740,993 is the first whole number a 64-bit float cannot hold (it would
become 9,007,199,254,740,992), so it is reported at its row and column, with the rule that
says so; 2^53 itself is exact and passes.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from wyoutcomes.cli import cli
from wyoutcomes.validation import validate


def _write(path, numerators, kind=None):
    n = len(numerators)
    table = pa.table(
        {
            "indicator_id": ["a"] * n,
            "area_code": [f"E{i}" for i in range(n)],
            "period": ["2019"] * n,
            "sex": ["Persons"] * n,
            "age": ["All ages"] * n,
            "category_type": [""] * n,
            "category": [""] * n,
            "value": [10.0] * n,
            "lower_ci": [9.0] * n,
            "upper_ci": [11.0] * n,
            "numerator": pa.array(numerators, kind or pa.int64()),
        }
    )
    pq.write_table(table, path)
    return path


def test_a_count_beyond_2_53_is_reported_at_its_row(tmp_path):
    path = _write(tmp_path / "big.parquet", [5, 2**53, 2**53 + 1])
    report = validate(path, plan_rules=False)
    errors = report.failures[report.failures["severity"] == "error"]
    assert [(int(r.row), str(r.column), str(r.rule)) for r in errors.itertuples()] == [
        (3, "numerator", "not-exactly-representable")
    ]
    assert str(errors["value"].iloc[0]) == "9007199254740993"
    assert report.valid_rows()["numerator"].tolist() == [5.0, 2.0**53]


def test_an_unsigned_count_beyond_2_64_minus_1_is_located_too(tmp_path):
    path = _write(tmp_path / "u.parquet", [1, 2**64 - 1], pa.uint64())
    report = validate(path, plan_rules=False)
    assert report.failures["rule"].astype(str).tolist() == ["not-exactly-representable"]
    assert report.failures["row"].tolist() == [2]


def test_the_cli_says_rejected_not_unreadable(tmp_path):
    path = _write(tmp_path / "big.parquet", [2**60])
    result = CliRunner().invoke(cli, ["validate", str(path), "--no-plan"])
    assert result.exit_code == 1, result.output
    assert "not-exactly-representable" in result.output
    assert "damaged" not in result.output


def test_a_long_written_integer_in_a_csv_is_not_rounded_silently(tmp_path):
    """The same rule for text: "9007199254740993" would read as ...992."""
    path = tmp_path / "big.csv"
    head = (
        "indicator_id,area_code,period,sex,age,category_type,category,"
        "value,lower_ci,upper_ci,numerator\n"
    )
    path.write_text(
        head
        + "a,E1,2019,Persons,All ages,,,10,9,11,9007199254740993\n"
        + "a,E2,2019,Persons,All ages,,,10,9,11,9007199254740992\n"
        + "a,E3,2019,Persons,All ages,,,10,9,11,00000000000000012\n",
        encoding="utf-8",
    )
    report = validate(path, plan_rules=False)
    failures = report.failures
    assert [(int(r.row), str(r.rule)) for r in failures.itertuples()] == [
        (1, "not-exactly-representable")
    ]
    assert report.valid_rows()["numerator"].tolist() == [2.0**53, 12.0]
