"""The pandera schema agrees with validate() and cannot be switched off by the environment."""

from __future__ import annotations

import pandas as pd
import pandera.config
import pandera.errors
import pytest
from validation_plan import AS_OF, FIXTURES, make_facts

from wyoutcomes.schema import submission_schema
from wyoutcomes.validation import validate


def _frame(name: str) -> pd.DataFrame:
    return (
        validate(FIXTURES / name, make_facts(), as_of=AS_OF).valid_rows().drop(columns="source_row")
        if name == "clean.csv"
        else pd.read_csv(
            FIXTURES / name, keep_default_na=False, na_values=[""], dtype={"category": str}
        )
    )


def test_clean_frame_passes_the_schema():
    frame = _frame("clean.csv")
    schema = submission_schema(make_facts(), as_of=AS_OF)
    assert schema.validate(frame, lazy=True) is not None


@pytest.mark.parametrize(
    ("name", "code", "index"),
    [
        ("ci_inverted.csv", "ci-inverted", 0),
        ("out_of_range.csv", "value-out-of-range", 1),
        ("invalid_sex.csv", "invalid-sex", 0),
    ],
)
def test_schema_failures_use_our_codes_one_per_row(name, code, index):
    frame = _frame(name)
    schema = submission_schema(make_facts(), as_of=AS_OF)
    with pytest.raises(pandera.errors.SchemaErrors) as caught:
        schema.validate(frame, lazy=True)
    cases = caught.value.failure_cases
    assert cases["check"].tolist() == [code]
    assert cases["index"].tolist() == [index]


def test_environment_cannot_switch_data_checks_off(monkeypatch):
    monkeypatch.setattr(
        pandera.config.CONFIG, "validation_depth", pandera.config.ValidationDepth.SCHEMA_ONLY
    )
    monkeypatch.setattr(pandera.config.CONFIG, "validation_enabled", False)
    schema = submission_schema(make_facts(), as_of=AS_OF)
    with pytest.raises(pandera.errors.SchemaErrors):
        schema.validate(_frame("ci_inverted.csv"), lazy=True)


def test_strict_columns_and_no_coercion():
    schema = submission_schema(plan_rules=False)
    assert schema.strict is True
    assert schema.coerce is False
    assert all(column.coerce is False for column in schema.columns.values())


def test_environment_variables_cannot_switch_checks_off():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import pandas as pd, pandera.errors as pe\n"
        "from wyoutcomes.schema import submission_schema\n"
        f"df = pd.read_csv({str(FIXTURES / 'ci_inverted.csv')!r}, keep_default_na=False,"
        " na_values=[''], dtype={'category': str})\n"
        "try:\n"
        "    submission_schema(plan_rules=False).validate(df, lazy=True)\n"
        "except pe.SchemaErrors as e:\n"
        "    print(e.failure_cases['check'].tolist())\n"
    )
    env = {
        **os.environ,
        "PANDERA_VALIDATION_ENABLED": "False",
        "PANDERA_VALIDATION_DEPTH": "SCHEMA_ONLY",
        "PYTHONPATH": str(Path(__file__).parents[2] / "src"),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['ci-inverted']"
