"""Problems found in a plan definition, and how they are worded.

Every problem names the file, the key path inside that file (and, for an ambition file, the
same key in the whole plan, e.g. ``ambitions[4].targets[1].deadline``), a stable kebab-case
rule code and what is wrong in plain words. Pydantic's own errors are reworded here, so a user
never sees a raw validation dump.

>>> key_path(("ambitions", 4, "targets", 1, "deadline"))
'ambitions[4].targets[1].deadline'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from wyoutcomes.errors import DefinitionError

__all__ = ["Loc", "Problem", "key_path", "raise_problems", "reword_pydantic"]

Loc = tuple[str | int, ...]

_CODED = re.compile(r"^\[([a-z0-9-]+)\] (.*)$", re.DOTALL)

#: most problems to list in one error; the rest are counted
_MAX_LISTED = 25


def key_path(loc: Sequence[str | int]) -> str:
    """``("targets", 1, "deadline")`` → ``targets[1].deadline``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan definition."""

    file: str
    loc: Loc  # key path inside `file`
    code: str
    message: str
    plan_loc: Loc | None = None  # the same key in the whole plan, for ambition files

    def __str__(self) -> str:
        where = key_path(self.loc)
        if self.plan_loc is not None and self.plan_loc != self.loc:
            where += f" (plan key {key_path(self.plan_loc)})"
        return f"{self.file}: {where}: {self.message} [{self.code}]"


def raise_problems(problems: Iterable[Problem], what: str) -> None:
    """Raise one :class:`DefinitionError` listing ``problems`` (does nothing when there are none).

    The error carries them as ``error.problems`` for programs and tests.
    """
    found = list(problems)
    if not found:
        return
    if len(found) == 1:
        text = str(found[0])
    else:
        lines = [f"  {p}" for p in found[:_MAX_LISTED]]
        if len(found) > _MAX_LISTED:
            lines.append(f"  … and {len(found) - _MAX_LISTED} more")
        text = f"{what} has {len(found)} problems:\n" + "\n".join(lines)
    error = DefinitionError(text)
    error.problems = found  # type: ignore[attr-defined]
    raise error


def _clean_loc(loc: Sequence[Any]) -> tuple[Loc, str | None]:
    """Drop pydantic's internal loc parts (union tags, validator names); return the dict key a
    ``[key]`` part refers to."""
    out: list[str | int] = []
    bad_key = None
    for part in loc:
        if part == "[key]":
            bad_key = str(out.pop()) if out else None
            continue
        if isinstance(part, str) and ("[" in part or "(" in part):
            continue  # e.g. "function-after[...]" or "nullable[...]"
        out.append(part)
    return tuple(out), bad_key


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def reword_pydantic(error: dict[str, Any], known_keys: Iterable[str]) -> tuple[Loc, str, str]:
    """One pydantic error as (key path, rule code, plain-words message)."""
    loc, bad_key = _clean_loc(error.get("loc", ()))
    kind = error.get("type", "")
    got = error.get("input")
    ctx = error.get("ctx") or {}
    msg = str(error.get("msg", ""))
    if kind == "missing":
        return loc, "missing-key", "this required key is missing"
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        close = difflib.get_close_matches(name, sorted(set(known_keys)), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (see docs/definitions.md)"
        return loc, "unknown-key", f"unknown key {name!r}{hint}"
    if kind == "value_error":
        text = msg.removeprefix("Value error, ")
        code = "bad-value"
        if match := _CODED.match(text):  # our validators lead with their rule code
            code, text = match.group(1), match.group(2)
        if bad_key is not None:
            return loc, code, f"key {bad_key!r}: {text}"
        return loc, code, text
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return loc, "not-allowed", f"{_show(got)} is not allowed here; use one of: {expected}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return loc, "not-a-number", f"{_show(got)} is not a number"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return loc, "not-a-whole-number", f"{_show(got)} is not a whole number"
    if kind == "bool_type" or kind == "bool_parsing":
        return loc, "not-true-or-false", f"{_show(got)} must be true or false"
    if kind in ("string_type",):
        return loc, "not-text", f"{_show(got)} must be text"
    if kind in ("list_type", "tuple_type"):
        return loc, "not-a-list", f"must be a list (a sequence of '- ' items), not {_show(got)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, "not-a-mapping", f"must be a mapping of keys, not {_show(got)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return loc, "not-a-date", f"{_show(got)} is not a date (write it as YYYY-MM-DD)"
    if kind == "too_short":
        return loc, "too-few-items", f"must list at least {ctx.get('min_length', 1)} item(s)"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return loc, "out-of-range", f"{_show(got)}: {msg.replace('Input should be', 'must be')}"
    text = msg.replace("Input should be", "must be")
    return loc, "bad-value", f"{_show(got)}: {text}"
