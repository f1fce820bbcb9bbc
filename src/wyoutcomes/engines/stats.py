"""The PHE statistics on any engine: additive sums where the data live, the numpy finish here.

Each function takes any frame narwhals supports (pandas, Polars eager or lazy, a DuckDB
relation, a PySpark DataFrame) and returns the same columns, dtypes and figures as the
``wyoutcomes.stats`` function of the same name: the engine computes one row of sums per
group, that small table is collected, and the very finishing step ``wyoutcomes.stats`` uses
turns it into values and limits.

>>> import polars as pl
>>> frame = pl.DataFrame({"area": ["A", "B"], "cases": [65, 20], "people": [100, 100]})
>>> out = proportion(frame.lazy(), "cases", "people", by="area", multiplier=100)
>>> print(out[["area", "value", "lower_ci", "upper_ci"]].round(4).to_string(index=False))
area  value  lower_ci  upper_ci
   A   65.0   55.2544   73.6358
   B   20.0   13.3367   28.8829
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from wyoutcomes.engines._frame import (
    Check,
    Grouped,
    flag,
    missing,
    na_total,
    number,
    require_numeric,
    summed,
    total,
    zero_if_missing,
)
from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._confidence import confidence_levels
from wyoutcomes.stats._grouping import By
from wyoutcomes.stats.dsr import (
    DOBSON,
    DOBSON_NON_INDEPENDENT,
    DsrSums,
    StandardPopulation,
    finish_dsr,
)
from wyoutcomes.stats.funnel import FunnelSums, finish_funnel_limits
from wyoutcomes.stats.isr import finish_isr_rate, finish_isr_ratio
from wyoutcomes.stats.mean import finish_mean
from wyoutcomes.stats.proportion import finish_proportion
from wyoutcomes.stats.rate import finish_rate
from wyoutcomes.stats.standard_population import normalise_band_label

__all__ = [
    "dsr",
    "funnel_limits",
    "isr_rate",
    "isr_ratio",
    "mean",
    "proportion",
    "rate",
]


def _counts(
    data: object,
    x: str,
    n: str,
    by: By,
    function: str,
    zero_denominator: str,
    source_row: str | None,
) -> tuple[Grouped, pd.DataFrame, np.ndarray, np.ndarray]:
    grouped, schema = Grouped.of(data, by, function, source_row, x=x, n=n)
    require_numeric(schema, function, x, n)
    xs, ns = number(x), number(n)
    bad_n = (ns < 0) | ((ns == 0) & nw.lit(zero_denominator == "error"))
    checks = [
        Check("negative-count", x, "numerators must not be negative", xs < 0),
        Check("denominator-not-positive", n, "denominators must be greater than zero", bad_n),
    ]
    grid = grouped.aggregate([total(xs, "x"), total(ns, "n")], checks)
    return grouped, grid, na_total(grid, "x"), na_total(grid, "n")


def proportion(
    data: object,
    x: str,
    n: str,
    by: By = None,
    confidence: float | Sequence[float] | None = 0.95,
    multiplier: float = 1,
    zero_denominator: Literal["error", "na"] = "error",
    *,
    source_row: str | None = None,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.proportion` on any engine (Σx and Σn per group in the engine)."""
    levels = None if confidence is None else confidence_levels(confidence)
    grouped, grid, x_sum, n_sum = _counts(
        data, x, n, by, "proportion", zero_denominator, source_row
    )
    return finish_proportion(
        grouped.key_frame(grid), x, n, x_sum, n_sum, levels, multiplier, grouped.fail_groups(grid)
    )


