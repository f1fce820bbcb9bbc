"""Property tests of the verdicts (hypothesis): what must never move a verdict.

- Adding older history — any values for periods before the baseline period — never changes a
  verdict: the baseline is anchored, and trends, projections and the sustained-met rule use
  only what happened since it.
- Changing the value of a period inside a declared series break (`excluded_periods`) never
  changes a verdict: those values are shown, never judged.

"A verdict" is everything a board reads from a row: the status, what it rests on, the
qualifier, the change from the baseline, the trend, the projection and its probability.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from progress_spans import cy, obs

from wyoutcomes.progress.assessment import Assessment, TargetSpec, assess
from wyoutcomes.progress.independence import Exclusion

KINDS = [
    "relative_change",
    "absolute_value",
    "gap_reduction",
    "count_increase",
    "halt_trend",
    "band",
    "direction_only",
]
values = st.floats(-500, 500, allow_nan=False).map(lambda v: round(v, 2))


def verdict(result: Assessment) -> tuple:
    def same(x: float) -> object:
        return "nan" if not math.isfinite(x) else round(x, 9)

    return (
        result.status,
        result.status_basis,
        result.qualifier,
        result.reason,
        result.latest.period if result.latest else None,
        same(result.baseline_value),
        same(result.target_value),
        same(result.expected_value),
        same(result.change.difference),
        result.change.significant,
        same(result.trend_slope),
        same(result.trend_lower),
        same(result.projection_value),
        same(result.probability_met),
        result.probability_band,
        result.projection_points,
    )


@st.composite
def target_and_series(draw):
    kind = draw(st.sampled_from(KINDS))
    better = draw(st.sampled_from([-1, 1]))
    first = draw(st.integers(2010, 2016))
    years = sorted(draw(st.sets(st.integers(first, first + 10), min_size=0, max_size=9)))
    with_ci = draw(st.booleans())
    series = []
    for year in years:
        v = draw(values)
        half = draw(st.floats(0.1, 20)) if with_ci else math.nan
        series.append(obs(cy(year), v, v - half, v + half))
    lo = draw(values)
    spec = TargetSpec(
        kind=kind,
        better=0 if kind == "band" else better,
        baseline=cy(first),
        deadline=cy(first + draw(st.integers(2, 10))),
        baseline_value=draw(st.one_of(st.just(math.nan), values)),
        target_value=draw(st.one_of(st.just(math.nan), values)),
        change=draw(st.floats(-0.9, 0.9)),
        band=(lo, lo + draw(st.floats(0.0, 100.0))),
        decimals=draw(st.sampled_from([None, 1, 2])),
    )
    as_at = date(draw(st.integers(first + 1, first + 12)), 3, 31)
    return spec, series, as_at


@given(target_and_series(), st.lists(values, min_size=1, max_size=8), st.booleans())
@settings(max_examples=300, deadline=None)
def test_adding_older_history_never_changes_a_verdict(case, older_values, with_ci):
    spec, series, as_at = case
    first = spec.baseline.start.year
    older = [
        obs(
            cy(first - 1 - i), v, v - 1.0 if with_ci else math.nan, v + 1.0 if with_ci else math.nan
        )
        for i, v in enumerate(older_values)
    ]
    before = assess(spec, series, as_at)
    after = assess(spec, [*older, *series], as_at)
    assert verdict(after) == verdict(before)


@given(
    target_and_series(),
    st.integers(0, 10),
    st.integers(0, 2),
    st.lists(values, min_size=3, max_size=3),
)
@settings(max_examples=300, deadline=None)
def test_changing_an_excluded_periods_value_never_changes_a_verdict(case, offset, length, new):
    """A break of one to three calendar years somewhere in the series: whatever values those
    years hold (or whether they hold any), every verdict stays the same."""
    spec, series, as_at = case
    start_year = spec.baseline.start.year + offset
    broken = Exclusion(
        str(start_year),
        date(start_year, 1, 1),
        date(start_year + length, 12, 31),
        "not comparable",
    )
    spec = replace(spec, exclusions=(broken,))
    inside = [o for o in series if broken.covers(o)]
    changed = [
        replace(o, value=v, lower=v - 1.0, upper=v + 1.0) if broken.covers(o) else o
        for o, v in zip(series, [new[i % 3] for i in range(len(series))], strict=True)
    ]
    reference = verdict(assess(spec, series, as_at))
    assert verdict(assess(spec, changed, as_at)) == reference
    result = assess(spec, series, as_at)
    assert [o.period for o in result.excluded] == [o.period for o in inside if o.end <= as_at]
