"""Every example in examples/ runs as a newcomer would run it: a fresh interpreter, started in an
empty folder, and says what it should (figures checked against the published sources)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


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
