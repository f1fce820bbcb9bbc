"""What a place receives when its submission has problems: run the same checks the store runs
on ingest, and show the report — every failure with its row, column, rule and a fix.

examples/submissions/bad_submission.csv holds twelve rows with the mistakes submissions really
contain: an unknown area code, a period written the wrong way, swapped confidence limits, a
proportion given as a fraction, a suppression marker, a thousands separator, a repeated row, an
indicator the plan does not have, and a period that has not ended on the validation date.

Run from anywhere:  python examples/validate_submission.py [--html REPORT.html]
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from wyoutcomes.validation import validate

SUBMISSION = Path(__file__).resolve().parent / "submissions" / "bad_submission.csv"


def main(argv: list[str]) -> int:
    # the date the place submitted: "a period in the future" is judged against it
    report = validate(SUBMISSION, as_of=date(2025, 1, 15))
    print(report.to_text())
    if "--html" in argv:  # the same report as a page to send back to the place
        html = Path(argv[argv.index("--html") + 1])
        html.write_text(report.to_html(), encoding="utf-8")
        print(f"\nHTML report: {html}")
    # fixed rows can go ahead while the place corrects the rest
    passed, failed = len(report.valid_rows()), len(report.invalid_rows())
    print(f"\n{passed} row(s) pass every check; {failed} need fixing")
    return 0  # the example worked: the rejection is what it shows


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
