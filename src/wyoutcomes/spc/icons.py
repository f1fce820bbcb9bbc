"""Point classes and the two Making Data Count icons, vectorised (reference spc.md §5–§7).

Stable variation icon codes (what the report and the progress frame store), from the class of
the series' latest point; the reference's icon file name is in brackets:
``common_cause`` (common_cause), ``special_cause_improving_high`` (improvement_high),
``special_cause_improving_low`` (improvement_low), ``special_cause_concerning_high``
(concern_high), ``special_cause_concerning_low`` (concern_low), ``special_cause_neutral_high``
(neutral_high), ``special_cause_neutral_low`` (neutral_low).

Assurance: ``consistent_pass``, ``consistent_fail``, ``hit_and_miss`` (the reference's
"inconsistent"), or None without a target or with a neutral direction.

>>> import numpy as np
>>> assurance_icons(np.array([4.0]), np.array([1.0]), np.array([3.0]), np.array([1]))
['consistent_fail']
"""

from __future__ import annotations

import numpy as np

from wyoutcomes.errors import StatsInputError

__all__ = [
    "ASSURANCE_ICONS",
    "CLASSES",
    "DIRECTIONS",
    "VARIATION_ICONS",
    "assurance_icons",
    "improvement_for_polarity",
    "label_sign",
    "point_classes",
    "variation_icons",
]

#: improvement direction → sign (+1 higher is better, −1 lower is better, 0 no judgement)
DIRECTIONS = {"increase": 1, "decrease": -1, "neutral": 0}

#: indicator polarity (wyoutcomes.definitions) → SPC improvement direction (spc.md §5): a band
#: (e.g. a ratio whose ideal is 1.0) has no direction, so it is judged neutrally
POLARITY_TO_IMPROVEMENT = {
    "higher_is_better": "increase",
    "lower_is_better": "decrease",
    "target_band": "neutral",
    "no_judgement": "neutral",
}


def improvement_for_polarity(polarity: str) -> str:
    """The ``improvement`` argument of :func:`~wyoutcomes.spc.xmr` for an indicator polarity.

    >>> improvement_for_polarity("lower_is_better")
    'decrease'
    """
    try:
        return POLARITY_TO_IMPROVEMENT[polarity]
    except KeyError:
        raise StatsInputError(
            f"polarity={polarity!r}: must be one of {sorted(POLARITY_TO_IMPROVEMENT)} "
            "(rule 'unknown-polarity')"
        ) from None


#: point classes by code; code −1 is "not classified" (missing value, undefined limits)
CLASSES = ["common_cause", "improvement", "concern", "neutral"]

VARIATION_ICONS = (
    "common_cause",
    "special_cause_improving_high",
    "special_cause_improving_low",
    "special_cause_concerning_high",
    "special_cause_concerning_low",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)
ASSURANCE_ICONS = ("consistent_pass", "consistent_fail", "hit_and_miss")

# label code (rules.LABEL_CODES, shifted by one so that −1 indexes position 0) → sign
_LABEL_SIGN = np.array([0, 0, 1, -1, 1, -1, 1, -1, 1, -1], dtype=np.int8)


def label_sign(label_code: np.ndarray) -> np.ndarray:
    """+1 for an "Above"/"Increasing" label, −1 for "Below"/"Decreasing", else 0."""
    return _LABEL_SIGN[label_code.astype(np.intp) + 1]


def point_classes(label_code: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Class code per row (index into :data:`CLASSES`, −1 when unclassified).

    ``direction`` is the improvement sign of each row's series (+1, −1 or 0).
    """
    sign = label_sign(label_code).astype(np.int16) * direction
    special = np.where(direction == 0, 3, np.where(sign > 0, 1, 2))
    classes = np.where(label_code > 0, special, label_code)
    return classes.astype(np.int8)


def variation_icons(class_code: np.ndarray, label_code: np.ndarray) -> list[str | None]:
    """Variation icon of each series from its chosen point's class and label."""
    sign = label_sign(label_code)
    high = sign > 0
    codes = np.select(
        [class_code == 0, class_code == 1, class_code == 2, class_code == 3],
        [0, np.where(high, 1, 2), np.where(high, 3, 4), np.where(high, 5, 6)],
        default=-1,
    )
    return [VARIATION_ICONS[c] if c >= 0 else None for c in codes.tolist()]


def assurance_icons(
    target: np.ndarray,
    lpl: np.ndarray,
    upl: np.ndarray,
    direction: np.ndarray,
    *,
    inclusive: bool = False,
) -> list[str | None]:
    """Assurance icon of each series: its target against its latest process limits.

    A target beyond the upper limit means every point falls short (higher is better) or
    passes (lower is better); beyond the lower limit the other way round; between them the
    process will sometimes hit and sometimes miss.
    """
    with np.errstate(invalid="ignore"):
        above = target >= upl if inclusive else target > upl
        below = target <= lpl if inclusive else target < lpl
    judged = ~np.isnan(target) & ~np.isnan(upl) & ~np.isnan(lpl) & (direction != 0)
    codes = np.select(
        [~judged, above, below],
        [-1, np.where(direction > 0, 1, 0), np.where(direction > 0, 0, 1)],
        default=2,
    )
    return [ASSURANCE_ICONS[c] if c >= 0 else None for c in codes.tolist()]
