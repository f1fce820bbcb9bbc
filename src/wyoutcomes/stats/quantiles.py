"""Assigning areas to quantiles (deprivation deciles and the like) within groups."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats._grouping import By, make_groups, numeric, require_columns, require_frame
from wyoutcomes.stats._output import warn

__all__ = ["quantiles"]


def _invert_flags(data: pd.DataFrame, invert: bool | str, groups) -> np.ndarray:
    """Per-row invert flag; a column must hold one logical value per group."""
    if isinstance(invert, (bool, np.bool_)):
        return np.full(len(data), bool(invert))
    require_columns(data, "quantiles", invert=invert)
    column = data[invert]
    if not pd.api.types.is_bool_dtype(column):
        raise StatsInputError(
            f"[invert-not-logical] quantiles: column {invert!r} must be True/False"
        )
    flags = column.to_numpy(dtype=bool)
    per_group = pd.Series(flags).groupby(groups.codes).nunique().to_numpy()
    if np.any(per_group > 1):
        bad = np.isin(groups.codes, np.flatnonzero(per_group > 1))
        raise groups.fail(bad, "invert-not-constant", invert, "must be the same within a group")
    return flags


def quantiles(
    data: pd.DataFrame,
    values: str,
    nquantiles: int = 10,
    invert: bool | str = True,
    by: By = None,
) -> pd.DataFrame:
    """Assign each row to one of ``nquantiles`` quantiles of ``values`` within its group.

    Ranks are ties-first (``min``) and with ``invert=True`` (the default) the highest value
    goes to quantile 1; ``invert`` may name a True/False column that is constant within each
    group. With N non-missing values in a group the quantile is
    floor(nq + 1 − ceil((N + 1 − rank)/(N/nq))), 0 becoming 1. Missing values get no quantile;
    a group with fewer values than quantiles gets none, with a warning. Returns the data with
    ``quantile``, ``nquantiles``, ``groupvars`` and ``qinverted`` added.

    >>> areas = pd.DataFrame({"area": list("ABCDEFGH"), "score": [8, 3, 5, 1, 7, 2, 6, 4]})
    >>> out = quantiles(areas, "score", nquantiles=4)
    >>> print(out[["area", "score", "quantile"]].to_string(index=False))
    area  score  quantile
       A      8         1
       B      3         3
       C      5         2
       D      1         4
       E      7         1
       F      2         4
       G      6         2
       H      4         3
    """
    function = "quantiles"
    require_frame(data, function)
    require_columns(data, function, values=values)
    if not isinstance(nquantiles, (int, np.integer)) or nquantiles < 2:
        raise StatsInputError(
            f"[nquantiles-invalid] quantiles: nquantiles {nquantiles!r} must be a whole number "
            "of at least 2"
        )
    groups = make_groups(data, by, function)
    x = numeric(data, values, function)
    flags = _invert_flags(data, invert, groups)
    signed = pd.Series(np.where(flags, -x, x))
    rank = signed.groupby(groups.codes).rank(method="min").to_numpy()
    present = np.bincount(groups.codes, weights=~np.isnan(x), minlength=groups.count)
    count = present[groups.codes]
    with np.errstate(invalid="ignore", divide="ignore"):
        q = np.floor((nquantiles + 1) - np.ceil(((count + 1) - rank) / (count / nquantiles)))
    q = np.where(q == 0, 1, q)
    too_few = present < nquantiles
    if too_few.any():
        warn(
            f"quantiles: {int(too_few.sum())} group(s) have fewer values than quantiles and "
            f"are left without quantiles (first: {groups.describe(np.flatnonzero(too_few)[0])})"
        )
    q = np.where(too_few[groups.codes] | np.isnan(x), np.nan, q)
    result = data.copy()
    result["quantile"] = pd.array(q, dtype="Float64").astype("Int64")
    result["nquantiles"] = nquantiles
    result["groupvars"] = ", ".join(groups.columns) if groups.columns else pd.NA
    result["qinverted"] = np.where(
        flags,
        "lowest quantile represents highest values",
        "lowest quantile represents lowest values",
    )
    return result
