"""Directly standardised rates (Dobson method with Byars limits).

value = m·Σ(xᵢwᵢ/nᵢ)/Σwᵢ and var = Σ xᵢ(wᵢ/nᵢ)²/(Σwᵢ)²; with O = Σxᵢ the limits are
value + m·√(var/O)·(Byars(O) − O). Groups with fewer than 10 events are suppressed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._confidence import Levels, confidence_levels, z_value
from wyoutcomes.stats._grouping import (
    By,
    Groups,
    make_groups,
    numeric,
    require_columns,
    require_frame,
)
from wyoutcomes.stats._output import multiplier_label, result_frame, warn
from wyoutcomes.stats.ci import byars_lower, byars_upper
from wyoutcomes.stats.standard_population import normalise_band_label

__all__ = ["DsrSums", "dsr", "finish_dsr"]

StandardPopulation: TypeAlias = str | pd.Series | Mapping[str, float]

_FUNCTION = "dsr"
#: the ``method`` of each variant
DOBSON = "Dobson"
DOBSON_NON_INDEPENDENT = "Dobson, with confidence adjusted for non-independent events"


def _weights(
    data: pd.DataFrame, stdpop: StandardPopulation, ageband: str | None, groups: Groups
) -> tuple[np.ndarray, np.ndarray | None]:
    """The standard weight of every row, and for a joined table a groups × bands row count."""
    if isinstance(stdpop, str):
        require_columns(data, _FUNCTION, stdpop=stdpop)
        return numeric(data, stdpop, _FUNCTION), None
    if ageband is None:
        raise StatsInputError(
            "[ageband-required] dsr: a standard population table (such as ESP2013) is joined on "
            "the band label, so ageband= must name the age band column"
        )
    standard = pd.Series(stdpop, dtype="float64")
    standard.index = [normalise_band_label(b) for b in standard.index]
    # normalise each distinct label once, not once per row; a missing label is a label of its
    # own (the default NA sentinel, -1, would have indexed the last distinct label)
    band_codes, distinct = pd.factorize(data[ageband], use_na_sentinel=False)
    distinct_labels = np.array([normalise_band_label(b) for b in distinct], dtype=object)
    labels = pd.Series(distinct_labels[band_codes] if len(distinct) else [], dtype=object)
    codes = pd.Index(standard.index).get_indexer(distinct_labels)[band_codes]
    unknown = codes < 0
    if unknown.any():
        first = labels[unknown].iloc[0]
        raise groups.fail(
            unknown,
            "stdpop-mismatch",
            ageband,
            f"age band {first!r} is not in the standard population "
            f"(its bands: {', '.join(standard.index)})",
        )
    # every group must carry each band of the standard: a partial standard is almost always a
    # data error, and the reference's positional matching had the same requirement
    seen = np.zeros((groups.count, len(standard)), dtype="int64")
    np.add.at(seen, (groups.codes, codes), 1)
    return standard.to_numpy()[codes], seen


def dsr(
    data: pd.DataFrame,
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
) -> pd.DataFrame:
    """Directly standardised rate per group (PHE ``calculate_dsr``), Dobson limits.

    ``stdpop`` is either the name of a column holding each row's standard weight (as the
    reference takes it) or a table of weights by band label, such as ``ESP2013``, joined on
    the ``ageband`` column. NA counts are treated as 0. A group with fewer than 10 events in
    total is NA with statistic "dsr NA for total count < 10". ``independent_events=False``
    takes rows of individuals by event frequency (``eventfreq``, with ``ageband``) and widens
    the limits for repeated events. ``zero_denominator="na"`` makes a group with a zero
    population NA with a warning instead of an error (the reference errors).

    >>> from wyoutcomes.stats import ESP2013
    >>> bands = pd.DataFrame({"ageband": ESP2013.index, "deaths": 10, "people": 20_000})
    >>> out = dsr(bands, "deaths", "people", stdpop=ESP2013, ageband="ageband")
    >>> print(out[["total_count", "value", "lower_ci", "upper_ci"]].round(3).to_string(index=False))
     total_count  value  lower_ci  upper_ci
           190.0   50.0     42.77    58.052
    """
    require_frame(data, _FUNCTION)
    require_columns(data, _FUNCTION, x=x, n=n, ageband=ageband, eventfreq=eventfreq)
    levels = confidence_levels(confidence)
    if not multiplier > 0:
        raise StatsInputError(
            f"[multiplier-not-positive] dsr: multiplier {multiplier!r} must be > 0"
        )
    groups = make_groups(data, by, _FUNCTION)
    xs = np.nan_to_num(numeric(data, x, _FUNCTION), nan=0.0)
    ns = numeric(data, n, _FUNCTION)
    if np.any(xs < 0):
        raise groups.fail(xs < 0, "negative-count", x, "counts must not be negative")
    bad_n = np.isnan(ns) | (ns < 0) | ((ns == 0) & (zero_denominator == "error"))
    if bad_n.any():
        raise groups.fail(
            bad_n, "denominator-not-positive", n, "denominators must all be greater than zero"
        )
    weights, seen = _weights(data, stdpop, ageband, groups)
    column_w = stdpop if isinstance(stdpop, str) else (ageband or "stdpop")
    bad_w = np.isnan(weights) | (weights < 0)
    if bad_w.any():
        raise groups.fail(
            bad_w, "stdpop-invalid", column_w, "standard populations must be present and >= 0"
        )

    if independent_events:
        frequency = np.ones_like(xs)
        method = DOBSON
        if seen is not None and np.any(seen != 1):
            bad_group = np.flatnonzero((seen != 1).any(axis=1))
            raise groups.fail(
                np.isin(groups.codes, bad_group),
                "age-bands-mismatch",
                str(ageband),
                "each group must have every band of the standard population exactly once",
            )
        first_of_band = np.ones(len(xs), dtype=bool)
    else:
        if eventfreq is None or ageband is None:
            raise StatsInputError(
                "[eventfreq-required] dsr: independent_events=False needs eventfreq= (the "
                "number of events per individual) and ageband= columns"
            )
        frequency = numeric(data, eventfreq, _FUNCTION)
        if np.any(np.isnan(frequency) | (frequency < 1)):
            raise groups.fail(
                np.isnan(frequency) | (frequency < 1),
                "eventfreq-invalid",
                eventfreq,
                "event frequencies must be whole numbers of at least 1",
            )
        method = DOBSON_NON_INDEPENDENT
        first_of_band = _check_bands_consistent(data, groups, ageband, n, ns, weights, column_w)
        if seen is not None:
            missing = ~(seen > 0).all(axis=1)
            if missing.any():
                raise groups.fail(
                    np.isin(groups.codes, np.flatnonzero(missing)),
                    "age-bands-mismatch",
                    ageband,
                    "each group must have every band of the standard population",
                )

    ratio = np.divide(weights, ns, out=np.full_like(ns, np.nan), where=ns > 0)
    events = frequency * xs
    with np.errstate(invalid="ignore", divide="ignore"):
        sums = DsrSums(
            total_count=groups.sum(events),
            total_pop=groups.sum(np.where(first_of_band, ns, 0.0)),
            total_w=groups.sum(np.where(first_of_band, weights, 0.0)),
            weighted=groups.sum(np.where(ns > 0, events * ratio, 0.0)),
            squares=groups.sum(np.where(ns > 0, frequency**2 * xs * ratio**2, 0.0)),
            zero_pop=groups.sum((ns == 0).astype("float64")) > 0,
        )
    return finish_dsr(groups.frame(), sums, levels, multiplier, method)


@dataclass(frozen=True)
class DsrSums:
    """A group's additive sums for a DSR: Σf·x, Σn and Σw (once per band), Σf·x·w/n,
    Σf²·x·(w/n)² (over rows with n > 0), and whether any row has a zero population."""

    total_count: np.ndarray
    total_pop: np.ndarray
    total_w: np.ndarray
    weighted: np.ndarray
    squares: np.ndarray
    zero_pop: np.ndarray


def finish_dsr(
    keys: pd.DataFrame, sums: DsrSums, levels: Levels, multiplier: float, method: str
) -> pd.DataFrame:
    """DSRs with Dobson limits from each group's sums (the one finish of every engine)."""
    total_count, total_w, zero_pop = sums.total_count, sums.total_w, sums.zero_pop
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = sums.squares / total_w**2
        value = multiplier * sums.weighted / total_w
    if zero_pop.any():
        warn(f"dsr: {int(zero_pop.sum())} group(s) with a zero population are NA")
    suppressed = (total_count < 10) | zero_pop
    value = np.where(suppressed, np.nan, value)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = multiplier * np.sqrt(variance / total_count)

    def limits(level: float) -> tuple[np.ndarray, np.ndarray]:
        z = z_value(level)
        lower = value + scale * (byars_lower(total_count, z) - total_count)
        upper = value + scale * (byars_upper(total_count, z) - total_count)
        return np.where(suppressed, np.nan, lower), np.where(suppressed, np.nan, upper)

    statistic = np.where(
        total_count < 10, "dsr NA for total count < 10", f"dsr per {multiplier_label(multiplier)}"
    )
    return result_frame(
        keys,
        {"total_count": total_count, "total_pop": sums.total_pop},
        value,
        levels,
        limits,
        statistic,
        method,
    )


def _check_bands_consistent(
    data: pd.DataFrame,
    groups: Groups,
    ageband: str,
    n: str,
    ns: np.ndarray,
    weights: np.ndarray,
    column_w: str,
) -> np.ndarray:
    """Rows sharing a group and band must agree on n and w; return the first row of each band."""
    raw_codes, distinct = pd.factorize(data[ageband])
    normalised = np.array([normalise_band_label(b) for b in distinct], dtype=object)
    band_codes = pd.factorize(normalised)[0][raw_codes]
    key = pd.DataFrame({"g": groups.codes, "b": band_codes, "n": ns, "w": weights})
    per_band = key.groupby(["g", "b"], sort=False)
    for column, label in (("n", n), ("w", column_w)):
        spread = per_band[column].transform("max") - per_band[column].transform("min")
        if (spread.to_numpy() != 0).any():
            raise groups.fail(
                spread.to_numpy() != 0,
                "band-values-differ",
                label,
                "rows of one group and age band must have the same population and standard",
            )
    return ~key.duplicated(["g", "b"]).to_numpy()
