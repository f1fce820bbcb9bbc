"""Run wyoutcomes where the data live: statistics on Polars, DuckDB and Spark via narwhals.

Install with ``pip install 'wyoutcomes[engines]'`` (narwhals; the engine itself is yours).
Every function takes any frame narwhals supports — pandas, Polars (eager or lazy), a DuckDB
relation, a PySpark DataFrame — does the heavy, additive part in that engine, and finishes
with the numpy code of :mod:`wyoutcomes.stats`, so the figures are the same whichever engine
ran. See docs/engines.md.
"""

from __future__ import annotations

from wyoutcomes.engines.grids import (
    GRID_LIMIT,
    collect_grid,
    life_expectancy,
    quantiles,
    sii,
    xmr_frame,
)
from wyoutcomes.engines.stats import (
    dsr,
    funnel_limits,
    isr_rate,
    isr_ratio,
    mean,
    proportion,
    rate,
)
from wyoutcomes.engines.store import read_store
from wyoutcomes.engines.validate import FrameValidation, validate_frame

__all__ = [
    "GRID_LIMIT",
    "FrameValidation",
    "collect_grid",
    "dsr",
    "funnel_limits",
    "isr_rate",
    "isr_ratio",
    "life_expectancy",
    "mean",
    "proportion",
    "quantiles",
    "rate",
    "read_store",
    "sii",
    "validate_frame",
    "xmr_frame",
]
