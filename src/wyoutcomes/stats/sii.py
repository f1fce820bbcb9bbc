"""Slope and relative index of inequality (SII, RII) with simulated confidence limits.

The SII is the slope of a weighted least-squares line through the quantile values against
their relative rank (the mid-point of each quantile's cumulative population share); the RII
is the ratio of the line's ends. Limits come from refitting the line to values drawn from
each quantile's sampling distribution, ``repetitions`` times, with a seedable numpy
Generator, for all groups and all repetitions in a few large array operations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._confidence import Levels, confidence_label, confidence_levels, limit_columns
from wyoutcomes.stats._grouping import By, make_groups, numeric, require_columns, require_frame
from wyoutcomes.stats._output import warn

__all__ = ["sii"]

_VALUE_TYPES = {"other": 0, "rate": 1, "proportion": 2, 0: 0, 1: 1, 2: 2}
_Z95 = 1.959963984540054  # input limits are taken to be 95% limits, as in the reference
# draws per chunk: large enough for numpy to stream, small enough to stay within ~100 MB
_CHUNK_DRAWS = 4_000_000
# Simulated values are single precision: their rounding (~1e-7 relative) is far below the
# Monte-Carlo error of the limits (~1e-3 at 100 000 repetitions) and halves the time.
_DRAW = np.float32


def _column(values: np.ndarray) -> np.ndarray:
    return values.astype(_DRAW)[:, None]


@dataclass(frozen=True)
class _Scale:
    """The value scale g (identity, log or logit) and its inverse."""

    name: str
    forward: Callable[[np.ndarray], np.ndarray]
    inverse: Callable[[np.ndarray], np.ndarray]


_SCALES = {
    0: _Scale("none", lambda v: v, lambda v: v),
    1: _Scale("log", np.log, np.exp),
    2: _Scale("logit", logit, expit),
}


def _order_positions(repetitions: int, level: float) -> tuple[int, int]:
    """0-based positions of the sorted draws taken as limits: round(R(1∓c)/2), 1-based."""
    lower = int(np.round(repetitions * (1 - level) / 2))
    upper = int(np.round(repetitions * (1 + level) / 2))
    return max(lower, 1) - 1, min(upper, repetitions) - 1


def _layout(
    data: pd.DataFrame, quantile: str, by: By, function: str
) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Rows as a groups × quantiles grid; groups lacking a quantile are dropped with a warning."""
    groups = make_groups(data, by, function)
    labels = data[quantile]
    order = np.lexsort((labels.to_numpy(), groups.codes))
    distinct = np.sort(labels.dropna().unique())
    n_quantiles = len(distinct)
    if not 5 <= n_quantiles <= 100:
        raise StatsInputError(
            f"[quantiles-count] sii: column {quantile!r} has {n_quantiles} distinct quantiles; "
            "the SII needs between 5 and 100"
        )
    if n_quantiles > 10:
        warn(f"sii: {n_quantiles} quantiles; the method is designed for 10 or fewer")
    position = np.searchsorted(distinct, labels.to_numpy())
    seen = np.zeros((groups.count, n_quantiles), dtype="int64")
    valid = labels.notna().to_numpy()
    np.add.at(seen, (groups.codes[valid], position[valid]), 1)
    if np.any(seen > 1):
        bad = np.flatnonzero((seen > 1).any(axis=1))
        raise groups.fail(
            np.isin(groups.codes, bad), "quantile-repeated", quantile,
            "each quantile may appear once per group",
        )  # fmt: skip
    complete = (seen == 1).all(axis=1)
    if not complete.all():
        warn(
            f"sii: {int((~complete).sum())} group(s) dropped for a missing quantile "
            f"(first: {groups.describe(int(np.flatnonzero(~complete)[0]))})"
        )
    keep = complete[groups.codes[order]]
    rows = order[keep]
    kept_groups = np.flatnonzero(complete)
    return groups.keys.iloc[kept_groups].reset_index(drop=True), rows, n_quantiles


