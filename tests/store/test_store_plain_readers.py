"""The store folder reads with plain pyarrow.dataset and DuckDB, as docs/store.md shows."""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest
from store_files import write_submission


@pytest.fixture
def filled(store, tmp_path):
    first = write_submission(
        tmp_path,
        "q1.csv",
        [("a", "E1", "2019", "10"), ("b", "E1", "2019", "4"), ("a", "E2", "2019", "7")],
    )
    second = write_submission(tmp_path, "q2.csv", [("a", "E1", "2019", "12")])
    bad = write_submission(tmp_path, "bad.csv", [("a", "E9", "2019", "oops")])
    store.ingest(first, submitter="Leeds", submitted_at="2024-01-01")
    store.ingest(second, submitter="Leeds", submitted_at="2024-02-01")
    store.ingest(bad, submitter="Leeds", submitted_at="2024-03-01")  # rejected: no values
    keys = store.read(areas=["E2"])[["indicator_id", "area_code", "period", "sex", "age"]]
    store.withdraw(keys, submitter="Leeds", reason="duplicate count", submitted_at="2024-04-01")
    return store


def test_pyarrow_dataset_reads_every_version(filled):
    files = [str(path) for path in sorted(filled.path.glob("submissions/*/values/*/*.parquet"))]
    table = ds.dataset(files, format="parquet").to_table()
    assert table.num_rows == 5  # 3 + 1 versions and 1 withdrawal
    assert sorted(table["value"].drop_null().to_pylist()) == [4.0, 7.0, 10.0, 12.0]


def test_pyarrow_dataset_with_hive_partitioning(filled):
    dataset = ds.dataset(
        f"{filled.path}/submissions",
        format="parquet",
        partitioning="hive",
        exclude_invalid_files=False,
        ignore_prefixes=[".", "_", "record.json", "original", "quarantine", "failures"],
    )
    got = dataset.to_table(filter=ds.field("indicator_id") == "b").to_pandas()
    assert got["value"].tolist() == [4.0]


CURRENT_SQL = """
SELECT * EXCLUDE (rank) FROM (
  SELECT *, row_number() OVER (
    PARTITION BY indicator_id, area_code, period, sex, age, category_type, category
    ORDER BY submission_id DESC, source_row DESC) AS rank
  FROM read_parquet('{store}/submissions/*/values/*/*.parquet')
) WHERE rank = 1 AND NOT withdrawn
ORDER BY indicator_id, area_code, period, sex, age, category_type, category
"""


def test_duckdb_current_values_match_store_read(filled):
    current = duckdb.sql(CURRENT_SQL.format(store=filled.path))
    assert current.columns == [*filled.read().columns, "withdrawn"]
    # fetch plain columns (a timestamp with time zone would need pytz to fetch as Python)
    got = duckdb.sql(f"SELECT area_code, value, submission_id FROM ({current.sql_query()})")
    want = filled.read()[["area_code", "value", "submission_id"]]
    assert got.fetchall() == list(want.itertuples(index=False, name=None))
    assert want["value"].tolist() == [12.0, 4.0]


def test_duckdb_hive_partition_and_records(filled):
    con = duckdb.connect()
    count = con.execute(
        f"SELECT count(*) FROM read_parquet('{filled.path}/submissions/*/values/*/*.parquet', "
        "hive_partitioning = true) WHERE indicator_id = 'a'"
    ).fetchall()[0][0]
    assert count == 4
    records = con.execute(
        f"SELECT submission_id, outcome FROM read_json_auto('{filled.path}/submissions/*/"
        "record.json') ORDER BY submission_id"
    ).fetchall()
    assert [outcome for _, outcome in records] == ["accepted", "accepted", "rejected", "accepted"]
    assert [str(sid) for sid, _ in records] == filled.submissions()["submission_id"].tolist()


def test_pandas_reads_a_values_file_directly(filled):
    path = next(filled.path.glob("submissions/*/values/indicator_id=b/*.parquet"))
    frame = pd.read_parquet(path)
    assert frame["withdrawn"].tolist() == [False]
