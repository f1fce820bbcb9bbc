"""The catalogue: stable codes, complete entries, and the generated docs page."""

from __future__ import annotations

import re
from pathlib import Path

from wyoutcomes.validation.catalogue import RULES, rules_markdown

DOCS = Path(__file__).parents[2] / "docs" / "validation-rules.md"


def test_codes_are_kebab_case_and_entries_complete():
    for code, rule in RULES.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
        assert rule.code == code
        assert rule.severity in ("error", "warning")
        assert rule.title and rule.message and rule.nulls and rule.hint and rule.columns


def test_row_messages_do_not_repeat_the_value():
    for rule in RULES.values():
        if rule.level != "file":
            assert "{value" not in rule.message, rule.code


def test_committed_docs_page_matches_the_catalogue():
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), (
        "regenerate: PYTHONPATH=src python -m wyoutcomes.validation.catalogue "
        "> docs/validation-rules.md"
    )
