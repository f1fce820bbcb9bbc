"""Where the recent points are heading: a weighted straight line and its prediction interval.

The line is fitted by weighted least squares with weights 1/SE² (SE from each point's 95% CI)
when every point has a CI, and unweighted otherwise. For weighted fits the residual scale is
max(1, χ²/(n − 2)): points scattering more than their CIs allow widen the interval, points
scattering less never narrow it below what the CIs say. Intervals use Student t with n − 2
degrees of freedom; fewer than 3 points give no fit.

>>> fit = fit_line([0.0, 1.0, 2.0, 3.0], [10.0, 9.6, 9.1, 8.7])
>>> round(fit.slope, 3), fit.n
(-0.44, 4)
>>> value, lower, upper = fit.prediction_interval(5.0)
>>> round(value, 2), lower < value < upper
(7.81, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

__all__ = [
    "MIN_POINTS",
    "LineFit",
    "fit_line",
    "probability_at_least",
    "probability_between",
    "se_from_ci",
]

#: a line through two points has no scatter to learn from, so no interval: need three
MIN_POINTS = 3
_Z95 = 1.959963984540054


@dataclass(frozen=True)
class LineFit:
    """A fitted line y = intercept + slope·x with what is needed for its intervals."""

    n: int
    slope: float
    intercept: float
    weighted: bool
    x_centre: float  # weighted mean of x
    sum_weights: float
    sxx: float  # weighted sum of squares of x about x_centre
    scale: float  # residual variance factor (σ² unweighted; max(1, χ²/df) weighted)
    new_point_variance: float  # the variance a new single value would have about the line

    @property
    def df(self) -> int:
        return self.n - 2

    def _t(self, confidence: float = 0.95) -> float:
        return float(scipy_stats.t.ppf((1 + confidence) / 2, self.df))

    def slope_interval(self, confidence: float = 0.95) -> tuple[float, float]:
        """Interval for the slope."""
        half = self._t(confidence) * math.sqrt(self.scale / self.sxx)
        return self.slope - half, self.slope + half

    def predictive_sd(self, x: float) -> float:
        """SD of a new value at x: the line's uncertainty plus the scatter of a single value."""
        line_var = self.scale * (1 / self.sum_weights + (x - self.x_centre) ** 2 / self.sxx)
        return math.sqrt(line_var + self.new_point_variance)

    def predict(self, x: float) -> float:
        return self.intercept + self.slope * x

    def prediction_interval(self, x: float, confidence: float = 0.95) -> tuple[float, float, float]:
        """(value, lower, upper) of the prediction interval for a new value at x."""
        value = self.predict(x)
        half = self._t(confidence) * self.predictive_sd(x)
        return value, value - half, value + half

    def slope_probability_at_least(self, threshold: float, better: int) -> float:
        """Probability the true slope is at `threshold` or on the `better` side of it."""
        sd = math.sqrt(self.scale / self.sxx)
        return _t_probability(self.slope, sd, self.df, threshold, better)


def fit_line(
    x: Sequence[float], y: Sequence[float], se: Sequence[float] | None = None
) -> LineFit | None:
    """Fit the line; None with fewer than 3 points or all points at one x.

    `se` weights the points by 1/SE² only when every SE is finite and positive.
    """
    xs = np.asarray(x, dtype=float)
    ys = np.asarray(y, dtype=float)
    if xs.size < MIN_POINTS or np.ptp(xs) == 0:
        return None
    ses = None if se is None else np.asarray(se, dtype=float)
    weighted = ses is not None and bool(np.all(np.isfinite(ses)) and np.all(ses > 0))
    w = 1.0 / ses**2 if weighted and ses is not None else np.ones_like(xs)
    sw = float(w.sum())
    xc = float((w * xs).sum() / sw)
    yc = float((w * ys).sum() / sw)
    sxx = float((w * (xs - xc) ** 2).sum())
    slope = float((w * (xs - xc) * (ys - yc)).sum() / sxx)
    intercept = yc - slope * xc
    residuals = ys - (intercept + slope * xs)
    df = xs.size - 2
    chi2 = float((w * residuals**2).sum()) / df
    if weighted:
        scale = max(1.0, chi2)
        new_var = scale * float(np.mean(1.0 / w))
    else:
        scale = chi2
        new_var = chi2
    return LineFit(
        n=int(xs.size),
        slope=slope,
        intercept=intercept,
        weighted=weighted,
        x_centre=xc,
        sum_weights=sw,
        sxx=sxx,
        scale=scale,
        new_point_variance=new_var,
    )


def se_from_ci(lower: float, upper: float) -> float:
    """Standard error implied by a symmetric 95% interval (NaN when unknown)."""
    if not (math.isfinite(lower) and math.isfinite(upper)) or upper < lower:
        return math.nan
    return (upper - lower) / (2 * _Z95)


def _t_probability(centre: float, sd: float, df: int, threshold: float, better: int) -> float:
    if sd == 0 or not math.isfinite(sd):
        gap = (centre - threshold) * better
        return 1.0 if gap >= 0 else 0.0
    below = float(scipy_stats.t.cdf((threshold - centre) / sd, df))
    return 1.0 - below if better > 0 else below


def probability_at_least(fit: LineFit, x: float, target: float, better: int) -> float:
    """Probability a new value at x is at the target or on its `better` side (+1 up, −1 down)."""
    return _t_probability(fit.predict(x), fit.predictive_sd(x), fit.df, target, better)


def probability_between(fit: LineFit, x: float, lower: float, upper: float) -> float:
    """Probability a new value at x lies in [lower, upper]."""
    centre, sd = fit.predict(x), fit.predictive_sd(x)
    if sd == 0:
        return 1.0 if lower <= centre <= upper else 0.0
    cdf = scipy_stats.t.cdf
    return float(cdf((upper - centre) / sd, fit.df) - cdf((lower - centre) / sd, fit.df))
