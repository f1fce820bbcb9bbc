"""What :func:`~wyoutcomes.spc.xmr` and :func:`~wyoutcomes.spc.xmr_frame` return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from wyoutcomes.errors import StatsInputError
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
    the group columns), ``icons`` (one row per group: ``improvement``, ``target``, ``n``,
    ``latest_date``, ``variation_icon``, ``assurance_icon``), ``summary`` (one row per group ×
    rebase group) and ``warnings`` (group columns, ``code``, ``message``). ``by`` names the
    group columns; :meth:`chart` gives one group as an :class:`SPCResult` (e.g. for ``svg``).
    """

    points: pd.DataFrame
    icons: pd.DataFrame
    summary: pd.DataFrame
    warnings: pd.DataFrame
    options: SPCOptions
    by: tuple[str, ...] = ()

    def chart(self, *key: object) -> SPCResult:
        """The chart of the group whose key (one value per ``by`` column) is ``key``."""
        if len(key) != len(self.by):
            raise StatsInputError(
                f"chart{key!r}: give one value for each group column {list(self.by)} "
                "(rule 'group-key-length')"
            )

        def rows(frame: pd.DataFrame) -> pd.DataFrame:
            mask = pd.Series(True, index=frame.index)
            for column, value in zip(self.by, key, strict=True):
                mask &= frame[column] == value
            return frame[mask].drop(columns=list(self.by)).reset_index(drop=True)

        icons = rows(self.icons)
        if icons.empty:
            raise StatsInputError(f"chart{key!r}: no such group (rule 'group-unknown')")
        head = icons.iloc[0]

        def value_or_none(value: Any) -> Any:
            return None if pd.isna(value) else value

        warnings = rows(self.warnings)
        return SPCResult(
            points=rows(self.points),
            summary=rows(self.summary),
            variation_icon=value_or_none(head["variation_icon"]),
            assurance_icon=value_or_none(head["assurance_icon"]),
            warnings=tuple(
                SPCWarning(c, m) for c, m in zip(warnings["code"], warnings["message"], strict=True)
            ),
            improvement=str(head["improvement"]),
            target=value_or_none(head["target"]),
            options=self.options,
        )
