"""Indirect standardisation: standardised ratios (SMR-style) and standardised rates.

E = Σ(x_ref/n_ref)·n over a group's age bands, O = Σx; the ratio is O/E × refvalue and the
rate O/E × the reference rate. Limits are those of O (exact below 10, Byars from 10) over E.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._confidence import Levels, confidence_levels
from wyoutcomes.stats._grouping import (
    By,
    Groups,
    make_groups,
    numeric,
    require_columns,
    require_frame,
)
from wyoutcomes.stats._output import multiplier_label, result_frame
from wyoutcomes.stats.ci import poisson_ci

__all__ = ["finish_isr_rate", "finish_isr_ratio", "isr_rate", "isr_ratio"]

Reference = str | ArrayLike


@dataclass(frozen=True)
class _Standardised:
    groups: Groups
    levels: Levels
    observed: np.ndarray
    expected: np.ndarray
    x_ref: np.ndarray
    n_ref: np.ndarray


def _reference_values(
    data: pd.DataFrame, values: Reference, name: str, groups: Groups, function: str
) -> np.ndarray:
    """Reference counts or populations per row: a column, or one value per band by position."""
    if isinstance(values, str):
        require_columns(data, function, **{name: values})
        return numeric(data, values, function)
    bands = np.asarray(values, dtype="float64")
    sizes = np.bincount(groups.codes, minlength=groups.count)
    if np.any(sizes != len(bands)):
        bad = np.flatnonzero(sizes != len(bands))
        raise groups.fail(
            np.isin(groups.codes, bad),
            "reference-length",
            name,
            f"{name} has {len(bands)} values by position, so every group needs that many rows",
        )
    # position of each row within its group, in data order (the reference matches by position)
    position = pd.Series(groups.codes).groupby(groups.codes).cumcount().to_numpy()
    return bands[position]


def _standardise(
    function: str,
    data: pd.DataFrame,
    x: str,
    n: str,
    x_ref: Reference,
    n_ref: Reference,
    by: By,
    confidence: float | Sequence[float],
    observed_totals: pd.DataFrame | None,
) -> _Standardised:
    require_frame(data, function)
    require_columns(data, function, n=n)
    if observed_totals is None:
        require_columns(data, function, x=x)
    levels = confidence_levels(confidence)
    groups = make_groups(data, by, function)
    ns = numeric(data, n, function)
    xr = _reference_values(data, x_ref, "x_ref", groups, function)
    nr = _reference_values(data, n_ref, "n_ref", groups, function)
    for values, column, label in (
        (ns, n, "populations"),
        (xr, x_ref if isinstance(x_ref, str) else "x_ref", "reference counts"),
    ):
        if np.any(values < 0):
            raise groups.fail(values < 0, "negative-count", column, f"{label} must not be negative")
    bad_ref = nr <= 0
    if bad_ref.any():
        column = n_ref if isinstance(n_ref, str) else "n_ref"
        raise groups.fail(
            bad_ref, "denominator-not-positive", column, "reference populations must be > 0"
        )
    # the reference treats a missing reference count or local population as contributing 0
    contribution = np.nan_to_num(xr / nr * ns, nan=0.0)
    expected = groups.sum(contribution)
    if observed_totals is None:
        xs = numeric(data, x, function)
        if np.any(xs < 0):
            raise groups.fail(xs < 0, "negative-count", x, "counts must not be negative")
        observed = groups.sum(np.nan_to_num(xs, nan=0.0))
    else:
        observed = _joined_observed(observed_totals, x, groups, function)
    return _Standardised(groups, levels, observed, expected, xr, nr)


def _joined_observed(totals: pd.DataFrame, x: str, groups: Groups, function: str) -> np.ndarray:
    if x not in totals.columns:
        raise StatsInputError(
            f"[missing-column] {function}: observed_totals is given but has no column {x!r}"
        )
    if not groups.columns:
        return totals[x].to_numpy(dtype="float64")[:1]
    joined = groups.keys.merge(totals[[*groups.columns, x]], on=groups.columns, how="left")
    if len(joined) != groups.count:
        raise StatsInputError(
            f"[observed-totals-duplicate] {function}: observed_totals has more than one row "
            f"for some group of {', '.join(groups.columns)}"
        )
    return joined[x].to_numpy(dtype="float64")


def _method(observed: np.ndarray) -> np.ndarray:
    return np.where(observed < 10, "Exact", "Byars")


def isr_ratio(
    data: pd.DataFrame,
    x: str,
    n: str,
    x_ref: Reference,
    n_ref: Reference,
    by: By = None,
    confidence: float | Sequence[float] = 0.95,
    refvalue: float = 1,
    observed_totals: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Indirectly standardised ratio O/E × refvalue per group (PHE ``calculate_ISRatio``).

    ``x_ref``/``n_ref`` are columns of reference counts and populations, or sequences with one
    value per age band matched by position (every group then needs that many rows).
    ``observed_totals`` optionally supplies O per group (joined on the ``by`` columns).
    ``refvalue=100`` gives an SMR on the ×100 scale. No small-number suppression.

    >>> bands = pd.DataFrame({"deaths": [3, 12], "people": [1000, 500]})
    >>> out = isr_ratio(bands, "deaths", "people", x_ref=[200, 900], n_ref=[100_000, 30_000])
    >>> print(out[["observed", "expected", "value", "lower_ci", "upper_ci"]].round(4).to_string())
       observed  expected   value  lower_ci  upper_ci
    0      15.0      17.0  0.8824    0.4935    1.4554
    """
    s = _standardise("isr_ratio", data, x, n, x_ref, n_ref, by, confidence, observed_totals)
    return finish_isr_ratio(s.groups.frame(), s.observed, s.expected, s.levels, refvalue)