def sii(
    data: pd.DataFrame,
    quantile: str,
    population: str,
    value: str | None = None,
    x: str | None = None,
    se: str | None = None,
    lower_ci: str | None = None,
    upper_ci: str | None = None,
    value_type: str | int = "other",
    transform: bool = False,
    multiplier: float = 1,
    repetitions: int = 100_000,
    confidence: float | Sequence[float] = 0.95,
    rii: bool = False,
    intercept: bool = False,
    seed: int | np.random.Generator | None = None,
    by: By = None,
) -> pd.DataFrame:
    """Slope index of inequality per group (PHE ``phe_sii``), optionally with the RII.

    Quantile 1 should be the most deprived. Give ``value`` (or, for proportions, the count
    ``x``, with value = x/population) and either ``se`` or the 95% limits ``lower_ci`` and
    ``upper_ci`` (then se = (g(upper) − g(lower))/(2·1.96) with g the identity, log or logit
    for ``value_type`` "other", "rate" or "proportion"). ``transform=True`` fits on the log or
    logit scale. Limits are simulated: pass ``seed`` (or a ``numpy.random.Generator``) for
    reproducible figures. Output: ``sii`` (and ``rii``), ``sii_lower_ci``/``sii_upper_ci``
    per level (suffixed for several levels), ``intercept`` if asked for.

    >>> deciles = pd.DataFrame({"decile": range(1, 11), "pop": 10_000,
    ...                         "le": [76.0, 77, 78, 79, 80, 81, 82, 83, 84, 85], "se": 0.2})
    >>> out = sii(deciles, "decile", "pop", value="le", se="se", seed=1, repetitions=10_000)
    >>> print(out[["sii", "sii_lower_ci", "sii_upper_ci"]].round(2).to_string(index=False))
     sii  sii_lower_ci  sii_upper_ci
    10.0          9.57         10.42
    """
    function = "sii"
    require_frame(data, function)
    require_columns(
        data, function, quantile=quantile, population=population, value=value, x=x, se=se,
        lower_ci=lower_ci, upper_ci=upper_ci, **{f"by[{i}]": c for i, c in enumerate(
            [by] if isinstance(by, str) else list(by or []))},
    )  # fmt: skip
    kind = _value_type(value_type)
    levels = confidence_levels(confidence, pair_only=False)
    _check_options(kind, transform, se, repetitions, value, x, lower_ci, upper_ci)
    scale = _SCALES[kind]

    keys, rows, n_q = _layout(data, quantile, by, function)
    frame = data.iloc[rows]
    grid = (len(keys), n_q)

    def fail(bad: np.ndarray, rule: str, where: str, message: str) -> StatsInputError:
        group = int(np.flatnonzero(bad.any(axis=1))[0])
        named = ", ".join(f"{c}={v!r}" for c, v in keys.iloc[group].items()) or "the whole data"
        return StatsInputError(f"[{rule}] sii: {where}, group {named}: {message}")

    pop = numeric(frame, population, function).reshape(grid)
    if np.any(~(pop > 0)):
        raise fail(~(pop > 0), "population-not-positive", f"column {population!r}",
                   "populations must be present and greater than zero")  # fmt: skip
    if value is not None:
        values = numeric(frame, value, function).reshape(grid)
    else:
        assert x is not None  # _check_options requires x when value is not given
        counts = numeric(frame, x, function).reshape(grid)
        if np.any(counts <= 0):
            raise fail(counts <= 0, "count-not-positive", f"column {x!r}",
                       "counts must be greater than zero")  # fmt: skip
        values = counts / pop
    if se is not None:
        errors = numeric(frame, se, function).reshape(grid)
    else:
        assert lower_ci is not None and upper_ci is not None  # required by _check_options
        low = numeric(frame, lower_ci, function).reshape(grid)
        high = numeric(frame, upper_ci, function).reshape(grid)
        outside = (low < 0) | (low > 1) | (high < 0) | (high > 1)
        if kind == 2 and outside.any():
            raise fail(outside, "proportion-range", f"columns {lower_ci!r}/{upper_ci!r}",
                       "limits of proportions must lie between 0 and 1")  # fmt: skip
        with np.errstate(divide="ignore", invalid="ignore"):
            errors = (scale.forward(high) - scale.forward(low)) / (2 * _Z95)
    if kind == 2 and np.any((values < 0) | (values > 1)):
        raise fail((values < 0) | (values > 1), "proportion-range", f"column {value or x!r}",
                   "proportions must lie between 0 and 1")  # fmt: skip
    if np.any(errors < 0):
        where = f"column {se!r}" if se else f"columns {lower_ci!r}/{upper_ci!r} (upper below lower)"
        raise fail(errors < 0, "se-negative", where, "standard errors must not be negative")
    usable = ~(np.isnan(values) | np.isnan(errors)).any(axis=1)
    if not usable.all():
        warn(f"sii: {int((~usable).sum())} group(s) dropped for a missing value or error")
        keys, pop, values, errors = (
            keys[usable].reset_index(drop=True),
            pop[usable],
            values[usable],
            errors[usable],
        )

    share = pop / pop.sum(axis=1, keepdims=True)
    rank = np.cumsum(share, axis=1) - share / 2
    mean_rank = (share * rank).sum(axis=1, keepdims=True)
    spread = (share * (rank - mean_rank) ** 2).sum(axis=1, keepdims=True)
    slope_weights = share * (rank - mean_rank) / spread  # β_b = Σ c·y
    intercept_weights = share - mean_rank * slope_weights  # β₀ = Σ k·y

    fitted_y = scale.forward(values) if transform else values
    slope = (slope_weights * fitted_y).sum(axis=1)
    start = (intercept_weights * fitted_y).sum(axis=1)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    draws = _Simulation(
        rng, scale, transform, repetitions, levels, slope_weights, intercept_weights,
        scale.forward(values) if kind else values, errors, rii,
    ).run()  # fmt: skip

    columns: dict[str, object] = {c: keys[c].to_numpy() for c in keys.columns}
    sign_flip = multiplier < 0
    if transform:
        top, bottom = scale.inverse(start + slope), scale.inverse(start)
        columns["sii"] = (top - bottom) * multiplier
        ratio = top / bottom
        middle = start + slope / 2
    else:
        columns["sii"] = slope * multiplier
        with np.errstate(divide="ignore", invalid="ignore"):  # a zero intercept has no RII
            ratio = (start + slope) / start
    if rii:
        columns["rii"] = 1 / ratio if sign_flip else ratio
    for (low_name, high_name), level in zip(limit_columns(levels, "sii_"), levels, strict=True):
        s_low, s_high = draws.slope[level]
        if transform:
            ends = [
                (scale.inverse(middle + s / 2) - scale.inverse(middle - s / 2)) * multiplier
                for s in (s_low, s_high)
            ]
        else:
            ends = [s * multiplier for s in (s_low, s_high)]
        columns[low_name], columns[high_name] = np.minimum(*ends), np.maximum(*ends)
    if rii:
        for (low_name, high_name), level in zip(limit_columns(levels, "rii_"), levels, strict=True):
            if transform:
                ends = [
                    scale.inverse(middle + s / 2) / scale.inverse(middle - s / 2)
                    for s in draws.slope[level]
                ]
            else:
                ends = list(draws.ratio[level])
            if sign_flip:
                ends = [1 / e for e in ends]
            columns[low_name], columns[high_name] = np.minimum(*ends), np.maximum(*ends)
    if intercept:
        columns["intercept"] = scale.inverse(start) * abs(multiplier) if transform else start
    columns["value_type"] = {0: "other", 1: "rate", 2: "proportion"}[kind]
    columns["multiplier"] = multiplier
    columns["transform"] = scale.name if transform else "none"
    columns["confidence"] = confidence_label(levels)
    columns["method"] = f"simulation {repetitions} reps"
    return pd.DataFrame(columns, index=pd.RangeIndex(len(keys)))


