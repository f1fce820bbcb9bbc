"""The row-level rules that need no plan, vectorised over the shared arrays.

Rules on text columns judge each distinct label once and map the verdict back through the
codes; rules on numbers are numpy comparisons. Every rule states its null semantics in the
catalogue and is written so that a row has at most one failure per (rule, column) — a wide
check reports the one column that is wrong, not every column it read. Each rule returns the
number of rows it judged (the "rows checked" of the summary: rows where it was applicable).
The definition-aware rules are in :mod:`wyoutcomes.validation.plan_rules`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from wyoutcomes.contract import KEY_COLUMNS
from wyoutcomes.validation.failures import FailureLog
from wyoutcomes.validation.frame import SubmittedFrame, number_text
from wyoutcomes.validation.keys import duplicate_groups, pack

__all__ = ["SEXES", "add_failures", "label_mask", "number_values", "run_row_rules"]

SEXES = ("Persons", "Male", "Female")
#: the other rows a duplicate names, at most (bounded messages; the count is always given)
MAX_CLASHES_NAMED = 5


def run_row_rules(frame: SubmittedFrame, log: FailureLog) -> dict[str, int]:
    """Run every rule that needs no plan; returns rows checked per rule code."""
    checked: dict[str, int] = {}
    checked["missing-value"] = _missing_values(frame, log)
    checked["category-incomplete"] = _category_incomplete(frame, log)
    checked["invalid-sex"] = _invalid_sex(frame, log)
    checked["not-finite"] = _not_finite(frame, log)
    checked["ci-inverted"] = _ci_inverted(frame, log)
    checked["ci-not-bracketing"] = _ci_not_bracketing(frame, log)
    checked["negative-count"] = _negative_counts(frame, log)
    checked["duplicate-key"] = _duplicate_keys(frame, log)
    return checked


def add_failures(
    log: FailureLog,
    frame: SubmittedFrame,
    code: str,
    column: str,
    mask: np.ndarray,
    values: Callable[[np.ndarray], list[str] | np.ndarray],
    **fields: str,
) -> None:
    positions = np.flatnonzero(mask)
    if len(positions):
        log.add(
            code,
            column,
            frame.source_row[positions],
            positions,
            values(positions),
            keys=None,
            **fields,
        )


def number_values(frame: SubmittedFrame, name: str) -> Callable[[np.ndarray], list[str]]:
    values = frame.values(name)
    return lambda positions: [number_text(v) for v in values[positions]]


# --- rules that need no plan ------------------------------------------------------------------


def _missing_values(frame: SubmittedFrame, log: FailureLog) -> int:
    for name in KEY_COLUMNS[:5]:  # the key parts that may not be empty
        add_failures(
            log, frame, "missing-value", name, frame.codes(name) < 0, lambda p: [""] * len(p)
        )
    # an empty value is allowed when value_note says why (suppressed, not published, …)
    empty = frame.is_empty("value") & (frame.codes("value_note") < 0)
    add_failures(log, frame, "missing-value", "value", empty, lambda p: [""] * len(p))
    return frame.n


def _category_incomplete(frame: SubmittedFrame, log: FailureLog) -> int:
    kind, category = frame.codes("category_type") >= 0, frame.codes("category") >= 0
    add_failures(
        log, frame, "category-incomplete", "category", kind & ~category, lambda p: [""] * len(p)
    )
    add_failures(
        log,
        frame,
        "category-incomplete",
        "category_type",
        category & ~kind,
        lambda p: [""] * len(p),
    )
    return frame.n


def label_mask(frame: SubmittedFrame, name: str, bad_labels: np.ndarray) -> np.ndarray:
    """Rows whose label is flagged in ``bad_labels`` (a bool per label); empty rows pass."""
    codes = frame.codes(name)
    if not bad_labels.any():
        return np.zeros(frame.n, dtype=bool)
    lookup = np.append(bad_labels, False)  # code -1 → the appended False
    return lookup[codes]


def _invalid_sex(frame: SubmittedFrame, log: FailureLog) -> int:
    bad = np.array([label not in SEXES for label in frame.labels("sex")], dtype=bool)
    add_failures(
        log,
        frame,
        "invalid-sex",
        "sex",
        label_mask(frame, "sex", bad),
        lambda p: frame.text_values("sex", p),
    )
    return int((frame.codes("sex") >= 0).sum())


def _not_finite(frame: SubmittedFrame, log: FailureLog) -> int:
    for name, values in frame.numbers.items():
        if values is None:
            continue
        nulls = frame.nulls[name]
        bad = ~np.isfinite(values)
        if nulls is not None:
            bad &= ~nulls
        add_failures(log, frame, "not-finite", name, bad, number_values(frame, name))
    return frame.n


_CI_PAIRS = (("lower_ci", "upper_ci"), ("lower_ci_99_8", "upper_ci_99_8"))


def _ci_inverted(frame: SubmittedFrame, log: FailureLog) -> int:
    checked = 0
    for low, high in _CI_PAIRS:
        both = frame.present(low) & frame.present(high)
        checked += int(both.sum())
        lows, highs = frame.values(low), frame.values(high)
        with np.errstate(invalid="ignore"):
            bad = both & (lows > highs)
        add_failures(
            log,
            frame,
            "ci-inverted",
            low,
            bad,
            lambda p, lows=lows, highs=highs: [  # type: ignore[misc]  # mypy cannot type a lambda with defaults; they bind the loop's values (ruff B023)
                f"{number_text(a)} > {number_text(b)}"
                for a, b in zip(lows[p], highs[p], strict=True)
            ],
        )
    return checked


def _ci_not_bracketing(frame: SubmittedFrame, log: FailureLog) -> int:
    value_present = frame.present("value")
    values = frame.values("value")
    checked = 0
    for low, high in _CI_PAIRS:
        lows, highs = frame.values(low), frame.values(high)
        low_ok, high_ok = frame.present(low), frame.present(high)
        with np.errstate(invalid="ignore"):
            inverted = low_ok & high_ok & (lows > highs)  # reported by ci-inverted instead
            applicable = value_present & (low_ok | high_ok) & ~inverted
            below = applicable & low_ok & (values < lows)
            above = applicable & high_ok & (values > highs) & ~below
        checked += int(applicable.sum())
        add_failures(
            log,
            frame,
            "ci-not-bracketing",
            low,
            below,
            lambda p, lows=lows: [  # type: ignore[misc]  # mypy cannot type a lambda with defaults; they bind the loop's values (ruff B023)
                f"value {number_text(v)} < {number_text(b)}"
                for v, b in zip(values[p], lows[p], strict=True)
            ],
        )
        add_failures(
            log,
            frame,
            "ci-not-bracketing",
            high,
            above,
            lambda p, highs=highs: [  # type: ignore[misc]  # mypy cannot type a lambda with defaults; they bind the loop's values (ruff B023)
                f"value {number_text(v)} > {number_text(b)}"
                for v, b in zip(values[p], highs[p], strict=True)
            ],
        )
    return checked


def _negative_counts(frame: SubmittedFrame, log: FailureLog) -> int:
    checked = 0
    for name in ("numerator", "denominator"):
        present = frame.present(name)
        checked += int(present.sum())
        with np.errstate(invalid="ignore"):
            bad = present & (frame.values(name) < 0)
        add_failures(log, frame, "negative-count", name, bad, number_values(frame, name))
    return checked


def _duplicate_keys(frame: SubmittedFrame, log: FailureLog) -> int:
    codes = [frame.codes(name) for name in KEY_COLUMNS]
    cardinalities = [len(frame.labels(name)) for name in KEY_COLUMNS]
    groups = duplicate_groups(pack(codes, cardinalities))
    if not groups:
        return frame.n
    positions = np.concatenate(groups)
    texts: list[str] = []
    for group in groups:
        rows = frame.source_row[group]
        for row in rows:
            others = [str(r) for r in rows if r != row]
            named = ", ".join(others[:MAX_CLASHES_NAMED])
            if len(others) > MAX_CLASHES_NAMED:
                named += f" and {len(others) - MAX_CLASHES_NAMED} more"
            texts.append(named)
    log.add("duplicate-key", "(key)", frame.source_row[positions], positions, texts)
    return frame.n
