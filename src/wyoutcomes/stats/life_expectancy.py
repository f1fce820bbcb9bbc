"""Life expectancy: Chiang II abridged life table with Silcocks' variance for the open band.

The method of the PHE/ONS life expectancy calculator. Groups are laid out as a groups × bands
array so every step (q, l, L, T, e and the variance sums) is one numpy operation for all
groups at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._confidence import (
    confidence_label,
    confidence_levels,
    limit_columns,
    z_value,
)
from wyoutcomes.stats._grouping import By, make_groups, numeric, require_columns, require_frame
from wyoutcomes.stats._output import warn
from wyoutcomes.stats.standard_population import normalise_band_label

__all__ = ["STANDARD_LE_BANDS", "life_expectancy"]

#: the 20 bands of the PHE calculator: 0, 1-4, 5-9, …, 85-89, 90+
STANDARD_LE_BANDS: tuple[int, ...] = (0, 1, *range(5, 95, 5))

_METHOD = "Chiang, using Silcocks et al for confidence limits"
_RADIX = 100_000.0
_MIN_TOTAL_POPULATION = 5000  # groups at or below this are suppressed (the reference uses <=)
_WIDE_CI_YEARS = 20.0
_LEADING_AGE = re.compile(r"^\s*(\d+)")


def _start_ages(values: pd.Series, column: str) -> np.ndarray:
    """Band labels such as 0, "1-4", "10 – 14" or "90 +" as their leading integer age."""
    if pd.api.types.is_numeric_dtype(values):
        ages = values.to_numpy(dtype="float64")
    else:
        # ONS spellings ("Aged 0 to 4", "90 and over") lose their words first
        labels = values.map(normalise_band_label).astype("string")
        ages = labels.str.extract(_LEADING_AGE, expand=False).astype("float64")
        ages = ages.to_numpy(dtype="float64", na_value=np.nan)
    bad = np.isnan(ages) | (ages != np.floor(ages)) | (ages < 0)
    if bad.any():
        first = values[bad].iloc[0]
        raise StatsInputError(
            f"[startage-invalid] life_expectancy: column {column!r} row "
            f"{int(np.flatnonzero(bad)[0]) + 1}: {first!r} does not start with a whole age"
        )
    return ages.astype("int64")


def _banding(ages: np.ndarray, age_bands: Sequence[object] | None) -> np.ndarray:
    if age_bands is None:
        bands = np.unique(ages)
    else:
        bands = _start_ages(pd.Series(list(age_bands)), "age_bands")
        if np.any(np.diff(bands) <= 0):
            raise StatsInputError(
                "[age-bands-invalid] life_expectancy: age_bands must be in ascending order"
            )
        unknown = np.setdiff1d(ages, bands)
        if unknown.size:
            raise StatsInputError(
                f"[age-bands-invalid] life_expectancy: start ages {unknown.tolist()} in the data "
                f"are not among age_bands {bands.tolist()}"
            )
    if bands.size < 2 or bands[0] != 0 or bands[-1] not in (85, 90):
        raise StatsInputError(
            f"[age-bands-invalid] life_expectancy: start ages {bands.tolist()} must begin at 0 "
            "and end with an open band of 85+ or 90+"
        )
    return bands


def _suppress(
    reasons: dict[str, np.ndarray], describe: Callable[[int], str], bad_groups: str
) -> np.ndarray:
    """Groups to blank, with a warning per reason (or an error if ``bad_groups="error"``)."""
    suppressed = np.zeros_like(next(iter(reasons.values())))
    for reason, mask in reasons.items():
        if mask.any():
            first = describe(int(np.flatnonzero(mask)[0]))
            message = f"{int(mask.sum())} group(s) set to NA because {reason} (first: {first})"
            if bad_groups == "error":
                raise StatsInputError(f"[le-group-invalid] life_expectancy: {message}")
            warn(f"life_expectancy: {message}")
        suppressed |= mask
    return suppressed


def life_expectancy(
    data: pd.DataFrame,
    deaths: str,
    population: str,
    startage: str,
    by: By = None,
    confidence: float | Sequence[float] = 0.95,
    le_age: str | int | Iterable[int] = "all",
    age_bands: Sequence[object] | None = None,
    bad_groups: Literal["suppress", "error"] = "suppress",
) -> pd.DataFrame:
    """Life expectancy at each band's start age (PHE ``phe_life_expectancy``).

    One row per age band per group: ``value`` (years), limits, ``pops_used`` and
    ``dths_used`` (totals from that age up), ``statistic`` "life expectancy at <age>" (the
    label columns are categorical, as there are many rows but few distinct labels).
    ``startage`` holds start ages or labels ("1-4", "90 +"). The bands are ``age_bands`` if
    given, else every start age in the data; they must start at 0 and end with an open
    85+ or 90+ band (the reference takes only the 20 bands 0, 1-4, …, 90+). A whole group is
    NA, with a warning, if a band is missing or repeated, deaths are negative or exceed the
    population, a population is 0 or less, a value is missing, the total population is 5000 or
    less, or the final band has no deaths. A value (not its limits) is NA when its 95% interval
    is wider than 20 years. ``le_age`` picks which ages are returned. ``bad_groups="error"``
    raises ``StatsInputError`` for such a group instead of suppressing it.

    >>> bands = pd.DataFrame({
    ...     "age": STANDARD_LE_BANDS,
    ...     "pop": [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
    ...             50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936],
    ...     "deaths": [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872,
    ...                1390, 1605, 1936, 1937]})
    >>> out = life_expectancy(bands, "deaths", "pop", "age", le_age=0)
    >>> print(out[["age", "value", "lower_ci", "upper_ci"]].round(4).to_string(index=False))
     age   value  lower_ci  upper_ci
       0 80.1696   79.8827   80.4565
    """
    function = "life_expectancy"
    require_frame(data, function)
    require_columns(data, function, deaths=deaths, population=population, startage=startage)
    levels = confidence_levels(confidence, pair_only=False)
    groups = make_groups(data, by, function)
    ages = _start_ages(data[startage], startage)
    bands = _banding(ages, age_bands)
    band = np.searchsorted(bands, ages)
    n_groups, n_bands = groups.count, bands.size

    seen = np.zeros((n_groups, n_bands), dtype="int64")
    np.add.at(seen, (groups.codes, band), 1)
    dead = np.full((n_groups, n_bands), np.nan)
    pop = np.full((n_groups, n_bands), np.nan)
    dead[groups.codes, band] = numeric(data, deaths, function)
    pop[groups.codes, band] = numeric(data, population, function)

    with np.errstate(invalid="ignore"):
        reasons = {
            "an age band is missing or repeated": (seen != 1).any(axis=1),
            "deaths or population are missing": (
                (np.isnan(dead) | np.isnan(pop)) & (seen == 1)
            ).any(axis=1),
            "deaths are negative": (dead < 0).any(axis=1),
            "a population is zero or negative": (pop <= 0).any(axis=1),
            "deaths exceed the population": (dead > pop).any(axis=1),
        }
        reasons["the total population is 5000 or less"] = ~np.any(
            list(reasons.values()), axis=0
        ) & (np.nansum(pop, axis=1) <= _MIN_TOTAL_POPULATION)
        reasons["the final, open age band has no deaths"] = dead[:, -1] == 0
    suppressed = _suppress(reasons, groups.describe, bad_groups)
    # harmless stand-ins keep the arithmetic quiet; these groups are blanked afterwards
    dead[suppressed], pop[suppressed] = 1.0, 10.0

    table = _life_table(dead, pop, bands, levels)
    table = {name: np.where(suppressed[:, None], np.nan, v) for name, v in table.items()}

    order = np.lexsort((band, groups.codes))
    rows_g, rows_b = groups.codes[order], band[order]
    columns: dict[str, object] = {c: groups.keys[c].to_numpy()[rows_g] for c in groups.columns}
    columns[startage] = data[startage].to_numpy()[order]
    columns["value"] = table["value"][rows_g, rows_b]
    for (lower, upper), level in zip(limit_columns(levels), levels, strict=True):
        columns[lower] = table[f"lower{level}"][rows_g, rows_b]
        columns[upper] = table[f"upper{level}"][rows_g, rows_b]
    columns["pops_used"] = table["pops_used"][rows_g, rows_b]
    columns["dths_used"] = table["dths_used"][rows_g, rows_b]
    # one row per band per group: categorical labels avoid building a string per row
    rows = len(order)
    columns["confidence"] = pd.Categorical.from_codes(
        np.zeros(rows, dtype="int8"), [confidence_label(levels)]
    )
    start_codes, start_ages = pd.factorize(ages[order], sort=True)
    columns["statistic"] = pd.Categorical.from_codes(
        start_codes, [f"life expectancy at {a}" for a in start_ages]
    )
    columns["method"] = pd.Categorical.from_codes(np.zeros(rows, dtype="int8"), [_METHOD])
    result = pd.DataFrame(columns)
    return _pick_ages(result, ages[order], le_age)


def _life_table(
    dead: np.ndarray, pop: np.ndarray, bands: np.ndarray, levels: Sequence[float]
) -> dict[str, np.ndarray]:
    """Chiang II life table and Silcocks variance for every group (rows) at once."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = dead / pop
        width = np.broadcast_to(np.append(np.diff(bands), 0).astype("float64"), rate.shape).copy()
        width[:, -1] = 2 / rate[:, -1]  # open band: n = 2/M
        # a = 0.1 for an infant band [0, 1); deaths fall mid-interval elsewhere
        fraction = np.full(bands.size, 0.5)
        if bands[1] == 1:
            fraction[0] = 0.1
        q = np.where(
            width * fraction * rate <= 1,
            width * rate / (1 + width * (1 - fraction) * rate),
            1.0,
        )
        q[:, -1] = 1.0
        survivors = _RADIX * np.cumprod(np.hstack([np.ones((len(q), 1)), 1 - q[:, :-1]]), axis=1)
        next_survivors = np.hstack([survivors[:, 1:], np.zeros((len(q), 1))])
        dying = survivors - next_survivors
        years = width * (next_survivors + fraction * dying)
        years[:, -1] = survivors[:, -1] / rate[:, -1]
        total_years = _from_the_top(years)
        expectancy = np.where(survivors > 0, total_years / survivors, 0.0)

        variance_q = np.where(dying > 0, q**2 * (1 - q) / dead, 0.0)
        next_expectancy = np.hstack([expectancy[:, 1:], np.zeros((len(q), 1))])
        weight = variance_q * survivors**2 * ((1 - fraction) * width + next_expectancy) ** 2
        weight[:, -1] = (survivors[:, -1] / 2) ** 2 * 4 / (dead[:, -1] * rate[:, -1] ** 2)
        se = np.sqrt(_from_the_top(weight)) / survivors

    table = {
        "value": np.where(z_value(0.95) * se > _WIDE_CI_YEARS / 2, np.nan, expectancy),
        "pops_used": _from_the_top(pop),
        "dths_used": _from_the_top(dead),
    }
    for level in levels:
        z = z_value(level)
        table[f"lower{level}"] = expectancy - z * se
        table[f"upper{level}"] = expectancy + z * se
    return table


def _from_the_top(values: np.ndarray) -> np.ndarray:
    """Sums from each band to the last (Tᵢ = Σ_{j≥i} Lⱼ), row-wise."""
    return np.cumsum(values[:, ::-1], axis=1)[:, ::-1]


def _pick_ages(
    result: pd.DataFrame, ages: np.ndarray, le_age: str | int | Iterable[int]
) -> pd.DataFrame:
    if isinstance(le_age, str):
        if le_age != "all":
            raise StatsInputError(
                f"[le-age-invalid] life_expectancy: le_age {le_age!r} must be 'all' or ages"
            )
        return result
    wanted = [le_age] if isinstance(le_age, (int, np.integer)) else list(le_age)
    keep = np.isin(ages, wanted)
    if not keep.any():
        warn(f"life_expectancy: no band starts at le_age {wanted}; all ages are returned")
        return result
    return result[keep].reset_index(drop=True)
