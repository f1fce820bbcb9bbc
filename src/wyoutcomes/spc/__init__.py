"""Making Data Count statistical process control: XmR charts, special-cause rules and the
variation and assurance icons, as NHSRplotthedots 0.2.2 computes them (see docs/spc.md).

Pure computation: imports numpy, pandas and :mod:`wyoutcomes.errors` only.

>>> from wyoutcomes import spc
>>> spc.xmr([3, 4, 3, 5, 4, 3, 4]).variation_icon
'common_cause'
"""

from __future__ import annotations

from wyoutcomes.spc.frame import xmr_frame
from wyoutcomes.spc.icons import ASSURANCE_ICONS, VARIATION_ICONS, improvement_for_polarity
from wyoutcomes.spc.options import SPCOptions
from wyoutcomes.spc.result import SPCFrameResult, SPCResult, SPCWarning
from wyoutcomes.spc.svg import svg
from wyoutcomes.spc.xmr import xmr

__all__ = [
    "ASSURANCE_ICONS",
    "VARIATION_ICONS",
    "SPCFrameResult",
    "SPCOptions",
    "SPCResult",
    "SPCWarning",
    "improvement_for_polarity",
    "svg",
    "xmr",
    "xmr_frame",
]
