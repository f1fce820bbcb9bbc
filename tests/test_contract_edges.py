"""Edges of the contract and of the renamed keywords: each refusal names what is wrong."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from wyoutcomes._compat import renamed_keywords
from wyoutcomes.contract import as_of_moment, canonical_values, read_values_file
from wyoutcomes.errors import InputFileError, UsageError
from wyoutcomes.progress.submissions import current_values


def test_a_frame_without_the_required_columns_is_named():
    with pytest.raises(InputFileError, match=r"missing required column\(s\) period, value"):
        canonical_values(pd.DataFrame({"indicator_id": ["x"], "area_code": ["E1"]}))


def test_an_unreadable_values_file_is_named(tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(InputFileError, match=r"broken\.parquet: cannot be read"):
        read_values_file(broken)


def test_as_of_not_a_time_is_refused():
    with pytest.raises(UsageError, match="not a date-time"):
        as_of_moment("NaT")


def test_unknown_keywords_are_refused_like_python_does():
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        renamed_keywords("f", {"colour": 1}, {"data": "values"})
    with pytest.raises(TypeError, match="unexpected keyword"):
        current_values(pd.DataFrame(), colour="red")
    with pytest.raises(TypeError, match="needs the values"):
        current_values()


def test_validate_and_ingest_need_the_values(tmp_path):
    from wyoutcomes.store import Store
    from wyoutcomes.validation import validate

    with pytest.raises(TypeError, match="needs the values"):
        validate(plan_rules=False)
    with pytest.raises(TypeError, match="needs the values"):
        Store(tmp_path / "s").ingest(submitter="Leeds", plan_rules=False)


def test_a_command_is_found_when_asked_for():
    """The group imports a command's module on first use; --help of one command works."""
    from wyoutcomes.cli import cli

    result = CliRunner().invoke(cli, ["verify", "--help"])
    assert result.exit_code == 0, result.output
    assert "--store" in result.output
    listing = CliRunner().invoke(cli, ["--help"])
    for name in ("ingest", "validate", "report", "fetch"):
        assert name in listing.output
