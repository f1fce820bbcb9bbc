"""Shared helpers for the statistics tests: reading the reference fixtures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stats"

#: the issue's bar for ported reference cases
RTOL = 1e-9


def fixture(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / name)


def assert_close(actual, expected, rtol: float = RTOL, atol: float = 0.0) -> None:
    """Element-wise closeness with NaN == NaN, for figures from the reference."""
    np.testing.assert_allclose(
        np.asarray(actual, dtype="float64"),
        np.asarray(expected, dtype="float64"),
        rtol=rtol,
        atol=atol,
        equal_nan=True,
    )
