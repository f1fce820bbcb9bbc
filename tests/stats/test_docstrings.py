"""Every worked example in the statistics docstrings runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import wyoutcomes.stats

MODULES = [
    info.name for info in pkgutil.iter_modules(wyoutcomes.stats.__path__, "wyoutcomes.stats.")
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_every_public_function_has_a_worked_example():
    for name in wyoutcomes.stats.__all__:
        obj = getattr(wyoutcomes.stats, name)
        if callable(obj):
            assert ">>>" in (obj.__doc__ or ""), f"{name} has no worked example"
