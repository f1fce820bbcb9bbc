"""Tiny plans and submission tables for the progress-frame tests, built from the real models.

Area codes are real (ONS and NHS codes): Leeds E08000035, Bradford E08000032, Wakefield E08000036,
West Yorkshire ICB E54000054.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from wyoutcomes.definitions import Plan

LEEDS, BRADFORD, WAKEFIELD, WY = "E08000035", "E08000032", "E08000036", "E54000054"


def indicator(id: str, polarity: str, period_type: str = "calendar_year", **extra: Any) -> dict:
    return {
        "id": id,
        "name": extra.pop("name", id.replace("-", " ")),
        "definition": "A test indicator.",
        "unit": extra.pop("unit", "per 100,000"),
        "measure_type": extra.pop("measure_type", "dsr"),
        "polarity": polarity,
        "period_type": period_type,
        "area_types": ["local_authority"],
        "source": {"publisher": "Test"},
        "ci_method": "none",
        "plausible_range": {"min": -1e9, "max": 1e9},
        "decimals": extra.pop("decimals", 1),
        **extra,
    }


def plan(indicators: list[dict], targets: list[dict]) -> Plan:
    return Plan.model_validate(
        {
            "id": "test-plan",
            "title": "Test plan",
            "publisher": "wyoutcomes tests",
            "published": "2019-11-01",
            "source_document": {"title": "none"},
            "version": "1",
            "area": WY,
            "places": [BRADFORD, LEEDS],
            "ambitions": [
                {
                    "number": 5,
                    "slug": "fewer-suicides",
                    "title": "Fewer suicides",
                    "statement": "A test ambition.",
                    "cites": {"page": 1},
                    "indicators": indicators,
                    "targets": targets,
                }
            ],
        }
    )


COLUMNS = [
    "indicator_id",
    "area_code",
    "period",
    "value",
    "lower_ci",
    "upper_ci",
    "category_type",
    "category",
    "numerator",
    "sex",
]


def submissions(text: str) -> pd.DataFrame:
    """A table with `|` between cells; empty cells are missing (categories: empty text)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    header = [c.strip() for c in lines[0].split("|")]
    body = "\n".join("|".join(c.strip() for c in line.split("|")) for line in lines[1:])
    frame = pd.read_csv(
        io.StringIO("|".join(header) + "\n" + body), sep="|", dtype=str, keep_default_na=False
    )
    for column in ("value", "lower_ci", "upper_ci", "numerator"):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(float)
    return frame