def rate(
    data: object,
    x: str,
    n: str,
    by: By = None,
    confidence: float | Sequence[float] | None = 0.95,
    multiplier: float = 100_000,
    zero_denominator: Literal["error", "na"] = "error",
    *,
    source_row: str | None = None,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.rate` on any engine (Σx and Σn per group in the engine)."""
    levels = None if confidence is None else confidence_levels(confidence)
    grouped, grid, x_sum, n_sum = _counts(data, x, n, by, "rate", zero_denominator, source_row)
    return finish_rate(grouped.key_frame(grid), x, n, x_sum, n_sum, levels, multiplier)


def mean(
    data: object,
    x: str,
    by: By = None,
    confidence: float | Sequence[float] = 0.95,
    *,
    source_row: str | None = None,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.mean` on any engine.

    Σx and the row count per group, and Σ(x − mean)² against each group's mean (a window
    over the group), not Σx², whose cancellation would cost precision.
    """
    function = "mean"
    levels = confidence_levels(confidence)
    grouped, schema = Grouped.of(data, by, function, source_row, x=x)
    require_numeric(schema, function, x)
    xs = number(x)
    # the window is a row column of its own: DuckDB refuses a window inside an aggregate
    frame = grouped.prepared().with_columns(xs.mean().over(*grouped.keys).alias("__mean"))
    squares = (xs - nw.col("__mean")) ** 2
    count: tuple[dict[str, nw.Expr], list[tuple[str, str, str]]] = ({}, [("count", "", "len")])
    grid = grouped.aggregate([total(xs, "x"), count, total(squares, "sq")], frame=frame)
    return finish_mean(
        grouped.key_frame(grid),
        na_total(grid, "x"),
        grid["count"].to_numpy(dtype="float64"),
        na_total(grid, "sq"),
        levels,
    )


def _label_map(grouped: Grouped, column: str, labels: Mapping[str, int], default: int) -> nw.Expr:
    """A band column → integer code, judged once per distinct raw label in Python.

    The distinct labels are collected (a handful), normalised with the pandas path's own
    :func:`normalise_band_label`, and the verdicts go back as one CASE expression.
    """
    distinct = grouped.frame.select(nw.col(column)).unique().collect().to_pandas()[column].tolist()
    expr: nw.Expr = nw.lit(default)
    for raw in distinct:
        if raw is None or (isinstance(raw, float) and np.isnan(raw)):
            continue
        code = labels.get(normalise_band_label(raw), default)
        expr = nw.when(nw.col(column) == nw.lit(raw)).then(nw.lit(code)).otherwise(expr)
    return expr


def dsr(
    data: object,
    x: str,
    n: str,
    stdpop: StandardPopulation,
    by: By = None,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
    independent_events: bool = True,
    eventfreq: str | None = None,
    ageband: str | None = None,
    zero_denominator: Literal["error", "na"] = "error",
    *,
    source_row: str | None = None,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.dsr` on any engine, with the same band checks.

    Per group and band the engine sums the events and the two Dobson terms and checks the
    rows; a second aggregation adds the bands up. A standard table (such as ``ESP2013``) is
    joined on the band label as a CASE expression over the distinct labels.
    """
    function = "dsr"
    levels = confidence_levels(confidence)
    if not multiplier > 0:
        raise StatsInputError(
            f"[multiplier-not-positive] dsr: multiplier {multiplier!r} must be > 0"
        )
    column_stdpop = stdpop if isinstance(stdpop, str) else None
    grouped, schema = Grouped.of(
        data, by, function, source_row, x=x, n=n, ageband=ageband, eventfreq=eventfreq,
        stdpop=column_stdpop,
    )  # fmt: skip
    require_numeric(schema, function, x, n, column_stdpop, eventfreq)
    if not independent_events and (eventfreq is None or ageband is None):
        raise StatsInputError(
            "[eventfreq-required] dsr: independent_events=False needs eventfreq= (the "
            "number of events per individual) and ageband= columns"
        )
    if column_stdpop is None and ageband is None:
        raise StatsInputError(
            "[ageband-required] dsr: a standard population table (such as ESP2013) is joined on "
            "the band label, so ageband= must name the age band column"
        )
    xs = zero_if_missing(number(x))
    ns = number(n)
    frequency = nw.lit(1.0) if independent_events else number(str(eventfreq))
    column_w = column_stdpop or (ageband or "stdpop")
    band_expr: nw.Expr | None = None
    if column_stdpop is not None:
        weights = number(column_stdpop)
        n_bands = 0
    else:
        assert ageband is not None
        standard = pd.Series(stdpop, dtype="float64")
        standard.index = [normalise_band_label(b) for b in standard.index]
        n_bands = len(standard)
        codes = {label: i for i, label in enumerate(standard.index)}
        band_expr = _label_map(grouped, ageband, codes, -1)
        weights = nw.lit(0.0)
        for i, weight in enumerate(standard.to_numpy()):
            weights = nw.when(nw.col("__band") == i).then(nw.lit(float(weight))).otherwise(weights)
    banded = band_expr is not None or not independent_events
    frame = grouped.prepared()
    if band_expr is not None:
        frame = frame.with_columns(band_expr.alias("__band"))
    elif banded:
        # a column standard with non-independent events: bands are the normalised labels
        distinct = (grouped.frame.select(nw.col(str(ageband))).unique().collect().to_pandas())[
            str(ageband)
        ].tolist()
        labels = sorted({normalise_band_label(b) for b in distinct if b is not None})
        band_expr = _label_map(grouped, str(ageband), {b: i for i, b in enumerate(labels)}, -2)
        frame = frame.with_columns(band_expr.alias("__band"))
    frame = frame.with_columns(weights.alias("__w"), frequency.alias("__f"))
    w, f = nw.col("__w"), nw.col("__f")
    positive = ns > 0
    events = f * xs
    checks = [
        Check("negative-count", x, "counts must not be negative", xs < 0),
        Check(
            "denominator-not-positive",
            n,
            "denominators must all be greater than zero",
            missing(ns) | (ns < 0) | ((ns == 0) & nw.lit(zero_denominator == "error")),
        ),
    ]
    if column_stdpop is None:
        checks.append(
            Check(
                "stdpop-mismatch",
                str(ageband),
                "an age band is not in the standard population "
                f"(its bands: {', '.join(standard.index)})",
                nw.col("__band") == -1,
            )
        )
    checks.append(
        Check(
            "stdpop-invalid",
            column_w,
            "standard populations must be present and >= 0",
            missing(w) | (w < 0),
        )
    )
    if not independent_events:
        fr = number(str(eventfreq))
        checks.append(
            Check(
                "eventfreq-invalid",
                str(eventfreq),
                "event frequencies must be whole numbers of at least 1",
                missing(fr) | (fr < 1),
            )
        )
    ratio = w / ns
    terms = summed(
        {
            "count": events,
            "weighted": nw.when(positive).then(events * ratio).otherwise(nw.lit(0.0)),
            "squares": nw.when(positive).then(f**2 * xs * ratio**2).otherwise(nw.lit(0.0)),
            "zero": flag(ns == 0),
        }
    )
    if not banded:
        pop_w = summed({"pop": ns, "w": w})
        grid = grouped.aggregate([terms, pop_w], checks, frame=frame)
        return _finish_dsr(grouped, grid, levels, multiplier, DOBSON)
    extremes = (
        {"__n": ns},
        [("rows", "", "len"), ("n_min", "__n", "min"), ("n_max", "__n", "max"),
         ("w_min", "__w", "min"), ("w_max", "__w", "max")],
    )  # fmt: skip
    per_band = grouped.group(
        [terms, extremes], checks, frame=frame, keys=[*grouped.keys, "__band"]
    ).with_columns(
        n_sp=flag(nw.col("n_min") != nw.col("n_max")),
        w_sp=flag(nw.col("w_min") != nw.col("w_max")),
        repeated=flag(nw.col("rows") != 1),
        known=flag(nw.col("__band") >= 0),
        pop=nw.col("n_min"),
        w=nw.col("w_min"),
    )
    names = [
        "count",
        "weighted",
        "squares",
        "zero",
        "n_sp",
        "w_sp",
        "repeated",
        "known",
        "pop",
        "w",
    ]
    names += [f"__check{i}" for i in range(len(checks))]
    rows = [f"__check{i}_row" for i in range(len(checks))] if grouped.source_row else []
    aggs = [(name, name, "sum") for name in names] + [(name, name, "min") for name in rows]
    grid = grouped.aggregate([({}, aggs)], frame=per_band)
    grouped.raise_checks(grid, checks)
    band_check = _band_check(grouped, grid, ageband, n, column_w, n_bands, independent_events)
    if band_check is not None:
        raise band_check
    method = DOBSON if independent_events else DOBSON_NON_INDEPENDENT
    return _finish_dsr(grouped, grid, levels, multiplier, method)


