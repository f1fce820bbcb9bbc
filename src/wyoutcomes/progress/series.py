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

from wyoutcomes.contract import CORE_FIGURE_COLUMNS, KEY_COLUMNS
from wyoutcomes.errors import PeriodError
from wyoutcomes.periods import Period
from wyoutcomes.progress.observations import Observation, gap_series

__all__ = ["as_counts", "gap_between_groups", "headline", "observations", "one_age"]

_COLUMNS = [*KEY_COLUMNS[:3], *CORE_FIGURE_COLUMNS]


def observations(rows: pd.DataFrame, period_type: Any) -> list[Observation]:
    """One observation per row with a value, periods parsed with the indicator's period type, in
    time order."""
    series = []
    columns = [rows[c].tolist() for c in _COLUMNS]  # plain lists: itertuples is slow on many
    for indicator_id, area_code, label, value, lower, upper, x, n in zip(*columns, strict=True):
        if not math.isfinite(value):
            continue  # a suppressed or missing value is no value: the period has no point
        try:
            period = Period.parse(label, period_type)
        except PeriodError as exc:
            raise PeriodError(
                f"progress data: indicator {indicator_id}, area {area_code}, "
                f"period {label!r}: {exc}"
            ) from exc
        series.append(
            Observation(
                period.label,
                period.start,
                period.end,
                period.mid,
                float(value),
                float(lower),
                float(upper),
                float(x),
                float(n),
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
