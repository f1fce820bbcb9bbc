"""Render a :class:`ValidationReport` as one accessible HTML page (jinja2, autoescaped).

The page needs no JavaScript and no network: landmarks, a skip link, one ``<h1>``, tables with
captions and ``<th scope>``, the outcome in words (colour is only an aid). Row examples are
capped per rule and the page says so; the failure extracts hold every failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from wyoutcomes.contract import KEY_COLUMNS
from wyoutcomes.validation.catalogue import RULES

if TYPE_CHECKING:
    from wyoutcomes.validation.report import ValidationReport

__all__ = ["render_html"]

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("wyoutcomes.validation", "templates"),
    autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)

_OUTCOME_TEXT = {
    "accepted": "Accepted",
    "accepted_with_warnings": "Accepted with warnings",
    "rejected": "Rejected",
}


def render_html(report: ValidationReport, examples_per_rule: int) -> str:
    failures = report.failures
    failed = report.summary[report.summary["failures"] > 0]
    examples = []
    for rule in failed.itertuples(index=False):
        rows = failures[failures["rule"] == rule.code].head(examples_per_rule)
        examples.append(
            {
                "code": rule.code,
                "title": rule.title,
                "severity": rule.severity,
                "total": int(rule.failures),
                "hint": RULES[rule.code].hint,
                "rows": [r._asdict() for r in rows.itertuples(index=False)],
            }
        )
    return _ENV.get_template("report.html.j2").render(
        report=report,
        name=Path(report.name).name,
        outcome_text=_OUTCOME_TEXT[report.outcome],
        summary=[r._asdict() for r in report.summary.itertuples(index=False)],
        examples=examples,
        cap=examples_per_rule,
        key_columns=KEY_COLUMNS,
    )
