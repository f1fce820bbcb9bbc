"""`wyoutcomes.stats` is pure computation: it imports nothing of ours but the error family."""

from __future__ import annotations

import ast
from pathlib import Path

import wyoutcomes.stats

ALLOWED_ROOTS = {"__future__", "collections", "dataclasses", "math", "re", "typing", "warnings",
                 "numpy", "pandas", "scipy"}  # fmt: skip
ALLOWED_OURS = ("wyoutcomes.errors", "wyoutcomes.stats")
FORBIDDEN_CALLS = {"open", "to_csv", "read_csv", "to_parquet", "read_parquet", "write_text"}


def _modules():
    return sorted(Path(wyoutcomes.stats.__file__).parent.glob("*.py"))


def test_imports_are_numpy_pandas_scipy_and_the_error_family_only():
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                ours = name.startswith("wyoutcomes")
                assert (ours and name.startswith(ALLOWED_OURS)) or (
                    not ours and name.split(".")[0] in ALLOWED_ROOTS
                ), f"{path.name} imports {name}"


def test_no_file_input_or_output():
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                assert called not in FORBIDDEN_CALLS, f"{path.name} calls {called}"
