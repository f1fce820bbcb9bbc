"""The bundled plan ships inside the wheel: build it, install it into a bare folder and load the
plan from another working directory, with the checkout nowhere on the path."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys
from pathlib import Path
import wyoutcomes
from wyoutcomes import load_plan
from wyoutcomes.definitions import bundled_plan_path
target = Path(sys.argv[1]).resolve()
assert Path(wyoutcomes.__file__).resolve().is_relative_to(target), wyoutcomes.__file__
assert bundled_plan_path().resolve().is_relative_to(target), bundled_plan_path()
from wyoutcomes.definitions import bundled_family
family = bundled_family()
assert [p.id for p in family.versions] == ["wyh-2019", "wy-2023"], family.versions
assert all(Path(p.folder).resolve().is_relative_to(target) for p in family.versions)
plan = load_plan()
print(len(plan.ambitions), len(plan.targets), plan.ambition(5).title)
"""


@pytest.mark.slow
def test_installed_wheel_finds_the_bundled_plan(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("wyoutcomes-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "wyoutcomes/_bundled/indicators/wyh-2019/plan.yaml" in names
    assert "wyoutcomes/_bundled/indicators/wyh-2019/05-suicide.yaml" in names
    assert "wyoutcomes/_bundled/indicators/wy-2023/plan.yaml" in names
    assert "wyoutcomes/_bundled/indicators/wy-2023/03-suicide.yaml" in names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(target)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    ambitions, _targets, title = result.stdout.split(maxsplit=2)
    assert ambitions == "10"
    assert title.strip() == "Reduce suicide"
