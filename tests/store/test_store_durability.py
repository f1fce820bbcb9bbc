"""Never lose data: kill -9 at random moments, and eight processes ingesting at once.

The crash test forks ingesting processes from a warm "zygote" (``ingest_child.py``) and kills
each with SIGKILL after a random delay, so the kills land inside ingests; the concurrency test
starts eight processes that wait for a signal file and then ingest at once. Both run real
child processes (``ingest_child.py``) against one store folder, then check
the store from the outside: every submission an ingest returned is there with its original
byte for byte, every committed submission is whole (``verify``), and the values read are
exactly those of the committed submissions — no more, no fewer.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from wyoutcomes.store import Store

CHILD = Path(__file__).with_name("ingest_child.py")
SRC = Path(__file__).resolve().parents[2] / "src"


def _child(*args: object) -> subprocess.Popen[str]:
    # Arrow's system allocator: jemalloc's background thread does not survive a fork cleanly
    env = {**os.environ, "PYTHONPATH": str(SRC), "ARROW_DEFAULT_MEMORY_POOL": "system"}
    return subprocess.Popen(
        [sys.executable, str(CHILD), *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _returned(lines: str) -> dict[str, str]:
    """submission id → file name, for each ingest that returned (complete lines only)."""
    out = {}
    for line in lines.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].endswith(".csv"):
            out[parts[0]] = parts[1]
    return out


def _check_consistent(store: Store, inputs: Path, returned: dict[str, str]) -> None:
    report = store.verify()
    assert report.ok, report.summary()
    records = store.submissions()
    committed = set(records["submission_id"])
    # every ingest that returned is committed, with its original kept byte for byte
    assert set(returned) <= committed
    for sid, name in returned.items():
        original = store.path / "submissions" / sid / "original" / name
        assert original.read_bytes() == (inputs / name).read_bytes()
    # the values are exactly those of the committed submissions
    current = store.read()
    own = current[current["area_code"] != "SHARED"]
    expected_areas = {name.removesuffix(".csv") for name in records["file_name"]}
    assert set(own["area_code"]) == expected_areas
    assert len(own) == 2 * len(expected_areas)
    # the shared key holds the value of the latest committed submission
    latest = records.iloc[-1]
    shared = current[current["area_code"] == "SHARED"]
    assert shared["submission_id"].tolist() == [latest["submission_id"]]
    # a plain Parquet reader sees the same rows: 3 per committed submission, nothing partial
    files = [str(p) for p in store.path.glob("submissions/*/values/*/*.parquet")]
    assert ds.dataset(files, format="parquet").count_rows() == 3 * len(committed)


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_nothing(tmp_path):
    rng = random.Random(20240701)
    store_path, inputs = tmp_path / "store", tmp_path / "inputs"
    inputs.mkdir()
    Store(store_path)
    zygote = _child("zygote", store_path, inputs)
    assert zygote.stdin is not None and zygote.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    # a reader thread, so that a child that goes silent fails the test instead of hanging it
    threading.Thread(
        target=lambda: [lines.put(line) for line in zygote.stdout], daemon=True
    ).start()

    def next_line() -> str:
        try:
            return lines.get(timeout=120)
        except queue.Empty:
            zygote.kill()
            pytest.fail(f"the zygote went silent: {zygote.stderr.read()}")

    assert next_line().strip() == "ready"
    output = []
    kills = 0
    for round_number in range(25):
        zygote.stdin.write(f"round r{round_number} {rng.uniform(0.02, 0.4):.3f}\n")
        zygote.stdin.flush()
        while not (line := next_line()).startswith("killed"):
            output.append(line)
        kills += line.split() == ["killed", str(int(signal.SIGKILL))]
    zygote.stdin.close()
    assert zygote.wait(timeout=60) == 0, zygote.stderr.read()
    assert kills == 25
    returned = _returned("".join(output))
    store = Store(store_path)
    _check_consistent(store, inputs, returned)
    assert len(returned) > 0
    # kills landed inside ingests (unfinished folders), which left them only in _staging/
    assert 0 < len(store.verify().unfinished) <= kills


@pytest.mark.slow
def test_eight_processes_ingesting_at_once_lose_nothing(tmp_path):
    store_path, inputs = tmp_path / "store", tmp_path / "inputs"
    inputs.mkdir()
    Store(store_path)
    go = tmp_path / "go"
    children = [_child(store_path, inputs, f"p{k}", 0, 4, go) for k in range(8)]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    go.touch()
    returned: dict[str, str] = {}
    for child in children:
        output, errors = child.communicate(timeout=300)
        assert child.returncode == 0, errors
        returned.update(_returned(output))
    assert len(returned) == 32
    store = Store(store_path)
    _check_consistent(store, inputs, returned)
    assert len(store.submissions()) == 32
    assert store.verify().unfinished == ()
