"""Validation against the bundled wyh-2019 plan and the real period and area look-ups."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from click.testing import CliRunner

from wyoutcomes.cli import cli
from wyoutcomes.validation import validate
from wyoutcomes.validation.plan_facts import facts_from_plan

AS_OF = date(2025, 6, 30)
# one area carrying each of the six places at local-authority level in 2017-19
CARRIERS = ["E08000032", "E08000033", "E07000165", "E08000034", "E08000035", "E08000036"]
# published 2017-19 suicide rates are not needed: the values only have to be plausible
VALUES = [9.2, 15.6, 10.1, 11.8, 13.3, 16.2]


@pytest.fixture(scope="module")
def facts():
    return facts_from_plan()


def _suicide_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": "suicide-rate",
            "area_code": CARRIERS,
            "period": "2017 - 19",
            "sex": "Persons",
            "age": "10+ yrs",
            "category_type": "",
            "category": "",
            "value": VALUES,
            "lower_ci": [v - 1 for v in VALUES],
            "upper_ci": [v + 1 for v in VALUES],
        }
    )


def test_the_bundled_plan_becomes_lookups(facts):
    suicide = facts.indicators["suicide-rate"]
    assert (suicide.period_type, suicide.measure_type, suicide.multiplier) == (
        "calendar_years_pooled",
        "dsr",
        100000.0,
    )
    assert facts.fingertips_ids["41001"] == "suicide-rate"
    assert facts.places == ("WYHBDC", "WYHCAL", "WYHHAR", "WYHKIR", "WYHLDS", "WYHWAK")
    assert facts.area("E54000054").valid_from == date(2021, 4, 1)
    assert facts.area("e08000035") is None  # not the canonical spelling: unknown-area


def test_a_complete_suicide_submission_is_accepted(facts):
    report = validate(_suicide_rows(), facts, as_of=AS_OF)
    assert report.outcome == "accepted", report.failures.to_string()


def test_bundled_plan_rules_locate_each_fault(facts):
    frame = _suicide_rows()
    frame.loc[0, "period"] = "2019/20"  # a financial year for a pooled-calendar indicator
    frame.loc[1, "area_code"] = "E54000054"  # ICB code before it existed (April 2021)
    frame.loc[2, "value"] = 140.0  # outside the plausible range 0-40
    frame.loc[2, ["lower_ci", "upper_ci"]] = [139.0, 141.0]
    report = validate(frame, facts, as_of=AS_OF)
    errors = report.failures[report.failures["severity"] == "error"]
    found = {(str(f.rule), int(f.row)) for f in errors.itertuples()}
    assert found == {
        ("wrong-period-type", 1),
        ("area-not-valid-for-period", 2),
        ("value-out-of-range", 3),
    }
    warnings = report.failures[report.failures["severity"] == "warning"]
    assert set(warnings["area_code"].astype(str)) == {"WYHBDC", "WYHCAL"}  # rows 1, 2 lost


def test_validate_without_a_plan_argument_uses_the_bundled_plan():
    report = validate(_suicide_rows(), as_of=AS_OF)
    assert report.outcome == "accepted"


def test_cli_exit_3_for_a_broken_plan(tmp_path):
    (tmp_path / "plan.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    path = tmp_path / "s.csv"
    _suicide_rows().to_csv(path, index=False)
    result = CliRunner().invoke(cli, ["validate", str(path), "--plan", str(tmp_path)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output


def test_cli_with_the_bundled_plan(tmp_path):
    path = tmp_path / "s.csv"
    _suicide_rows().to_csv(path, index=False)
    result = CliRunner().invoke(cli, ["validate", str(path), "--as-of", "2025-06-30"])
    assert result.exit_code == 0, result.output


def test_the_submission_template_has_no_error(facts):
    from pathlib import Path

    template = Path(__file__).parents[2] / "examples" / "submission_template.csv"
    report = validate(template, facts, as_of=AS_OF)
    assert report.ok, report.failures.to_string()
    # only coverage warnings: the template shows Leeds and Bradford rows, not all six places
    assert set(report.failures["rule"].astype(str)) <= {"coverage-missing"}


def test_a_fingertips_export_against_the_bundled_plan(facts):
    from pathlib import Path

    export = Path(__file__).parents[1] / "fixtures" / "submissions" / "fingertips_export.csv"
    report = validate(export, facts, as_of=AS_OF)
    assert report.ok, report.failures.to_string()
    assert set(report.valid_rows()["indicator_id"]) == {"suicide-rate"}  # from 41001
    warnings = report.failures[report.failures["rule"] == "coverage-missing"]
    assert set(warnings["area_code"].astype(str)) == {"WYHCAL", "WYHHAR", "WYHKIR", "WYHWAK"}
