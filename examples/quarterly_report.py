"""The quarterly cycle: ingest two quarters' submissions into a store, then render the board's
report for the second quarter with the analysts' commentary.

Only real published figures are used (examples/data/): in 2024/25 Q1 the ONS 2021 release of
the suicide rates, in Q2 the later release that revised 2019-21 and added 2020-22. The report's
"what changed" section shows those revisions; reading the store as at Q1 still gives Q1's
figures.

Run from anywhere:  python examples/quarterly_report.py [OUT_DIR]   (default: the current folder)
"""

from __future__ import annotations

import sys
from pathlib import Path

from wyoutcomes.definitions import bundled_family, load_plan
from wyoutcomes.report import render_report
from wyoutcomes.store import Store

HERE = Path(__file__).resolve().parent
QUARTERS = [
    # (quarter, file, when it was submitted: fixed, so the report is the same on every run)
    ("2024/25 Q1", HERE / "data" / "suicide_2021_release.csv", "2024-06-20T10:00:00Z"),
    ("2024/25 Q2", HERE / "data" / "published_figures.csv", "2024-09-20T10:00:00Z"),
]


def main(out: Path) -> None:
    plan = load_plan()
    out.mkdir(parents=True, exist_ok=True)
    store = Store(out / "quarterly-report-store")
    if not store.submissions().empty:
        print(f"{store}: already filled; delete the folder to start again")
        return
    for quarter, path, moment in QUARTERS:
        record = store.ingest(
            path, submitter="Suicide prevention programme", submitted_at=moment, plan=plan
        )
        print(f"{quarter}: ingested {path.name} as submission {record.submission_id}")

    before = store.read(as_of=QUARTERS[0][2], indicators=["suicide-rate"], areas=["E08000035"])
    after = store.read(indicators=["suicide-rate"], areas=["E08000035"])
    for label, frame in [("as at Q1", before), ("now", after)]:
        value = frame.loc[frame["period"] == "2019 - 21", "value"].iloc[0]
        print(f"Leeds suicide rate 2019-21, {label}: {value}")

    # judged against the promises in force at the quarter: from April 2024 the refreshed plan,
    # with the 2019 promises it revised shown beside it
    html = render_report(
        bundled_family(),
        store,
        "2024/25 Q2",
        commentary=HERE / "commentary" / "2024-25-Q2.yaml",
        generated_on="2024-10-01",
    )
    report = out / "quarterly_report.html"
    report.write_text(html, encoding="utf-8")
    print(f"Report: {report}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
