"""``validate``: read a submission, run the file rules, then every row rule, and report.

>>> import pandas as pd
>>> report = validate(pd.DataFrame({"indicator_id": ["x"]}), plan_rules=False)
>>> report.outcome, sorted(set(report.failures["rule"].astype(str)))
('rejected', ['missing-column'])
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from wyoutcomes._compat import plan_and_rules, renamed_keywords
from wyoutcomes.errors import UsageError
from wyoutcomes.validation.catalogue import RULES
from wyoutcomes.validation.coverage import check_coverage
from wyoutcomes.validation.expectations import PlanFacts
from wyoutcomes.validation.frame import SubmittedFrame
from wyoutcomes.validation.plan_labels import onto_plan
from wyoutcomes.validation.plan_rules import run_plan_rules
from wyoutcomes.validation.readers import (
    ParsedSubmission,
    read_submission,
    submission_from_frame,
)
from wyoutcomes.validation.report import ValidationReport
from wyoutcomes.validation.rules import run_row_rules

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan

__all__ = ["as_of_date", "validate"]


def validate(
    values: str | Path | pd.DataFrame | pa.Table | ParsedSubmission | None = None,
    plan: Plan | None = None,
    *,
    plan_rules: bool = True,
    as_of: date | datetime | str | None = None,
    expected_places: tuple[str, ...] | None = None,
    progress: Callable[[str, int], None] | None = None,
    **renamed: Any,
) -> ValidationReport:
    """Validate a submission (a CSV/Parquet/Fingertips file path or a DataFrame).

    ``plan`` is a :class:`~wyoutcomes.definitions.Plan`; None uses the bundled plan.
    ``plan_rules=False`` runs only the rules that need no plan (an analyst's own indicators;
    the old spelling ``plan=False`` still works, with a DeprecationWarning, as does the old
    name ``data_or_path`` of ``values``).
    ``as_of`` is the date a period must have ended by: a ``date``, a ``datetime`` (its date) or
    an ISO date text such as ``"2025-01-15"`` (default: today — pass it in for a reproducible
    report); anything else raises :class:`~wyoutcomes.errors.UsageError`. ``expected_places``
    are the places coverage expects (default: the plan's places). ``progress(stage, rows)`` is
    called between stages (the CLI uses it for big files). Problems with the data never raise:
    they are failures in the report.

    >>> report = validate("submission.csv")  # doctest: +SKIP
    >>> report.outcome, report.failures.head()  # doctest: +SKIP
    """
    if renamed:
        values = renamed_keywords("validate", renamed, {"data_or_path": "values"})["values"]
    if values is None:
        raise TypeError("validate() needs the values to validate (a path or a frame)")
    data_or_path = values
    plan, plan_rules = plan_and_rules("validate", plan, plan_rules)
    as_of = as_of_date(as_of)
    if isinstance(data_or_path, ParsedSubmission):
        submission = data_or_path
    elif isinstance(data_or_path, pd.DataFrame):
        submission = submission_from_frame(data_or_path)
    elif isinstance(data_or_path, pa.Table):
        submission = submission_from_frame(data_or_path.to_pandas(), name="<Arrow table>")
    elif not isinstance(data_or_path, (str, Path)):
        raise TypeError(
            "validate() takes a file path, a pandas DataFrame or an Arrow table, not "
            f"{type(data_or_path).__name__}"
        )
    else:
        if progress:
            progress("reading", 0)
        submission = read_submission(data_or_path)
    if submission.columns is None:
        return ValidationReport.build(
            name=submission.name,
            sha256=submission.sha256,
            size=submission.size,
            rows=0,
            log=submission.log,
            checked={},
            frame=None,
            as_of=as_of,
        )
    rows = submission.num_rows
    if progress:
        progress("checking rows", rows)
    facts = plan_facts(plan) if plan_rules else None
    columns, submission.columns = submission.columns, None  # handed over, freed as loaded
    try:
        frame = SubmittedFrame.from_columns(columns, submission.source_row)
    except (pa.ArrowException, OSError) as exc:  # a data page past the footer is damaged
        log = submission.log
        log.batches = [batch for batch in log.batches if batch.rule.level == "file"]
        text = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        log.add_file("file-corrupt", value=f"a column cannot be read: {text}")
        return ValidationReport.build(
            name=submission.name,
            sha256=submission.sha256,
            size=submission.size,
            rows=0,
            log=log,
            checked={},
            frame=None,
            as_of=as_of,
        )
    del columns
    if facts is not None:
        onto_plan(frame, facts, fingertips=submission.fingertips)
    frame.unparsed = _unparsed(submission, frame.n)
    checked = run_row_rules(frame, submission.log)
    if facts is not None:
        checked.update(run_plan_rules(frame, facts, submission.log, as_of))
        checked["coverage-missing"] = check_coverage(
            frame, facts, submission.log, expected_places or facts.places
        )
    checked.update(_reader_rules_checked(frame))
    if progress:
        progress("building the report", rows)
    return ValidationReport.build(
        name=submission.name,
        sha256=submission.sha256,
        size=submission.size,
        rows=int(submission.source_row.max()) if len(submission.source_row) else 0,
        log=submission.log,
        checked=checked,
        frame=frame,
        as_of=as_of,
    )


def as_of_date(value: object) -> date:
    """The validation date ``value`` stands for; None is today.

    >>> as_of_date("2025-01-15"), as_of_date(datetime(2025, 1, 15, 9, 30))
    (datetime.date(2025, 1, 15), datetime.date(2025, 1, 15))
    """
    if value is None:
        return date.today()
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):  # Python 3.10's parser does not read "Z" as UTC
            text = text[:-1] + "+00:00"
        try:
            return datetime.fromisoformat(text).date()  # a date alone is read as midnight
        except ValueError:
            pass
    raise UsageError(
        f"as_of={value!r} is not a date: give a datetime.date, a datetime or an ISO date such "
        "as '2025-01-15'"
    )


def plan_facts(plan: Plan | PlanFacts | None) -> PlanFacts | None:
    """The plan as lookups (None: the bundled plan's)."""
    if plan is False:  # the old "no plan rules", still taken from internal callers' callers
        return None
    if isinstance(plan, PlanFacts):  # already lookups (tests, or a caller validating many files)
        return plan
    from wyoutcomes.validation.plan_facts import facts_from_plan

    return facts_from_plan(plan)


def _unparsed(submission: ParsedSubmission, n: int) -> dict[str, np.ndarray]:
    """Cells the reader rejected, per number column (so no rule reports them again)."""
    out: dict[str, np.ndarray] = {}
    for batch in submission.log.batches:
        if batch.rule.level != "row" or not batch.column:
            continue
        positions = batch.positions[batch.positions >= 0]
        if not len(positions):
            continue
        mask = out.setdefault(batch.column, np.zeros(n, dtype=bool))
        mask[positions] = True
    return out


def _reader_rules_checked(frame: SubmittedFrame) -> dict[str, int]:
    """Rows checked by the rules the reader applies while reading and parsing numbers."""
    parsed = {code: frame.n for code, rule in RULES.items() if rule.in_reader}
    del parsed["ragged-row"]  # counted below, over the rows the reader skipped too
    parsed["ragged-row"] = int(frame.source_row.max()) if frame.n else 0  # skipped rows too
    return parsed
