"""Odd option values: each gets its documented exit code (docs/cli.md) and one line, never 70.

2 for a bad option value (a time before 1970, text that is not a time), 3 for an unknown area
code, 5 for what the store cannot do (an indicator id too long for a file name, a withdrawal
listing no keys) — with the store left as it was.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from wyoutcomes.cli import cli
from wyoutcomes.errors import UsageError
from wyoutcomes.store import Store

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
sys.path.insert(0, str(Path(__file__).parents[1] / "report"))
from store_files import write_submission  # the store tests' file writer


def run(*args: object):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def _ok_line(result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.output.startswith(("error:", "Usage:")), result.output


@pytest.fixture
def submission(tmp_path):
    return write_submission(tmp_path, "q1.csv", [("a", "E1", "2019", "10")])


@pytest.mark.parametrize(
    "moment", ["1969-12-31T23:59:59Z", "1900-01-01", "0001-01-01", "yesterday", "2024-13-45"]
)
def test_ingest_submitted_at_out_of_range_or_unparseable_is_a_usage_error(
    submission, tmp_path, moment
):
    store = tmp_path / "store"
    result = run(
        "ingest", submission, "--store", store, "--submitter", "L", "--no-plan",
        "--submitted-at", moment,
    )  # fmt: skip
    _ok_line(result, 2)
    assert "--submitted-at" in result.output or "submitted_at" in result.output


def test_the_library_says_usage_error_too(tmp_path, submission):
    with pytest.raises(UsageError, match="1970"):
        Store(tmp_path / "s").ingest(
            submission, submitter="L", plan_rules=False, submitted_at="1969-07-20T20:17Z"
        )


def test_withdraw_submitted_at_unparseable_is_a_usage_error(tmp_path, submission):
    store = Store(tmp_path / "store")
    store.ingest(submission, submitter="L", plan_rules=False, submitted_at="2024-01-01")
    keys = tmp_path / "keys.csv"
    keys.write_text("indicator_id,area_code,period,sex,age\na,E1,2019,Persons,All ages\n")
    result = run(
        "withdraw", keys, "--store", store.path, "--submitter", "L", "--reason", "x",
        "--submitted-at", "not a time",
    )  # fmt: skip
    _ok_line(result, 2)
    assert len(store.submissions()) == 1


def test_an_indicator_id_too_long_for_a_file_name_is_a_clear_error(tmp_path):
    long_id = "i" * 300
    path = write_submission(tmp_path, "long.csv", [(long_id, "E1", "2019", "10")])
    store = tmp_path / "store"
    result = run("ingest", path, "--store", store, "--submitter", "L", "--no-plan")
    _ok_line(result, 5)
    assert "too long" in result.output and len(result.output) < 600
    assert Store(store).submissions().empty
    assert list((store / "_staging").iterdir()) == []


def test_withdraw_with_a_header_only_keys_file_is_refused(tmp_path, submission):
    store = Store(tmp_path / "store")
    store.ingest(submission, submitter="L", plan_rules=False, submitted_at="2024-01-01")
    keys = tmp_path / "keys.csv"
    keys.write_text("indicator_id,area_code,period,sex,age\n")
    result = run("withdraw", keys, "--store", store.path, "--submitter", "L", "--reason", "x")
    _ok_line(result, 5)
    assert "no keys" in result.output
    assert len(store.submissions()) == 1
    assert store.read()["value"].tolist() == [10.0]


def test_progress_with_an_unknown_area_exits_3(tmp_path, submission):
    store = Store(tmp_path / "store")
    store.ingest(submission, submitter="L", plan_rules=False, submitted_at="2024-01-01")
    result = run("progress", "--store", store.path, "--as-at", "2024/25 Q2", "--area", "E99999999")
    _ok_line(result, 3)
    assert "E99999999" in result.output
    known = run("progress", "--store", store.path, "--as-at", "2024/25 Q2", "--area", "E08000035")
    assert known.exit_code == 0, known.output


def test_report_with_an_unknown_area_exits_3(tmp_path, submission):
    store = Store(tmp_path / "store")
    store.ingest(submission, submitter="L", plan_rules=False, submitted_at="2024-01-01")
    result = run(
        "report", "--store", store.path, "--quarter", "2024/25 Q2",
        "--out", tmp_path / "r.html", "--area", "NOT-AN-AREA",
    )  # fmt: skip
    _ok_line(result, 3)
    assert "NOT-AN-AREA" in result.output
    assert not (tmp_path / "r.html").exists()


def test_commentary_for_an_ambition_not_in_the_plan_is_a_warning(tmp_path):
    from report_fixtures import make_inputs, make_plan

    from wyoutcomes.report import render_report
    from wyoutcomes.report.commentary import AmbitionCommentary

    plan = make_plan(3)
    inputs = make_inputs(plan)
    commentary = tmp_path / "commentary.yaml"
    commentary.write_text(
        "ambitions:\n  2:\n    narrative: Shown.\n  42:\n    narrative: Nowhere to go.\n"
    )
    with pytest.warns(UserWarning, match=r"ambition 42 .*not in the plan"):
        html = render_report(plan, inputs, "2024/25 Q2", commentary=commentary)
    assert "Shown." in html and "Nowhere to go." not in html
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # commentary for ambitions in the plan: no warning
        render_report(plan, inputs, "2024/25 Q2", commentary={2: AmbitionCommentary(narrative="x")})


@pytest.mark.parametrize("moment", ["garbage", "2024-07-01T25:00"])
def test_progress_submitted_by_unparseable_is_a_usage_error(tmp_path, submission, moment):
    store = Store(tmp_path / "store")
    store.ingest(submission, submitter="L", plan_rules=False, submitted_at="2024-01-01")
    result = run(
        "progress", "--store", store.path, "--as-at", "2024/25 Q2", "--submitted-by", moment
    )
    _ok_line(result, 2)


def test_the_report_command_prints_the_commentary_warning(tmp_path):
    data = tmp_path / "values.csv"
    data.write_text(
        "indicator_id,area_code,period,sex,age,category_type,category,value,lower_ci,upper_ci\n"
        "suicide-rate,E08000035,2017 - 19,Persons,All ages,,,10.5,9.5,11.5\n",
        encoding="utf-8",
    )
    commentary = tmp_path / "commentary.yaml"
    commentary.write_text(
        "ambitions:\n  5:\n    narrative: Shown.\n  11:\n    narrative: Nowhere to go.\n"
    )
    out = tmp_path / "r.html"
    result = run(
        "report", "--data", data, "--quarter", "2020/21 Q4", "--out", out,
        "--commentary", commentary, "--generated-on", "2021-05-05",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning: commentary for ambition 11 is not shown" in result.output
    html = out.read_text(encoding="utf-8")
    assert "Shown." in html and "Nowhere to go." not in html


def _disk_full(monkeypatch):
    import errno
    import os

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_report_on_a_full_disk_is_a_usage_error_with_nothing_half_written(tmp_path, monkeypatch):
    data = tmp_path / "values.csv"
    data.write_text(
        "indicator_id,area_code,period,sex,age,category_type,category,value,lower_ci,upper_ci\n"
        "suicide-rate,E08000035,2017 - 19,Persons,All ages,,,10.5,9.5,11.5\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    _disk_full(monkeypatch)
    result = run("report", "--data", data, "--quarter", "2020/21 Q4", "--out", out_dir / "r.html")
    _ok_line(result, 2)
    assert "No space left on device" in result.output
    assert list(out_dir.iterdir()) == []


def test_validate_out_on_a_full_disk_is_a_usage_error(tmp_path, submission, monkeypatch):
    import pathlib

    def write_text(self, *args, **kwargs):
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(pathlib.Path, "write_text", write_text)
    result = run("validate", submission, "--no-plan", "--out", tmp_path / "extract")
    _ok_line(result, 2)
    assert "No space left on device" in result.output
