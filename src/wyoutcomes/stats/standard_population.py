"""Standard populations for direct standardisation.

``ESP2013`` is the European Standard Population 2013 (Eurostat) in the 19 five-year bands the
PHE methods use: age 0 and ages 1–4 merged into 0-4, and 90-94 with 95+ merged into 90+. It
sums to 100 000.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["ESP2013", "ESP2013_BANDS", "normalise_band_label"]

#: the 19 band labels of ESP2013, youngest first
ESP2013_BANDS: tuple[str, ...] = (
    *(f"{lo}-{lo + 4}" for lo in range(0, 90, 5)),
    "90+",
)

_ESP2013_WEIGHTS = np.array(
    [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000,
     4000, 2500, 1500, 1000],
    dtype="float64",
)  # fmt: skip
_ESP2013_WEIGHTS.flags.writeable = False

#: European Standard Population 2013 weights indexed by band label ("0-4" … "90+")
ESP2013: pd.Series = pd.Series(
    _ESP2013_WEIGHTS, index=pd.Index(ESP2013_BANDS, name="ageband"), name="esp2013"
)

_DASHES = re.compile(r"\s*(?:[-–—]|\bto\b)\s*")
# ONS and NOMIS write open bands in words ("90 and over", "90 plus", "Aged 90 or over")
_OPEN = re.compile(r"\s*(?:\+|\band\s+over\b|\bor\s+over\b|\band\s+older\b|\bplus\b)\s*$")
_WORDS = re.compile(r"\b(?:aged?|years?|yrs)\b")


def normalise_band_label(label: object) -> str:
    """Spell a band label one way, so the spellings of PHE ("10 – 14", "90 +") and the ONS
    ("10 to 14", "Aged 90 and over", "90 plus") match "10-14" and "90+".

    >>> normalise_band_label("10 – 14"), normalise_band_label("90 +")
    ('10-14', '90+')
    >>> normalise_band_label("0 to 4"), normalise_band_label("Aged 90 and over")
    ('0-4', '90+')
    """
    text = _WORDS.sub("", str(label).lower()).strip()
    text = _DASHES.sub("-", _OPEN.sub("+", text))
    return re.sub(r"\s+", "", text)
