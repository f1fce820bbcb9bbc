"""The exception family and its exit codes are part of the contract (docs/cli.md)."""

import pytest

from wyoutcomes import errors


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (errors.UsageError, 2),
        (errors.DefinitionError, 3),
        (errors.PeriodError, 3),
        (errors.AreaError, 3),
        (errors.InputFileError, 4),
        (errors.StatsInputError, 4),
        (errors.StoreError, 5),
        (errors.StoreIntegrityError, 6),
        (errors.ServiceUnavailableError, 7),
    ],
)
def test_each_class_has_its_documented_exit_code(cls, code):
    assert issubclass(cls, errors.WyoutcomesError)
    assert cls.exit_code == code


def test_area_error_message_is_not_quoted_like_a_key_error():
    assert str(errors.AreaError("unknown area code 'E99'")) == "unknown area code 'E99'"


def test_exit_codes_are_distinct():
    codes = list(errors.EXIT_CODES.values())
    assert len(codes) == len(set(codes))
