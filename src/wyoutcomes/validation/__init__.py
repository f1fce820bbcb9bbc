"""Validation of submitted indicator data: readers, the rule catalogue, the report.

>>> from wyoutcomes.validation import RULES
>>> "duplicate-key" in RULES
True
"""

from __future__ import annotations

from wyoutcomes.validation.catalogue import RULES, RULESET_VERSION, Rule
from wyoutcomes.validation.engine import validate
from wyoutcomes.validation.readers import read_fingertips
from wyoutcomes.validation.report import ValidationReport

__all__ = ["RULES", "RULESET_VERSION", "Rule", "ValidationReport", "read_fingertips", "validate"]