def _band_check(
    grouped: Grouped,
    grid: pd.DataFrame,
    ageband: str | None,
    n: str,
    column_w: str,
    n_bands: int,
    independent: bool,
) -> StatsInputError | None:
    """The pandas path's band rules, judged on the per-group counts of bands."""
    fail = grouped.fail_groups(grid)
    known = grid["known"].to_numpy()
    if independent:
        bad = (grid["repeated"].to_numpy() > 0) | (known != n_bands)
        if bad.any():
            return fail(
                bad,
                "age-bands-mismatch",
                str(ageband),
                "each group must have every band of the standard population exactly once",
            )
        return None
    for column, label in (("n_sp", n), ("w_sp", column_w)):
        spread = grid[column].to_numpy() > 0
        if spread.any():
            return fail(
                spread,
                "band-values-differ",
                label,
                "rows of one group and age band must have the same population and standard",
            )
    if n_bands and (known < n_bands).any():
        return fail(
            known < n_bands,
            "age-bands-mismatch",
            str(ageband),
            "each group must have every band of the standard population",
        )
    return None


def _finish_dsr(
    grouped: Grouped, grid: pd.DataFrame, levels: Any, multiplier: float, method: str
) -> pd.DataFrame:
    def column(name: str) -> np.ndarray:
        return grid[name].to_numpy(dtype="float64", na_value=np.nan)

    sums = DsrSums(
        total_count=column("count"),
        total_pop=column("pop"),
        total_w=column("w"),
        weighted=column("weighted"),
        squares=column("squares"),
        zero_pop=column("zero") > 0,
    )
    return finish_dsr(grouped.key_frame(grid), sums, levels, multiplier, method)


