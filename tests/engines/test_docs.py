"""The examples of docs/engines.md run as written (the ```pyspark ones in the spark suite)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "engines.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("number", range(len(blocks("python"))))
def test_the_python_examples_run(number, capsys):
    exec(compile(blocks("python")[number], f"docs/engines.md python block {number}", "exec"), {})
    assert capsys.readouterr().out.strip()  # each example prints its result


@pytest.mark.spark
def test_the_spark_example_runs(spark, capsys):
    (source,) = blocks("pyspark")
    exec(compile(source, "docs/engines.md pyspark block", "exec"), {"spark": spark})
    printed = capsys.readouterr().out
    assert "E08000035" in printed and "invalid-sex" in printed
