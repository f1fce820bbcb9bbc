"""End to end: ``wyoutcomes validate`` — one test per exit code, and the files it writes."""

from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner
from validation_plan import FIXTURES

from wyoutcomes.cli import cli


def _run(*args: str):
    return CliRunner().invoke(cli, ["validate", *args])


def test_exit_0_for_an_accepted_file_with_one_json_document_on_stdout():
    result = _run(str(FIXTURES / "clean.csv"), "--no-plan", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["outcome"] == "accepted"
    assert document["failures"] == []


def test_exit_1_for_a_rejected_file_and_a_complete_extract(tmp_path):
    result = _run(str(FIXTURES / "duplicate_key.csv"), "--no-plan", "--out", str(tmp_path))
    assert result.exit_code == 1, result.output
    assert "REJECTED" in result.stdout
    csv = pd.read_csv(tmp_path / "failures.csv", keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "failures.parquet")
    assert csv["row"].tolist() == parquet["row"].tolist() == [4, 7]
    assert set(csv["rule"]) == {"duplicate-key"}
    assert json.loads((tmp_path / "report.json").read_text())["outcome"] == "rejected"
    assert "<h1>" in (tmp_path / "report.html").read_text()


def test_csv_extract_neutralises_formulas(tmp_path):
    result = _run(str(FIXTURES / "formula_injection.csv"), "--no-plan", "--out", str(tmp_path))
    assert result.exit_code == 1
    csv = pd.read_csv(tmp_path / "failures.csv", keep_default_na=False)
    assert csv.loc[0, "sex"] == "'@SUM(1)"
    assert csv.loc[0, "age"] == '\'=HYPERLINK("http://x")'
    parquet = pd.read_parquet(tmp_path / "failures.parquet")
    assert parquet.loc[0, "sex"] == "@SUM(1)"  # Parquet keeps the value as submitted


def test_exit_2_for_a_usage_error():
    result = _run(str(FIXTURES / "clean.csv"), "--format", "xml")
    assert result.exit_code == 2


def test_exit_2_rather_than_overwrite_an_earlier_report(tmp_path):
    assert _run(str(FIXTURES / "clean.csv"), "--no-plan", "--out", str(tmp_path)).exit_code == 0
    again = _run(str(FIXTURES / "clean.csv"), "--no-plan", "--out", str(tmp_path))
    assert again.exit_code == 2
    assert "--force" in again.output
    forced = _run(str(FIXTURES / "clean.csv"), "--no-plan", "--out", str(tmp_path), "--force")
    assert forced.exit_code == 0


def test_exit_4_for_unreadable_input(tmp_path):
    for name in ("empty.csv", "image.csv", "truncated.parquet", "latin1.csv"):
        result = _run(str(FIXTURES / name), "--no-plan")
        assert result.exit_code == 4, (name, result.output)
        assert "Traceback" not in result.output
    missing = _run(str(tmp_path / "nowhere.csv"), "--no-plan")
    assert missing.exit_code == 4
    assert "file-unreadable" in missing.stdout


def test_html_format_goes_to_stdout():
    result = _run(str(FIXTURES / "ci_inverted.csv"), "--no-plan", "--format", "html")
    assert result.exit_code == 1
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_progress_lines_stay_quiet_for_quick_work():
    """Stage lines start only after 2 s (tests/cli/test_stages.py); a small file is quicker."""
    result = _run(str(FIXTURES / "clean.csv"), "--no-plan", "--progress")
    assert result.exit_code == 0
    assert result.stderr == ""
