"""The installed version of wyoutcomes, found without importing the rest of the package.

>>> isinstance(__version__, str)
True
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("wyoutcomes")
except PackageNotFoundError:  # running from a checkout with PYTHONPATH=src
    __version__ = "0.0.0+unknown"
