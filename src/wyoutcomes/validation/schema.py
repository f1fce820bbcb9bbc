"""The submission rules as a pandera schema, for analysts' own pipelines.

``submission_schema(plan)`` is generated from the rule catalogue: one pandera check per rule,
named with the rule's stable code (short names: pandera repeats the name in every failure).
The checks call the same vectorised rules as :func:`wyoutcomes.validate` — run once per frame
and shared by all checks — so the schema and the report can never disagree about which rows
fail which rule. The schema pins pandera's behaviour: data checks always run (the
``PANDERA_VALIDATION_ENABLED`` / ``PANDERA_VALIDATION_DEPTH`` environment variables cannot
switch them off) and nothing is coerced.

>>> import pandas as pd
>>> schema = submission_schema(plan_rules=False)
>>> sorted(schema.columns)[:3]
['age', 'area_code', 'category']
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.backends.pandas.container import DataFrameSchemaBackend
from pandera.config import ValidationDepth, config_context

from wyoutcomes._compat import plan_and_rules
from wyoutcomes.contract import NUMBER_COLUMNS, REQUIRED_COLUMNS, SUBMISSION_COLUMNS
from wyoutcomes.validation.catalogue import RULES
from wyoutcomes.validation.expectations import PlanFacts

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan

__all__ = ["SubmissionSchema", "submission_schema"]


class SubmissionSchema(pa.DataFrameSchema):
    """A ``DataFrameSchema`` whose ``validate`` always runs schema and data checks."""

    def validate(self, check_obj: pd.DataFrame, *args: Any, **kwargs: Any) -> pd.DataFrame:
        with config_context(
            validation_enabled=True, validation_depth=ValidationDepth.SCHEMA_AND_DATA
        ):
            try:
                return super().validate(check_obj, *args, **kwargs)
            finally:
                _VERDICTS.clear()


class _Verdicts:
    """Failing cells per rule for one frame, computed once by the real engine."""

    def __init__(self) -> None:
        self._frame: pd.DataFrame | None = None
        self._cells: dict[str, dict[str, np.ndarray]] = {}

    def clear(self) -> None:
        self._frame, self._cells = None, {}

    def cells(
        self, frame: pd.DataFrame, code: str, plan: PlanFacts | None, as_of: date
    ) -> pd.DataFrame:
        """A bool frame shaped like ``frame``: False exactly on the cells the rule fails, so
        pandera reports one failure per (row, column) the rule names — not one per column."""
        if self._frame is not frame:
            from wyoutcomes.validation.engine import validate

            # the lookups are built once per schema; validate takes them in place of a Plan
            report = validate(
                frame,
                plan,  # type: ignore[arg-type]
                plan_rules=plan is not None,
                as_of=as_of,
            )
            self._cells = {}
            failures = report.failures[report.failures["row"] > 0]
            for (rule, column), rows in failures.groupby(["rule", "column"], observed=True)["row"]:
                anchor = str(column) if str(column) in frame.columns else "indicator_id"
                mask = self._cells.setdefault(str(rule), {}).setdefault(
                    anchor, np.zeros(len(frame), dtype=bool)
                )
                mask[rows.to_numpy() - 1] = True
            self._frame = frame
        passes = pd.DataFrame(True, index=frame.index, columns=frame.columns)
        for column, mask in self._cells.get(code, {}).items():
            passes[column] = ~mask
        return passes


_VERDICTS = _Verdicts()
# pandera finds backends by exact schema class: give ours the pandas one
SubmissionSchema.register_backend(pd.DataFrame, DataFrameSchemaBackend)


def _rule_check(code: str, plan: PlanFacts | None, as_of: date) -> pa.Check:
    rule = RULES[code]

    def passes(frame: pd.DataFrame) -> pd.DataFrame:
        return _VERDICTS.cells(frame, code, plan, as_of)

    return pa.Check(
        passes,
        name=code,
        error=code,
        description=rule.title,
        ignore_na=False,  # the rule's own null semantics decide, not pandera's default
        raise_warning=rule.severity == "warning",
    )


def _column_type_check(name: str) -> pa.Check:
    def right_type(series: pd.Series) -> bool:
        if series.isna().all():
            return True
        if name in NUMBER_COLUMNS:
            return bool(pd.api.types.is_numeric_dtype(series)) and not pd.api.types.is_bool_dtype(
                series
            )
        return bool(pd.api.types.is_string_dtype(series)) or bool(
            series.dropna().map(type).eq(str).all()
        )

    return pa.Check(right_type, name="wrong-column-type", error="wrong-column-type")


def submission_schema(
    plan: Plan | None = None, *, plan_rules: bool = True, as_of: date | str | None = None
) -> SubmissionSchema:
    """A pandera schema of the canonical submission frame (``plan_rules=False``: only the rules
    that need no plan; the old ``plan=False`` still says so, with a DeprecationWarning).

    File-level rules and those the reader applies (``Rule.in_reader``) are left out: pandera
    checks columns itself, and a DataFrame is already parsed.

    >>> schema = submission_schema()  # doctest: +SKIP
    >>> schema.validate(frame, lazy=True)  # doctest: +SKIP
    """
    from wyoutcomes.validation.engine import as_of_date, plan_facts

    plan, plan_rules = plan_and_rules("submission_schema", plan, plan_rules)
    as_of = as_of_date(as_of)
    facts = plan_facts(plan) if plan_rules else None  # looked up once, not at every validate()
    columns = {
        name: pa.Column(
            None,
            checks=[_column_type_check(name)],
            nullable=True,  # empties are judged by the missing-value rule, with its exceptions
            required=name in REQUIRED_COLUMNS,
            coerce=False,
        )
        for name in SUBMISSION_COLUMNS
    }
    checks = [
        _rule_check(code, facts, as_of)
        for code, rule in RULES.items()
        if rule.level != "file" and not rule.in_reader and (plan_rules or not rule.needs_plan)
    ]
    return SubmissionSchema(
        columns,
        checks=checks,
        strict=True,
        coerce=False,
        name="wyoutcomes-submission",
        description="The canonical submission frame (docs/submission-format.md).",
    )
