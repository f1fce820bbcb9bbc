"""Property tests of the demo's timelines: every period pools consecutive base periods that lie
inside it, and consecutive periods move on by one base period."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from wyoutcomes.demo.schedule import release_quarter
from wyoutcomes.demo.timeline import DEFAULT_FIRST, timeline

TYPES = sorted(DEFAULT_FIRST)


@settings(max_examples=40, deadline=None)
@given(kind=st.sampled_from(TYPES), last_year=st.integers(2017, 2030))
def test_periods_pool_the_base_periods_inside_them(kind: str, last_year: int) -> None:
    line = timeline(kind, last_end=date(last_year, 12, 31))
    assert all(p.end <= date(last_year, 12, 31) for p in line.periods)
    for k, period in enumerate(line.periods):
        members = [b for b, used in zip(line.bases, line.pools[k], strict=True) if used]
        assert members, period.label
        assert members[0].start == period.start and members[-1].end == period.end
        for before, after in itertools.pairwise(members):
            assert after == before.next()
    assert (line.pools[1:, 1:] == line.pools[:-1, :-1]).all()


@settings(max_examples=40, deadline=None)
@given(kind=st.sampled_from(TYPES), last_year=st.integers(2017, 2030))
def test_nothing_is_released_before_its_period_ends(kind: str, last_year: int) -> None:
    for period in timeline(kind, last_end=date(last_year, 12, 31)).periods:
        assert release_quarter(kind, period.label).end > period.end
