"""What :func:`~wyoutcomes.spc.xmr` and :func:`~wyoutcomes.spc.xmr_frame` return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from wyoutcomes.spc.options import SPCOptions

__all__ = ["SPCFrameResult", "SPCResult", "SPCWarning"]


class SPCWarning(NamedTuple):
    """Something a reader of the chart should know: a stable kebab-case ``code`` and a sentence.

    Codes: ``trial-limits``, ``too-few-points``, ``no-variation``, ``screening-fallback``,
    ``missing-values``, ``rebase-ignored``.
    """

    code: str
    message: str


@dataclass(frozen=True)
class SPCResult:
    """An XmR chart of one series.

    ``points`` has one row per point in date order: ``date``, ``value``, ``rebase_group``,
    ``mean``, ``lpl``, ``upl``, ``lower_2sigma``, ``upper_2sigma``, ``relative_to_mean``
    (−1/0/+1), ``outside_limits``, ``close_to_limits``, ``point_type`` (the reference's label,
    e.g. "Above UCL"; missing when unclassified), ``special_cause``, ``classification``
    (improvement / concern / neutral / common_cause) and ``trial_limits``.
    ``summary`` has one row per rebase group. The icons are stable codes or None.
    """

    points: pd.DataFrame
    summary: pd.DataFrame
    variation_icon: str | None
    assurance_icon: str | None
    warnings: tuple[SPCWarning, ...]
    improvement: str
    target: float | None
    options: SPCOptions

    @property
    def warning_codes(self) -> list[str]:
        """The codes of :attr:`warnings`, in order."""
        return [w.code for w in self.warnings]


@dataclass(frozen=True)
class SPCFrameResult:
    """XmR charts of many series: ``points`` (the columns of :class:`SPCResult.points` after
    the group columns), ``icons`` (one row per group: ``variation_icon``, ``assurance_icon``,
    ``improvement``, ``target``, ``n``), ``summary`` (one row per group × rebase group) and
    ``warnings`` (group columns, ``code``, ``message``).
    """

    points: pd.DataFrame
    icons: pd.DataFrame
    summary: pd.DataFrame
    warnings: pd.DataFrame
    options: SPCOptions
