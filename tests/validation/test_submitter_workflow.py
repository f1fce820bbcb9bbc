"""One place's submission: its template, its own coverage, errors first, real commands named."""

from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner

from wyoutcomes.cli import cli
from wyoutcomes.validation import validate
from wyoutcomes.validation.template import submission_template

AS_OF = "2024-10-15"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _one_leeds_row(tmp_path):
    # the example of the issue: one Leeds row used to draw five warnings about other places
    path = tmp_path / "leeds.csv"
    template = submission_template("Leeds", "2024/25 Q2")
    row = template[template["indicator_id"] == "suicide-rate"].copy()
    row[["value", "lower_ci", "upper_ci"]] = ["13.3", "12.2", "14.5"]
    row["age"] = "10+ yrs"
    row.to_csv(path, index=False)
    return path


def test_place_limits_coverage_to_that_place(tmp_path):
    path = _one_leeds_row(tmp_path)
    everyone = validate(path, as_of=AS_OF)
    assert (everyone.failures["rule"] == "coverage-missing").sum() == 5  # the other 5 places
    leeds = _run("validate", str(path), "--place", "Leeds", "--as-of", AS_OF, "--format", "json")
    assert leeds.exit_code == 0, leeds.output
    document = json.loads(leeds.stdout)
    assert document["outcome"] == "accepted"
    assert document["counts"]["warnings"] == 0


def test_coverage_warnings_name_places_not_pseudo_codes(tmp_path):
    report = validate(_one_leeds_row(tmp_path), as_of=AS_OF)
    messages = " ".join(report.failures["message"].astype(str))
    assert "place Calderdale" in messages
    assert "WYHCAL" not in messages


def test_an_unknown_place_gets_a_did_you_mean(tmp_path):
    result = _run("validate", str(_one_leeds_row(tmp_path)), "--place", "Leds")
    assert result.exit_code == 3
    assert "did you mean 'Leeds'" in result.output


def test_text_lists_errors_before_warnings_and_says_where_the_rest_are(tmp_path):
    path = tmp_path / "mixed.csv"
    template = submission_template("Leeds", "2024/25 Q2")
    rows = pd.concat([template] * 1, ignore_index=True)
    rows.loc[0, "indicator_id"] = "no-such-indicator"
    rows.to_csv(path, index=False)
    result = _run("validate", str(path), "--as-of", AS_OF, "--out", str(tmp_path / "checked"))
    assert result.exit_code == 1
    text = result.stdout
    assert text.index("errors:") < text.index("warnings:")
    assert str(tmp_path / "checked" / "failures.csv") in text  # more than 20 errors: the path
    assert (
        "`wyoutcomes indicators` lists them" in (tmp_path / "checked" / "report.html").read_text()
    )


def test_the_fix_hint_names_a_command_that_exists():
    result = _run("indicators", "--format", "csv")
    assert result.exit_code == 0, result.output
    listed = pd.read_csv(pd.io.common.StringIO(result.output))
    assert "suicide-rate" in set(listed["indicator_id"])
    suicide = listed.set_index("indicator_id").loc["suicide-rate"]
    assert suicide["period_type"] == "calendar_years_pooled"
    assert "local_authority" in suicide["area_types"]


def test_the_template_keys_pass_validation_for_the_place(tmp_path):
    """Every key the template writes is valid: the only errors are the empty figures."""
    for suffix in (".xlsx", ".csv"):
        out = tmp_path / f"leeds{suffix}"
        result = _run("template", "--place", "WYHLDS", "--quarter", "Q2 2024-25", "--out", str(out))
        assert result.exit_code == 0, result.output
        report = validate(out, as_of=AS_OF, expected_places=("WYHLDS",))
        assert set(report.failures["rule"].astype(str)) == {"missing-value"}
        assert set(report.failures["column"].astype(str)) == {"value"}


def test_the_template_uses_the_latest_period_ended_by_the_quarter():
    """Hand-worked: 2024/25 Q2 ends 30 Sep 2024, so the latest financial year ended by then is
    2023/24, the latest calendar year 2023, the latest 3-year pool 2021 - 23, and a monthly or
    quarterly indicator would use 2024-09 / 2024/25 Q2."""
    frame = submission_template("Leeds", "2024/25 Q2").set_index("indicator_id")
    assert frame.loc["children-absolute-low-income", "period"] == "2023/24"
    assert frame.loc["average-weekly-earnings", "period"] == "2023"
    assert frame.loc["average-weekly-earnings", "area_code"] == "WYHLDS"  # reported at places
    assert frame.loc["suicide-rate", "period"] == "2021 - 23"
    assert "brain-injury-rate" not in frame.index  # partnership-level only: not Leeds's to send


def test_template_needs_a_place_and_quarter_or_example(tmp_path):
    missing = _run("template", "--out", str(tmp_path / "x.xlsx"))
    assert missing.exit_code == 2
    assert "--example" in missing.output
    wrong = _run("template", "--example", "--out", str(tmp_path / "x.txt"))
    assert wrong.exit_code == 2
    example = _run("template", "--example", "--out", str(tmp_path / "x.xlsx"))
    assert example.exit_code == 0, example.output
    assert validate(tmp_path / "x.xlsx", as_of=AS_OF).ok


def test_indicators_in_every_format_and_template_refuses_to_overwrite(tmp_path):
    table = _run("indicators")
    assert table.exit_code == 0 and "suicide-rate" in table.output
    document = json.loads(_run("indicators", "--format", "json").output)
    assert {"indicator_id", "period_type", "area_types"} <= set(document[0])
    out = tmp_path / "t.csv"
    first = _run("template", "--place", "Leeds", "--quarter", "2024/25 Q2", "--out", str(out))
    assert first.exit_code == 0
    again = _run("template", "--place", "Leeds", "--quarter", "2024/25 Q2", "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    nowhere = _run("template", "--example", "--out", str(tmp_path / "no" / "t.csv"))
    assert nowhere.exit_code == 2 and "no such folder" in nowhere.output


def test_ingest_keeps_the_plan_rows_of_a_fingertips_profile(tmp_path):
    from test_fingertips_plan_rows import _profile_export

    result = _run(
        "ingest",
        str(_profile_export(tmp_path)),
        "--store",
        str(tmp_path / "store"),
        "--submitter",
        "OHID",
        "--submitted-at",
        "2024-10-15T10:00",
        "--only-plan-indicators",
    )
    assert result.exit_code == 0, result.output
    assert "2 of 2 row(s) stored" in result.stdout
    assert "skipped 2 rows of indicators outside the plan" in result.stderr
