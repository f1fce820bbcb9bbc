"""The optional ``lead`` of a target: who answers for it to the board (shown in the report)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from wyoutcomes.definitions.models import Target


def _target(**extra: object) -> Target:
    return Target.model_validate(
        {"id": "t", "indicator": "i", "kind": "relative_change", "change": -0.1,
         "deadline": "2024", **extra}
    )  # fmt: skip


def test_lead_is_optional_and_kept_as_written():
    assert _target().lead is None
    assert _target(lead="  Director of Public Health, Calderdale ").lead == (
        "Director of Public Health, Calderdale"
    )


def test_lead_must_be_text():
    with pytest.raises(ValidationError, match="lead"):
        _target(lead=["a", "b"])
