"""Synthetic English Prescribing Dataset (EPD) rows: the real file's columns, made up figures.

The NHSBSA publishes the EPD monthly, one row per practice × BNF presentation
(https://opendata.nhsbsa.net/dataset/english-prescribing-data-epd, data dictionary); a
month has about 17 million rows. This generator writes rows with the same column names
and types so the antibiotic recipe, its tests and the benchmarks run without a download.
Nothing in it is real prescribing: practices, codes and counts are drawn from a seeded
generator (practice codes look like ODS codes, BNF codes like 15-character BNF codes, with
chapter 5.1 — antibacterial drugs — about 4% of rows, as a rough share).

>>> month = synthetic_epd_month(202403, practices=3, rows=10, seed=1)
>>> list(month.columns[:4])
['YEAR_MONTH', 'REGIONAL_OFFICE_NAME', 'REGIONAL_OFFICE_CODE', 'ICB_NAME']
>>> len(month), int(month["YEAR_MONTH"].iloc[0])
(10, 202403)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["EPD_COLUMNS", "synthetic_epd_month", "synthetic_practices", "synthetic_star_pu"]

#: the EPD's columns, in the file's order (ICB_* replaced STP_* in later files)
EPD_COLUMNS: tuple[str, ...] = (
    "YEAR_MONTH",
    "REGIONAL_OFFICE_NAME",
    "REGIONAL_OFFICE_CODE",
    "ICB_NAME",
    "ICB_CODE",
    "PCO_NAME",
    "PCO_CODE",
    "PRACTICE_NAME",
    "PRACTICE_CODE",
    "ADDRESS_1",
    "ADDRESS_2",
    "ADDRESS_3",
    "ADDRESS_4",
    "POSTCODE",
    "BNF_CHEMICAL_SUBSTANCE",
    "CHEMICAL_SUBSTANCE_BNF_DESCR",
    "BNF_CODE",
    "BNF_DESCRIPTION",
    "BNF_CHAPTER_PLUS_CODE",
    "QUANTITY",
    "ITEMS",
    "TOTAL_QUANTITY",
    "ADQUSAGE",
    "NIC",
    "ACTUAL_COST",
    "UNIDENTIFIED",
)

#: BNF section 5.1, antibacterial drugs: the codes the antibiotic indicator counts
ANTIBACTERIAL_PREFIX = "0501"

# a few chemical substances per chapter prefix; the share of rows is what matters
_SUBSTANCES = [
    ("0501013B0", "Amoxicillin", "05: Infections"),
    ("0501130R0", "Nitrofurantoin", "05: Infections"),
    ("0501030I0", "Doxycycline hyclate", "05: Infections"),
    ("0212000B0", "Atorvastatin", "02: Cardiovascular System"),
    ("0103050P0", "Omeprazole", "01: Gastro-Intestinal System"),
    ("0601022B0", "Metformin hydrochloride", "06: Endocrine System"),
    ("0407010H0", "Paracetamol", "04: Central Nervous System"),
    ("0206020A0", "Amlodipine", "02: Cardiovascular System"),
]
_WEIGHTS = np.array([0.02, 0.01, 0.01, 0.24, 0.24, 0.16, 0.16, 0.16])


def synthetic_practices(practices: int, areas: list[str], seed: int = 18) -> pd.DataFrame:
    """``practices`` made-up practice codes, each mapped to one of ``areas`` (an area code).

    >>> synthetic_practices(2, ["E38000225"])["area_code"].tolist()
    ['E38000225', 'E38000225']
    """
    rng = np.random.default_rng(seed)
    letters = np.array(list("ABCDEFGHJKLMNPQRSTUVWXY"))
    codes = [
        f"{letters[i % len(letters)]}{80000 + i:05d}" for i in range(practices)
    ]  # ODS-like: a letter and five digits
    return pd.DataFrame(
        {"PRACTICE_CODE": codes, "area_code": rng.choice(areas, practices).astype(object)}
    )


def synthetic_star_pu(practices: pd.DataFrame, months: list[int], seed: int = 18) -> pd.DataFrame:
    """Each practice's antibacterial STAR-PU for each month (annual units: about 0.9 × the list
    size; lists of 2,000–20,000 patients), drifting slowly month to month."""
    rng = np.random.default_rng(seed + 1)
    base = rng.integers(2_000, 20_000, len(practices)) * 0.9
    rows = []
    for i, month in enumerate(months):
        drift = 1 + 0.002 * i
        rows.append(
            pd.DataFrame(
                {
                    "PRACTICE_CODE": practices["PRACTICE_CODE"].to_numpy(),
                    "YEAR_MONTH": month,
                    "STAR_PU": np.round(base * drift, 2),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def synthetic_epd_month(
    year_month: int,
    practices: int | pd.DataFrame = 6_500,
    rows: int = 17_000_000,
    seed: int = 18,
) -> pd.DataFrame:
    """One month of EPD-shaped rows (default: all-England size, ~6,500 practices, 17 M rows).

    ``practices`` is a count or a frame from :func:`synthetic_practices`; ITEMS are 1–60
    (mostly small), QUANTITY and costs follow from them.
    """
    rng = np.random.default_rng([seed, year_month])
    if isinstance(practices, int):
        codes = synthetic_practices(practices, ["E00000000"], seed)["PRACTICE_CODE"].to_numpy()
    else:
        codes = practices["PRACTICE_CODE"].to_numpy()
    which = rng.integers(0, len(codes), rows)
    substance = rng.choice(len(_SUBSTANCES), rows, p=_WEIGHTS / _WEIGHTS.sum())
    chemical = np.array([s[0] for s in _SUBSTANCES], dtype=object)
    names = np.array([s[1] for s in _SUBSTANCES], dtype=object)
    chapters = np.array([s[2] for s in _SUBSTANCES], dtype=object)
    presentation = rng.integers(0, 4, rows)
    suffixes = np.array(["AAABAB", "AAAAAA", "AAACAC", "BBAAAA"], dtype=object)
    items = np.minimum(rng.geometric(0.15, rows), 60).astype("int64")
    quantity = rng.choice([7.0, 14.0, 21.0, 28.0, 56.0], rows)
    cost = np.round(items * quantity * rng.uniform(0.02, 0.4, rows), 2)
    frame = pd.DataFrame(
        {
            "YEAR_MONTH": np.full(rows, year_month, dtype="int64"),
            "REGIONAL_OFFICE_NAME": "NORTH EAST AND YORKSHIRE",
            "REGIONAL_OFFICE_CODE": "Y63",
            "ICB_NAME": "NHS WEST YORKSHIRE INTEGRATED CARE BOARD",
            "ICB_CODE": "QWO",
            "PCO_NAME": "SYNTHETIC PCO",
            "PCO_CODE": "00X",
            "PRACTICE_NAME": "SYNTHETIC PRACTICE",
            "PRACTICE_CODE": codes[which].astype(object),
            "ADDRESS_1": "1 SYNTHETIC STREET",
            "ADDRESS_2": "",
            "ADDRESS_3": "",
            "ADDRESS_4": "",
            "POSTCODE": "LS1 1AA",
            "BNF_CHEMICAL_SUBSTANCE": chemical[substance],
            "CHEMICAL_SUBSTANCE_BNF_DESCR": names[substance],
            "BNF_CODE": chemical[substance] + suffixes[presentation],
            "BNF_DESCRIPTION": names[substance] + " tablets",
            "BNF_CHAPTER_PLUS_CODE": chapters[substance],
            "QUANTITY": quantity,
            "ITEMS": items,
            "TOTAL_QUANTITY": items * quantity,
            "ADQUSAGE": np.round(items * quantity / 7, 2),
            "NIC": cost,
            "ACTUAL_COST": np.round(cost * 0.93, 2),
            "UNIDENTIFIED": False,
        }
    )
    return frame[list(EPD_COLUMNS)]
