"""Benchmark: the progress frame for the bundled plan, with and without a large values table.

Prints seconds per run of `progress_frame` and, as a plain baseline measured in the same run, a
vectorised pandas pass over the same values that does the unavoidable part only (as-at filter,
latest value per indicator × area, a straight-line expected value): the ratio says what the
judgement, significance, projection and sentences cost on top of reading the numbers.

Run: PYTHONPATH=src python benchmarks/progress.py
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from wyoutcomes.definitions import load_plan
from wyoutcomes.periods import Period
from wyoutcomes.progress import progress_frame

AS_AT = "2024/25 Q2"
_START = {
    "calendar_year": "2010",
    "calendar_years_pooled": "2008 - 10",
    "financial_year": "2010/11",
    "academic_year": "2010/11",
    "financial_years_pooled": "2008/09 - 10/11",
    "financial_quarter": "2014/15 Q1",
    "month": "2014-04",
    "rolling_12_months": "12 months to 2014-03",
}
_COLUMNS = [
    "indicator_id",
    "area_code",
    "period",
    "sex",
    "age",
    "category_type",
    "category",
    "value",
    "lower_ci",
    "upper_ci",
]


def _labels(target, indicator, periods: int) -> list[str]:
    kind = indicator.period_type.value
    steps = periods * 4 if kind in ("month", "rolling_12_months") else periods
    period = Period.parse(target.baseline.period or _START[kind], indicator.period_type)
    labels = []
    for _ in range(steps):
        labels.append(period.label)
        period = period.next()
    return labels


def plan_values(plan, periods: int = 14) -> pd.DataFrame:
    """Values for every target × area, `periods` per series (months and rolling: 4 ×)."""
    rng = np.random.default_rng(2019)
    rows = []
    for target in plan.targets:
        indicator = plan.indicator(target.indicator)
        labels = _labels(target, indicator, periods)
        groups = [("", "")]
        if target.groups is not None:
            kind = target.groups.category_type
            groups = [(kind, target.groups.comparison), (kind, target.groups.reference)]
        for area in plan.scope_areas(target):
            if area is None:
                continue
            for category_type, category in groups:
                values = 50 + rng.normal(0, 2, len(labels)).cumsum() * 0.3
                for label, value in zip(labels, values, strict=True):
                    key = (indicator.id, area, label, target.sex.value, "All ages")
                    rows.append((*key, category_type, category, value, value - 1.5, value + 1.5))
    return pd.DataFrame(rows, columns=_COLUMNS).drop_duplicates(_COLUMNS[:7])


def unrelated_rows(n: int) -> pd.DataFrame:
    """A Fingertips-sized extract of indicators the plan does not judge."""
    rng = np.random.default_rng(7)
    return pd.DataFrame(
        {
            "indicator_id": [f"other-{i}" for i in rng.integers(0, 500, n)],
            "area_code": "E08000035",
            "period": [str(y) for y in rng.integers(2000, 2024, n)],
            "sex": "Persons",
            "age": rng.integers(0, 20, n).astype(str),
            "category_type": "",
            "category": np.arange(n).astype(str),
            "value": rng.normal(50, 5, n),
            "lower_ci": np.nan,
            "upper_ci": np.nan,
        }
    )


def plain_baseline(plan, values: pd.DataFrame) -> pd.DataFrame:
    """The unavoidable part, vectorised: as-at filter, latest per series, a straight line."""
    end = Period.parse(AS_AT).end
    types = {i.id: i.period_type for i in plan.indicators}
    wanted = values[values["indicator_id"].isin(types)].copy()
    pairs = wanted[["indicator_id", "period"]].drop_duplicates().itertuples(index=False)
    ends = {(i, p): Period.parse(p, types[i]).end for i, p in pairs}
    keys = zip(wanted["indicator_id"], wanted["period"], strict=True)
    wanted["end"] = [ends[k] for k in keys]
    wanted = wanted[wanted["end"] <= end].sort_values("end")
    by = ["indicator_id", "area_code", "category"]
    latest = wanted.groupby(by).tail(1).copy()
    first = wanted.groupby(by).head(1)
    latest["expected"] = first["value"].mean() * 0.9  # a stand-in line at the same cost
    return latest


def timed(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    plan = load_plan()
    values = plan_values(plan)
    big = pd.concat([values, unrelated_rows(1_000_000)], ignore_index=True)
    frame = progress_frame(plan, values, quarter=AS_AT)
    print(f"bundled plan: {len(frame)} rows (target × area), {len(values):,} values")
    for name, table in (("plan values only", values), ("plus 1,000,000 other rows", big)):
        ours = timed(lambda t=table: progress_frame(plan, t, quarter=AS_AT))
        plain = timed(lambda t=table: plain_baseline(plan, t))
        print(
            f"{name:>26}: progress_frame {ours:.3f} s ({len(frame) / ours:,.0f} rows/s), "
            f"plain pandas pass {plain:.3f} s, ratio {ours / plain:.1f}×"
        )


if __name__ == "__main__":
    main()
