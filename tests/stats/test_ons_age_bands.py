"""ONS spellings of age bands ("0 to 4", "90 and over") name the same ESP2013 bands as PHE's."""

from __future__ import annotations

import pandas as pd
import pytest

from wyoutcomes.stats import dsr
from wyoutcomes.stats.standard_population import ESP2013, ESP2013_BANDS, normalise_band_label


def _ons(label: str) -> str:
    """The ONS population tables' spelling of a PHE band label."""
    return label.replace("+", " and over") if label.endswith("+") else label.replace("-", " to ")


@pytest.mark.parametrize(
    ("ons", "phe"),
    [
        ("0 to 4", "0-4"),
        ("Aged 5 to 9", "5-9"),
        ("85 to 89 years", "85-89"),
        ("90 and over", "90+"),
        ("Aged 90 years and over", "90+"),
        ("90 plus", "90+"),
    ],
)
def test_ons_labels_normalise_to_the_phe_labels(ons, phe):
    assert normalise_band_label(ons) == normalise_band_label(phe) == phe


def test_a_dsr_over_ons_labels_equals_the_dsr_over_phe_labels():
    counts = [5 + 3 * i for i in range(len(ESP2013_BANDS))]
    population = [50_000 + 1_000 * i for i in range(len(ESP2013_BANDS))]
    phe = pd.DataFrame({"band": ESP2013_BANDS, "x": counts, "n": population})
    ons = phe.assign(band=[_ons(b) for b in ESP2013_BANDS])
    assert ons["band"].iloc[-1] == "90 and over"
    ours = dsr(ons, "x", "n", ESP2013, ageband="band")
    theirs = dsr(phe, "x", "n", ESP2013, ageband="band")
    pd.testing.assert_frame_equal(ours, theirs)
