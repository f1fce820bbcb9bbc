"""A child process for the crash and concurrency tests: ingests submissions and reports each.

Usage: ``python ingest_child.py STORE INPUTS NAME FIRST COUNT [GO_FILE]``. Writes submission
files NAME-<n>.csv into INPUTS (each with its own key, plus one key every child shares),
prints ``ready`` once imported, waits for GO_FILE to exist if given, then ingests COUNT files
(COUNT 0: until killed) and prints ``<submission id> <file name>`` after each ingest returns.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import wyoutcomes.validation  # noqa: F401  (imported before "ready", so kills land in ingests)
from wyoutcomes.store import Store


def submission_text(name: str, n: int) -> str:
    own = f"{name}-{n}"
    return (
        "indicator_id,area_code,period,sex,age,category_type,category,value,lower_ci,upper_ci\n"
        f"a,{own},2019,Persons,All ages,,,{n},{n - 1},{n + 1}\n"
        f"b,{own},2019,Persons,All ages,,,{n + 0.5},{n},{n + 1}\n"
        f"a,SHARED,2019,Persons,All ages,,,{n},{n - 1},{n + 1}\n"
    )


def main() -> None:
    store_path, inputs, name, first, count = sys.argv[1:6]
    go = Path(sys.argv[6]) if len(sys.argv) > 6 else None
    store = Store(store_path)
    print("ready", flush=True)
    while go is not None and not go.exists():
        time.sleep(0.005)
    n = int(first)
    last = n + int(count) if int(count) else None
    while last is None or n < last:
        path = Path(inputs) / f"{name}-{n}.csv"
        path.write_text(submission_text(name, n), encoding="utf-8")
        record = store.ingest(path, submitter=name, plan=False)
        print(record.submission_id, path.name, flush=True)
        n += 1


if __name__ == "__main__":
    main()
