"""Property tests of the judgement (hypothesis).

- A series lying exactly on the trajectory is on track, whatever the target's direction, size,
  span or the published precision.
- Flipping the polarity and mirroring the data (every value, CI and target negated) keeps the
  status and the qualifier: "better" is decided by polarity alone, never by the sign of numbers.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from progress_spans import cy, obs

from wyoutcomes.progress.assessment import TargetSpec, assess
from wyoutcomes.progress.observations import Observation
from wyoutcomes.progress.status import Status


@st.composite
def on_trajectory(draw):
    better = draw(st.sampled_from([-1, 1]))
    kind = draw(st.sampled_from(["relative_change", "absolute_value", "gap_reduction"]))
    if kind == "gap_reduction":
        better = -1
    baseline_value = draw(st.floats(1.0, 1000.0))
    size = draw(st.floats(0.01, 0.9))
    change = size * better
    baseline_year = draw(st.integers(2010, 2020))
    span = draw(st.integers(2, 8))
    n_points = draw(st.integers(1, span))  # all before the deadline year
    decimals = draw(st.sampled_from([None, 0, 1, 2, 3]))
    target_value = baseline_value * (1 + change)
    start, deadline = cy(baseline_year), cy(baseline_year + span)
    whole = (deadline.mid - start.mid).days
    series = []
    for year in range(baseline_year, baseline_year + n_points):
        # written independently of wyoutcomes.progress.trajectory: a straight line by hand
        fraction = (cy(year).mid - start.mid).days / whole
        series.append(obs(cy(year), baseline_value + (target_value - baseline_value) * fraction))
    spec = TargetSpec(
        kind=kind,
        better=better,
        baseline=start,
        deadline=deadline,
        baseline_value=baseline_value,
        target_value=target_value if kind == "absolute_value" else math.nan,
        change=change,
        decimals=decimals,
    )
    as_at = date(baseline_year + n_points, 3, 31)
    return spec, series, as_at


@given(on_trajectory())
@settings(max_examples=200, deadline=None)
def test_a_series_on_the_trajectory_is_on_track(case):
    spec, series, as_at = case
    result = assess(spec, series, as_at)
    if spec.decimals is None:
        assert result.status is Status.ON_TRACK
    else:
        # at the published precision a point close to the deadline may already round to the target
        assert result.status in (Status.ON_TRACK, Status.MET)
    assert result.share_of_change_achieved <= 1 + 1e-9


def _mirror_obs(o: Observation) -> Observation:
    return replace(o, value=-o.value, lower=-o.upper, upper=-o.lower)


def _neg(x: float) -> float:
    return -x if math.isfinite(x) else x


values = st.floats(-500, 500, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def any_target_and_series(draw):
    kind = draw(
        st.sampled_from(
            [
                "relative_change",
                "absolute_value",
                "gap_reduction",
                "count_increase",
                "halt_trend",
                "band",
                "direction_only",
            ]
        )
    )
    better = draw(st.sampled_from([-1, 1]))
    first = draw(st.integers(2012, 2018))
    years = sorted(draw(st.sets(st.integers(first, first + 8), min_size=0, max_size=7)))
    with_ci = draw(st.booleans())
    series = []
    for year in years:
        v = draw(values)
        half = draw(st.floats(0.1, 20)) if with_ci else math.nan
        series.append(obs(cy(year), v, v - half, v + half))
    baseline_value = draw(st.one_of(st.just(math.nan), values))
    lo = draw(values)
    hi = lo + draw(st.floats(0.0, 100.0))
    spec = TargetSpec(
        kind=kind,
        better=0 if kind == "band" else better,
        baseline=cy(first),
        deadline=cy(first + draw(st.integers(1, 9))),
        baseline_value=baseline_value,
        target_value=draw(st.one_of(st.just(math.nan), values)),
        change=draw(st.floats(-0.9, 0.9)),
        band=(lo, hi),
        decimals=draw(st.sampled_from([None, 1, 2])),
    )
    as_at = date(draw(st.integers(first, first + 10)), 3, 31)
    return spec, series, as_at


@given(any_target_and_series())
@settings(max_examples=200, deadline=None)
def test_flipping_polarity_and_mirroring_the_data_keeps_the_status(case):
    spec, series, as_at = case
    mirrored_spec = replace(
        spec,
        better=-spec.better,
        baseline_value=_neg(spec.baseline_value),
        target_value=_neg(spec.target_value),
        # count_increase's change is a number of people: it mirrors; a relative change does not
        change=-spec.change if spec.kind == "count_increase" else spec.change,
        band=(-spec.band[1], -spec.band[0]) if spec.band else None,
    )
    original = assess(spec, series, as_at)
    mirrored = assess(mirrored_spec, [_mirror_obs(o) for o in series], as_at)
    assert mirrored.status is original.status
    assert mirrored.qualifier is original.qualifier
    if math.isfinite(original.probability_met):
        assert mirrored.probability_met == original.probability_met or math.isclose(
            mirrored.probability_met, original.probability_met, abs_tol=1e-9
        )


@given(any_target_and_series(), st.lists(values, min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_values_for_later_periods_change_nothing(case, later_values):
    """As-at semantics: periods ending after the as-at date cannot move any number."""
    spec, series, as_at = case
    later = [obs(cy(as_at.year + 1 + i), v) for i, v in enumerate(later_values)]
    before = assess(spec, series, as_at)
    after = assess(spec, [*series, *later], as_at)
    assert repr(after) == repr(before)  # every field, NaNs included


@given(
    st.lists(
        st.tuples(st.sampled_from(["2018", "2019", "2020"]), values, st.integers(0, 400)),
        min_size=1,
        max_size=12,
    ),
    st.integers(0, 400),
)
@settings(max_examples=25, deadline=None)  # pandas per example: kept few for speed
def test_submissions_after_the_cut_off_change_nothing(submitted, cut_day):
    """Adding any submission after the cut-off leaves the values current at the cut-off alone."""
    import pandas as pd

    from wyoutcomes.progress.submissions import current_values

    start = pd.Timestamp("2021-01-01", tz="UTC")
    frame = pd.DataFrame(
        {
            "indicator_id": "x",
            "area_code": "E08000035",
            "period": [p for p, _, _ in submitted],
            "value": [v for _, v, _ in submitted],
            "submitted_at": [start + pd.Timedelta(days=d) for _, _, d in submitted],
        }
    )
    cut = start + pd.Timedelta(days=cut_day, hours=12)
    late = frame.assign(value=frame["value"] + 1, submitted_at=cut + pd.Timedelta(days=1))
    expected = current_values(frame, as_of=cut).sort_values("period")
    observed = current_values(pd.concat([frame, late]), as_of=cut).sort_values("period")
    assert observed["value"].tolist() == expected["value"].tolist()
