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

#: (measure type, CI method) pairs whose interval follows from numerator and denominator
RECOMPUTABLE = {("proportion", "wilson"), ("crude_rate", "byars"), ("crude_rate", "exact_poisson")}


def check_recomputed_ci(rules: PlanRules) -> int:
    """Log a warning per row whose interval differs from the recomputed one; returns the
    number of rows that could be recomputed."""
    frame, log = rules.frame, rules.log
    kind = rules.per_indicator(lambda i: f"{i.measure_type}|{i.ci_method}", "|")[rules.slot]
    wilson = kind == "proportion|wilson"
    poisson = (kind == "crude_rate|byars") | (kind == "crude_rate|exact_poisson")
    numerator, denominator = frame.values("numerator"), frame.values("denominator")
    lower, upper = frame.values("lower_ci"), frame.values("upper_ci")
    with np.errstate(invalid="ignore"):
        counts = (
            frame.present("numerator")
            & frame.present("denominator")
            & (numerator >= 0)
            & (denominator > 0)
        )
        limits = frame.present("lower_ci") & frame.present("upper_ci") & (lower <= upper)
        applicable = (wilson & (numerator <= denominator) | poisson) & counts & limits
    rows = np.flatnonzero(applicable)
    if not len(rows):
        return 0
    multiplier = rules.per_indicator(lambda i: float(i.multiplier), np.nan).astype(float)
    decimals = rules.per_indicator(lambda i: int(i.decimals), 0).astype(np.int64)
    slot = rules.slot[rows]
    x, n = numerator[rows], denominator[rows]
    low, high = np.full(len(rows), np.nan), np.full(len(rows), np.nan)
    is_wilson = wilson[rows]
    if is_wilson.any():
        lo, hi = stats.wilson_ci(x[is_wilson], n[is_wilson])
        low[is_wilson], high[is_wilson] = lo, hi
    small = ~is_wilson & (x < 10)
    large = ~is_wilson & (x >= 10)
    if small.any():
        lo, hi = stats.exact_poisson_ci(x[small])
        low[small], high[small] = lo / n[small], hi / n[small]
    if large.any():
        lo, hi = stats.byars_ci(x[large])
        low[large], high[large] = lo / n[large], hi / n[large]
    low, high = low * multiplier[slot], high * multiplier[slot]
    tolerance = 0.5 * np.power(10.0, -decimals[slot]) + 1e-9 * np.abs(high)
    with np.errstate(invalid="ignore"):
        low_off = np.abs(lower[rows] - low) > tolerance
        high_off = ~low_off & (np.abs(upper[rows] - high) > tolerance)
    for column, off, ours in (("lower_ci", low_off, low), ("upper_ci", high_off, high)):
        mask = np.zeros(frame.n, dtype=bool)
        mask[rows[off]] = True
        recomputed = dict(zip(rows[off].tolist(), ours[off].tolist(), strict=True))
        digits = dict(zip(rows[off].tolist(), decimals[slot][off].tolist(), strict=True))
        for method in ("Wilson", "Byars/exact Poisson"):
            chosen = mask & (wilson if method == "Wilson" else poisson)
            add_failures(
                log,
                frame,
                "ci-differs-from-recomputation",
                column,
                chosen,
                lambda p, column=column, recomputed=recomputed, digits=digits: [
                    f"{number_text(float(v))} (recomputed {recomputed[i]:.{digits[i] + 1}f})"
                    for i, v in zip(p.tolist(), frame.values(column)[p], strict=True)
                ],
                expected=method,
            )
    return len(rows)
