"""Read a plan folder (``plan.yaml`` + one YAML file per ambition) into a checked :class:`Plan`.

YAML is read by :mod:`wyoutcomes.definitions.safe_yaml`: PyYAML's safe loader (plain mappings,
lists, strings, numbers and dates; no object construction), refusing duplicate keys (which
plain YAML would silently resolve by keeping the last), keys that are lists or mappings, alias
bombs and oversized files. A symlink among the ambition files that loops or leads nowhere is
reported, not skipped. Every problem becomes one :class:`DefinitionError` naming the file,
the key path and what is wrong.

>>> plan = load_plan()
>>> [a.number for a in plan.ambitions] == list(range(1, 11))
True
"""

from __future__ import annotations

import errno
import os
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from wyoutcomes.definitions import models
from wyoutcomes.definitions.consistency import check_plan
from wyoutcomes.definitions.lineage import check_version, plan_files_sha256
from wyoutcomes.definitions.models import Plan
from wyoutcomes.definitions.problems import Loc, Problem, raise_problems, reword_pydantic
from wyoutcomes.definitions.safe_yaml import MAX_YAML_BYTES, RefusedYamlError, load_yaml
from wyoutcomes.errors import DefinitionError

__all__ = ["BUNDLED_PLAN", "PLAN_FILE", "ambition_files", "bundled_plan_path", "load_plan"]

PLAN_FILE = "plan.yaml"
#: the folder name of the bundled plan, inside `indicators/` (repository) or the wheel
BUNDLED_PLAN = "wyh-2019"


def _known_keys() -> set[str]:
    keys: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            keys.update(obj.model_fields)
    return keys


def _read_yaml(path: Path, shown: str) -> dict[str, Any]:
    """One YAML file as a mapping, or a DefinitionError naming the file, line and problem."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:  # refused before reading: a plan file is a few kilobytes
            raise_problems(
                [
                    Problem(
                        shown,
                        (),
                        "yaml-too-large",
                        f"the file has {size:,} bytes; at most {MAX_YAML_BYTES:,} are read",
                    )
                ],
                shown,
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise_problems(
            [Problem(shown, (), "not-utf-8", f"is not UTF-8 text (byte {exc.start})")], shown
        )
    except OSError as exc:
        raise_problems([Problem(shown, (), "unreadable", f"cannot be read: {exc.strerror}")], shown)
    try:
        document = load_yaml(text)
    except RefusedYamlError as problem:
        raise_problems([Problem(shown, problem.loc, problem.code, problem.message)], shown)
    if document is None:
        raise_problems([Problem(shown, (), "empty-file", "the file is empty")], shown)
    if not isinstance(document, dict):
        raise_problems(
            [Problem(shown, (), "not-a-mapping", "must be a mapping of keys at the top level")],
            shown,
        )
    return document


def bundled_plan_path() -> Path:
    """Where the bundled WY&H 2019 plan is: inside the installed wheel, or in the checkout."""
    packaged = resources.files("wyoutcomes") / "_bundled" / "indicators" / BUNDLED_PLAN
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "indicators" / BUNDLED_PLAN
    if checkout.is_dir():
        return checkout
    raise DefinitionError(
        f"the bundled plan {BUNDLED_PLAN!r} is missing from this installation (looked in "
        f"{packaged} and {checkout}); reinstall wyoutcomes or pass a plan folder"
    )


def _ambition_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The ambition files of a plan folder, and a problem for each YAML entry that is a
    symlink looping or leading nowhere (skipping it would silently drop an ambition)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yaml", ".yml") or path.name == PLAN_FILE:
            continue
        if path.is_symlink():
            try:
                path.resolve(strict=True)
            except RuntimeError:  # Python before 3.13 reports a loop this way
                problems.append(_link_problem(path, "symlink-loop"))
                continue
            except OSError as exc:
                code = "symlink-loop" if exc.errno == errno.ELOOP else "broken-link"
                problems.append(_link_problem(path, code))
                continue
        if path.is_file():
            files.append(path)
    return files, problems


def ambition_files(folder: Path) -> list[Path]:
    """The ambition files of a plan folder, in the order the loader reads them."""
    return _ambition_files(folder)[0]


def _link_problem(path: Path, code: str) -> Problem:
    what = (
        "is a symbolic link in a loop of links"
        if code == "symlink-loop"
        else f"is a symbolic link to {path.readlink()}, which does not exist"
    )
    return Problem(str(path), (), code, f"{what}; replace it with the ambition file itself")


def load_plan(path: str | os.PathLike[str] | None = None) -> Plan:
    """Load and check a plan folder (None: the bundled West Yorkshire and Harrogate 2019 plan).

    ``path`` is the folder holding ``plan.yaml`` and one YAML file per ambition (or the
    ``plan.yaml`` itself). Raises :class:`DefinitionError` listing every problem found.

    >>> load_plan().ambition(5).title
    'Reduce suicide'
    """
    folder = bundled_plan_path() if path is None else Path(path)
    if folder.is_file() and folder.name == PLAN_FILE:
        folder = folder.parent
    shown_folder = str(folder)
    if not folder.is_dir():
        raise DefinitionError(
            f"{shown_folder}: no such plan folder (a plan folder holds {PLAN_FILE} and one YAML "
            "file per ambition)"
        )
    plan_file = folder / PLAN_FILE
    if not plan_file.is_file():
        raise DefinitionError(f"{shown_folder}: the plan folder has no {PLAN_FILE}")
    plan_doc = _read_yaml(plan_file, str(plan_file))
    files, problems = _ambition_files(folder)
    if "ambitions" in plan_doc:
        problems.append(
            Problem(
                str(plan_file),
                ("ambitions",),
                "ambitions-in-plan-file",
                "ambitions are read from the other YAML files of the folder, one per ambition; "
                "move them there",
            )
        )
    if not files:
        problems.append(
            Problem(str(plan_file), (), "no-ambitions", "the folder has no ambition files (*.yaml)")
        )
    raise_problems(problems, shown_folder)

    documents = [_read_yaml(f, str(f)) for f in files]
    shown = [str(f) for f in files]
    combined = {**plan_doc, "ambitions": documents}

    def place(loc: Loc) -> tuple[str, Loc, Loc | None]:
        """Which file a plan-level key path lives in, and the path inside that file."""
        if len(loc) >= 2 and loc[0] == "ambitions" and isinstance(loc[1], int):
            return shown[loc[1]], loc[2:], loc
        return str(plan_file), loc, None

    try:
        plan = Plan.model_validate(combined)
    except ValidationError as exc:
        known = _known_keys()
        for error in exc.errors(include_url=False):
            loc, code, message = reword_pydantic(dict(error), known)
            file, local, plan_loc = place(loc)
            problems.append(Problem(file, local, code, message, plan_loc))
        raise_problems(problems, shown_folder)
        raise  # unreachable: raise_problems raised

    for loc, code, message in [*check_plan(plan), *check_version(plan)]:
        file, local, plan_loc = place(loc)
        problems.append(Problem(file, local, code, message, plan_loc))
    raise_problems(problems, shown_folder)
    plan._folder = shown_folder
    plan._sha256 = plan_files_sha256([plan_file, *files], folder)
    return plan
