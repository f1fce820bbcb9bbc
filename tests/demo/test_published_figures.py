"""The real published figures shipped for the demo validate against the bundled plan and say
where they come from (each row's value_note names its public source)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import wyoutcomes.validation as validation

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
FILES = ["published_figures.csv", "suicide_2021_release.csv"]


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("name", FILES)
def test_validates_as_accepted_with_only_gap_warnings(name: str) -> None:
    report = validation.validate(DATA / name)
    assert report.ok
    assert report.outcome in {"accepted", "accepted_with_warnings"}
    assert set(report.failures["severity"].astype(str)) <= {"warning"}
    # the sources print no intervals and do not cover every place in every period; nothing
    # else may be wrong with the figures
    assert set(report.failures["rule"].astype(str)) <= {"ci-missing", "coverage-missing"}


@pytest.mark.parametrize("name", FILES)
def test_every_row_cites_its_source(name: str) -> None:
    notes = _read(name)["value_note"]
    assert notes.str.match(r"^(published|derived): \S").all()


def _value(frame: pd.DataFrame, indicator: str, area: str, period: str, sex: str = "Persons"):
    hit = frame[
        (frame.indicator_id == indicator)
        & (frame.area_code == area)
        & (frame.period == period)
        & (frame.sex == sex)
    ]
    assert len(hit) == 1, (indicator, area, period, sex)
    return float(hit.value.iloc[0])


def test_the_2019_21_suicide_revision_is_kept_as_two_releases() -> None:
    latest, first = _read("published_figures.csv"), _read("suicide_2021_release.csv")
    # ONS via suicidepreventionwestyorkshire.co.uk: West Yorkshire 13.2 -> 13.0, Leeds
    # 13.9 -> 13.3, Calderdale 16.9 -> 17.3
    for area, before, after in [
        ("E54000054", 13.2, 13.0),
        ("E08000035", 13.9, 13.3),
        ("E08000033", 16.9, 17.3),
    ]:
        assert _value(first, "suicide-rate", area, "2019 - 21") == before
        assert _value(latest, "suicide-rate", area, "2019 - 21") == after


def test_plan_baseline_matches_the_published_figure() -> None:
    from wyoutcomes.definitions import load_plan

    target = next(t for t in load_plan().targets if t.id == "a5-suicide-10pc")
    latest = _read("published_figures.csv")
    assert _value(latest, "suicide-rate", "E54000005", "2016 - 18") == target.baseline.value


def test_derived_gap_is_england_minus_bradford() -> None:
    latest = _read("published_figures.csv")
    for sex, gap in [("Male", 3.0), ("Female", 4.8)]:
        england = _value(latest, "healthy-life-expectancy", "E92000001", "2015 - 17", sex)
        bradford = _value(latest, "healthy-life-expectancy", "E08000032", "2015 - 17", sex)
        assert round(england - bradford, 1) == gap
        gap_row = ("healthy-life-expectancy-gap-england", "E08000032", "2015 - 17", sex)
        derived = _value(latest, *gap_row)
        assert derived == gap
