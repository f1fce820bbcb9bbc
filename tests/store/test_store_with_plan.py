"""End to end with the bundled plan: ingest validates against the plan, as of the submission.

The rows are real indicator ids and area codes of the bundled plan (suicide rate per 100,000,
pooled 2017–19, for Bradford E08000032 and Leeds E08000035); the figures are made up but within
the plan's plausible range (0–40), except the one row that is meant to be out of range.
"""

from __future__ import annotations

from datetime import date

import pyarrow.parquet as pq

from wyoutcomes import validate
from wyoutcomes.store import Store

HEADER = "indicator_id,area_code,period,sex,age,category_type,category,value,lower_ci,upper_ci\n"
GOOD = [
    "suicide-rate,E08000032,2017 - 19,Persons,10+ yrs,,,9.2,8.1,10.4\n",
    "suicide-rate,E08000035,2017 - 19,Persons,10+ yrs,,,13.3,12.2,14.5\n",
]
OUT_OF_RANGE = "suicide-rate,E08000036,2017 - 19,Persons,10+ yrs,,,133,122,145\n"


def test_a_plan_valid_file_is_stored(tmp_path):
    path = tmp_path / "suicide.csv"
    path.write_text(HEADER + "".join(GOOD), encoding="utf-8")
    record = Store(tmp_path / "store").ingest(path, submitter="Leeds", submitted_at="2024-07-01")
    direct = validate(path, as_of=date(2024, 7, 1))
    assert record.outcome == direct.outcome != "rejected"
    assert (record.accepted, record.warnings) == (2, direct.warnings)
    assert record.ruleset_version == direct.ruleset_version


def test_an_out_of_range_row_is_quarantined_with_its_rule(tmp_path):
    path = tmp_path / "suicide.csv"
    path.write_text(HEADER + "".join(GOOD) + OUT_OF_RANGE, encoding="utf-8")
    store = Store(tmp_path / "store")
    rejected = store.ingest(path, submitter="Wakefield", submitted_at="2024-07-01")
    assert (rejected.outcome, rejected.accepted, rejected.quarantined) == ("rejected", 0, 1)
    assert "value-out-of-range" in rejected.rules
    folder = store.path / "submissions" / rejected.submission_id
    quarantine = pq.read_table(folder / "quarantine.parquet").to_pandas()
    assert quarantine["source_row"].tolist() == [3]
    assert "value-out-of-range(value)" in quarantine["reasons"].iloc[0]

    partial = store.ingest(
        path, submitter="Wakefield", accept_valid_rows=True, submitted_at="2024-07-02"
    )
    assert (partial.outcome, partial.accepted) == ("partially_accepted", 2)
    assert sorted(store.read()["area_code"]) == ["E08000032", "E08000035"]
