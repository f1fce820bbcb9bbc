"""Every example in examples/ runs as a newcomer would run it: a fresh interpreter, started in an
empty folder, and says what it should (figures checked against the published sources)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.slow  # a fresh interpreter each: a few seconds of imports per example


def run(tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    # a checkout run with PYTHONPATH=src and an installed package both work
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_fingertips_import(tmp_path: Path) -> None:
    done = run(tmp_path, "fingertips_import.py")
    assert done.returncode == 0, done.stderr
    assert "Read 12 rows" in done.stdout
    # the n-prefixed ICB code and the numeric id arrive as the plan spells them
    assert "suicide-rate E54000054 2020 - 22" in " ".join(done.stdout.split())
    assert "Validation: accepted_with_warnings" in done.stdout
    assert list(tmp_path.iterdir()) == []  # an example writes nothing it was not asked to


def test_use_in_analysis(tmp_path: Path) -> None:
    done = run(tmp_path, "use_in_analysis.py")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # the plan's own numbers: 5% off implied gaps of 10.0 (men) and 8.3 years (women)
    assert "implied baseline 10.0 years, target 9.50 years by 2024" in out
    assert "implied baseline 8.3 years, target 7.88 years by 2024" in out or (
        "implied baseline 8.3 years, target 7.89 years by 2024" in out
    )
    assert "Slope index of inequality" in out
    lines = [line.split() for line in out.splitlines() if line.startswith("  Male ")]
    assert 5 < float(lines[0][1]) < 15  # a plausible gap, in years


def test_validate_submission(tmp_path: Path) -> None:
    done = run(tmp_path, "validate_submission.py", "--html", "report.html")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "bad_submission.csv: REJECTED" in out
    for rule in [
        "unknown-area",
        "malformed-period",
        "ci-inverted",
        "invalid-sex",
        "value-inconsistent-with-counts",
        "suppression-marker",
        "thousands-separator",
        "duplicate-key",
        "unknown-indicator",
        "period-in-future",
    ]:
        assert rule in out, rule
    assert "1 row(s) pass every check; 11 need fixing" in out
    assert (tmp_path / "report.html").read_text(encoding="utf-8").lstrip().startswith("<!")


def test_quarterly_report(tmp_path: Path) -> None:
    done = run(tmp_path, "quarterly_report.py")
    assert done.returncode == 0, done.stderr
    # ONS via suicidepreventionwestyorkshire.co.uk: Leeds 2019-21 was 13.9 in the 2021
    # release, 13.3 after the revision
    assert "Leeds suicide rate 2019-21, as at Q1: 13.9" in done.stdout
    assert "Leeds suicide rate 2019-21, now: 13.3" in done.stdout
    html = (tmp_path / "quarterly_report.html").read_text(encoding="utf-8")
    assert "Share the revised rates" in html  # the commentary is on the page
    # under suicide, ambition 3 of the refreshed plan in force at 2024/25 Q2 (5 in 2019)
    suicide = html[html.index('id="ambition-3"') :]
    assert suicide.index("Share the revised rates") < suicide.index('id="ambition-4"')
    assert 'id="revised"' in html  # the 2019 promises it revised, beside the refreshed ones
    assert "13.9" in html and "13.3" in html  # the revision is in "what changed"
    assert "Demonstration data" not in html  # only real figures: no banner
