"""The rule catalogue: every check validation runs, with a stable code, whatever the engine.

A rule's ``code`` is part of the public contract (submitters filter on it, the store keeps it):
never rename one; retire it and add a new code instead. ``RULESET_VERSION`` changes whenever a
rule is added, retired or changes meaning; ``ruleset_hash()`` fingerprints the exact catalogue
so that a report says precisely which rules judged the file.

>>> RULES["duplicate-key"].severity
'error'
>>> RULES["ci-missing"].severity
'warning'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

# the submission contract lives in wyoutcomes.contract; its names stay importable from here
from wyoutcomes.contract import (
    CI_COLUMNS,
    KEY_COLUMNS,
    NUMBER_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    SUBMISSION_COLUMNS,
    TEXT_COLUMNS,
)

__all__ = [
    "KEY_COLUMNS",
    "NUMBER_COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "RULES",
    "RULESET_ID",
    "RULESET_VERSION",
    "SUBMISSION_COLUMNS",
    "TEXT_COLUMNS",
    "Rule",
    "rules_markdown",
    "ruleset_hash",
]

RULESET_ID = "wyoutcomes-submission"
RULESET_VERSION = "1.1.0"  # 1.1.0: field-too-large, not-exactly-representable


Severity = Literal["error", "warning"]
Level = Literal["file", "row", "submission"]


@dataclass(frozen=True)
class Rule:
    """One check. ``message`` is a ``str.format`` template over ``column`` and the rule's own
    fields; row-level messages never repeat the offending value (the failure's ``value``
    column carries it), so a million failures share a handful of distinct messages.
    ``nulls`` says what an empty cell does. ``needs_plan``: the rule looks the plan up (it
    does not run with ``plan_rules=False``); ``in_reader``: the reader applies it while
    reading text and parsing numbers (so a parsed DataFrame cannot fail it)."""

    code: str
    level: Level
    severity: Severity
    title: str
    message: str
    columns: tuple[str, ...]
    nulls: str
    hint: str
    needs_plan: bool = field(default=False, kw_only=True)
    in_reader: bool = field(default=False, kw_only=True)


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


_ANY = ("(any)",)

RULES: dict[str, Rule] = _rules(
    # --- file level: if any of these fails, no row is checked --------------------------------
    Rule(
        "file-unreadable",
        "file",
        "error",
        "The file cannot be opened",
        "{value}",
        _ANY,
        "not applicable",
        "Check the path and that the file is not open elsewhere or locked.",
    ),
    Rule(
        "file-empty",
        "file",
        "error",
        "The file is empty",
        "the file has 0 bytes",
        _ANY,
        "not applicable",
        "Export the data again; the upload or the save went wrong.",
    ),
    Rule(
        "file-not-a-table",
        "file",
        "error",
        "The file is not a CSV or Parquet table",
        "{value}",
        _ANY,
        "not applicable",
        "Save the sheet as 'CSV UTF-8 (comma delimited)' or write Parquet.",
    ),
    Rule(
        "file-corrupt",
        "file",
        "error",
        "The file is damaged and cannot be read as a table",
        "{value}",
        _ANY,
        "not applicable",
        "The file is truncated or damaged; export it again.",
    ),
    Rule(
        "encoding-not-utf8",
        "file",
        "error",
        "The text is not UTF-8",
        "byte {value} in this row is not UTF-8 (the file looks like Latin-1/Windows-1252)",
        _ANY,
        "not applicable",
        "In Excel use Save As > 'CSV UTF-8 (comma delimited)'.",
    ),
    Rule(
        "no-data-rows",
        "file",
        "error",
        "The file has a header but no data rows",
        "the file has a header but no data rows",
        _ANY,
        "not applicable",
        "Add the data rows under the header.",
    ),
    Rule(
        "duplicate-column",
        "file",
        "error",
        "A column name appears more than once",
        "column {column!r} appears more than once in the header",
        _ANY,
        "not applicable",
        "Delete or rename the repeated column.",
    ),
    Rule(
        "missing-column",
        "file",
        "error",
        "A required column is missing",
        "required column {column!r} is missing",
        REQUIRED_COLUMNS,
        "not applicable",
        "Add the column (it may be empty where the rules allow); see docs/submission-format.md.",
    ),
    Rule(
        "unexpected-column",
        "file",
        "error",
        "The file has a column the format does not define",
        "column {column!r} is not part of the submission format",
        _ANY,
        "not applicable",
        "Remove the column or rename it to one of the format's columns.",
    ),
    Rule(
        "wrong-column-type",
        "file",
        "error",
        "A column has the wrong data type",
        "column {column!r} is stored as {value}",
        SUBMISSION_COLUMNS,
        "not applicable",
        "Store key columns as text and numbers as integers, decimals or text.",
    ),
    # --- row level, one row at a time ---------------------------------------------------------
    Rule(
        "ragged-row",
        "row",
        "error",
        "A CSV row has the wrong number of fields",
        "the row does not have as many fields as the header",
        _ANY,
        "not applicable",
        "A stray comma or an unquoted comma inside a value; quote text that contains commas.",
        in_reader=True,
    ),
    Rule(
        "field-too-large",
        "row",
        "error",
        "A CSV field is larger than 1 MiB",
        "{column} holds more than 1 MiB (1,048,576 bytes); the row is skipped",
        _ANY,
        "not applicable",
        "A missing closing quote swallows the lines after it; close the quote, or split the text.",
        in_reader=True,
    ),
    Rule(
        "not-exactly-representable",
        "row",
        "error",
        "A whole number is too large to hold exactly",
        "{column} is a whole number beyond 2^53, which a 64-bit float cannot hold exactly",
        NUMBER_COLUMNS,
        "empty passes",
        "Check the figure; a count this large is almost always an export error.",
        in_reader=True,
    ),
    Rule(
        "missing-value",
        "row",
        "error",
        "A required value is empty",
        "{column} is empty",
        (*KEY_COLUMNS[:5], "value"),
        "empty text, null and NaN in a key column fail; an empty value passes only with a "
        "value_note saying why (e.g. suppressed)",
        "Fill the cell; for a suppressed value leave value empty and say why in value_note.",
    ),
    Rule(
        "category-incomplete",
        "row",
        "error",
        "category_type and category must be both filled or both empty",
        "{column} is empty but the other breakdown column is not",
        ("category_type", "category"),
        "both empty passes (a headline row)",
        "Fill both, e.g. category_type 'deprivation_decile' and category '1', or neither.",
    ),
    Rule(
        "not-a-number",
        "row",
        "error",
        "A number column holds text",
        "{column} must be a number",
        NUMBER_COLUMNS,
        "empty passes (checked by missing-value where required)",
        "Write plain digits with a full stop as decimal mark, e.g. 12.5.",
        in_reader=True,
    ),
    Rule(
        "thousands-separator",
        "row",
        "error",
        "A number is written with thousands separators",
        "{column} is written with thousands separators",
        NUMBER_COLUMNS,
        "empty passes",
        "Remove the commas (12,345 → 12345); format cells as 'Number' without separators.",
        in_reader=True,
    ),
    Rule(
        "suppression-marker",
        "row",
        "error",
        "A number column holds a suppression or missing-data marker",
        "{column} holds a suppression marker instead of a number",
        NUMBER_COLUMNS,
        "empty passes",
        "Leave the cell empty and give the reason in value_note (e.g. 'suppressed: count < 5').",
        in_reader=True,
    ),
    Rule(
        "excel-error",
        "row",
        "error",
        "A number column holds a spreadsheet error",
        "{column} holds a spreadsheet error",
        NUMBER_COLUMNS,
        "empty passes",
        "Fix the formula in the workbook and export again.",
        in_reader=True,
    ),
    Rule(
        "not-finite",
        "row",
        "error",
        "A number is NaN or infinite",
        "{column} is not a finite number",
        NUMBER_COLUMNS,
        "null passes; NaN and ±infinity fail",
        "Leave the cell empty for a missing value; a division by zero upstream gives infinity.",
    ),
    Rule(
        "unknown-indicator",
        "row",
        "error",
        "The indicator is not in the plan",
        "the indicator is not an indicator of the plan",
        ("indicator_id",),
        "empty is reported by missing-value",
        "Use an indicator id from the plan (wyoutcomes check-definitions lists them).",
        needs_plan=True,
    ),
    Rule(
        "unknown-area",
        "row",
        "error",
        "The area code is unknown",
        "the area code is not a known area",
        ("area_code",),
        "empty is reported by missing-value",
        "Use the 9-character GSS code, upper case (e.g. E08000035 for Leeds).",
        needs_plan=True,
    ),
    Rule(
        "area-not-valid-for-period",
        "row",
        "error",
        "The area did not exist during the period",
        "the area was not in use during period {period}",
        ("area_code", "period"),
        "not applicable when the area is unknown or the period cannot be read; the period is "
        "read in the indicator's period type (an academic year runs September to August)",
        "Use the code that was in use during the period (codes change, e.g. E54000005 → "
        "E54000054 in April 2021).",
        needs_plan=True,
    ),
    Rule(
        "area-type-not-reported",
        "row",
        "error",
        "The indicator is not reported for this type of area",
        "indicator {indicator} is reported for {expected} only",
        ("area_code",),
        "not applicable when area or indicator is unknown",
        "Submit the indicator at one of the area types the plan defines for it.",
        needs_plan=True,
    ),
    Rule(
        "malformed-period",
        "row",
        "error",
        "The period label cannot be read",
        "the period is not a period label ({expected})",
        ("period",),
        "empty is reported by missing-value",
        "Write the period as Fingertips does, e.g. '2019/20', '2017 - 19', '2024/25 Q2'.",
        needs_plan=True,
    ),
    Rule(
        "wrong-period-type",
        "row",
        "error",
        "The period is not of the indicator's period type",
        "the period is not a {expected} period, as indicator {indicator} requires",
        ("period",),
        "not applicable when the indicator is unknown",
        "Use the period type the plan defines for the indicator.",
        needs_plan=True,
    ),
    Rule(
        "period-in-future",
        "row",
        "error",
        "The period has not ended yet",
        "the period ends on {expected}, after the validation date",
        ("period",),
        "not applicable when the period cannot be read; the period is read in the indicator's "
        "period type",
        "Check the year; data cannot exist for a period that has not ended.",
        needs_plan=True,
    ),
    Rule(
        "invalid-sex",
        "row",
        "error",
        "sex is not Persons, Male or Female",
        "sex is not one of Persons, Male, Female",
        ("sex",),
        "empty is reported by missing-value",
        "Use exactly Persons, Male or Female.",
    ),
    Rule(
        "invalid-breakdown",
        "row",
        "error",
        "The breakdown is not one the indicator is reported by",
        "{column} is not allowed here ({expected})",
        ("sex", "category_type", "category"),
        "both empty passes (a headline row); Persons always passes; not applicable when the "
        "indicator is unknown",
        "Use a category_type listed for the indicator and a category from its vocabulary; "
        "Male/Female only for indicators the plan splits by sex.",
        needs_plan=True,
    ),
    Rule(
        "value-out-of-range",
        "row",
        "error",
        "The value is outside the indicator's plausible range",
        "the value is outside the plausible range {expected} of indicator {indicator}",
        ("value",),
        "empty and NaN are not applicable; not applicable when the indicator is unknown",
        "Check the units and the multiplier (a percentage as 12.5, not 0.125).",
        needs_plan=True,
    ),
    Rule(
        "ci-inverted",
        "row",
        "error",
        "A confidence interval's lower limit is above its upper limit",
        "{column} is above its upper limit",
        CI_COLUMNS,
        "a null limit is not applicable and passes",
        "The limits are probably swapped.",
    ),
    Rule(
        "ci-not-bracketing",
        "row",
        "error",
        "The confidence interval does not contain the value",
        "the value is outside the interval ({column} side)",
        ("value", *CI_COLUMNS),
        "a null limit or value is not applicable and passes",
        "The interval belongs to another row or another unit.",
    ),
    Rule(
        "negative-count",
        "row",
        "error",
        "A count is negative",
        "{column} is negative",
        ("numerator", "denominator"),
        "null passes",
        "Counts and populations cannot be negative.",
    ),
    Rule(
        "numerator-exceeds-denominator",
        "row",
        "error",
        "The numerator is larger than the denominator of a proportion",
        "the numerator exceeds the denominator",
        ("numerator", "denominator"),
        "not applicable unless the indicator is a proportion and both counts are present",
        "A proportion's numerator is a subset of its denominator; the columns may be swapped.",
        needs_plan=True,
    ),
    Rule(
        "value-inconsistent-with-counts",
        "row",
        "error",
        "The value does not equal numerator ÷ denominator × multiplier",
        "the value differs from numerator ÷ denominator × {expected}",
        ("value", "numerator", "denominator"),
        "not applicable unless the indicator is a proportion or crude rate and value, "
        "numerator and a non-zero denominator are present; tolerance half a unit in the "
        "indicator's last decimal place",
        "Check the multiplier (100 for a percentage, 100000 for a rate per 100,000).",
        needs_plan=True,
    ),
    Rule(
        "duplicate-key",
        "row",
        "error",
        "Two or more rows share the same key",
        "the same indicator, area, period, sex, age and breakdown as the row(s) in value",
        KEY_COLUMNS,
        "empty key parts compare equal to each other",
        "Keep one row per key; delete the repeats or fix the breakdown columns.",
    ),
    # --- warnings -------------------------------------------------------------------------------
    Rule(
        "ci-missing",
        "row",
        "warning",
        "No 95% confidence interval where the indicator's method gives one",
        "no 95% confidence interval, although indicator {indicator} has one ({expected})",
        ("lower_ci", "upper_ci"),
        "not applicable when the value is empty or the method is 'none'",
        "Add lower_ci and upper_ci (95%) as published with the value.",
        needs_plan=True,
    ),
    Rule(
        "ci-differs-from-recomputation",
        "row",
        "warning",
        "The 95% interval differs from the one recomputed from the counts",
        "{column} differs from the {expected} interval recomputed from numerator and denominator",
        ("lower_ci", "upper_ci"),
        "not applicable unless the indicator is a proportion (Wilson) or a crude rate (Byars; "
        "exact Poisson below 10 events) with numerator, denominator and both limits present; "
        "tolerance half a unit in the indicator's last decimal place",
        "Check the limits were computed from these counts with the indicator's method.",
        needs_plan=True,
    ),
    Rule(
        "coverage-missing",
        "submission",
        "warning",
        "An expected row is missing",
        "no row for indicator {indicator}, place {area}, period {period}",
        ("indicator_id", "area_code", "period"),
        "not applicable",
        "Each indicator of the submission is expected for every plan place in each period "
        "submitted, from the place or an area carrying its data; add the row (an empty value "
        "with a value_note if suppressed).",
        needs_plan=True,
    ),
)


_SCHEDULING = ("needs_plan", "in_reader")


def ruleset_hash() -> str:
    """sha256 of the catalogue's content: changes whenever any rule's wording or meaning does."""
    payload = json.dumps(
        {
            "id": RULESET_ID,
            "version": RULESET_VERSION,
            # how a rule is scheduled (needs_plan, in_reader) is not what it checks: left out,
            # so the fingerprint of the rule set did not change when those became fields
            "rules": [
                {k: v for k, v in asdict(r).items() if k not in _SCHEDULING} for r in RULES.values()
            ],
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def rules_markdown() -> str:
    """The catalogue as the Markdown page ``docs/validation-rules.md`` (generated, never
    hand-edited; a test checks the committed page matches)."""
    lines = [
        "# Validation rules",
        "",
        "<!-- generated by `python -m wyoutcomes.validation.catalogue`; do not edit by hand -->",
        "",
        f"Rule set `{RULESET_ID}` version {RULESET_VERSION} "
        f"(catalogue sha256 `{ruleset_hash()[:16]}…`).",
        "",
        "File-level rules run first; if any fails, no row is checked. Row-level rules are all "
        "run, and every failure is reported with its 1-based data row (row 1 is the first row "
        "under the header) and the row's key. Errors reject the submission; warnings do not.",
        "",
        "| code | level | severity | what it checks | columns | empty cells |",
        "|---|---|---|---|---|---|",
    ]
    for rule in RULES.values():
        columns = ", ".join(f"`{c}`" for c in rule.columns) if rule.columns != _ANY else "any"
        lines.append(
            f"| `{rule.code}` | {rule.level} | {rule.severity} | {rule.title} | {columns} "
            f"| {rule.nulls} |"
        )
    lines += ["", "## How to fix each failure", ""]
    for rule in RULES.values():
        lines += [f"- `{rule.code}`: {rule.hint}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # regenerate the docs page: python -m wyoutcomes.validation.catalogue
    print(rules_markdown(), end="")
