"""End to end: `wyoutcomes ambitions` in each format, on both plans, and a bad plan."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wyoutcomes.cli import cli

ROOT = Path(__file__).resolve().parents[2]
CLOSING_THE_GAP = ROOT / "examples" / "plans" / "closing-the-gap"


def run(*args: str):
    return CliRunner().invoke(cli, ["ambitions", *args])


def test_table_lists_every_ambition_with_its_targets():
    result = run()
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Better health and wellbeing for everyone")
    for number in range(1, 11):
        assert f"\n{number}. " in out
    line = next(ln for ln in out.splitlines() if "a5-suicide-10pc" in ln)
    assert "-10%" in line and "by 2020/21" in line
    assert "baseline 2016 - 18: 10.6" in out
    assert "+1,000 people" in out and "+6,000 people" in out
    assert max(len(ln) for ln in out.splitlines()) < 100  # readable in a terminal


def test_json_carries_one_record_per_target_and_area():
    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["plan"]["id"] == "wyh-2019"
    assert [a["number"] for a in document["ambitions"]] == list(range(1, 11))
    suicide = next(r for r in document["targets"] if r["target_id"] == "a5-suicide-10pc")
    assert suicide["baseline_value"] == 10.6
    assert suicide["change"] == -0.1
    assert suicide["target_value"] == pytest.approx(10.6 * 0.9)
    targeted = next(
        r for r in document["targets"] if r["target_id"] == "a5-suicide-targeted-areas-75pc"
    )
    assert targeted["area_code"] is None and targeted["baseline_value"] is None  # null, not NaN


def test_csv_has_the_frame_columns_and_rows():
    result = run("--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    earnings = [r for r in rows if r["target_id"] == "a10-earnings"]
    assert sorted(r["area_code"] for r in earnings) == sorted(
        ["WYHBDC", "WYHCAL", "WYHHAR", "WYHKIR", "WYHLDS", "WYHWAK"]
    )
    assert next(r for r in rows if r["target_id"] == "a4-early-diagnosis-2023-24")["change"] in (
        "1000.0",
        "1000",
    )


@pytest.mark.parametrize("output_format", ["table", "json", "csv"])
def test_output_is_deterministic(output_format):
    assert run("--format", output_format).output == run("--format", output_format).output


def test_second_plan_through_the_plan_option():
    result = run("--plan", str(CLOSING_THE_GAP), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["target_id"]: float(r["target_value"] or "nan") for r in rows}[
        "leeds-nhs-savings-2023-24"
    ] == 23.0


def test_bad_plan_exits_3_naming_file_and_key(tmp_path):
    folder = tmp_path / "plan"
    folder.mkdir()
    for source in CLOSING_THE_GAP.iterdir():
        (folder / source.name).write_text(source.read_text("utf-8"), "utf-8")
    broken = folder / "02-leeds.yaml"
    broken.write_text(broken.read_text("utf-8").replace("deadline: 2023/24", "deadline: 2023/2"))
    result = run("--plan", str(folder))
    assert result.exit_code == 3
    assert f"{broken}: targets[0].deadline" in result.output
    assert "[bad-period]" in result.output
    assert "Traceback" not in result.output


def test_missing_plan_folder_exits_3(tmp_path):
    result = run("--plan", str(tmp_path / "nowhere"))
    assert result.exit_code == 3
    assert "no such plan folder" in result.output


def test_unknown_format_is_a_usage_error():
    assert run("--format", "xml").exit_code == 2