def _reference(
    value: str | Mapping[object, float], name: str, band: str | None, function: str
) -> nw.Expr:
    """A reference count or population: a column, or a value per band joined on ``band``
    (lazy frames have no row positions, so the pandas path's by-position lists need it)."""
    if isinstance(value, str):
        return number(value)
    if band is None or not isinstance(value, Mapping):
        raise StatsInputError(
            f"[band-required] {function}: {name} by position needs row order, which lazy "
            f"frames do not have; give {name} as a column, or as a mapping from band to value "
            "with band= naming the band column"
        )
    expr: nw.Expr = nw.lit(None, dtype=nw.Float64())
    for label, figure in value.items():
        matches = nw.col(band) == nw.lit(
            str(label) if not isinstance(label, (int, float)) else label
        )
        expr = nw.when(matches).then(nw.lit(float(figure))).otherwise(expr)
    return expr


def _standardised(
    function: str,
    data: object,
    x: str,
    n: str,
    x_ref: str | Mapping[object, float],
    n_ref: str | Mapping[object, float],
    by: By,
    band: str | None,
    source_row: str | None,
) -> tuple[Grouped, pd.DataFrame]:
    columns = {"x_ref": x_ref, "n_ref": n_ref}
    grouped, schema = Grouped.of(
        data,
        by,
        function,
        source_row,
        x=x,
        n=n,
        band=band,
        **{k: v for k, v in columns.items() if isinstance(v, str)},
    )
    require_numeric(schema, function, x, n)
    ns, xs = number(n), number(x)
    xr = _reference(x_ref, "x_ref", band, function)
    nr = _reference(n_ref, "n_ref", band, function)
    by_band = [
        ref.is_null() for ref, given in ((xr, x_ref), (nr, n_ref)) if not isinstance(given, str)
    ]
    unknown = (by_band[0] | by_band[-1]) if by_band else None
    checks = [
        Check("negative-count", n, "populations must not be negative", ns < 0),
        Check(
            "negative-count",
            x_ref if isinstance(x_ref, str) else "x_ref",
            "reference counts must not be negative",
            xr < 0,
        ),
        Check(
            "denominator-not-positive",
            n_ref if isinstance(n_ref, str) else "n_ref",
            "reference populations must be > 0",
            nr <= 0,
        ),
        Check("negative-count", x, "counts must not be negative", xs < 0),
    ]
    if unknown is not None:
        checks.append(Check("band-unknown", str(band), "a band has no reference value", unknown))
    sums = summed(
        {
            "expected": zero_if_missing(xr / nr * ns),
            "observed": zero_if_missing(xs),
            "ref_x": zero_if_missing(xr),
            "ref_n": zero_if_missing(nr),
        }
    )
    grid = grouped.aggregate([sums], checks)
    return grouped, grid


