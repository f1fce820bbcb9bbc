"""An engine's lazy read of a store equals ``Store.read`` at every ``as_of`` of a history with
revisions and a withdrawal; a stray file in the folder is not read (a glob would read it)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from wyoutcomes.engines import read_store
from wyoutcomes.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_files import write_submission

HISTORY = [
    ("S1", "2024-01-10T12:00Z", [("a", "E1", "2019", "10"), ("a", "E2", "2019", "20")]),
    ("S2", "2024-02-10T12:00Z", [("a", "E1", "2019", "11")]),
    ("S3", "2024-03-10T12:00Z", [("a", "E3", "2019", "30"), ("b", "E1", "2019", "5")]),
    ("W4", "2024-04-10T12:00Z", [("a", "E2", "2019", "withdraw")]),
    ("S5", "2024-05-10T12:00Z", [("a", "E2", "2019", "22")]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("engines-store")
    store = Store(folder / "store")
    for name, time, rows in HISTORY:
        if rows[0][3] == "withdraw":
            keys = pd.DataFrame(
                [(i, a, p, "Persons", "All ages") for i, a, p, _ in rows],
                columns=["indicator_id", "area_code", "period", "sex", "age"],
            )
            store.withdraw(keys, submitter="Leeds", reason="coding error", submitted_at=time)
        else:
            path = write_submission(folder, f"{name}.csv", rows)
            store.ingest(path, submitter="Leeds", submitted_at=time, plan_rules=False)
    # a stray Parquet file beside the committed ones: a folder glob would read it
    stray = next(Path(store.value_files()[0]).parent.glob("*.parquet"))
    (stray.parent / "stray.parquet").write_bytes(stray.read_bytes())
    return store


def _collected(native) -> pd.DataFrame:
    import narwhals.stable.v2 as nw

    frame = nw.from_native(native).collect().to_pandas()
    keys = ["indicator_id", "area_code", "period", "sex", "age", "category_type", "category"]
    return frame.sort_values(keys).reset_index(drop=True)


@pytest.mark.parametrize("backend", ["polars", "duckdb"])
@pytest.mark.parametrize("as_of", ["2024-02-15", "2024-04-10T12:00Z", None])
def test_the_lazy_read_equals_store_read(store, backend, as_of):
    expected = store.read(as_of=as_of)
    got = _collected(read_store(store, as_of, backend=backend))
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected)
    for column in expected.columns:
        assert got[column].astype(str).tolist() == expected[column].astype(str).tolist(), column


def test_value_files_are_the_manifests_files_only(store):
    files = store.value_files()
    assert all(path.is_file() and path.name != "stray.parquet" for path in files)
    assert len(store.value_files("2024-01-10T12:00Z")) == 1
