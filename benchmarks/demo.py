"""How long `wyoutcomes demo` takes, by part, against the one-minute budget of the README's first
command; and the cost of filling the store quarter by quarter against one plain bulk ingest of
the same values (the baseline, measured in the same run).

Run: python benchmarks/demo.py   (or ./tasks.sh bench)
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pandas as pd

from wyoutcomes.definitions import load_plan
from wyoutcomes.demo import synthetic_values
from wyoutcomes.demo.build import build_demo, demo_submissions
from wyoutcomes.store import Store

BUDGET = 60.0  # seconds: "well under a minute" for the whole demo


def timed(label: str, action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"{label:<58} {seconds:7.2f} s")
    return result, seconds


def main() -> None:
    plan = load_plan()
    frame, generate = timed(
        "synthetic values, every indicator (one seed)", lambda: synthetic_values(plan)
    )
    print(f"{'':<58} {len(frame):7d} rows")
    submissions, schedule = timed(
        "all demo submissions (final + provisional + published)", lambda: demo_submissions(plan)
    )
    with tempfile.TemporaryDirectory() as folder:
        result, total = timed(
            "wyoutcomes demo: store + report, end to end",
            lambda: build_demo(Path(folder) / "demo", plan=plan),
        )
        rows = result.rows
        everything = pd.concat([s.frame for s in submissions], ignore_index=True)
        latest = everything.drop_duplicates(
            ["indicator_id", "area_code", "period", "sex", "age", "category_type", "category"],
            keep="last",
        )
        store = Store(Path(folder) / "bulk")
        _, bulk = timed(
            "baseline: the same values as one bulk ingest",
            lambda: store.ingest(latest, submitter="bench", submitted_at="2027-01-01"),
        )
    print(
        f"\n{result.submissions} submissions, {rows} values; demo total {total:.1f} s of a "
        f"{BUDGET:.0f} s budget (ratio {total / BUDGET:.2f}); generation {generate:.1f} s, "
        f"schedule {schedule:.1f} s"
    )
    print(f"quarterly filling + report against one bulk ingest: ratio {total / bulk:.1f}")


if __name__ == "__main__":
    main()