def _value_type(value_type: str | int) -> int:
    try:
        return _VALUE_TYPES[value_type]
    except (KeyError, TypeError):
        raise StatsInputError(
            f"[value-type-invalid] sii: value_type {value_type!r} must be 'other', 'rate' or "
            "'proportion' (or 0, 1, 2 as in the reference)"
        ) from None


def _check_options(
    kind: int,
    transform: bool,
    se: str | None,
    repetitions: int,
    value: str | None,
    x: str | None,
    lower_ci: str | None,
    upper_ci: str | None,
) -> None:
    if value is None and not (x is not None and kind == 2):
        raise StatsInputError("[value-required] sii: give value=, or x= (a count) for a proportion")
    if se is None and (lower_ci is None or upper_ci is None):
        raise StatsInputError("[se-required] sii: give se=, or both lower_ci= and upper_ci=")
    if transform and kind == 0:
        raise StatsInputError(
            "[transform-invalid] sii: transform=True needs value_type 'rate' or 'proportion'"
        )
    if transform and se is not None:
        raise StatsInputError(
            "[transform-invalid] sii: with transform=True give the 95% limits, not se="
        )
    if not isinstance(repetitions, (int, np.integer)) or repetitions < 1000:
        raise StatsInputError(
            f"[repetitions-too-few] sii: repetitions {repetitions!r} must be a whole number of "
            "at least 1000"
        )


