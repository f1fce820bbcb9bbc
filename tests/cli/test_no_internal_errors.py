"""Property: no generated input makes the command line exit 70 (an internal error, a bug).

Arbitrary bytes as a submission, arbitrary text as plan YAML, arbitrary option values: each
run must end with one of the documented codes (docs/cli.md) — 0 to 6 — and without a
traceback. A modest number of examples per property keeps the suite quick; a failure
prints the smallest input hypothesis found.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wyoutcomes.cli import cli
from wyoutcomes.errors import InputFileError
from wyoutcomes.report.commentary import load_commentary_text
from wyoutcomes.store import Store

DOCUMENTED = {0, 1, 2, 3, 4, 5, 6}
HEADER = b"indicator_id,area_code,period,sex,age,category_type,category,value,lower_ci,upper_ci\n"
QUICK = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _check(result) -> None:
    assert result.exit_code in DOCUMENTED, result.output
    assert "Traceback" not in result.output, result.output


# bytes that look a little like a CSV: separators, quotes, line ends, digits, odd bytes
csv_bytes = st.one_of(
    st.binary(max_size=400),
    st.lists(
        st.sampled_from(
            [b",", b'"', b"\n", b"\r", b"\r\n", b"1", b"-1e400", b"nan", b"E1", b"a", b"\xff",
             b"\x00", b"\xef\xbb\xbf", b"2019", b"Persons", b"All ages", b" ", b"9" * 20]
        ),
        max_size=80,
    ).map(lambda parts: HEADER + b"".join(parts)),
)  # fmt: skip


@QUICK
@given(content=csv_bytes, use_plan=st.booleans())
def test_validate_never_exits_70(content, use_plan):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "submission.csv"
        path.write_bytes(content)
        args = ["validate", str(path), "--as-of", "2024-07-01", "--format", "json"]
        _check(CliRunner().invoke(cli, [*args] if use_plan else [*args, "--no-plan"]))


@QUICK
@given(content=csv_bytes)
def test_ingest_never_exits_70(content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "submission.csv"
        path.write_bytes(content)
        store = Path(folder) / "store"
        result = CliRunner().invoke(
            cli, ["ingest", str(path), "--store", str(store), "--submitter", "L", "--no-plan"]
        )
        _check(result)
        if result.exit_code in (0, 1):
            assert Store(store).verify().ok


yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            ["number: 1\n", "targets:\n", "  - ", "? ", "[1, 2]", ": x\n", "&a ", "*a ", "{", "}",
             "!!python/object:os.system ", "id: x\n", "- - -\n", "'", '"', "\t", "---\n", "...\n",
             "indicators: []\n", "<<: *a\n", "\\x00", "~\n", "2019-13-45\n"]
        ),
        max_size=40,
    ).map("".join),
)  # fmt: skip


@QUICK
@given(plan_text=yaml_text, ambition_text=yaml_text)
def test_ambitions_with_any_yaml_never_exits_70(plan_text, ambition_text):
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder)
        (plan / "plan.yaml").write_text(plan_text, encoding="utf-8")
        (plan / "01-a.yaml").write_text(ambition_text, encoding="utf-8")
        _check(CliRunner().invoke(cli, ["ambitions", "--plan", str(plan)]))


@QUICK
@given(text=yaml_text)
def test_commentary_with_any_yaml_is_read_or_an_input_error(text):
    with contextlib.suppress(InputFileError):  # the one error allowed
        load_commentary_text(text, "commentary.yaml")


option_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["2024/25 Q2", "2024/25 Q9", "1969-12-31", "0001-01-01", "9999-12-31T23:59Z", "-1", "",
         "E08000035", "E99999999", "2019 - 21", "2024-02-30", "NaT", "nan", "inf", "\x00"]
    ),
)  # fmt: skip


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    path = folder / "q1.csv"
    path.write_bytes(HEADER + b"suicide-rate,E08000035,2019 - 21,Persons,All ages,,,10,9,11\n")
    store = Store(folder / "store")
    store.ingest(path, submitter="L", plan_rules=False, submitted_at="2024-01-01")
    return store, path


@QUICK
@given(quarter=option_text, submitted_by=option_text, area=option_text)
def test_progress_with_any_option_values_never_exits_70(small_store, quarter, submitted_by, area):
    store, _ = small_store
    args = ["progress", "--store", str(store.path), "--as-at", quarter, "--format", "csv"]
    _check(CliRunner().invoke(cli, [*args, "--submitted-by", submitted_by, "--area", area]))


@QUICK
@given(moment=option_text, submitter=option_text)
def test_ingest_with_any_option_values_never_exits_70(small_store, moment, submitter):
    _, path = small_store
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "store"
        args = ["ingest", str(path), "--store", str(target), "--no-plan"]
        _check(CliRunner().invoke(cli, [*args, "--submitter", submitter, "--submitted-at", moment]))


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(quarter=option_text, generated_on=option_text, compare_to=option_text)
def test_report_with_any_option_values_never_exits_70(
    small_store, tmp_path, quarter, generated_on, compare_to
):
    store, _ = small_store
    out = tmp_path / "r.html"
    args = ["report", "--store", str(store.path), "--out", str(out), "--force"]
    result = CliRunner().invoke(
        cli,
        [*args, "--quarter", quarter, "--generated-on", generated_on, "--compare-to", compare_to],
    )
    _check(result)


@QUICK
@given(content=csv_bytes, suffix=st.sampled_from([".csv", ".parquet"]))
def test_progress_on_any_data_file_never_exits_70(content, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"values{suffix}"
        path.write_bytes(content)
        args = ["progress", "--data", str(path), "--as-at", "2024/25 Q2", "--format", "csv"]
        _check(CliRunner().invoke(cli, args))
