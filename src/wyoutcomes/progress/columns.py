"""The progress frame's columns, in order, with their dtypes (documented in docs/progress.md)."""

from __future__ import annotations

import pandas as pd

__all__ = ["COLUMNS", "empty_frame", "to_frame"]

_TEXT, _FLOAT, _INT, _BOOL = "object", "float64", "Int64", "boolean"

#: name → dtype; the order is the frame's column order
COLUMNS: dict[str, str] = {
    "as_at": _TEXT,
    "ambition": _INT,
    "ambition_title": _TEXT,
    "indicator_id": _TEXT,
    "indicator_name": _TEXT,
    "target_id": _TEXT,
    "target_kind": _TEXT,
    "area_code": _TEXT,
    "area_name": _TEXT,
    "sex": _TEXT,
    "polarity": _TEXT,
    "unit": _TEXT,
    "decimals": _INT,
    "judged_quantity": _TEXT,
    "baseline_period": _TEXT,
    "baseline_value": _FLOAT,
    "baseline_source": _TEXT,
    "latest_period": _TEXT,
    "latest_value": _FLOAT,
    "latest_lower_ci": _FLOAT,
    "latest_upper_ci": _FLOAT,
    "latest_count": _FLOAT,
    "n_points": _INT,
    "excluded_periods": _TEXT,
    "compared_with_england": _TEXT,
    "compared_with_region": _TEXT,
    "target_value": _FLOAT,
    "band_lower": _FLOAT,
    "band_upper": _FLOAT,
    "deadline": _TEXT,
    "deadline_passed": _BOOL,
    "assessed_period": _TEXT,
    "assessed_value": _FLOAT,
    "expected_value": _FLOAT,
    "distance_from_trajectory": _FLOAT,
    "share_of_change_achieved": _FLOAT,
    "status": _TEXT,
    "status_basis": _TEXT,
    "qualifier": _TEXT,
    "significant_change": _BOOL,
    "change_from_baseline": _FLOAT,
    "change_lower": _FLOAT,
    "change_upper": _FLOAT,
    "trend_slope": _FLOAT,
    "trend_lower": _FLOAT,
    "trend_upper": _FLOAT,
    "projection_value": _FLOAT,
    "projection_lower": _FLOAT,
    "projection_upper": _FLOAT,
    "probability_met": _FLOAT,
    "probability_band": _TEXT,
    "projection_points": _INT,
    "trend_note": _TEXT,
    "variation_icon": _TEXT,
    "assurance_icon": _TEXT,
    "footprint_change": _TEXT,
    "summary": _TEXT,
}


def to_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Rows (dicts keyed by column) → the frame with every column, in order, typed."""
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column, dtype in COLUMNS.items():
        if dtype == _TEXT:
            # one missing marker for text, whatever pandas' string default is: None
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame


def empty_frame() -> pd.DataFrame:
    return to_frame([])
