"""Exports for Power BI and Excel: names, real period dates, every format, formula-safe."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "report"))
from report_fixtures import two_submission_store

from wyoutcomes.cli import cli
from wyoutcomes.definitions import load_plan
from wyoutcomes.exports import export_tables, write_exports


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return two_submission_store(tmp_path_factory.mktemp("exports") / "store", load_plan())


def test_values_carry_area_names_and_period_dates(store):
    """Hand-worked: "2015 - 17" is 1 Jan 2015 – 31 Dec 2017; "12 months to 2021-02" is
    1 Mar 2020 – 28 Feb 2021; E92000001 is England."""
    values = export_tables(load_plan(), store, "2020/21 Q4")["values"]
    pooled = values[(values["period"] == "2015 - 17") & (values["area_code"] == "E92000001")]
    assert pooled[["area_name", "period_start", "period_end"]].values.tolist() == [
        ["England", pd.Timestamp("2015-01-01"), pd.Timestamp("2017-12-31")]
    ]
    rolling = values[values["period"] == "12 months to 2021-02"].iloc[0]
    assert (rolling["period_start"], rolling["period_end"]) == (
        pd.Timestamp("2020-03-01"),
        pd.Timestamp("2021-02-28"),
    )


def test_progress_carries_the_quarter_names_and_latest_period_dates(store):
    progress = export_tables(load_plan(), store, "Q4 2020/21")["progress"]
    assert set(progress["quarter"]) == {"2020/21 Q4"}
    antibiotics = progress[progress["target_id"].str.contains("antibiotic")].iloc[0]
    assert antibiotics["latest_period"] == "12 months to 2021-02"
    assert antibiotics["latest_end"] == pd.Timestamp("2021-02-28")
    assert antibiotics["area_name"].startswith("West Yorkshire and Harrogate")


def test_every_format_holds_the_same_rows_and_text_is_formula_safe(tmp_path, store):
    tables = export_tables(load_plan(), store, "2020/21 Q4")
    tables["values"].loc[0, "value_note"] = "=HYPERLINK(1)"
    paths = write_exports(tables, tmp_path)
    assert sorted(p.name for p in paths) == sorted(
        f"{n}.{f}" for n in ("progress", "values") for f in ("xlsx", "csv", "parquet")
    )
    parquet = pd.read_parquet(tmp_path / "values.parquet")
    csv = pd.read_csv(tmp_path / "values.csv", keep_default_na=False, encoding="utf-8-sig")
    sheet = openpyxl.load_workbook(tmp_path / "values.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(parquet) == len(csv) == len(rows) - 1 == len(tables["values"])
    assert parquet.loc[0, "value_note"] == "=HYPERLINK(1)"  # Parquet keeps what was submitted
    assert csv.loc[0, "value_note"] == "'=HYPERLINK(1)"
    note = rows[0].index("value_note")
    assert rows[1][note] == "'=HYPERLINK(1)"
    start = rows[0].index("period_start")
    assert rows[1][start].date() == parquet.loc[0, "period_start"].date()  # a real date cell


def test_the_same_inputs_give_the_same_bytes(tmp_path, store):
    tables = export_tables(load_plan(), store, "2020/21 Q4")
    first = write_exports(tables, tmp_path / "a")
    second = write_exports(tables, tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_export_command(tmp_path, store):
    out = tmp_path / "exports"
    args = ["export", "--store", str(store.path), "--quarter", "2020/21 Q4", "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["progress.xlsx", "values.xlsx"]
    again = CliRunner().invoke(cli, [*args, "--format", "xlsx"])
    assert again.exit_code == 2
    assert "--force" in again.output
    # the second submission (15 March 2021) is left out by a cut-off of 1 January 2021
    cut = CliRunner().invoke(cli, [*args, "--format", "csv", "--as-of", "2021-01-01", "--force"])
    assert cut.exit_code == 0, cut.output
    values = pd.read_csv(out / "values.csv", encoding="utf-8-sig")
    assert "12 months to 2021-02" not in set(values["period"])
    assert "12 months to 2020-11" in set(values["period"])


def test_bad_arguments_are_usage_errors(tmp_path, store):
    from wyoutcomes.errors import UsageError

    with pytest.raises(UsageError, match="choose from"):
        write_exports({}, tmp_path, ["pdf"])
    with pytest.raises(UsageError, match="a Store or a canonical DataFrame"):
        export_tables(load_plan(), 42, "2020/21 Q4")
    with pytest.raises(UsageError, match=r"\.csv, \.xlsx or \.parquet"):
        from wyoutcomes.spreadsheet import write_table

        write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.txt")


def test_a_frame_and_an_area_filter(store):
    frame = store.read()
    tables = export_tables(load_plan(), frame, "2020/21 Q4", areas=["E92000001"])
    assert set(tables["values"]["area_code"]) == {"E92000001"}
    assert set(tables["values"]["area_name"]) == {"England"}


def test_unknown_codes_and_labels_get_blank_names_and_dates():
    from wyoutcomes.exports import with_names_and_dates

    odd = pd.DataFrame(
        {"indicator_id": ["mine"], "area_code": ["X99"], "period": ["sometime"], "value": [1.0]}
    )
    out = with_names_and_dates(odd, False)
    assert out.loc[0, "area_name"] == ""
    assert pd.isna(out.loc[0, "period_start"]) and pd.isna(out.loc[0, "period_end"])
