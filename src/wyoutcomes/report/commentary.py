"""Analysts' commentary for the report: an optional YAML file keyed by ambition number.

.. code-block:: yaml

    ambitions:
      3:
        narrative: Suicide rates fell in four of six places ...
        actions:
          - Roll out the real-time surveillance system to Wakefield
        owner: Director of Public Health, Calderdale

Commentary is shown as text: markup in it is escaped, never run.

>>> load_commentary_text("ambitions: {1: {narrative: Going well, owner: Jo}}")[1].owner
'Jo'
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wyoutcomes.definitions.problems import key_path
from wyoutcomes.definitions.safe_yaml import RefusedYamlError, load_yaml
from wyoutcomes.errors import InputFileError

__all__ = [
    "AmbitionCommentary",
    "CommentaryWarning",
    "load_commentary",
    "load_commentary_text",
    "warn_unused_commentary",
]


class AmbitionCommentary(BaseModel):
    """What the analyst says about one ambition this quarter."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    narrative: str = ""
    actions: list[str] = Field(default_factory=list)
    owner: str = ""


class CommentaryWarning(UserWarning):
    """Commentary that the report cannot show (an ambition number not in the plan)."""


def warn_unused_commentary(commentary: Mapping[int, object], plan: Any) -> None:
    """Warn (:class:`CommentaryWarning`) for each ambition number with commentary that the
    plan does not have: its text would otherwise be dropped without a word.

    >>> import warnings
    >>> class Plan: ambitions = []
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_unused_commentary({11: None}, Plan())
    >>> str(caught[0].message)[:52]
    'commentary for ambition 11 is not shown: ambition 11'
    """
    known = {ambition.number for ambition in plan.ambitions}
    for number in sorted(set(commentary) - known):
        warnings.warn(
            f"commentary for ambition {number} is not shown: ambition {number} is not in the "
            f"plan (its ambitions are {', '.join(str(n) for n in sorted(known)) or 'none'})",
            CommentaryWarning,
            stacklevel=3,
        )


class _CommentaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ambitions: dict[Annotated[int, Field(ge=1)], AmbitionCommentary] = Field(default_factory=dict)


def load_commentary_text(text: str, where: str = "commentary") -> dict[int, AmbitionCommentary]:
    """Parse commentary YAML; errors name the file and the key path."""
    try:
        raw = load_yaml(text)  # bounded: no alias bombs, no lists as keys
    except RefusedYamlError as problem:
        raise InputFileError(
            f"{where}: {key_path(problem.loc)}: {problem.message} [{problem.code}]"
        ) from problem
    if raw is None:
        return {}
    try:
        parsed = _CommentaryFile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise InputFileError(
            f"{where}: {problems} (expected `ambitions:` mapping ambition numbers to "
            "narrative, actions and owner)"
        ) from exc
    return dict(parsed.ambitions)


def load_commentary(path: str | Path) -> dict[int, AmbitionCommentary]:
    """Read a commentary YAML file (see the module docstring for its shape)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read the commentary file ({exc})") from exc
    return load_commentary_text(text, str(path))
