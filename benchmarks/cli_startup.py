"""Benchmark: how long ``wyoutcomes --version`` takes, against the interpreter's own start-up.

Runs each command in a fresh process (best and median of 7) and prints the seconds and the
ratio to ``python -c pass`` in the same run. Target: ``--version`` under 0.5 s on the project
machine. The heavy libraries (pandas, scipy, pyarrow, jinja2) must not be imported for it; the
script checks that too, with ``-X importtime``.

    python benchmarks/cli_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7
HEAVY = ("pandas", "scipy", "pyarrow", "jinja2", "numpy")
COMMANDS = {
    "python -c pass (interpreter only)": [sys.executable, "-c", "pass"],
    "wyoutcomes --version": [sys.executable, "-m", "wyoutcomes", "--version"],
    "wyoutcomes validate --help": [sys.executable, "-m", "wyoutcomes", "validate", "--help"],
    "python -c 'import pandas' (for scale)": [sys.executable, "-c", "import pandas"],
}


def timed(command: list[str]) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def heavy_imports() -> list[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "wyoutcomes", "--version"],
        check=True,
        capture_output=True,
        text=True,
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    return sorted(n for n in names if n.split(".")[0] in HEAVY and "." not in n)


def main() -> None:
    base = None
    print(f"{'command':42} {'best':>7} {'median':>7} {'ratio':>6}")
    for name, command in COMMANDS.items():
        times = timed(command)
        best, median = min(times), statistics.median(times)
        base = base or best
        print(f"{name:42} {best:7.3f} {median:7.3f} {best / base:6.1f}×")
    heavy = heavy_imports()
    print(f"heavy libraries imported by --version: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
