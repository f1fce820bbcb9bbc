"""End to end: `wyoutcomes plans` lists the lineages; `wyoutcomes ambitions --plan … --version …`
picks a version. Expected values come from the plans' public sources: the refreshed West
Yorkshire plan supersedes the 2019 plan from 1 April 2024 and renumbers cancer 4 → 2 and suicide
5 → 3 (wypartnership.co.uk/your-views/survey); Bradford District and Craven's May 2024 update
revises its February 2024 projection of £80-90m."""

import json
from pathlib import Path

from click.testing import CliRunner

from wyoutcomes.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "plans"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_plans_lists_the_bundled_lineage_oldest_first():
    result = run("plans")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("wyh-2019  v2019.1") < out.index("wy-2023  v2024")
    assert "in force 2019-11-01 to 2024-03-31" in out and "in force 2024-04-01 to now" in out
    assert "4→2" in out and "5→3" in out
    assert "a3-suicide-10pc-2027 revises a5-suicide-10pc" in out


def test_plans_json_is_repeatable_and_carries_the_hashes():
    first, second = run("plans", "--format", "json"), run("plans", "--format", "json")
    assert first.exit_code == 0 and first.output == second.output
    (lineage,) = json.loads(first.output)
    old, new = lineage["versions"]
    assert (old["id"], new["supersedes"], new["in_force_from"]) == (
        "wyh-2019",
        "wyh-2019",
        "2024-04-01",
    )
    assert old["in_force_until"] == "2024-03-31" and new["in_force_until"] is None
    assert len(old["sha256"]) == 64 and old["sha256"] != new["sha256"]
    assert {"previous": 4, "current": 2, "note": None} in new["ambition_crosswalk"]


def test_the_non_health_example_has_two_versions():
    result = run("plans", "--dir", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    assert "closing-the-gap-2024-02  v2024-02  in force 2024-02-01 to 2024-04-30" in result.output
    assert "bdc-underlying-deficit-down revises bdc-underlying-deficit-down" in result.output


def test_a_broken_lineage_exits_3_naming_file_and_rule(tmp_path):
    import shutil

    shutil.copytree(EXAMPLES / "closing-the-gap-2024-02", tmp_path / "feb")
    shutil.copytree(EXAMPLES / "closing-the-gap", tmp_path / "may")
    plan_file = tmp_path / "may" / "plan.yaml"
    plan_file.write_text(
        plan_file.read_text().replace("effective_from: 2024-05-01", "effective_from: 2024-01-01")
    )
    result = run("plans", "--dir", str(tmp_path))
    assert result.exit_code == 3
    assert f"{plan_file}: effective_from:" in result.output
    assert "[effective-not-after-predecessor]" in result.output


def test_ambitions_version_picks_a_version_of_the_lineage():
    result = run("ambitions", "--version", "2024")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("West Yorkshire integrated care strategy")
    assert "Supersedes wyh-2019; in force from 2024-04-01" in result.output
    back = run("ambitions", "--plan", "wy-2023", "--version", "2019.1")
    assert back.output.startswith("Better health and wellbeing for everyone")


def test_ambitions_version_of_a_plan_folder_reads_the_folders_beside_it():
    result = run("ambitions", "--plan", str(EXAMPLES / "closing-the-gap"), "--version", "2024-02")
    assert result.exit_code == 0, result.output
    document = json.loads(
        run(
            "ambitions",
            "--plan",
            str(EXAMPLES / "closing-the-gap"),
            "--version",
            "2024-02",
            "--format",
            "json",
        ).output
    )
    assert document["plan"]["id"] == "closing-the-gap-2024-02"
    assert document["plan"]["supersedes"] is None


def test_unknown_version_or_plan_exits_3():
    result = run("ambitions", "--version", "1999")
    assert result.exit_code == 3
    assert "no plan version '1999'" in result.output and "2019.1 (wyh-2019)" in result.output
    assert run("ambitions", "--plan", "wy-2099").exit_code == 3


DATA = ROOT / "examples" / "data" / "published_figures.csv"


def _targets(*args: str) -> set[str]:
    result = run("progress", "--data", str(DATA), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    start = result.output.index("{")  # deprecation notes, if any, come before the document
    return {row["target_id"] for row in json.loads(result.output[start:])["rows"]}


def test_progress_judges_each_quarter_against_the_version_in_force():
    before = _targets("--as-at", "2023/24 Q4")  # the 2019 plan is in force to 31 March 2024
    after = _targets("--as-at", "2024/25 Q2")  # the refreshed plan from 1 April 2024
    assert "a5-suicide-10pc" in before and "a3-suicide-10pc-2027" not in before
    assert "a3-suicide-10pc-2027" in after and "a5-suicide-10pc" not in after


def test_progress_can_judge_any_quarter_against_one_version():
    assert "a5-suicide-10pc" in _targets("--as-at", "2024/25 Q2", "--version", "2019.1")
    assert "a3-suicide-10pc-2027" in _targets("--as-at", "2022/23 Q1", "--version", "2024")
