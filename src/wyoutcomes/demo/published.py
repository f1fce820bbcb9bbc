"""The real published figures the demo starts from (``examples/data/`` in the checkout, copied
into the wheel as ``wyoutcomes/_bundled/published``), and the anchors they give the generator.

>>> figures = published_figures()
>>> float(figures.query("area_code == 'E54000005' and period == '2016 - 18'").value.iloc[0])
10.6
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from wyoutcomes.contract import canonical_values
from wyoutcomes.errors import InputFileError

__all__ = ["FIRST_RELEASE", "LATEST_RELEASE", "published_figures", "published_path"]

#: the latest release of every figure a plan indicator can carry
LATEST_RELEASE = "published_figures.csv"
#: the ONS 2021 release of the suicide rates, revised a year later
FIRST_RELEASE = "suicide_2021_release.csv"


def published_path(name: str = LATEST_RELEASE) -> Path:
    """Where a bundled published-figures file is: in the installed wheel or in the checkout."""
    packaged = resources.files("wyoutcomes") / "_bundled" / "published" / name
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "examples" / "data" / name
    if checkout.is_file():
        return checkout
    raise InputFileError(
        f"the published figures {name!r} are missing from this installation (looked in "
        f"{packaged} and {checkout}); reinstall wyoutcomes"
    )


def published_figures(name: str = LATEST_RELEASE) -> pd.DataFrame:
    """A published-figures file as a canonical frame (text key columns, float numbers)."""
    path = published_path(name)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return canonical_values(frame, str(path))
