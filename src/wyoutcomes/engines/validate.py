"""Validation where the data live: the row rules as engine predicates, in one pass.

``validate_frame`` runs the rules that need no plan on any narwhals frame: each rule of the
catalogue becomes a boolean column (with its null semantics spelt out), text rules judge the
few distinct labels in Python and send the verdicts back as ``is_in`` lists, duplicates are
counted on a null-safe surrogate key, and only the failing rows are collected. The failure
table has the same (row, rule, column) rows as :func:`wyoutcomes.validation.validate` on the
same rows (NaN read as empty, as ``validate`` reads a DataFrame); the valid rows stay in the
engine, ready to be written where the platform keeps its data.

>>> import polars as pl
>>> rows = pl.DataFrame({"indicator_id": ["a", "a"], "area_code": ["E1", "E1"],
...     "period": ["2019", "2019"], "sex": ["Persons", "persons"], "age": ["All ages"] * 2,
...     "category_type": ["", ""], "category": ["", ""], "value": [1.0, 2.0],
...     "lower_ci": [0.5, 2.5], "upper_ci": [1.5, 3.0], "line": [1, 2]})
>>> result = validate_frame(rows, plan_rules=False, source_row="line")
>>> print(result.failures[["row", "rule", "column"]].to_string(index=False))
 row              rule   column
   2       invalid-sex      sex
   2 ci-not-bracketing lower_ci
>>> result.valid.collect().height
1
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from wyoutcomes.contract import (
    KEY_COLUMNS,
    NUMBER_COLUMNS,
    REQUIRED_COLUMNS,
    SUBMISSION_COLUMNS,
    TEXT_COLUMNS,
)
from wyoutcomes.engines._frame import lazy
from wyoutcomes.errors import UsageError
from wyoutcomes.validation.catalogue import RULES
from wyoutcomes.validation.rules import SEXES

__all__ = ["FrameValidation", "validate_frame"]

_CI_PAIRS = (("lower_ci", "upper_ci"), ("lower_ci_99_8", "upper_ci_99_8"))
_KEY_SEPARATOR = "\x1f"  # unit separator: cannot be typed into a cell by accident
_EMPTY_PART = "\x00"  # a blank key part: equal to every other blank part, unequal to text


@dataclass(frozen=True)
class FrameValidation:
    """``failures``: one row per (row, rule, column), sorted as ``validate`` sorts them;
    ``valid``: the rows without an error, as a native frame of the input's engine."""

    failures: pd.DataFrame
    valid: Any

    @property
    def has_errors(self) -> bool:
        return bool((self.failures["severity"] == "error").any())


def _blank_labels(frame: nw.LazyFrame[Any], column: str) -> list[str]:
    """The distinct labels of a text column that are blank by Python's ``str.strip`` (which
    also strips Unicode spaces such as U+00A0; SQL's trim strips only ASCII spaces), so
    "blank" means one thing on every engine: the pandas path's."""
    distinct = frame.select(nw.col(column)).unique().collect().to_pandas()[column].tolist()
    return [label for label in distinct if label is not None and not str(label).strip()]


