"""Recompute each row's 95% interval from its counts with the indicator's own method.

A submitted interval that differs from the one ``wyoutcomes.stats`` computes from the same
numerator and denominator (Wilson for proportions; Byars, exact Poisson below 10 events, for
crude rates — the PHE rules) is a warning, not an error: a producer may have used another
published variant. Tolerance: half a unit in the indicator's last published decimal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from wyoutcomes import stats
from wyoutcomes.validation.frame import number_text
from wyoutcomes.validation.rules import add_failures

if TYPE_CHECKING:
    from wyoutcomes.validation.plan_rules import PlanRules

__all__ = ["check_recomputed_ci"]

#: rows recomputed at a time: bounds the temporaries to a few MiB whatever the file size
CHUNK = 1 << 18


def check_recomputed_ci(rules: PlanRules) -> int:
    """Log a warning per row whose interval differs from the recomputed one; returns the
    number of rows that could be recomputed."""
    frame, log = rules.frame, rules.log
    wilson = rules.per_indicator(
        lambda i: i.measure_type == "proportion" and i.ci_method == "wilson", False
    ).astype(bool)[rules.slot]
    poisson = rules.per_indicator(
        lambda i: i.measure_type == "crude_rate" and i.ci_method in ("byars", "exact_poisson"),
        False,
    ).astype(bool)[rules.slot]
    numerator, denominator = frame.values("numerator"), frame.values("denominator")
    lower, upper = frame.values("lower_ci"), frame.values("upper_ci")
    with np.errstate(invalid="ignore"):
        applicable = (
            (wilson & (numerator <= denominator) | poisson)
            & frame.present("numerator")
            & frame.present("denominator")
            & (numerator >= 0)
            & (denominator > 0)
            & frame.present("lower_ci")
            & frame.present("upper_ci")
            & (lower <= upper)
        )
    rows = np.flatnonzero(applicable)
    del applicable
    multiplier = rules.per_indicator(lambda i: float(i.multiplier), np.nan).astype(float)
    decimals = rules.per_indicator(lambda i: int(i.decimals), 0).astype(np.int64)
    failing: dict[str, list[np.ndarray]] = {"lower_ci": [], "upper_ci": []}
    recomputed: dict[str, list[np.ndarray]] = {"lower_ci": [], "upper_ci": []}
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        slot = rules.slot[chunk]
        low, high = _interval(numerator[chunk], denominator[chunk], wilson[chunk])
        low, high = low * multiplier[slot], high * multiplier[slot]
        tolerance = 0.5 * np.power(10.0, -decimals[slot]) + 1e-9 * np.abs(high)
        with np.errstate(invalid="ignore"):
            low_off = np.abs(lower[chunk] - low) > tolerance
            high_off = ~low_off & (np.abs(upper[chunk] - high) > tolerance)
        for column, off, ours in (("lower_ci", low_off, low), ("upper_ci", high_off, high)):
            failing[column].append(chunk[off])
            recomputed[column].append(ours[off])
    for column in ("lower_ci", "upper_ci"):
        where = np.concatenate(failing[column]) if failing[column] else np.empty(0, np.int64)
        if not len(where):
            continue
        ours = dict(zip(where.tolist(), np.concatenate(recomputed[column]).tolist(), strict=True))
        digits = dict(zip(where.tolist(), decimals[rules.slot[where]].tolist(), strict=True))
        for method, chosen in (("Wilson", wilson), ("Byars/exact Poisson", poisson)):
            mask = np.zeros(frame.n, dtype=bool)
            mask[where] = True
            add_failures(
                log,
                frame,
                "ci-differs-from-recomputation",
                column,
                mask & chosen,
                lambda p, column=column, ours=ours, digits=digits: [  # type: ignore[misc]  # mypy cannot type a lambda with defaults; they bind the loop's values (ruff B023)
                    f"{number_text(float(v))} (recomputed {ours[i]:.{digits[i] + 1}f})"
                    for i, v in zip(p.tolist(), frame.values(column)[p], strict=True)
                ],
                expected=method,
            )
    return len(rows)


def _interval(x: np.ndarray, n: np.ndarray, wilson: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """95% limits on the 0–1 (proportion) or per-person (rate) scale, by the PHE rules."""
    low, high = np.full(len(x), np.nan), np.full(len(x), np.nan)
    if wilson.any():
        low[wilson], high[wilson] = stats.wilson_ci(x[wilson], n[wilson])
    small, large = ~wilson & (x < 10), ~wilson & (x >= 10)
    if small.any():
        lo, hi = stats.exact_poisson_ci(x[small])
        low[small], high[small] = lo / n[small], hi / n[small]
    if large.any():
        lo, hi = stats.byars_ci(x[large])
        low[large], high[large] = lo / n[large], hi / n[large]
    return low, high
