"""End to end: ``wyoutcomes ingest | withdraw | submissions | verify`` and their exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from store_files import write_submission

from wyoutcomes.cli import cli


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, [str(arg) for arg in args], catch_exceptions=False)

    return invoke


def test_ingest_accepted_exits_0_and_lists(run, tmp_path):
    path = write_submission(tmp_path, "q1.csv", [("a", "E1", "2019", "10")])
    store = tmp_path / "store"
    result = run(
        "ingest",
        path,
        "--store",
        store,
        "--submitter",
        "Leeds",
        "--no-plan",
        "--submitted-at",
        "2024-07-01T09:00Z",
    )
    assert result.exit_code == 0, result.output
    assert "accepted — 1 of 1 row(s) stored" in result.output

    listed = run("submissions", "--store", store, "--format", "csv")
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert len(lines) == 2 and ",Leeds," in lines[1] and ",accepted," in lines[1]


def test_ingest_rejected_exits_1_and_partial_exits_0(run, tmp_path):
    path = write_submission(
        tmp_path, "q1.csv", [("a", "E1", "2019", "10"), ("a", "E2", "2019", "x")]
    )
    store = tmp_path / "store"
    rejected = run("ingest", path, "--store", store, "--submitter", "Leeds", "--no-plan")
    assert rejected.exit_code == 1
    assert "rejected — 0 of 2 row(s) stored; 1 quarantined" in rejected.output
    partial = run(
        "ingest",
        path,
        "--store",
        store,
        "--submitter",
        "Leeds",
        "--no-plan",
        "--accept-valid-rows",
        "--json",
    )
    assert partial.exit_code == 0
    record = json.loads(partial.output)
    assert (record["outcome"], record["accepted"], record["quarantined"]) == (
        "partially_accepted",
        1,
        1,
    )


def test_ingest_of_a_file_that_is_not_a_table_exits_4_and_keeps_it(run, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    store = tmp_path / "store"
    result = run("ingest", path, "--store", store, "--submitter", "Leeds", "--no-plan")
    assert result.exit_code == 4, result.output
    kept = list((store / "submissions").glob("*/original/photo.csv"))
    assert [p.read_bytes() for p in kept] == [path.read_bytes()]


def test_missing_file_exits_4(run, tmp_path):
    result = run("ingest", tmp_path / "absent.csv", "--store", tmp_path / "s", "--submitter", "x")
    assert result.exit_code == 4
    assert "no such file" in result.output


def test_commands_on_a_folder_that_is_not_a_store_exit_5(run, tmp_path):
    for command in ("submissions", "verify"):
        result = run(command, "--store", tmp_path / "nothing-here")
        assert result.exit_code == 5
        assert "not a wyoutcomes store" in result.output


def test_verify_exits_6_on_a_truncated_file(run, tmp_path):
    path = write_submission(tmp_path, "q1.csv", [("a", "E1", "2019", "10")])
    store = tmp_path / "store"
    run("ingest", path, "--store", store, "--submitter", "Leeds", "--no-plan")
    assert run("verify", "--store", store).exit_code == 0
    (values,) = store.glob("submissions/*/values/*/part-0.parquet")
    values.write_bytes(values.read_bytes()[:10])
    result = run("verify", "--store", store)
    assert result.exit_code == 6
    assert "truncated-file" in result.output


def test_withdraw_from_the_command_line(run, tmp_path):
    path = write_submission(
        tmp_path, "q1.csv", [("a", "E1", "2019", "10"), ("a", "E2", "2019", "3")]
    )
    store = tmp_path / "store"
    run("ingest", path, "--store", store, "--submitter", "Leeds", "--no-plan")
    keys = tmp_path / "keys.csv"
    keys.write_text("indicator_id,area_code,period,sex,age\na,E2,2019,Persons,All ages\n")
    result = run("withdraw", keys, "--store", store, "--submitter", "Leeds", "--reason", "typo")
    assert result.exit_code == 0, result.output
    assert "1 value(s) withdrawn" in result.output
    (kept,) = store.glob("submissions/*/original/keys.csv")
    assert kept.read_bytes() == keys.read_bytes()
    again = run("withdraw", keys, "--store", store, "--submitter", "Leeds", "--reason", "typo")
    assert again.exit_code == 5
    assert "is not a published value" in again.output