@dataclass
class _Simulation:
    """Monte-Carlo limits of the slope (and ratio) for every group, chunked over groups."""

    rng: np.random.Generator
    scale: _Scale
    transform: bool
    repetitions: int
    levels: Levels
    slope_weights: np.ndarray
    intercept_weights: np.ndarray
    centre: np.ndarray  # g(value), or the value itself for value_type "other"
    errors: np.ndarray
    want_ratio: bool

    def __post_init__(self) -> None:
        self.slope: dict[float, tuple[np.ndarray, np.ndarray]] = {}
        self.ratio: dict[float, tuple[np.ndarray, np.ndarray]] = {}

    def run(self) -> _Simulation:
        n_groups, n_q = self.centre.shape
        # drawn on a linear scale (no back-transform), slope and intercept are exactly
        # bivariate normal, so two draws per repetition replace one per quantile
        linear = self.transform or self.scale.name == "none"
        per_group = self.repetitions * (2 if linear else n_q)
        step = max(1, _CHUNK_DRAWS // per_group)
        positions = [_order_positions(self.repetitions, c) for c in self.levels]
        kth = sorted({p for pair in positions for p in pair})
        slope_at: list[np.ndarray] = []
        ratio_at: list[np.ndarray] = []
        for first in range(0, n_groups, step):
            part = slice(first, min(first + step, n_groups))
            slopes, starts = (self._linear if linear else self._full)(part)
            slope_at.append(np.partition(slopes, kth, axis=1)[:, kth])
            if self.want_ratio and not self.transform:
                with np.errstate(divide="ignore", invalid="ignore"):
                    ratios = (starts + slopes) / starts
                ratio_at.append(np.partition(ratios, kth, axis=1)[:, kth])
        slope_sorted = np.vstack(slope_at).astype("float64")
        ratio_sorted = np.vstack(ratio_at).astype("float64") if ratio_at else None
        for level, (low, high) in zip(self.levels, positions, strict=True):
            self.slope[level] = (slope_sorted[:, kth.index(low)], slope_sorted[:, kth.index(high)])
            if ratio_sorted is not None:
                self.ratio[level] = (
                    ratio_sorted[:, kth.index(low)],
                    ratio_sorted[:, kth.index(high)],
                )
        return self

    def _linear(self, part: slice) -> tuple[np.ndarray, np.ndarray]:
        c, k = self.slope_weights[part], self.intercept_weights[part]
        mu, var = self.centre[part], self.errors[part] ** 2
        slope_mean, start_mean = (c * mu).sum(axis=1), (k * mu).sum(axis=1)
        slope_var, start_var = (c * c * var).sum(axis=1), (k * k * var).sum(axis=1)
        covariance = (c * k * var).sum(axis=1)
        # Cholesky factor of the 2 × 2 covariance of (slope, intercept) per group
        slope_sd = np.sqrt(slope_var)
        with np.errstate(divide="ignore", invalid="ignore"):
            loading = np.where(slope_sd > 0, covariance / slope_sd, 0.0)
        residual_sd = np.sqrt(np.maximum(start_var - loading**2, 0.0))
        z = self.rng.standard_normal((2, len(c), self.repetitions), dtype=_DRAW)
        slopes = _column(slope_mean) + _column(slope_sd) * z[0]
        starts = _column(start_mean) + _column(loading) * z[0] + _column(residual_sd) * z[1]
        return slopes, starts

    def _full(self, part: slice) -> tuple[np.ndarray, np.ndarray]:
        mu = self.centre[part].astype(_DRAW)[:, None, :]
        sd = self.errors[part].astype(_DRAW)[:, None, :]
        z = self.rng.standard_normal((len(mu), self.repetitions, mu.shape[2]), dtype=_DRAW)
        values = self.scale.inverse(mu + sd * z)
        slopes = np.einsum("grq,gq->gr", values, self.slope_weights[part].astype(_DRAW))
        starts = np.einsum("grq,gq->gr", values, self.intercept_weights[part].astype(_DRAW))
        return slopes, starts
