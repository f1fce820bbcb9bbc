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


@pytest.mark.slow
def test_a_place_checks_its_file_with_the_wheel_alone(tmp_path):
    """The validation report's footer route, from a clean venv holding only the wheel: write
    the template and the worked example, validate them with --place. The venv gets the
    dependencies (pandas, openpyxl …) from the test's own environment through a .pth file,
    because tests may not download; wyoutcomes itself comes only from the wheel."""
    import site
    import venv

    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("wyoutcomes-*.whl")
    assert "wyoutcomes/_bundled/submission_template.csv" in zipfile.ZipFile(wheel).namelist()
    clean = tmp_path / "clean"
    venv.create(clean, with_pip=False)
    bin_dir = clean / "bin"
    (packages,) = (clean / "lib").glob("python3*/site-packages")
    deps = [p for p in site.getsitepackages() if "site-packages" in p]
    (packages / "deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--target",
            str(packages),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "leeds"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bin_dir / "python"), "-m", "wyoutcomes", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )

    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import wyoutcomes; print(wyoutcomes.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).resolve().is_relative_to(packages.resolve())
    made = run("template", "--place", "Leeds", "--quarter", "2024/25 Q2", "--out", "blank.xlsx")
    assert made.returncode == 0, made.stderr
    blank = run("validate", "blank.xlsx", "--place", "Leeds", "--as-of", "2024-10-15")
    assert blank.returncode == 1  # rejected: the figures are empty
    assert "missing-value" in blank.stdout
    example = run("template", "--example", "--out", "example.csv")
    assert example.returncode == 0, example.stderr
    checked = run("validate", "example.csv", "--as-of", "2024-10-15", "--format", "html")
    assert checked.returncode == 0, checked.stderr
    assert "pipx run --spec wyoutcomes-" in checked.stdout
    assert wheel.name in checked.stdout  # the footer names the very file to install
