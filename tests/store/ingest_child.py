"""A child process for the crash and concurrency tests: ingests submissions and reports each.

``python ingest_child.py STORE INPUTS NAME FIRST COUNT [GO_FILE]`` writes submission files
NAME-<n>.csv into INPUTS (each with its own key, plus one key every child shares), prints
``ready`` once imported, waits for GO_FILE to exist if given, then ingests COUNT files and
prints ``<submission id> <file name>`` after each ingest returns.

``python ingest_child.py zygote STORE INPUTS`` imports everything once, then for each line
``round NAME DELAY`` on stdin forks a process that ingests files until, DELAY seconds later,
the zygote kills it with SIGKILL; it then prints ``killed <signal>``. Forking a warm process
puts every kill inside an ingest instead of inside Python's start-up.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import wyoutcomes.validation  # noqa: F401  (imported up front, so kills land in ingests)
from wyoutcomes.store import Store


def submission_text(name: str, n: int) -> str:
    own = f"{name}-{n}"
    return (
        "indicator_id,area_code,period,sex,age,category_type,category,value,lower_ci,upper_ci\n"
        f"a,{own},2019,Persons,All ages,,,{n},{n - 1},{n + 1}\n"
        f"b,{own},2019,Persons,All ages,,,{n + 0.5},{n},{n + 1}\n"
        f"a,SHARED,2019,Persons,All ages,,,{n},{n - 1},{n + 1}\n"
    )


def report(line: str) -> None:
    """One line in one write: a kill can never leave half of it in the pipe (< PIPE_BUF)."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def ingest_files(store_path: str, inputs: str, name: str, first: int, count: int | None) -> None:
    store = Store(store_path)
    n = first
    while count is None or n < first + count:
        path = Path(inputs) / f"{name}-{n}.csv"
        path.write_text(submission_text(name, n), encoding="utf-8")
        record = store.ingest(path, submitter=name, plan_rules=False)
        report(f"{record.submission_id} {path.name}")
        n += 1


def zygote(store_path: str, inputs: str) -> None:
    report("ready")
    for line in sys.stdin:
        _, name, delay = line.split()
        pid = os.fork()
        if pid == 0:  # the ingesting child: runs until killed
            ingest_files(store_path, inputs, name, 0, None)
            os._exit(0)
        time.sleep(float(delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        # the leading newline ends any line a killed child left unfinished
        report(f"\nkilled {os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0}")


def main() -> None:
    if sys.argv[1] == "zygote":
        zygote(sys.argv[2], sys.argv[3])
        return
    store_path, inputs, name, first, count = sys.argv[1:6]
    go = Path(sys.argv[6]) if len(sys.argv) > 6 else None
    report("ready")
    while go is not None and not go.exists():
        time.sleep(0.005)
    ingest_files(store_path, inputs, name, int(first), int(count))


if __name__ == "__main__":
    main()
