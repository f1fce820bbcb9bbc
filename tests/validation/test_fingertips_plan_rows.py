"""A Fingertips profile export holds indicators the plan does not use: keep the plan's rows."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner
from validation_plan import FIXTURES

from wyoutcomes.cli import cli
from wyoutcomes.validation import read_fingertips, validate


def _profile_export(tmp_path):
    """The two suicide rows (41001, in the plan) plus two rows of 90366 (not in the plan)."""
    rows = pd.read_csv(FIXTURES / "fingertips_export.csv", dtype=str, keep_default_na=False)
    other = rows.copy()
    other["Indicator ID"] = "90366"
    other["Indicator Name"] = "Life expectancy at birth"
    path = tmp_path / "profile.csv"
    pd.concat([rows, other]).to_csv(path, index=False)
    return path


def test_the_plans_rows_are_kept_and_the_rest_listed_as_skipped(tmp_path):
    frame = read_fingertips(_profile_export(tmp_path), only_plan_indicators=True)
    assert frame["indicator_id"].tolist() == ["suicide-rate", "suicide-rate"]
    assert frame["source_row"].tolist() == [1, 2]  # rows keep their place in the file
    assert frame.attrs["skipped"] == {"90366": 2}


def test_without_the_option_the_other_rows_stay_and_are_errors(tmp_path):
    path = _profile_export(tmp_path)
    assert len(read_fingertips(path)) == 4
    report = validate(path, as_of="2026-01-01")
    unknown = report.failures[report.failures["rule"] == "unknown-indicator"]
    assert unknown["row"].tolist() == [3, 4]


def test_the_cli_flag_validates_only_the_plans_rows_and_says_what_it_skipped(tmp_path):
    path = _profile_export(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "validate",
            str(path),
            "--only-plan-indicators",
            "--place",
            "Leeds",
            "--as-of",
            "2026-01-01",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "skipped 2 rows of indicators outside the plan: 90366 (2 rows)" in result.stderr
    assert "profile.csv: ACCEPTED" in result.stdout
