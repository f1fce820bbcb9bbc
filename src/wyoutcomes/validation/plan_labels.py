"""Bring a submission onto the plan: Fingertips indicator ids and canonical period labels.

Fingertips names indicators by number (41001) and the plan by slug (``suicide-rate``); in a
Fingertips export an id the plan knows is replaced by the plan's slug, anything else is left
as it was so that ``unknown-indicator`` names it. Its category types ("County & UA
deprivation deciles in England (IMD2019)", "Ethnic groups") become the plan's breakdown names
(``deprivation_decile``, ``ethnicity``); categories are kept as Fingertips writes them.

In every submission a period label is rewritten in its canonical form when it parses as the
indicator's period type (``2017-19`` becomes ``2017 - 19``), so that two spellings of one
period are one key (duplicates are found) and the store holds one spelling; a label that does
not parse is left alone for ``malformed-period`` / ``wrong-period-type`` to report with the
text as submitted.
"""

from __future__ import annotations

import contextlib

import numpy as np

from wyoutcomes.validation.expectations import PlanFacts
from wyoutcomes.validation.frame import SubmittedFrame

__all__ = ["onto_plan"]


def onto_plan(frame: SubmittedFrame, facts: PlanFacts, *, fingertips: bool = False) -> None:
    """Rewrite ``frame``'s indicator and period labels onto the plan, in place. Only labels
    and codes change; each distinct (indicator, period) pair is parsed once."""
    if fingertips:
        codes, labels = frame.text["indicator_id"]
        mapped = [facts.fingertips_ids.get(str(label).strip(), label) for label in labels]
        frame.text["indicator_id"] = _relabel(codes, mapped)
        codes, labels = frame.text["category_type"]
        frame.text["category_type"] = _relabel(codes, [_category_type(t) for t in labels])

    indicator_codes, indicator_labels = frame.text["indicator_id"]
    period_codes, period_labels = frame.text["period"]
    if not len(period_labels):
        return
    width = len(period_labels) + 1  # codes shifted by one so that empty (-1) becomes 0
    pair = (indicator_codes.astype(np.int64) + 1) * width + (period_codes + 1)
    cells = (len(indicator_labels) + 1) * width
    if cells <= 1 << 24:
        present = np.flatnonzero(np.bincount(pair, minlength=cells))
    else:
        present = np.unique(pair)
    relabel: dict[int, str] = {}
    for code in present.tolist():
        i, p = divmod(code, width)
        if i == 0 or p == 0:
            continue
        indicator = facts.indicators.get(str(indicator_labels[i - 1]))
        label = period_labels[p - 1]
        if indicator is None:
            continue
        with contextlib.suppress(ValueError):  # left for the period rules to report
            canonical = facts.parse_period(label, indicator.period_type).label
            if canonical != label:
                relabel[code] = canonical
    if not relabel:
        return
    # new period labels: the old ones plus any canonical spelling not yet among them
    new_labels = list(period_labels)
    index = {label: k for k, label in enumerate(new_labels)}
    new_code = {}
    for code, canonical in relabel.items():
        if canonical not in index:
            index[canonical] = len(new_labels)
            new_labels.append(canonical)
        new_code[code] = index[canonical]
    kind = np.int16 if len(new_labels) < np.iinfo(np.int16).max else np.int32
    out = period_codes.astype(kind)
    if cells <= 1 << 24:
        lookup = np.full(cells, -1, np.int64)
        lookup[list(new_code)] = list(new_code.values())
        moved = lookup[pair]
        out = np.where(moved >= 0, moved, out).astype(kind)
    else:
        for code, target in new_code.items():
            out[pair == code] = target
    frame.text["period"] = _relabel(out, new_labels)


#: Fingertips category types (matched in lower case) → the plan's breakdown names
_FINGERTIPS_CATEGORY_TYPES = (
    ("deprivation decile", "deprivation_decile"),  # "County & UA deprivation deciles in …"
    ("ethnic", "ethnicity"),  # "Ethnic groups", "Ethnicity (ONS 2011 census) …"
)


def _category_type(label: str) -> str:
    """The plan's name for a Fingertips category type; unknown types are kept as written."""
    lowered = str(label).lower()
    for fragment, name in _FINGERTIPS_CATEGORY_TYPES:
        if fragment in lowered:
            return name
    return label


def _relabel(codes: np.ndarray, labels: list) -> tuple[np.ndarray, np.ndarray]:
    """Codes over ``labels`` with repeated labels merged and unused labels dropped."""
    if not len(labels):
        return codes, np.empty(0, dtype=object)
    unique: dict[object, int] = {}
    remap = np.array([unique.setdefault(label, len(unique)) for label in labels], dtype=np.int64)
    merged = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1) if len(remap) else codes
    used = np.zeros(len(unique), dtype=bool)
    used[merged[merged >= 0]] = True
    keep = np.cumsum(used) - 1
    final = np.where(merged >= 0, keep[np.maximum(merged, 0)], -1)
    kind = np.int16 if used.sum() < np.iinfo(np.int16).max else np.int32
    return final.astype(kind), np.array(list(unique), dtype=object)[used]
