"""Provenance: every claim in the shipped files can be checked by a reader. Nothing cites a
file outside the repository, and every Fingertips id marked verified names the public source it
was checked in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wyoutcomes.definitions import load_plan, load_plans

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ["indicators", "src", "docs", "examples"]
TEXT = {".py", ".md", ".yaml", ".yml", ".csv", ".html", ".j2", ".txt", ".toml", ".css"}

# a URL, a domain, or a named public repository or paper
PUBLIC = re.compile(r"https?://|[a-z0-9-]+\.(?:uk|org|com|gov)\b|github\.com|Seidu et al\. 20\d\d")


def _shipped_files():
    for top in SHIPPED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.suffix in TEXT and "node_modules" not in path.parts:
                yield path


@pytest.mark.parametrize("needle", ["domain.md", "/work/shared", "../shared/"])
def test_nothing_cites_a_file_outside_the_repository(needle):
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in _shipped_files()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    assert found == []


def _plans():
    plans = [p for family in load_plans(ROOT / "indicators") for p in family.versions]
    plans += [load_plan(folder.parent) for folder in (ROOT / "examples").rglob("plan.yaml")]
    return plans


def test_every_verified_fingertips_id_names_a_public_source():
    checked = 0
    for plan in _plans():
        for indicator in plan.indicators:
            source = indicator.source
            if source.verified:
                checked += 1
                assert source.verified_in is not None, (plan.id, indicator.id)
                assert PUBLIC.search(source.verified_in), (plan.id, indicator.id)
    assert checked >= 10  # the bundled plans mark about a dozen ids verified


def test_every_refreshed_ambition_cites_a_public_page():
    (family,) = [f for f in load_plans(ROOT / "indicators") if f.latest.id == "wy-2023"]
    for ambition in family.latest.ambitions:
        assert ambition.cites.url is not None and ambition.cites.url.startswith("https://")


def test_pm25_is_total_not_human_made():
    indicator = load_plan().indicator("pm25-concentration")
    assert "human-made" not in indicator.definition
    assert "all sources" in indicator.definition
