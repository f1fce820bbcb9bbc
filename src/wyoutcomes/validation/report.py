"""The validation report: outcome, failure table, rule summary, and its JSON and HTML forms.

Everything is written from the one failure table (``report.failures``), so the JSON, HTML,
text and the failure extracts can never disagree. Output is deterministic: failures sorted by
(row, rule, column), JSON keys sorted, the file named by its base name, no clock readings
(the ``as_of`` date is an input).

>>> import pandas as pd
>>> report = ValidationReport.file_level_only("x.csv", "file-empty")
>>> report.outcome, report.ok
('rejected', False)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wyoutcomes.contract import SUBMISSION_COLUMNS
from wyoutcomes.validation.catalogue import RULES, RULESET_ID, RULESET_VERSION, ruleset_hash
from wyoutcomes.validation.failures import FailureLog
from wyoutcomes.validation.frame import SubmittedFrame

__all__ = ["HTML_EXAMPLES_PER_RULE", "JSON_SCHEMA_VERSION", "TOP_VALUES", "ValidationReport"]

JSON_SCHEMA_VERSION = 1
#: distinct offending values listed per rule in the summary
TOP_VALUES = 5
#: failing rows shown per rule in the HTML report (the extracts hold every failure)
HTML_EXAMPLES_PER_RULE = 20

SUMMARY_COLUMNS = (
    "code",
    "title",
    "severity",
    "level",
    "status",
    "rows_checked",
    "failures",
    "percentage",
    "top_values",
)


def _library_version() -> str:
    from wyoutcomes._version import __version__

    return __version__


@dataclass
class ValidationReport:
    """The verdict on one submission. Build it with :func:`wyoutcomes.validate`."""

    name: str
    sha256: str
    size: int
    rows: int
    failures: pd.DataFrame
    summary: pd.DataFrame
    as_of: date | None = None
    ruleset_version: str = RULESET_VERSION
    ruleset_id: str = RULESET_ID
    library_version: str = field(default_factory=_library_version)
    _frame_arrays: SubmittedFrame | None = field(default=None, repr=False)

    # -- the verdict --------------------------------------------------------------------------

    @property
    def errors(self) -> int:
        return int((self.failures["severity"] == "error").sum())

    @property
    def warnings(self) -> int:
        return int((self.failures["severity"] == "warning").sum())

    @property
    def outcome(self) -> str:
        if self.errors:
            return "rejected"
        return "accepted_with_warnings" if self.warnings else "accepted"

    @property
    def ok(self) -> bool:
        """True when the submission is accepted (warnings allowed)."""
        return self.errors == 0

    @property
    def file_level(self) -> bool:
        """True when the file itself failed, so no row was checked."""
        file_rules = [c for c, r in RULES.items() if r.level == "file"]
        return bool(self.failures["rule"].isin(file_rules).any())

    @property
    def reason(self) -> str:
        """One sentence a submitter can act on."""
        if self.outcome == "accepted":
            return f"All {self.rows:,} rows passed every rule."
        if self.outcome == "accepted_with_warnings":
            return (
                f"No errors; {self.warnings:,} warning(s) to review before the board report "
                "uses the data."
            )
        failed = self.summary[
            (self.summary["severity"] == "error") & (self.summary["failures"] > 0)
        ]
        worst = failed.sort_values(["failures", "code"], ascending=[False, True]).iloc[0]
        if self.file_level:
            return f"The file cannot be checked: {worst['title'].lower()} ({worst['code']})."
        return (
            f"{self.errors:,} error(s) in {self.error_rows():,} row(s); the most frequent is "
            f"{worst['code']} ({int(worst['failures']):,} failures)."
        )

    def error_rows(self) -> int:
        errors = self.failures[self.failures["severity"] == "error"]
        return int(errors.loc[errors["row"] > 0, "row"].nunique())

    # -- the rows -------------------------------------------------------------------------------

    def _frame(self, keep: np.ndarray | None = None) -> pd.DataFrame:
        """The canonical frame of the rows whose source row is in ``keep`` (default all)."""
        frame = self._frame_arrays
        if frame is None:
            columns = {name: pd.Series(dtype="str") for name in SUBMISSION_COLUMNS}
            return pd.DataFrame({"source_row": pd.Series(dtype=np.int32), **columns})
        if keep is None:
            return frame.to_pandas()
        return frame.to_pandas(np.flatnonzero(np.isin(frame.source_row, keep)))

    def _error_row_numbers(self) -> np.ndarray:
        errors = self.failures[self.failures["severity"] == "error"]
        return np.unique(errors["row"].to_numpy())

    def valid_rows(self) -> pd.DataFrame:
        """The canonical frame of the rows with no error, plus ``source_row``.

        A file that failed a file-level rule has no valid rows."""
        if self.file_level or self._frame_arrays is None:
            return self._frame(np.empty(0, np.int32))
        rows = self._frame_arrays.source_row
        return self._frame(rows[~np.isin(rows, self._error_row_numbers())])

    def invalid_rows(self) -> pd.DataFrame:
        """The rows with at least one error, plus ``source_row`` and ``reasons`` (rule codes
        and columns, e.g. ``value-out-of-range(value); duplicate-key((key))``)."""
        errors = self.failures[(self.failures["severity"] == "error") & (self.failures["row"] > 0)]
        out = self._frame(np.unique(errors["row"].to_numpy()))
        labels = errors["rule"].astype(str) + "(" + errors["column"].astype(str) + ")"
        reasons = labels.groupby(errors["row"].to_numpy()).agg("; ".join)
        out["reasons"] = out["source_row"].map(reasons).astype("str")
        return out

    # -- forms ------------------------------------------------------------------------------------

    def to_dict(self, max_failures: int | None = None) -> dict[str, Any]:
        failures = self.failures if max_failures is None else self.failures.head(max_failures)
        names = list(failures.columns)
        columns = [
            failures[name].astype(int).tolist()
            if name == "row"
            else failures[name].astype(str).tolist()
            for name in names
        ]
        records = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
        summary = []
        for row in self.summary.itertuples(index=False):
            item = {name: getattr(row, name) for name in SUMMARY_COLUMNS}
            item["rows_checked"] = int(item["rows_checked"])
            item["failures"] = int(item["failures"])
            item["percentage"] = float(item["percentage"])
            item["top_values"] = [{"value": v, "count": int(n)} for v, n in item["top_values"]]
            summary.append(item)
        return {
            "schema_version": JSON_SCHEMA_VERSION,
            "outcome": self.outcome,
            "ok": self.ok,
            "reason": self.reason,
            "file": {
                "name": Path(self.name).name,
                "sha256": self.sha256,
                "size": self.size,
                "rows": self.rows,
            },
            "ruleset": {
                "id": self.ruleset_id,
                "version": self.ruleset_version,
                "sha256": ruleset_hash(),
            },
            "library_version": self.library_version,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "counts": {
                "errors": self.errors,
                "warnings": self.warnings,
                "rows_with_errors": self.error_rows(),
            },
            "summary": summary,
            "failures": records,
            "failures_total": len(self.failures),
        }

    def to_json(self, max_failures: int | None = None) -> str:
        """The report as one JSON document (sorted keys, stable order, versioned)."""
        return (
            # no indent: Python's C encoder is used only without one (10× faster at scale)
            json.dumps(self.to_dict(max_failures), sort_keys=True, ensure_ascii=False) + "\n"
        )

    def to_html(self, examples_per_rule: int = HTML_EXAMPLES_PER_RULE) -> str:
        """An accessible single-file HTML report, no JavaScript; examples capped per rule."""
        from wyoutcomes.validation.html import render_html

        return render_html(self, examples_per_rule)

    def to_text(self, examples: int = 20) -> str:
        """A compact plain-text report for the terminal."""
        lines = [
            f"{Path(self.name).name}: {self.outcome.replace('_', ' ').upper()}",
            self.reason,
            f"sha256 {self.sha256}; {self.rows:,} rows; rule set {self.ruleset_id} "
            f"{self.ruleset_version}; wyoutcomes {self.library_version}",
        ]
        failed = self.summary[self.summary["failures"] > 0]
        if len(failed):
            lines.append("")
            for rule in failed.itertuples(index=False):
                top = ", ".join(f"{v!r} × {n}" for v, n in rule.top_values[:3])
                lines.append(f"  {rule.severity:7} {rule.code:32} {rule.failures:>9,}  {top}")
        if len(self.failures):
            lines.append("")
            for f in self.failures.head(examples).itertuples(index=False):
                if f.row:
                    where = f"row {f.row}"
                else:
                    where = "file" if RULES[str(f.rule)].level == "file" else "submission"
                column = f" [{f.column}]" if f.column and not f.column.startswith("(") else ""
                value = f" (value {f.value!r})" if f.row and f.value != "" else ""
                lines.append(f"  {where}{column} {f.rule}: {f.message}{value}")
            if len(self.failures) > examples:
                lines.append(
                    f"  … and {len(self.failures) - examples:,} more (see the failure extract)"
                )
        lines.append(f"{self.errors:,} error(s), {self.warnings:,} warning(s)")
        return "\n".join(lines) + "\n"

    # -- construction -----------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        *,
        name: str,
        sha256: str,
        size: int,
        rows: int,
        log: FailureLog,
        checked: dict[str, int],
        frame: SubmittedFrame | None,
        as_of: date | None,
    ) -> ValidationReport:
        failures = log.table(frame.text if frame is not None else None)
        summary = summarise(failures, checked)
        return cls(name, sha256, size, rows, failures, summary, as_of, _frame_arrays=frame)

    @classmethod
    def file_level_only(cls, name: str, code: str, value: str = "") -> ValidationReport:
        log = FailureLog()
        log.add_file(code, value=value)
        return cls.build(
            name=name, sha256="", size=0, rows=0, log=log, checked={}, frame=None, as_of=None
        )


def summarise(failures: pd.DataFrame, checked: dict[str, int]) -> pd.DataFrame:
    """One row per rule of the catalogue, in catalogue order."""
    counts = failures["rule"].value_counts(sort=False)
    file_failed = any(counts.get(code, 0) for code, rule in RULES.items() if rule.level == "file")
    top = _top_values(failures)
    rows = []
    for code, rule in RULES.items():
        n = int(counts.get(code, 0))
        if rule.level == "file":
            units = 1
        elif file_failed:
            units = 0
        else:
            units = int(checked.get(code, 0))
        if n:
            status = "failed"
        elif rule.level != "file" and file_failed:
            status = "not run"
        elif rule.level == "file" or code in checked:
            status = "passed"
        else:
            status = "not run"
        if rule.level == "file":
            percentage = 100.0 if n else 0.0
        else:
            percentage = round(100.0 * n / units, 4) if units else 0.0
        rows.append(
            (
                code,
                rule.title,
                rule.severity,
                rule.level,
                status,
                units,
                n,
                percentage,
                top.get(code, []),
            )
        )
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def _top_values(failures: pd.DataFrame) -> dict[str, list[tuple[str, int]]]:
    """The most frequent offending values per rule (ties by value), in one pass."""
    if failures.empty:
        return {}
    pairs = failures.groupby(["rule", "value"], observed=True).size()
    out: dict[str, list[tuple[str, int]]] = {}
    for (rule, value), n in pairs.items():
        out.setdefault(str(rule), []).append((str(value), int(n)))
    return {
        rule: sorted(values, key=lambda item: (-item[1], item[0]))[:TOP_VALUES]
        for rule, values in out.items()
    }
