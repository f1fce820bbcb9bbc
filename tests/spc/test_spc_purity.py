"""spc is pure computation: it imports numpy, pandas, the standard library, itself and
wyoutcomes.errors, and nothing else (so it never reads a file or pulls in other links)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import wyoutcomes.spc

ALLOWED_THIRD_PARTY = {"numpy", "pandas"}
SPC = Path(wyoutcomes.spc.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_spc_imports_only_numpy_pandas_stdlib_and_errors():
    for path in sorted(SPC.glob("*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            allowed = (
                top in ALLOWED_THIRD_PARTY
                or top in sys.stdlib_module_names
                or name == "wyoutcomes.errors"
                or name.startswith("wyoutcomes.spc")
            )
            assert allowed, f"{path.name} imports {name}"
