"""wyoutcomes: plan definitions, validated indicator data, PHE statistics, SPC and the
quarterly ambition report of the West Yorkshire and Harrogate Health and Care Partnership.

The curated public API is listed in ``__all__``; everything else is reachable through the
subpackages (``wyoutcomes.stats``, ``wyoutcomes.spc`` …) but not promised to stay put.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from wyoutcomes.errors import (
    AreaError,
    DefinitionError,
    InputFileError,
    PeriodError,
    StatsInputError,
    StoreError,
    StoreIntegrityError,
    WyoutcomesError,
)
from wyoutcomes.periods import Period, PeriodType

try:
    __version__ = version("wyoutcomes")
except PackageNotFoundError:  # running from a checkout with PYTHONPATH=src
    __version__ = "0.0.0+unknown"

__all__ = [
    "AreaError",
    "DefinitionError",
    "InputFileError",
    "Period",
    "PeriodError",
    "PeriodType",
    "StatsInputError",
    "StoreError",
    "StoreIntegrityError",
    "WyoutcomesError",
    "__version__",
]
