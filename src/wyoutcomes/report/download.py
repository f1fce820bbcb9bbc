"""The progress table as a CSV file embedded in the page (a ``data:`` link works with scripts off).

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading apostrophe, so an indicator or area name can never
become a live formula on a reader's machine. Numbers are written with ``repr``-exact precision.

>>> import pandas as pd

from wyoutcomes.spreadsheet import neutralise, neutralise_frame
>>> csv_text(pd.DataFrame({"name": ["=HYPERLINK(1)", "Leeds"], "value": [-1.5, 2.0]}))
"name,value\\n'=HYPERLINK(1),-1.5\\nLeeds,2.0\\n"
"""

from __future__ import annotations

import base64

import pandas as pd

from wyoutcomes.spreadsheet import neutralise, neutralise_frame

__all__ = ["csv_data_uri", "csv_text", "neutralise"]


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV (LF line ends, UTF-8 text), with formula-like text neutralised."""
    return neutralise_frame(frame).to_csv(index=False, lineterminator="\n")


def csv_data_uri(frame_or_text: pd.DataFrame | str) -> str:
    """A ``data:`` URI holding the CSV (base64, so no character can break out of the href)."""
    text = frame_or_text if isinstance(frame_or_text, str) else csv_text(frame_or_text)
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"data:text/csv;charset=utf-8;base64,{payload}"
