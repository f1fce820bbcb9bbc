"""Confidence-interval building blocks: Wilson, Byars, exact Poisson and Student t.

Formulas as in the PHE/OHID methods (Wilson 1927, Newcombe & Altman 2000; Byars in Breslow &
Day 1987; exact Poisson limits from the chi-square distribution). Inputs are array-likes; each
function returns a ``(lower, upper)`` pair of float arrays (NaN where an input is NaN).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as sps

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._confidence import confidence_levels, z_value

__all__ = ["byars_ci", "exact_poisson_ci", "student_t_ci", "wilson_ci"]

Limits = tuple[np.ndarray, np.ndarray]


def _level(confidence: float) -> float:
    return confidence_levels(confidence, pair_only=True)[0]


def _array(values: ArrayLike, name: str) -> np.ndarray:
    array = np.asarray(values, dtype="float64")
    if np.any(array < 0):
        raise StatsInputError(f"[negative-count] {name}: counts must not be negative")
    return array


def wilson_ci(x: ArrayLike, n: ArrayLike, confidence: float = 0.95) -> Limits:
    """Wilson score limits for the proportion x/n, on the 0–1 scale.

    >>> lower, upper = wilson_ci([65], [100])
    >>> round(float(lower[0]), 6), round(float(upper[0]), 6)
    (0.552544, 0.736358)
    """
    level = _level(confidence)
    xs = _array(x, "x")
    ns = np.asarray(n, dtype="float64")
    xs, ns = np.broadcast_arrays(xs, ns)
    if level == 1:
        # z is infinite at 100%: the only honest interval is the whole range
        nan = np.isnan(xs) | np.isnan(ns)
        return np.where(nan, np.nan, 0.0), np.where(nan, np.nan, 1.0)
    z = z_value(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = 2 * xs + z**2
        spread = z * np.sqrt(z**2 + 4 * xs * (1 - xs / ns))
        denominator = 2 * (ns + z**2)
        lower = (centre - spread) / denominator
        upper = (centre + spread) / denominator
    # the boundaries are exact in the formula but rounding can leave 1e-17 either side
    lower = np.where(xs == 0, 0.0, lower)
    upper = np.where(xs == ns, 1.0, upper)
    return lower, upper


def byars_lower(x: np.ndarray, z: float) -> np.ndarray:
    """Byars' lower limit for a Poisson count; NaN where it would be negative or x is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
    return np.where((x > 0) & (lower >= 0), lower, np.nan)


def byars_upper(x: np.ndarray, z: float) -> np.ndarray:
    """Byars' upper limit for a Poisson count."""
    x1 = x + 1
    return x1 * (1 - 1 / (9 * x1) + z / (3 * np.sqrt(x1))) ** 3


def byars_ci(x: ArrayLike, confidence: float = 0.95) -> Limits:
    """Byars' approximate Poisson limits for a count x (count scale).

    The lower limit is NaN where the approximation goes negative (tiny x at high confidence)
    and at x = 0; the public functions switch to exact limits below 10 events.

    >>> lower, upper = byars_ci([65])
    >>> round(float(lower[0]), 6), round(float(upper[0]), 6)
    (50.163188, 82.849139)
    """
    z = z_value(_level(confidence))
    xs = _array(x, "x")
    return byars_lower(xs, z), byars_upper(xs, z)


def exact_poisson_ci(x: ArrayLike, confidence: float = 0.95) -> Limits:
    """Exact Poisson limits for a count x from the chi-square distribution (count scale).

    >>> lower, upper = exact_poisson_ci([0, 5])
    >>> [round(float(v), 6) for v in lower], [round(float(v), 6) for v in upper]
    ([0.0, 1.623486], [3.688879, 11.668332])
    """
    level = _level(confidence)
    xs = _array(x, "x")
    lower = np.where(xs == 0, 0.0, sps.chi2.ppf((1 - level) / 2, 2 * xs) / 2)
    upper = sps.chi2.ppf((1 + level) / 2, 2 * xs + 2) / 2
    nan = np.isnan(xs)
    return np.where(nan, np.nan, lower), np.where(nan, np.nan, upper)


def poisson_ci(x: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """The PHE rule for counts: exact below 10 events, Byars from 10 (count scale)."""
    z = z_value(level)
    exact = x < 10
    with np.errstate(invalid="ignore"):
        e_lower, e_upper = exact_poisson_ci(np.where(exact, x, 0.0), level)
    b_lower, b_upper = byars_lower(x, z), byars_upper(x, z)
    lower = np.where(exact, e_lower, b_lower)
    upper = np.where(exact, e_upper, b_upper)
    nan = np.isnan(x)
    return np.where(nan, np.nan, lower), np.where(nan, np.nan, upper)


def student_t_ci(
    mean: ArrayLike, sd: ArrayLike, count: ArrayLike, confidence: float = 0.95
) -> Limits:
    """Student-t limits for a mean from its standard deviation and count (NaN for count 1).

    >>> lower, upper = student_t_ci([10.0], [2.0], [5])
    >>> round(float(lower[0]), 4), round(float(upper[0]), 4)
    (7.5167, 12.4833)
    """
    level = _level(confidence)
    m = np.asarray(mean, dtype="float64")
    s = np.asarray(sd, dtype="float64")
    k = np.asarray(count, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.abs(sps.t.ppf((1 - level) / 2, np.where(k > 1, k - 1, np.nan)))
        half = t * s / np.sqrt(k)
    return m - half, m + half