def finish_isr_ratio(
    keys: pd.DataFrame,
    observed: np.ndarray,
    expected: np.ndarray,
    levels: Levels,
    refvalue: float,
) -> pd.DataFrame:
    """Ratios O/E × refvalue with limits from each group's O and E (the one finish)."""
    value = observed / expected * refvalue

    def limits(level: float) -> tuple[np.ndarray, np.ndarray]:
        lower, upper = poisson_ci(observed, level)
        return lower / expected * refvalue, upper / expected * refvalue

    return result_frame(
        keys,
        {"observed": observed, "expected": expected},
        value,
        levels,
        limits,
        f"indirectly standardised ratio x {multiplier_label(refvalue)}",
        _method(observed),
    )


def isr_rate(
    data: pd.DataFrame,
    x: str,
    n: str,
    x_ref: Reference,
    n_ref: Reference,
    by: By = None,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
    observed_totals: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Indirectly standardised rate O/E × reference rate per group (``calculate_ISRate``).

    The reference rate Σx_ref/Σn_ref × multiplier is returned as ``ref_rate``. Arguments as
    for :func:`isr_ratio`.

    >>> bands = pd.DataFrame({"deaths": [3, 12], "people": [1000, 500]})
    >>> out = isr_rate(bands, "deaths", "people", x_ref=[200, 900], n_ref=[100_000, 30_000])
    >>> print(out[["ref_rate", "value", "lower_ci", "upper_ci"]].round(2).to_string())
       ref_rate   value  lower_ci  upper_ci
    0    846.15  746.61    417.57   1231.48
    """
    s = _standardise("isr_rate", data, x, n, x_ref, n_ref, by, confidence, observed_totals)
    ref_x = s.groups.sum(np.nan_to_num(s.x_ref, nan=0.0))
    ref_n = s.groups.sum(np.nan_to_num(s.n_ref, nan=0.0))
    return finish_isr_rate(
        s.groups.frame(), s.observed, s.expected, ref_x, ref_n, s.levels, multiplier
    )


def finish_isr_rate(
    keys: pd.DataFrame,
    observed: np.ndarray,
    expected: np.ndarray,
    ref_x: np.ndarray,
    ref_n: np.ndarray,
    levels: Levels,
    multiplier: float,
) -> pd.DataFrame:
    """Rates O/E × Σx_ref/Σn_ref with limits from each group's sums (the one finish)."""
    ref_rate = ref_x / ref_n * multiplier
    value = observed / expected * ref_rate

    def limits(level: float) -> tuple[np.ndarray, np.ndarray]:
        lower, upper = poisson_ci(observed, level)
        return lower / expected * ref_rate, upper / expected * ref_rate

    return result_frame(
        keys,
        {"observed": observed, "expected": expected, "ref_rate": ref_rate},
        value,
        levels,
        limits,
        f"indirectly standardised rate per {multiplier_label(multiplier)}",
        _method(observed),
    )
