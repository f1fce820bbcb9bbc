"""Read an OHID Fingertips CSV export and check it against the plan before using it.

Fingertips names indicators by number (41001) and writes ICB codes with an ``n`` prefix;
``read_fingertips`` returns the canonical submission frame with the plan's indicator ids and
plain area codes, and ``validate`` says whether the rows can go into the store.

Run from anywhere:  python examples/fingertips_import.py [EXPORT.csv]
"""

from __future__ import annotations

import sys
from pathlib import Path

from wyoutcomes.validation import read_fingertips, validate

EXPORT = Path(__file__).resolve().parent / "fingertips" / "published_figures_fingertips.csv"


def main(path: Path = EXPORT) -> int:
    frame = read_fingertips(path)
    print(f"Read {len(frame)} rows from {path.name}")
    columns = ["indicator_id", "area_code", "period", "sex", "value", "lower_ci", "upper_ci"]
    print(frame[columns].to_string(index=False))

    report = validate(frame.drop(columns="source_row"))
    print(f"\nValidation: {report.outcome}")
    counts = report.failures.groupby(["severity", "rule"], observed=True).size()
    for (severity, rule), n in counts.items():
        print(f"  {n} {severity}(s) {rule}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else EXPORT))
