"""The record-level recipes: hand-worked figures, the same numbers on every engine, and a
submission that validates against the bundled plan and ingests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wyoutcomes.engines.epd import (
    EPD_COLUMNS,
    synthetic_epd_month,
    synthetic_practices,
    synthetic_star_pu,
)
from wyoutcomes.engines.recipes import antibiotic_items_per_star_pu, dsr_and_sii_by_area
from wyoutcomes.stats import ESP2013_BANDS
from wyoutcomes.store import Store
from wyoutcomes.validation import validate

MONTHS = [201804 + i for i in range(9)] + [201901, 201902, 201903, 201904]


def _hand_worked() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Two practices in Leeds (E38000225), 13 months from April 2018.

    Each month P1 has 10 amoxicillin items (0501013B0AAABAB) and 99 atorvastatin items
    (not counted); P2 has 5 nitrofurantoin items; a third practice outside the lookup has 7.
    STAR-PU: P1 900, P2 300 every month. 12 months to 2019-03: items 12 × 15 = 180,
    STAR-PU (12 × 1200)/12 = 1200, value 180/1200 = 0.15; the same for 12 months to 2019-04.
    """
    rows = []
    for month in MONTHS:
        rows += [
            (month, "P1", "0501013B0AAABAB", 10),
            (month, "P1", "0212000B0AAAAAA", 99),
            (month, "P2", "0501130R0AAAAAA", 5),
            (month, "P9", "0501013B0AAABAB", 7),
        ]
    prescribing = pd.DataFrame(rows, columns=["YEAR_MONTH", "PRACTICE_CODE", "BNF_CODE", "ITEMS"])
    practices = pd.DataFrame({"PRACTICE_CODE": ["P1", "P2"], "area_code": ["E38000225"] * 2})
    star_pu = pd.DataFrame(
        [(p, m, u) for m in MONTHS for p, u in (("P1", 900.0), ("P2", 300.0))],
        columns=["PRACTICE_CODE", "YEAR_MONTH", "STAR_PU"],
    )
    return prescribing, practices, star_pu


def test_items_per_star_pu_by_hand(engine):
    prescribing, practices, star_pu = _hand_worked()
    out = antibiotic_items_per_star_pu(engine(prescribing), practices, engine(star_pu))
    assert out["period"].tolist() == ["12 months to 2019-03", "12 months to 2019-04"]
    np.testing.assert_allclose(out["value"], [0.15, 0.15], rtol=1e-15)
    assert out["numerator"].tolist() == [180.0, 180.0]
    assert out["denominator"].tolist() == [1200.0, 1200.0]


@pytest.fixture(scope="module")
def epd_year() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    practices = synthetic_practices(40, ["E38000225", "E38000190", "E38000025"])
    months = [202201 + i for i in range(12)] + [202301, 202302]
    rows = pd.concat([synthetic_epd_month(m, practices, rows=3000) for m in months])
    return rows, practices, synthetic_star_pu(practices, months)


def test_the_synthetic_month_has_the_epd_columns(epd_year):
    assert tuple(epd_year[0].columns) == EPD_COLUMNS


def test_the_recipe_gives_the_same_numbers_on_every_engine(engine, epd_year):
    rows, practices, star_pu = epd_year
    want = antibiotic_items_per_star_pu(rows, practices, star_pu)
    got = antibiotic_items_per_star_pu(engine(rows), practices, engine(star_pu))
    assert len(want) == 9  # 3 areas × windows ending 2022-12, 2023-01, 2023-02
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)


def test_the_submission_validates_and_ingests(tmp_path, epd_year):
    rows, practices, star_pu = epd_year
    submission = antibiotic_items_per_star_pu(rows, practices, star_pu)
    report = validate(submission, as_of="2025-01-01")
    assert report.outcome != "rejected", report.failures.head()
    assert not (report.failures["severity"] == "error").any()
    record = Store(tmp_path / "store").ingest(
        submission, submitter="ambition 6 recipe", submitted_at="2025-01-02T09:00Z"
    )
    stored = Store(tmp_path / "store").read()
    assert record.outcome in ("accepted", "accepted_with_warnings")
    assert record.accepted == len(submission) == len(stored)
    np.testing.assert_allclose(stored["value"], submission["value"], rtol=1e-15)


def test_dsr_and_sii_by_area_on_every_engine(engine):
    rng = np.random.default_rng(5)
    lsoas = pd.DataFrame(
        {
            "lsoa_code": [f"E0100{i:04d}" for i in range(60)],
            "area_code": np.repeat(["E08000035", "E08000036", "E08000032"], 20),
            "imd_decile": np.tile(np.arange(1, 11), 6),
        }
    )
    deaths = pd.DataFrame(
        [
            (code, band, int(rng.poisson(3 + 2 * b)), int(rng.integers(80, 300)))
            for code in lsoas["lsoa_code"]
            for b, band in enumerate(ESP2013_BANDS)
        ],
        columns=["lsoa_code", "ageband", "deaths", "population"],
    )
    want_dsr, want_sii = dsr_and_sii_by_area(deaths, lsoas, repetitions=2000)
    got_dsr, got_sii = dsr_and_sii_by_area(engine(deaths), lsoas, repetitions=2000)
    assert want_dsr["area_code"].tolist() == ["E08000032", "E08000035", "E08000036"]
    pd.testing.assert_frame_equal(
        got_dsr.assign(area_code=got_dsr["area_code"].astype(object)),
        want_dsr.assign(area_code=want_dsr["area_code"].astype(object)),
        check_exact=False,
        rtol=1e-12,
    )
    pd.testing.assert_frame_equal(got_sii, want_sii, check_exact=False, rtol=1e-9)
