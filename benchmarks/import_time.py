"""Start-up cost of the package face: `import wyoutcomes` and `wyoutcomes --version`.

Baseline in the same run: importing the links the old face imported eagerly (definitions,
validation, store, progress, report, spc), which is what `import wyoutcomes` cost before the
face became lazy. Each figure is the best of 5 fresh interpreters.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

RUNS = 5
CASES = {
    "import wyoutcomes": [sys.executable, "-c", "import wyoutcomes"],
    "wyoutcomes --version": [str(Path(sys.executable).with_name("wyoutcomes")), "--version"],
    "baseline: import every link": [
        sys.executable,
        "-c",
        "import wyoutcomes.definitions, wyoutcomes.validation, wyoutcomes.store, "
        "wyoutcomes.progress, wyoutcomes.report, wyoutcomes.spc",
    ],
}


def best_of(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    figures = {name: best_of(command) for name, command in CASES.items()}
    baseline = figures["baseline: import every link"]
    for name, seconds in figures.items():
        print(f"{name:32s} {seconds:6.3f} s   {baseline / seconds:5.1f}x faster than the baseline")


if __name__ == "__main__":
    main()
