"""Property tests: submission ids, and the ledger against a model that replays submissions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wyoutcomes.store.ids import SUBMISSION_ID_PATTERN, new_submission_id, time_of

EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)
moments = st.integers(min_value=0, max_value=10**11).map(
    lambda ms: EPOCH + timedelta(milliseconds=ms)
)


@given(moment=moments, seed=st.one_of(st.none(), st.binary(max_size=8)))
def test_an_id_is_a_uuidv7_carrying_its_millisecond(moment, seed):
    sid = new_submission_id(moment, seed=seed)
    assert SUBMISSION_ID_PATTERN.match(sid)
    if seed is not None:  # ids from the clock may step past this process's last id
        assert time_of(sid) == moment
        assert new_submission_id(moment, seed=seed) == sid  # deterministic


@given(steps=st.lists(st.tuples(st.integers(0, 3), st.binary(min_size=1, max_size=4)), max_size=30))
def test_ids_made_after_the_latest_always_sort_after_it(steps):
    # a store passes its latest id as `after`: ids then follow call order even when the given
    # times are equal or step back within the same millisecond
    latest = None
    moment = EPOCH
    for advance_ms, seed in steps:
        moment += timedelta(milliseconds=advance_ms)
        sid = new_submission_id(moment, seed=seed, after=latest)
        assert SUBMISSION_ID_PATTERN.match(sid)
        assert latest is None or sid > latest
        assert time_of(sid) >= moment - timedelta(milliseconds=0)
        latest = sid


def test_ids_from_the_clock_increase_within_a_process():
    now = datetime.now(timezone.utc)
    ids = [new_submission_id(now) for _ in range(1000)]
    assert ids == sorted(ids) and len(set(ids)) == 1000


KEYS = [("a", "E1"), ("a", "E2"), ("b", "E1")]
operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("submit"),
            st.dictionaries(st.sampled_from(KEYS), st.integers(0, 99), min_size=1),
        ),
        st.tuples(st.just("withdraw"), st.sets(st.sampled_from(KEYS), min_size=1)),
    ),
    min_size=1,
    max_size=6,
)


def _frame(values: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [
        (i, a, "2019", "Persons", "All ages", "", "", str(v), str(v - 1), str(v + 1))
        for (i, a), v in sorted(values.items())
    ]
    return pd.DataFrame(
        rows,
        columns=[
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
        ],
    )


@pytest.mark.slow
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations, same_time=st.booleans())
def test_read_as_of_every_submission_matches_a_replay(make_store, tmp_path_factory, ops, same_time):
    store = make_store(tmp_path_factory.mktemp("model") / "store")
    model: dict[tuple[str, str], float] = {}
    states = []
    for n, (kind, payload) in enumerate(ops):
        time = EPOCH if same_time else EPOCH + timedelta(days=n)
        if kind == "submit":
            record = store.ingest(_frame(payload), submitter="p", submitted_at=time)
            if record.outcome == "duplicate":
                assert all(model.get(k) == v for k, v in payload.items())
            model.update({k: float(v) for k, v in payload.items()})
        else:
            published = [k for k in payload if k in model]
            if not published:
                continue
            keys = pd.DataFrame(
                [(i, a, "2019", "Persons", "All ages") for i, a in published],
                columns=["indicator_id", "area_code", "period", "sex", "age"],
            )
            record = store.withdraw(keys, submitter="p", reason="r", submitted_at=time)
            for k in published:
                del model[k]
        states.append((record.submission_id, dict(model)))
    for sid, state in states:
        got = store.read(as_of=sid)
        assert (
            dict(
                zip(
                    zip(got["indicator_id"], got["area_code"], strict=True),
                    got["value"],
                    strict=True,
                )
            )
            == state
        )