def validate_frame(
    frame: object,
    plan: Any = None,
    *,
    plan_rules: bool = True,
    source_row: str | None = None,
) -> FrameValidation:
    """Run the row rules that need no plan on any narwhals frame (see the module docstring).

    ``source_row`` names a column of row numbers (lazy frames have no row order); without it
    the frame must be eager, and rows are numbered 1… in its order. ``plan_rules`` must be
    ``False`` for now: the plan's rules (unknown indicators and areas, periods, ranges,
    recomputed limits, coverage) run in :func:`wyoutcomes.validation.validate`, so ``plan``
    is not read yet.
    """
    if plan is False:  # the old spelling of plan_rules=False, as validate() accepts it
        warnings.warn(
            "validate_frame(plan=False) is now plan_rules=False", DeprecationWarning, stacklevel=2
        )
        plan_rules = False
    if plan_rules:
        raise UsageError(
            "validate_frame: only the rules that need no plan run in an engine so far; pass "
            "plan_rules=False, and run validate() on the collected rows for the plan's rules"
        )
    data = lazy(frame, "validate_frame")
    schema = dict(data.collect_schema())
    missing = [c for c in REQUIRED_COLUMNS if c not in schema]
    unexpected = [c for c in schema if c not in SUBMISSION_COLUMNS and c != source_row]
    if missing or unexpected:
        raise UsageError(
            "validate_frame: the frame must have the canonical submission columns "
            f"(missing: {', '.join(missing) or 'none'}; not in the format: "
            f"{', '.join(unexpected) or 'none'}); see docs/submission-format.md"
        )
    if source_row is None:
        native = nw.from_native(frame)  # type: ignore[call-overload]  # checked by lazy() above
        if not isinstance(native, nw.DataFrame):
            raise UsageError(
                "validate_frame: a lazy frame has no row order; name a column of row numbers "
                "with source_row="
            )
        data = native.with_row_index("__row", order_by=None).lazy()
        data = data.with_columns((nw.col("__row") + 1).alias("__row"))
        row = "__row"
    else:
        row = source_row

    texts = [c for c in TEXT_COLUMNS if c in schema]
    numbers = [c for c in NUMBER_COLUMNS if c in schema]
    blank = {}
    for column in texts:
        labels = _blank_labels(data, column)
        expr = nw.col(column).is_null()
        if labels:
            expr = expr | nw.col(column).is_in(labels)
        blank[column] = expr.fill_null(True)

    def is_blank(column: str) -> nw.Expr:
        return blank[column] if column in blank else nw.lit(True)

    def number(column: str) -> nw.Expr:
        return nw.col(column).cast(nw.Float64())

    def empty(column: str) -> nw.Expr:
        # NaN is empty, as validate() reads a DataFrame (Arrow turns pandas NaN into null)
        if column not in schema:
            return nw.lit(True)
        x = number(column)
        return (x.is_null() | x.is_nan()).fill_null(True)

    def present(column: str) -> nw.Expr:
        if column not in schema:
            return nw.lit(False)
        x = number(column)
        return ~empty(column) & (x.abs() < float("inf")).fill_null(False)

    flags: dict[tuple[str, str], nw.Expr] = {}
    for column in KEY_COLUMNS[:5]:  # the key parts that may not be empty (validate()'s own)
        flags["missing-value", column] = is_blank(column)
    flags["missing-value", "value"] = empty("value") & is_blank("value_note")
    kind, category = ~is_blank("category_type"), ~is_blank("category")
    flags["category-incomplete", "category"] = kind & ~category
    flags["category-incomplete", "category_type"] = category & ~kind
    flags["invalid-sex", "sex"] = ~is_blank("sex") & ~nw.col("sex").is_in(list(SEXES))
    for column in numbers:
        flags["not-finite", column] = ~empty(column) & ~present(column)
    for low, high in _CI_PAIRS:
        both = present(low) & present(high)
        inverted = both & (number(low) > number(high)) if low in schema and high in schema else None
        if inverted is not None:
            flags["ci-inverted", low] = inverted
        applicable = present("value") & (present(low) | present(high))
        if inverted is not None:
            applicable = applicable & ~inverted
        value = number("value")
        below = applicable & present(low) & (value < number(low)) if low in schema else None
        if below is not None:
            flags["ci-not-bracketing", low] = below
        if high in schema:
            above = applicable & present(high) & (value > number(high))
            flags["ci-not-bracketing", high] = above & ~below if below is not None else above
    for column in ("numerator", "denominator"):
        if column in schema:
            flags["negative-count", column] = present(column) & (number(column) < 0)

    # duplicates: one string per row, equal exactly when every key part is equal, a blank
    # part standing for "empty" however it was written (null-safe, unlike a SQL join on keys)
    parts = [
        nw.when(is_blank(c)).then(nw.lit(_EMPTY_PART)).otherwise(nw.col(c).cast(nw.String()))
        if c in schema
        else nw.lit(_EMPTY_PART)
        for c in KEY_COLUMNS
    ]
    keyed = data.with_columns(nw.concat_str(parts, separator=_KEY_SEPARATOR).alias("__key"))
    counts = keyed.group_by("__key").agg(nw.len().alias("__copies"))
    keyed = keyed.join(counts, on="__key", how="left")
    flags["duplicate-key", "(key)"] = nw.col("__copies") > 1

    names = {f"__f{i}": pair for i, pair in enumerate(flags)}
    judged = keyed.with_columns(
        **{name: flags[pair].fill_null(False) for name, pair in names.items()}
    )
    any_error = nw.lit(False)
    for name, (rule, _) in names.items():
        if RULES[rule].severity == "error":
            any_error = any_error | nw.col(name)
    judged = judged.with_columns(any_error.alias("__error"))
    failing = judged.filter(nw.any_horizontal(*[nw.col(n) for n in names], ignore_nulls=True))
    collected = failing.select(row, "__key", *names).collect().to_pandas()
    failures = _failure_table(collected, row, names)
    original = [c for c in schema if c != "__row"]
    valid = judged.filter(~nw.col("__error")).select(original).to_native()
    return FrameValidation(failures, valid)


def _failure_table(
    collected: pd.DataFrame, row: str, names: dict[str, tuple[str, str]]
) -> pd.DataFrame:
    pieces = []
    for name, (rule, column) in names.items():
        hit = collected[collected[name].astype(bool)]
        if len(hit):
            pieces.append(
                pd.DataFrame(
                    {
                        "row": hit[row].to_numpy(dtype="int64"),
                        "rule": rule,
                        "column": column,
                        "severity": RULES[rule].severity,
                        "message": RULES[rule].message.format(column=column),
                    }
                )
            )
    if not pieces:
        return pd.DataFrame(
            {
                "row": np.empty(0, "int64"),
                "rule": pd.Series(dtype=object),
                "column": pd.Series(dtype=object),
                "severity": pd.Series(dtype=object),
                "message": pd.Series(dtype=object),
            }
        )
    table = pd.concat(pieces, ignore_index=True)
    # validate()'s order: row, then the catalogue's rule order, then column name
    order = {code: i for i, code in enumerate(RULES)}
    table["__rule"] = table["rule"].map(order)
    table = table.sort_values(["row", "__rule", "column"], kind="stable")
    return table.drop(columns="__rule").reset_index(drop=True)