def isr_ratio(
    data: object,
    x: str,
    n: str,
    x_ref: str | Mapping[object, float],
    n_ref: str | Mapping[object, float],
    by: By = None,
    confidence: float | Sequence[float] = 0.95,
    refvalue: float = 1,
    *,
    band: str | None = None,
    source_row: str | None = None,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.isr_ratio` on any engine; by-band references need ``band=``."""
    levels = confidence_levels(confidence)
    grouped, grid = _standardised("isr_ratio", data, x, n, x_ref, n_ref, by, band, source_row)
    return finish_isr_ratio(
        grouped.key_frame(grid),
        grid["observed"].to_numpy(dtype="float64"),
        grid["expected"].to_numpy(dtype="float64"),
        levels,
        refvalue,
    )


def isr_rate(
    data: object,
    x: str,
    n: str,
    x_ref: str | Mapping[object, float],
    n_ref: str | Mapping[object, float],
    by: By = None,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
    *,
    band: str | None = None,
    source_row: str | None = None,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.isr_rate` on any engine; by-band references need ``band=``."""
    levels = confidence_levels(confidence)
    grouped, grid = _standardised("isr_rate", data, x, n, x_ref, n_ref, by, band, source_row)
    return finish_isr_rate(
        grouped.key_frame(grid),
        grid["observed"].to_numpy(dtype="float64"),
        grid["expected"].to_numpy(dtype="float64"),
        grid["ref_x"].to_numpy(dtype="float64"),
        grid["ref_n"].to_numpy(dtype="float64"),
        levels,
        multiplier,
    )


def funnel_limits(
    data: object,
    numerator: str,
    denominator: str | None = None,
    statistic: Literal["proportion", "ratio"] = "proportion",
    multiplier: float = 100,
    ratio_type: Literal["count", "isr"] = "count",
    points: Sequence[float] | None = None,
) -> pd.DataFrame:
    """:func:`wyoutcomes.stats.funnel_limits` for proportions and ratios on any engine.

    The engine sums the numerator and denominator (NA left out) and finds the axis column's
    smallest and largest finite values; the limits are then the pandas path's own.
    """
    function = "funnel_limits"
    if denominator is None:
        raise StatsInputError(f"[denominator-required] {function}: {statistic}s need denominator=")
    if statistic not in ("proportion", "ratio"):
        raise StatsInputError(
            f"[statistic-invalid] {function}: on an engine, statistic {statistic!r} must be "
            "'proportion' or 'ratio' (rate funnels need the pandas path)"
        )
    grouped, schema = Grouped.of(
        data, None, function, None, numerator=numerator, denominator=denominator
    )
    require_numeric(schema, function, numerator, denominator)
    xs, ns = number(numerator), number(denominator)
    axis = ns if statistic == "proportion" else xs
    finite: nw.Expr = nw.when(~missing(axis) & (axis.abs() < float("inf"))).then(axis)
    totals = summed({"x": zero_if_missing(xs), "n": zero_if_missing(ns)})
    extremes = ({"__axis": finite}, [("low", "__axis", "min"), ("high", "__axis", "max")])
    grid = grouped.aggregate([totals, extremes])
    row = grid.iloc[0]
    sums = FunnelSums(float(row["x"]), float(row["n"]), float(row["low"]), float(row["high"]))
    return finish_funnel_limits(sums, statistic, multiplier, ratio_type, points=points)
