"""The one exception family of wyoutcomes, and the CLI exit code of each class.

This module imports nothing, so every link of the chain may raise these errors — including
``periods``, ``stats`` and ``spc``, which otherwise import nothing of ours.

Every message names the thing, where it is (file, row, key path) and what would fix it.

>>> try:
...     raise DefinitionError("ambitions[4].targets[1].deadline: must come after the baseline")
... except WyoutcomesError as exc:
...     exc.exit_code
3
"""

from __future__ import annotations

__all__ = [
    "EXIT_CODES",
    "AreaError",
    "DefinitionError",
    "InputFileError",
    "PeriodError",
    "ServiceUnavailableError",
    "StatsInputError",
    "StoreError",
    "StoreIntegrityError",
    "UsageError",
    "WyoutcomesError",
]


class WyoutcomesError(Exception):
    """Base of every error wyoutcomes raises on purpose (a user can fix it; not a bug)."""

    #: the process exit code the CLI uses for this class of problem
    exit_code: int = 1


class UsageError(WyoutcomesError, ValueError):
    """A function or command was given an argument it cannot use (e.g. ``as_of`` that is not a
    date); ``ValueError`` too, so ordinary argument checks still catch it."""

    exit_code = 2


class DefinitionError(WyoutcomesError):
    """A plan, ambition, indicator or target definition is malformed or inconsistent."""

    exit_code = 3


class PeriodError(WyoutcomesError, ValueError):
    """A period label could not be parsed, or is of the wrong type."""

    exit_code = 3


class AreaError(WyoutcomesError, KeyError):
    """An area code is unknown, or not valid on the date asked about."""

    exit_code = 3

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class InputFileError(WyoutcomesError):
    """An input file is missing, unreadable, corrupt or not a table."""

    exit_code = 4


class StatsInputError(WyoutcomesError, ValueError):
    """Input to a statistics function breaks a rule (names the column, the group and the rule)."""

    exit_code = 4


class StoreError(WyoutcomesError):
    """A store folder cannot be opened or written as asked."""

    exit_code = 5


class StoreIntegrityError(StoreError):
    """A store folder has been tampered with: a file is missing or does not match its hash."""

    exit_code = 6


class ServiceUnavailableError(WyoutcomesError):
    """A remote data service (OHID Fingertips) cannot be reached or keeps failing, or an
    offline run finds no cached response; the message names the cache to fall back on."""

    exit_code = 7


#: documented in docs/cli.md; 1 = data rejected, 2 = usage, 70 = internal error (a bug)
EXIT_CODES: dict[str, int] = {
    "ok": 0,
    "rejected": 1,
    "usage": UsageError.exit_code,
    "definition": DefinitionError.exit_code,
    "input": InputFileError.exit_code,
    "store": StoreError.exit_code,
    "integrity": StoreIntegrityError.exit_code,
    "service": ServiceUnavailableError.exit_code,
    "internal": 70,
}
