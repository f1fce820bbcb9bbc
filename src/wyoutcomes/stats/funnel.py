"""Funnel plots: control limits around a pooled average, and each area's significance.

Limits are at two and three standard deviations (p = 0.025 and 0.001 in each tail):
proportions use the score (Wilson-inverted) limits p̄ ± z·√(p̄(1 − p̄)/n) around the pooled
proportion; ratios and rates use exact Poisson limits, indexed by the number of events.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats as sps

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._grouping import numeric, require_columns, require_frame
from wyoutcomes.stats.ci import poisson_ci

__all__ = [
    "FunnelSums",
    "finish_funnel_limits",
    "funnel_limits",
    "funnel_points",
    "funnel_significance",
]

Statistic = Literal["proportion", "ratio", "rate"]

#: one-tailed probabilities of the two funnels: ≈2 and ≈3 standard deviations
_TAILS = {"2s": 0.025, "3s": 0.001}
_AXIS_POINTS = 100
_NOT_APPLICABLE = "Not applicable for events less than 10 for dsrs"


def _round_sig(value: float, up: bool, digits: int = 2) -> float:
    """Round to ``digits`` significant figures, away from the data (up for a maximum)."""
    if value <= 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(value)) - digits + 1)
    return (math.ceil(value / step) if up else math.floor(value / step)) * step


def funnel_axis(values: ArrayLike, points: int = _AXIS_POINTS) -> np.ndarray:
    """Whole-number axis points, geometrically spaced, spanning the data with a margin.

    The axis starts at 0 (shown from 1) when the largest value is more than twice the
    smallest, else at 95% of the smallest rounded down to 1 significant figure; it ends at
    105% of the largest rounded up to 2 significant figures (as in the reference's examples).

    >>> funnel_axis([120, 5000], points=5).tolist()
    [1.0, 9.0, 73.0, 621.0, 5300.0]
    """
    array = np.asarray(values, dtype="float64")
    array = array[np.isfinite(array)]
    return axis_between(float(array.min()), float(array.max()), points)


def axis_between(low: float, high: float, points: int = _AXIS_POINTS) -> np.ndarray:
    """:func:`funnel_axis` from the smallest and largest finite values alone (an engine's
    min and max), so the axis needs no pass over the rows in Python."""
    start = 0.0 if high > 2 * low else _round_sig(0.95 * low, up=False, digits=1)
    end = _round_sig(1.05 * high, up=True)
    return np.unique(np.round(np.geomspace(max(start, 1.0), end, points)))


def _z(tail: float) -> float:
    return float(sps.norm.ppf(1 - tail))


def _poisson_bounds(events: np.ndarray, tail: float) -> tuple[np.ndarray, np.ndarray]:
    """Exact Poisson limits of a count with ``tail`` probability beyond each."""
    lower = np.where(events > 0, sps.chi2.ppf(tail, 2 * events) / 2, 0.0)
    upper = sps.chi2.ppf(1 - tail, 2 * events + 2) / 2
    return lower, upper


def _rate_denominators(
    data: pd.DataFrame,
    numerator: str,
    rate: str,
    denominator: str | None,
    multiplier: float,
    function: str,
    rate_type: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Events, rates and denominators (multiplier × events / rate; supplied ones for no events)."""
    events = numeric(data, numerator, function)
    rates = numeric(data, rate, function)
    with np.errstate(divide="ignore", invalid="ignore"):
        derived = multiplier * events / rates
    if rate_type == "dsr":
        # a DSR from no events has no meaningful denominator: it leaves the pooled rate alone
        return events, rates, np.where(events == 0, np.nan, derived)
    if denominator is not None:
        supplied = numeric(data, denominator, function)
        derived = np.where(events == 0, supplied, derived)
    missing = (events == 0) & np.isnan(derived)
    if missing.any():
        raise StatsInputError(
            f"[denominator-required] {function}: rows with zero events need denominator= "
            f"(row {int(np.flatnonzero(missing)[0]) + 1})"
        )
    return events, rates, derived


def funnel_limits(
    data: pd.DataFrame,
    numerator: str,
    denominator: str | None = None,
    statistic: Statistic = "proportion",
    multiplier: float = 100,
    ratio_type: Literal["count", "isr"] = "count",
    rate: str | None = None,
    rate_type: Literal["dsr", "crude"] = "dsr",
    years_of_data: float = 1,
    points: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Funnel-plot control limits at 2 and 3 standard deviations (``calculate_funnel_limits``).

    * ``"proportion"``: one row per denominator on the axis, limits (× multiplier, clipped to
      [0, 100] as the reference does) around the pooled proportion Σx/Σn (``baseline``).
    * ``"ratio"``: ``numerator`` observed and ``denominator`` expected events; one row per
      observed count with the expected counts where it meets each limit and the ratio there
      (``ratio_type="count"``: O/E − 1; ``"isr"``: O/E × 100).
    * ``"rate"``: ``numerator`` events and ``rate`` per ``multiplier`` (denominators derived as
      multiplier × events / rate, or ``denominator`` for rows with no events); one row per
      event count with the one-year population and the rate at each limit.

    ``points`` overrides the axis (denominators, or event counts for ratios and rates).

    >>> areas = pd.DataFrame({"x": [30, 45, 80], "n": [100, 150, 200]})
    >>> out = funnel_limits(areas, "x", "n", points=[100])
    >>> print(out[["denominator", "lower_2s_limit", "upper_2s_limit", "baseline"]].round(3)
    ...       .to_string(index=False))
     denominator  lower_2s_limit  upper_2s_limit  baseline
           100.0          25.131          43.758    34.444
    """
    function = "funnel_limits"
    require_frame(data, function)
    require_columns(data, function, numerator=numerator, denominator=denominator, rate=rate)
    _check_limit_options(statistic, denominator, ratio_type, rate)
    if statistic == "rate":
        assert rate is not None  # checked above
        events, _, derived = _rate_denominators(
            data, numerator, rate, denominator, multiplier, function, rate_type
        )
        sums = FunnelSums(np.nansum(events), np.nansum(derived), *_finite_range(events))
    else:
        assert denominator is not None  # checked above
        x = numeric(data, numerator, function)
        n = numeric(data, denominator, function)
        axis_values = n if statistic == "proportion" else x
        sums = FunnelSums(np.nansum(x), np.nansum(n), *_finite_range(axis_values))
    return finish_funnel_limits(
        sums, statistic, multiplier, ratio_type, rate_type, years_of_data, points
    )


@dataclass(frozen=True)
class FunnelSums:
    """What the funnel limits need of the rows: the pooled numerator and denominator totals
    (NA left out) and the smallest and largest finite value of the axis column."""

    numerator: float
    denominator: float
    low: float
    high: float


def _finite_range(values: np.ndarray) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if not len(finite):
        return np.nan, np.nan
    return float(finite.min()), float(finite.max())


def _check_limit_options(
    statistic: str, denominator: str | None, ratio_type: str, rate: str | None
) -> None:
    if statistic == "proportion" and denominator is None:
        raise StatsInputError("[denominator-required] funnel_limits: proportions need denominator=")
    if statistic == "ratio":
        if denominator is None:
            raise StatsInputError("[denominator-required] funnel_limits: ratios need denominator=")
        if ratio_type not in ("count", "isr"):
            raise StatsInputError(
                f"[ratio-type-invalid] funnel_limits: ratio_type {ratio_type!r} must be 'count' "
                "or 'isr'"
            )
    if statistic == "rate" and rate is None:
        raise StatsInputError("[rate-required] funnel_limits: statistic 'rate' needs rate=")
    if statistic not in ("proportion", "ratio", "rate"):
        raise StatsInputError(
            f"[statistic-invalid] funnel_limits: statistic {statistic!r} must be 'proportion', "
            "'ratio' or 'rate'"
        )


def finish_funnel_limits(
    sums: FunnelSums,
    statistic: Statistic,
    multiplier: float = 100,
    ratio_type: Literal["count", "isr"] = "count",
    rate_type: Literal["dsr", "crude"] = "dsr",
    years_of_data: float = 1,
    points: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Funnel limits from the pooled sums and the axis range (the one finish of every engine)."""
    axis = (
        np.asarray(points, dtype="float64")
        if points is not None
        else axis_between(sums.low, sums.high)
    )
    if statistic == "proportion":
        return _proportion_limits(sums.numerator / sums.denominator, axis, multiplier)
    if statistic == "ratio":
        return _ratio_limits(axis, ratio_type)
    pooled = sums.numerator / sums.denominator * multiplier
    return _rate_limits(pooled, axis, multiplier, rate_type, years_of_data)


def _proportion_limits(pooled: float, axis: np.ndarray, multiplier: float) -> pd.DataFrame:
    columns: dict[str, object] = {"denominator": axis}
    for name, tail in _TAILS.items():
        half = _z(tail) * np.sqrt(pooled * (1 - pooled) / axis)
        # clipped to 0–100 whatever the multiplier: the reference's behaviour, kept for parity
        columns[f"lower_{name}_limit"] = np.clip((pooled - half) * multiplier, 0, 100)
        columns[f"upper_{name}_limit"] = np.clip((pooled + half) * multiplier, 0, 100)
    columns["baseline"] = pooled * multiplier
    columns["statistic"] = "proportion"
    columns["method"] = "Wilson"
    return pd.DataFrame(columns)


def _ratio_limits(axis: np.ndarray, ratio_type: str) -> pd.DataFrame:
    columns: dict[str, object] = {"observed_events": axis}
    for name, tail in _TAILS.items():
        low, high = _poisson_bounds(axis, tail)
        # O sits on the lower limit where E equals O's upper bound, and vice versa
        for side, at in (("lower", high), ("upper", low)):
            with np.errstate(divide="ignore"):
                ratio = axis / at
            columns[f"{side}_{name}_exp_events"] = at
            columns[f"{side}_{name}_limit"] = ratio - 1 if ratio_type == "count" else ratio * 100
    columns["statistic"] = f"ratio ({ratio_type})"
    columns["method"] = "Poisson"
    return pd.DataFrame(columns)


def _rate_limits(
    pooled: float, axis: np.ndarray, multiplier: float, rate_type: str, years_of_data: float
) -> pd.DataFrame:
    columns: dict[str, object] = {"events": axis}
    for name, tail in _TAILS.items():
        low, high = _poisson_bounds(axis, tail)
        for side, at in (("lower", high), ("upper", low)):
            with np.errstate(divide="ignore"):
                population = multiplier * at / pooled / years_of_data
                columns[f"{side}_{name}_population_1_year"] = population
                columns[f"{side}_{name}_limit"] = pooled * axis / at
    columns["baseline"] = pooled
    columns["statistic"] = f"rate ({rate_type} per {multiplier:,.0f})"
    columns["method"] = "Poisson"
    return pd.DataFrame(columns)


def funnel_significance(
    data: pd.DataFrame,
    numerator: str,
    denominator: str | None = None,
    statistic: Statistic = "proportion",
    rate: str | None = None,
    rate_type: Literal["dsr", "crude"] = "dsr",
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """Each row's position against the funnel (``assign_funnel_significance``).

    Adds ``significance``: "High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)" or
    "Not significant" ("Not applicable for events less than 10 for dsrs" for small DSRs).
    Proportions are tested against the pooled proportion's limits at their denominator;
    ratios O/E with O's limits (exact below 10, Byars from 10) against 1; rates with the
    events' limits against the pooled rate.

    >>> areas = pd.DataFrame({"x": [30, 45, 100], "n": [100, 150, 200]})
    >>> funnel_significance(areas, "x", "n")["significance"].tolist()
    ['Not significant', 'Low (0.025)', 'High (0.001)']
    """
    function = "funnel_significance"
    require_frame(data, function)
    require_columns(data, function, numerator=numerator, denominator=denominator, rate=rate)
    x = numeric(data, numerator, function)
    if statistic == "proportion":
        if denominator is None:
            raise StatsInputError(
                f"[denominator-required] {function}: proportions need denominator="
            )
        n = numeric(data, denominator, function)
        pooled = np.nansum(x) / np.nansum(n)
        share = x / n
        spread = np.sqrt(pooled * (1 - pooled) / n)
        high = {k: share > pooled + _z(t) * spread for k, t in _TAILS.items()}
        low = {k: share < pooled - _z(t) * spread for k, t in _TAILS.items()}
        labels = _labels(high, low)
    elif statistic == "ratio":
        if denominator is None:
            raise StatsInputError(f"[denominator-required] {function}: ratios need denominator=")
        expected = numeric(data, denominator, function)
        labels = _count_labels(x, expected, reference=1.0, scale=1.0)
    elif statistic == "rate":
        if rate is None:
            raise StatsInputError(f"[rate-required] {function}: statistic 'rate' needs rate=")
        events, _, derived = _rate_denominators(
            data, numerator, rate, denominator, multiplier, function, rate_type
        )
        pooled = np.nansum(events) / np.nansum(derived) * multiplier
        labels = _count_labels(events, derived, reference=pooled, scale=multiplier)
        if rate_type == "dsr":
            labels = np.where(events < 10, _NOT_APPLICABLE, labels)
    else:
        raise StatsInputError(
            f"[statistic-invalid] {function}: statistic {statistic!r} must be 'proportion', "
            "'ratio' or 'rate'"
        )
    result = data.copy()
    result["significance"] = labels
    return result


def _count_labels(
    events: np.ndarray, base: np.ndarray, reference: float, scale: float
) -> np.ndarray:
    high, low = {}, {}
    for name, tail in _TAILS.items():
        lower, upper = poisson_ci(events, 1 - 2 * tail)
        with np.errstate(divide="ignore", invalid="ignore"):
            high[name] = lower / base * scale > reference
            low[name] = upper / base * scale < reference
    return _labels(high, low)


def _labels(high: dict[str, np.ndarray], low: dict[str, np.ndarray]) -> np.ndarray:
    return np.select(
        [high["3s"], high["2s"], low["3s"], low["2s"]],
        ["High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)"],
        default="Not significant",
    )


def funnel_points(
    data: pd.DataFrame,
    numerator: str,
    rate: str,
    rate_type: Literal["dsr", "crude"] = "dsr",
    denominator: str | None = None,
    years_of_data: float = 1,
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """Rates ready to plot on a rate funnel (``calculate_funnel_points``).

    Adds ``<rate>_chart`` (the rate) and ``denominator_derived`` (multiplier × events / rate
    per year of data, or for a crude rate with no events the supplied denominator per year);
    both are NA for a DSR from fewer than 10 events.

    >>> areas = pd.DataFrame({"deaths": [414, 5], "rate": [184.0, 102.0]})
    >>> out = funnel_points(areas, "deaths", "rate", years_of_data=3)
    >>> out["denominator_derived"].round(1).tolist(), out["rate_chart"].tolist()
    ([75000.0, nan], [184.0, nan])
    """
    function = "funnel_points"
    require_frame(data, function)
    require_columns(data, function, numerator=numerator, rate=rate, denominator=denominator)
    events, rates, derived = _rate_denominators(
        data, numerator, rate, denominator, multiplier, function, rate_type
    )
    result = data.copy()
    small_dsr = (rate_type == "dsr") & (events < 10)
    result[f"{rate}_chart"] = np.where(small_dsr, np.nan, rates)
    result["denominator_derived"] = np.where(small_dsr, np.nan, derived / years_of_data)
    return result
