"""The data cut-off of a report: which submissions count, and the rule that chose them.

Places send a quarter's data weeks after it closes, so a report for 2024/25 Q2 made on 20
October must count what arrived in October. The cut-off is therefore never the quarter's last
day by default: it is **everything submitted up to when the report is made**, read from the
data (the latest submission in the store), never from the clock, so the same store gives the
same report. An explicit cut-off makes a report reproducible later. A date means the whole day
(UTC), as pandas date slicing does: a submission at 10:00 on 15 October is "submitted by 15
October".

The previous quarter's comparison uses the same rule one quarter earlier: with the report made
20 days after Q2 ended, Q1 is read as it stood 20 days after Q1 ended (20 July), as the Q1
report would have been.

>>> import pandas as pd
>>> stamp = pd.Timestamp("2024-10-20T09:30", tz="UTC")
>>> rule = CutOff(stamp, explicit=False)
>>> rule.text
'everything submitted up to the latest submission, 20 October 2024 09:30 UTC'
>>> rule.previous().moment.isoformat()
'2024-07-20T09:30:00+00:00'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pandas as pd

__all__ = ["CutOff", "as_of_moment", "cut_off_for", "latest_submission"]


def as_of_moment(value: date | datetime | str | pd.Timestamp) -> pd.Timestamp:
    """A cut-off as a UTC instant; a date (or ``YYYY-MM-DD`` text) means the end of that day.
    The one reading is the contract's (:func:`wyoutcomes.contract.as_of_moment`).

    >>> as_of_moment("2024-10-15").isoformat()
    '2024-10-15T23:59:59.999999+00:00'
    >>> as_of_moment("2024-10-15T10:00").isoformat()
    '2024-10-15T10:00:00+00:00'
    """
    from wyoutcomes.contract import as_of_moment as contract_moment

    return contract_moment(value, "as_of")


def latest_submission(values: Any) -> pd.Timestamp | None:
    """When the latest value of ``values`` was submitted (a store's latest submission, or a
    frame's latest ``submitted_at``); None for a frame that does not say."""
    if callable(getattr(values, "submissions", None)):
        times = values.submissions()["submitted_at"]
    elif isinstance(values, pd.DataFrame) and "submitted_at" in values.columns:
        times = pd.to_datetime(values["submitted_at"], utc=True)
    else:
        return None
    return None if times.empty else pd.Timestamp(times.max())


@dataclass(frozen=True)
class CutOff:
    """A cut-off instant (None: every value counts) and whether it was given or derived."""

    moment: pd.Timestamp | None
    explicit: bool

    @property
    def text(self) -> str:
        """The sentence the report prints about its cut-off."""
        if self.moment is None:
            return "every value given (the values carry no submission times)"
        if self.explicit:
            day = self.moment.strftime("%-d %B %Y")
            whole_day = self.moment.time() == time.max
            when = f"{day} (the whole day, UTC)" if whole_day else self._when()
            return f"values submitted up to and including {when}"
        return f"everything submitted up to the latest submission, {self._when()}"

    def _when(self) -> str:
        assert self.moment is not None
        return self.moment.strftime("%-d %B %Y %H:%M UTC")

    def previous(self, quarters: int = 1) -> CutOff:
        """The same rule for the report ``quarters`` quarters earlier (same lag after its end)."""
        if self.moment is None:
            return self
        return CutOff(self.moment - pd.DateOffset(months=3 * quarters), self.explicit)


def cut_off_for(values: Any, as_of: date | datetime | str | pd.Timestamp | None) -> CutOff:
    """The cut-off a report over ``values`` uses: ``as_of`` when given, else the latest
    submission in the data (never the clock).

    >>> cut_off_for(None, "2024-10-01").text
    'values submitted up to and including 1 October 2024 (the whole day, UTC)'
    """
    if as_of is not None:
        return CutOff(as_of_moment(as_of), explicit=True)
    return CutOff(latest_submission(values), explicit=False)
