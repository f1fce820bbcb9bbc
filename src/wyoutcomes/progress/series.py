"""From canonical submission rows to the judged series of one target in one area.

>>> import pandas as pd
>>> rows = pd.DataFrame({"indicator_id": "x", "area_code": "E08000035", "period": ["2018", "2019"],
...     "sex": "Persons", "age": "All ages", "category_type": "", "category": "",
...     "value": [10.0, 9.5], "lower_ci": float("nan"), "upper_ci": float("nan"),
...     "numerator": float("nan"), "denominator": float("nan")})
>>> [o.period for o in observations(rows, "calendar_year")]
['2018', '2019']
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period
from wyoutcomes.progress.observations import Observation, gap_series

__all__ = ["as_counts", "gap_between_groups", "headline", "observations", "one_age"]


def observations(rows: pd.DataFrame, period_type: Any) -> list[Observation]:
    """One observation per row, periods parsed with the indicator's period type, in time order."""
    series = []
    for record in rows.itertuples(index=False):
        try:
            period = Period.parse(record.period, period_type)
        except PeriodError as exc:
            raise PeriodError(
                f"progress data: indicator {record.indicator_id}, area {record.area_code}, "
                f"period {record.period!r}: {exc}"
            ) from exc
        series.append(
            Observation(
                period.label,
                period.start,
                period.end,
                period.mid,
                float(record.value),
                float(record.lower_ci),
                float(record.upper_ci),
                float(record.numerator),
                float(record.denominator),
            )
        )
    return sorted(series, key=lambda o: (o.start, o.end))


def one_age(rows: pd.DataFrame) -> pd.DataFrame:
    """Keep one age band: the one with values in most periods (ties: first in sort order).

    An indicator is judged on one population; where a submission carries several age bands
    for it, the band that is reported most consistently is the headline.
    """
    if rows["age"].nunique() <= 1:
        return rows
    counts = rows.groupby("age")["period"].nunique()
    best = sorted(counts.index, key=lambda age: (-counts[age], age))[0]
    return rows[rows["age"] == best]


def headline(rows: pd.DataFrame, period_type: Any) -> list[Observation]:
    """The indicator's own values: rows with no breakdown category."""
    return observations(one_age(rows[rows["category_type"] == ""]), period_type)


def gap_between_groups(
    rows: pd.DataFrame,
    period_type: Any,
    category_type: str,
    first: str,
    second: str,
    baseline_start: Any = None,
) -> list[Observation]:
    """The gap first − second, oriented so the baseline gap (or the earliest) is positive."""
    grouped = one_age(rows[rows["category_type"] == category_type])
    a = observations(grouped[grouped["category"] == first], period_type)
    b = observations(grouped[grouped["category"] == second], period_type)
    raw = gap_series(a, b, orientation=1)
    reference = next((g for g in raw if g.start == baseline_start), raw[0] if raw else None)
    orientation = -1 if reference is not None and reference.value < 0 else 1
    return raw if orientation == 1 else gap_series(a, b, orientation=-1)


def as_counts(series: list[Observation]) -> list[Observation]:
    """The people counted each period: the numerator where submitted, otherwise the value."""
    counted = []
    for o in series:
        n = o.numerator if math.isfinite(o.numerator) else o.value
        counted.append(Observation(o.period, o.start, o.end, o.mid, n, numerator=n))
    return counted
