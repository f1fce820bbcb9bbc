"""Confidence levels: accepting 0.95 or 95, the z and the column suffixes.

The reference package takes a level as a fraction (0.9–1) or a percentage (90–100). Most of its
functions accept one level or exactly the pair (0.95, 0.998) used for Fingertips benchmarking;
life expectancy and the SII accept any number of levels.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import stats as sps

from wyoutcomes.errors import StatsInputError

Levels = tuple[float, ...]

_FINGERTIPS_PAIR = (0.95, 0.998)


def _one_level(value: float) -> float:
    try:
        level = float(value)
    except (TypeError, ValueError):
        raise StatsInputError(
            f"[confidence-range] confidence {value!r}: must be a number between 0.9 and 1 "
            "or between 90 and 100"
        ) from None
    if level >= 90:
        level /= 100
    if not 0.9 <= level <= 1:
        raise StatsInputError(
            f"[confidence-range] confidence {value!r}: must be between 0.9 and 1 or between 90 "
            "and 100"
        )
    return level


def confidence_levels(confidence: float | Sequence[float], *, pair_only: bool = True) -> Levels:
    """Normalise a confidence argument to a tuple of fractions.

    >>> confidence_levels(95)
    (0.95,)
    >>> confidence_levels([95, 99.8])
    (0.95, 0.998)
    """
    values: list[float] = (
        list(confidence) if isinstance(confidence, (list, tuple, np.ndarray)) else [confidence]  # type: ignore[list-item]  # a scalar: narrowed by the isinstance above
    )
    levels = tuple(_one_level(v) for v in values)
    if not levels:
        raise StatsInputError("[confidence-range] confidence: at least one level is needed")
    if pair_only and len(levels) > 2:
        raise StatsInputError(
            "[confidence-pair] confidence: give one level, or the pair (0.95, 0.998)"
        )
    if pair_only and len(levels) == 2 and not np.allclose(levels, _FINGERTIPS_PAIR):
        raise StatsInputError(
            f"[confidence-pair] confidence {tuple(values)!r}: two levels can only be "
            "produced as 0.95 and 0.998"
        )
    return levels


def z_value(level: float) -> float:
    """Two-sided standard normal quantile Φ⁻¹((1 + c)/2).

    >>> round(z_value(0.95), 6)
    1.959964
    """
    return float(sps.norm.ppf((1 + level) / 2))


def level_suffix(level: float) -> str:
    """Column suffix for a level: 0.95 → "95", 0.998 → "99_8".

    >>> level_suffix(0.998)
    '99_8'
    """
    return f"{round(level * 100, 6):g}".replace(".", "_")


def limit_columns(levels: Levels, prefix: str = "") -> list[tuple[str, str]]:
    """(lower, upper) column names per level: bare for one level, suffixed for several.

    >>> limit_columns((0.95, 0.998))
    [('lower_ci_95', 'upper_ci_95'), ('lower_ci_99_8', 'upper_ci_99_8')]
    """
    if len(levels) == 1:
        return [(f"{prefix}lower_ci", f"{prefix}upper_ci")]
    return [
        (f"{prefix}lower_ci_{level_suffix(c)}", f"{prefix}upper_ci_{level_suffix(c)}")
        for c in levels
    ]


def confidence_label(levels: Levels) -> str:
    """The reference's metadata label, e.g. "95%, 99.8%".

    >>> confidence_label((0.95, 0.998))
    '95%, 99.8%'
    """
    return ", ".join(f"{round(c * 100, 6):g}%" for c in levels)
