"""Supersession, withdrawal, as-of reads, history and revisions, as spec tables.

One history of submissions (times given, so the ids and bytes are fixed) and, beside it, the
values a reader must see at each moment — worked out by hand from the rules in docs/store.md:
the latest submission of a key wins; a withdrawal hides the key until it is submitted again.
"""

from __future__ import annotations

import pandas as pd
import pytest
from store_files import write_submission

from wyoutcomes.errors import StoreError, UsageError
from wyoutcomes.store import Store

# name, time, submitter, rows (indicator, area, period, value); "withdraw" rows drop the value
HISTORY = [
    ("S1", "2024-01-10T12:00Z", "Leeds", [("a", "E1", "2019", "10"), ("a", "E2", "2019", "20")]),
    ("S2", "2024-02-10T12:00Z", "Leeds", [("a", "E1", "2019", "11")]),
    ("S3", "2024-03-10T12:00Z", "Bradford", [("a", "E3", "2019", "30"), ("b", "E1", "2019", "5")]),
    ("W4", "2024-04-10T12:00Z", "Leeds", [("a", "E2", "2019", "withdraw")]),
    ("S5", "2024-05-10T12:00Z", "Leeds", [("a", "E2", "2019", "22")]),
]

# as_of → the published values "indicator/area=value@submission", in key order
AS_OF = [
    ("2024-01-01T00:00Z", ""),
    ("2024-01-10T12:00Z", "a/E1=10@S1 a/E2=20@S1"),  # a submission counts at its own time
    ("2024-01-10T11:59:59.999Z", ""),
    ("2024-02-15", "a/E1=11@S2 a/E2=20@S1"),
    ("S3", "a/E1=11@S2 a/E2=20@S1 a/E3=30@S3 b/E1=5@S3"),
    ("W4", "a/E1=11@S2 a/E3=30@S3 b/E1=5@S3"),
    (None, "a/E1=11@S2 a/E2=22@S5 a/E3=30@S3 b/E1=5@S3"),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """The store after HISTORY, and the submission id of each named submission."""
    folder = tmp_path_factory.mktemp("as-of")
    store = Store(folder / "store")
    ids = {}
    for name, time, submitter, rows in HISTORY:
        if rows[0][3] == "withdraw":
            keys = pd.DataFrame(
                [(i, a, p, "Persons", "All ages") for i, a, p, _ in rows],
                columns=["indicator_id", "area_code", "period", "sex", "age"],
            )
            record = store.withdraw(
                keys, submitter=submitter, reason="coding error", submitted_at=time
            )
        else:
            path = write_submission(folder, f"{name}.csv", rows)
            record = store.ingest(path, submitter=submitter, submitted_at=time, plan_rules=False)
        ids[name] = record.submission_id
    return store, ids


def _described(frame: pd.DataFrame, ids: dict[str, str]) -> str:
    names = {sid: name for name, sid in ids.items()}
    return " ".join(
        f"{row.indicator_id}/{row.area_code}={row.value:g}@{names[row.submission_id]}"
        for row in frame.itertuples()
    )


@pytest.mark.parametrize(("as_of", "expected"), AS_OF)
def test_values_as_of(ledger, as_of, expected):
    store, ids = ledger
    moment = ids.get(as_of, as_of)
    assert _described(store.read(as_of=moment), ids) == expected


def test_read_filters_by_indicator_and_area(ledger):
    store, ids = ledger
    assert (
        _described(store.read(indicators=["a"], areas=["E1", "E3"]), ids) == "a/E1=11@S2 a/E3=30@S3"
    )
    assert _described(store.read(indicators="b"), ids) == "b/E1=5@S3"


def test_read_columns_are_the_canonical_frame_plus_ledger_columns(ledger):
    store, _ = ledger
    assert store.read().columns.tolist() == [
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
        "lower_ci_99_8",
        "upper_ci_99_8",
        "numerator",
        "denominator",
        "value_note",
        "submission_id",
        "submitted_at",
        "submitter",
        "source_row",
    ]


HISTORY_OF_A_E2 = [
    # submission, value, withdrawn, status
    ("S1", 20.0, False, "superseded"),
    ("W4", None, True, "superseded"),
    ("S5", 22.0, False, "current"),
]


def test_history_shows_every_version(ledger):
    store, ids = ledger
    history = store.history("a", "E2")
    names = {sid: name for name, sid in ids.items()}
    got = [
        (
            names[row.submission_id],
            None if pd.isna(row.value) else row.value,
            row.withdrawn,
            row.status,
        )
        for row in history.itertuples()
    ]
    assert got == HISTORY_OF_A_E2
    assert history["value_note"].tolist()[1] == "coding error"


def test_history_marks_a_standing_withdrawal(store, tmp_path):
    path = write_submission(tmp_path, "a.csv", [("a", "E1", "2019", "10")])
    store.ingest(path, submitter="Leeds", submitted_at="2024-01-01")
    keys = store.read()[["indicator_id", "area_code", "period", "sex", "age"]]
    store.withdraw(keys, submitter="Leeds", reason="wrong year", submitted_at="2024-02-01")
    assert store.history("a")["status"].tolist() == ["superseded", "withdrawn"]
    assert store.read().empty


REVISIONS = [
    # since, until, expected "indicator/area change previous→new"
    ("S1", None, ["a/E1 revised 10→11", "a/E2 revised 20→22"]),
    ("S1", "W4", ["a/E1 revised 10→11", "a/E2 withdrawn 20→nan"]),
    ("S2", "S3", []),  # S3 only added new values: not revisions
    ("S5", None, []),
]


@pytest.mark.parametrize(("since", "until", "expected"), REVISIONS)
def test_revisions(ledger, since, until, expected):
    store, ids = ledger
    revisions = store.revisions(since=ids[since], until=None if until is None else ids[until])
    got = [
        f"{r.indicator_id}/{r.area_code} {r.change} {r.previous_value:g}→{r.value:g}"
        for r in revisions.itertuples()
    ]
    assert got == expected


def test_revision_names_the_revising_submission_and_difference(ledger):
    store, ids = ledger
    revision = store.revisions(since=ids["S1"]).iloc[0]
    assert revision["submission_id"] == ids["S2"]
    assert revision["previous_submission_id"] == ids["S1"]
    assert revision["difference"] == pytest.approx(1.0)


def test_unknown_submission_id_is_an_error(ledger):
    store, _ = ledger
    with pytest.raises(StoreError, match="no such submission"):
        store.read(as_of="01906da1-35c0-7000-8000-000000000000")


def test_nonsense_as_of_is_an_error(ledger):
    """A bad argument (UsageError, exit 2 per docs/cli.md), not a store problem."""
    store, _ = ledger
    with pytest.raises(UsageError, match="not a submission id or a date-time"):
        store.read(as_of="last tuesday")


def test_withdrawing_a_value_that_is_not_published_is_an_error(ledger):
    store, _ = ledger
    keys = pd.DataFrame(
        [("a", "E9", "2019", "Persons", "All ages")],
        columns=["indicator_id", "area_code", "period", "sex", "age"],
    )
    with pytest.raises(StoreError, match=r"row 1 \(indicator_id='a', area_code='E9'"):
        store.withdraw(keys, submitter="Leeds", reason="x")


def test_submissions_lists_records_in_order(ledger):
    store, ids = ledger
    records = store.submissions()
    assert records["submission_id"].tolist() == list(ids.values())
    assert records["kind"].tolist() == ["data", "data", "data", "withdrawal", "data"]
    assert records["submitter"].tolist()[2] == "Bradford"
    assert records["follows"].tolist()[1:] == list(ids.values())[:-1]
