"""Property: a valid plan with any one value replaced by any other YAML value loads, or is a
definition error (exit 3) — never a crash in loading or in ``wyoutcomes ambitions``."""

from __future__ import annotations

import copy
import datetime
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_malformed_plans import FILES, write_plan

from wyoutcomes.cli import cli


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _leaves(value, (*path, key))]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in _leaves(value, (*path, i))]
    return [path]


LEAVES = [(name, *path) for name, doc in FILES.items() for path in _leaves(doc)]

values = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([0, -1, 10**30, float("inf"), float("nan"), 1e308, -0.0, True, None, ""]),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(where=st.sampled_from(LEAVES), value=values)
def test_any_one_value_replaced_never_crashes(where, value):
    def edit(documents: dict[str, Any]) -> None:
        node = documents
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = copy.deepcopy(value)

    with tempfile.TemporaryDirectory() as folder:
        plan = write_plan(Path(folder) / "plan", edit)
        for fmt in ("table", "csv", "json"):
            result = CliRunner().invoke(cli, ["ambitions", "--plan", str(plan), "--format", fmt])
            assert result.exit_code in (0, 3), (where, value, result.output[-2000:])
