"""`fetch_fingertips` against a real HTTP server on 127.0.0.1 serving hand-made fixtures.

The plan is the bundled plan's ambition 5 alone (the suicide rate, Fingertips 41001, reported
for country, region, stp_icb and local_authority, split by sex), so it asks for two responses:
41001 at area type 502 with parent 6, and at 221 with parent 15.

Hand count of tests/fixtures/fingertips/41001_502_6.csv (11 data rows):
England 2019 - 21 and 2020 - 22, the region 2019 - 21, Bradford ×2, Leeds ×2, Leeds Male and
Female 2020 - 22 are in scope (9); Cornwall E06000052 is outside the plan (1); Leeds' most
deprived decile is a breakdown the plan does not use for this indicator (1).
Hand count of 41001_221_15.csv (6 rows): West Yorkshire ICB ×2 and Humber and North Yorkshire
ICB ×1 are in scope (3, their ``n`` prefix removed); England ×2 come from the other response
(2); Cheshire and Merseyside ICB is outside the plan (1).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from fingertips_server import FIXTURES, FingertipsStandIn

from wyoutcomes.cli import cli
from wyoutcomes.definitions import bundled_plan_path, load_plan
from wyoutcomes.errors import InputFileError, ServiceUnavailableError, UsageError
from wyoutcomes.fetch import ResponseCache, RetryPolicy, fetch_fingertips, plan_requests
from wyoutcomes.report import render_report
from wyoutcomes.store import Store

LA = "41001_502_6"
ICB = "41001_221_15"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """The stand-in is local: no proxy of the machine's may intercept it."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("no_proxy", raising=False)


@pytest.fixture(scope="module")
def plan_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    bundled = bundled_plan_path()
    shutil.copy(bundled / "plan.yaml", folder / "plan.yaml")
    shutil.copy(bundled / "05-suicide.yaml", folder / "05-suicide.yaml")
    return folder


@pytest.fixture(scope="module")
def plan(plan_path):
    return load_plan(plan_path)


@pytest.fixture
def api():
    with FingertipsStandIn(slow_seconds=1.5) as stand_in:
        yield stand_in


class Sleeps(list):
    """Records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def clock():
    return datetime(2026, 12, 5, 23, 40, tzinfo=timezone.utc)


def fetch(tmp_path, plan, api, sleeps=None, **kwargs):
    kwargs.setdefault("policy", RetryPolicy(attempts=3, backoff=0.5, timeout=0.5))
    return fetch_fingertips(
        plan,
        tmp_path / "store",
        cache=tmp_path / "cache",
        base_url=api.base_url,
        sleep=sleeps if sleeps is not None else Sleeps(),
        clock=clock,
        **kwargs,
    )


def sha256(name: str) -> str:
    return hashlib.sha256((FIXTURES / f"{name}.csv").read_bytes()).hexdigest()


def test_the_plan_asks_for_the_documented_endpoint(plan):
    (la, icb), unmapped = plan_requests(plan)
    assert la.url("https://x/api") == (
        "https://x/api/all_data/csv/by_indicator_id?indicator_ids=41001"
        "&child_area_type_id=502&parent_area_type_id=6&include_sortable_time_periods=yes"
    )
    assert (icb.child_area_type_id, icb.parent_area_type_id) == (221, 15)
    assert unmapped == []


def test_success_keeps_bytes_and_vintage_and_stores_the_plans_rows(tmp_path, plan, api):
    sleeps = Sleeps()
    result = fetch(tmp_path, plan, api, sleeps)
    assert sleeps == []
    assert [(o.rows, o.kept) for o in result.responses] == [(11, 9), (6, 3)]
    skipped = result.skipped().set_index(["indicator_id", "reason", "url"])["rows"]
    by_reason = skipped.groupby("reason").sum().to_dict()
    assert by_reason == {
        "area-outside-plan": 2,
        "breakdown-not-in-plan": 1,
        "area-type-from-other-response": 2,
    }

    # the cache holds the bytes as served, with URL, time and sha256
    cache = ResponseCache(tmp_path / "cache")
    vintages = cache.vintages()
    assert sorted(v.sha256 for v in vintages) == sorted([sha256(LA), sha256(ICB)])
    assert {v.retrieved_at for v in vintages} == {"2026-12-05T23:40:00.000Z"}
    for vintage in vintages:
        name = LA if "child_area_type_id=502" in vintage.url else ICB
        assert cache.body(vintage) == (FIXTURES / f"{name}.csv").read_bytes()

    # one submission per response, by OHID Fingertips, sourced to URL and vintage
    store = Store(tmp_path / "store")
    records = store.submissions()
    assert records["submitter"].tolist() == ["OHID Fingertips"] * 2
    assert records["accepted"].tolist() == [9, 3]
    assert sha256(LA) in records["source"][0] and "child_area_type_id=502" in records["source"][0]
    assert "retrieved 2026-12-05T23:40:00.000Z" in records["source"][0]
    values = store.read().set_index(["area_code", "period", "sex"])["value"]
    assert values[("E08000035", "2020 - 22", "Persons")] == 11.9  # Leeds, row 7 of the fixture
    assert values[("E08000035", "2020 - 22", "Male")] == 18.5
    assert values[("E54000054", "2020 - 22", "Persons")] == 12.5  # nE54000054 in the fixture
    assert values[("E92000001", "2019 - 21", "Persons")] == 10.4
    assert len(values) == 12
    assert "E06000052" not in values.index.get_level_values("area_code")


def test_a_500_is_retried_with_exponential_backoff(tmp_path, plan, api):
    api.script(LA, "500", "500")
    sleeps = Sleeps()
    result = fetch(tmp_path, plan, api, sleeps)
    assert sleeps == [0.5, 1.0]  # backoff 0.5 s, doubled
    assert sum("child_area_type_id=502" in r for r in api.requests) == 3
    assert result.responses[0].kept == 9


def test_a_busy_service_is_given_the_time_it_asks_for(tmp_path, plan, api):
    api.script(LA, "503-retry-after")  # Retry-After: 3, longer than the 0.5 s backoff
    sleeps = Sleeps()
    fetch(tmp_path, plan, api, sleeps)
    assert sleeps == [3.0]


def test_a_timeout_is_retried(tmp_path, plan, api):
    api.script(ICB, "slow")
    sleeps = Sleeps()
    result = fetch(tmp_path, plan, api, sleeps)
    assert sleeps == [0.5]
    assert result.responses[1].kept == 3


def test_a_truncated_body_is_retried_and_never_cached(tmp_path, plan, api):
    api.script(LA, "truncate")
    sleeps = Sleeps()
    fetch(tmp_path, plan, api, sleeps)
    assert sleeps == [0.5]
    cache = ResponseCache(tmp_path / "cache")
    assert sorted(v.sha256 for v in cache.vintages()) == sorted([sha256(LA), sha256(ICB)])
    assert len(list((tmp_path / "cache" / "responses").iterdir())) == 2


def test_a_service_that_keeps_failing_names_the_cache_and_ingests_nothing(tmp_path, plan, api):
    api.script(LA, "500", "500", "500")
    with pytest.raises(ServiceUnavailableError) as caught:
        fetch(tmp_path, plan, api)
    message = str(caught.value)
    assert "HTTP 500" in message and "after 3 attempt(s)" in message
    assert str(tmp_path / "cache") in message and "Nothing was ingested" in message
    assert Store(tmp_path / "store").submissions().empty
    # the response that did arrive is kept
    assert [v.sha256 for v in ResponseCache(tmp_path / "cache").vintages()] == [sha256(ICB)]


def test_an_unreachable_service_points_to_the_offline_cache(tmp_path, plan, api):
    fetch(tmp_path, plan, api)  # fills the cache
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ServiceUnavailableError, match="cannot connect") as caught:
        fetch_fingertips(
            plan,
            tmp_path / "store",
            cache=tmp_path / "cache",
            base_url=f"http://127.0.0.1:{port}/api",
            policy=RetryPolicy(attempts=2, backoff=0.1, timeout=0.5),
            sleep=Sleeps(),
        )
    assert "rerun with --offline" in str(caught.value)


def test_a_changed_column_is_a_clear_error_and_nothing_is_stored(tmp_path, plan, api):
    api.script(LA, "changed_columns_41001_502_6")
    with pytest.raises(InputFileError) as caught:
        fetch(tmp_path, plan, api)
    message = str(caught.value)
    assert "'Lower CI 95.0 limit', 'Upper CI 95.0 limit' missing" in message
    assert "child_area_type_id=502" in message and "Lower 95% CI" in message
    assert "changed its export format" in message
    assert Store(tmp_path / "store").submissions().empty
    assert len(ResponseCache(tmp_path / "cache").vintages()) == 2  # kept for inspection


def test_offline_from_the_cache_ingests_validates_and_reports(tmp_path, plan, api):
    fetch(tmp_path, plan, api)
    asked = len(api.requests)
    result = fetch_fingertips(
        plan,
        tmp_path / "offline-store",
        cache=tmp_path / "cache",
        offline=True,
        submitted_at="2026-12-06T00:00:00Z",
    )
    assert len(api.requests) == asked  # not one request
    records = Store(tmp_path / "offline-store").submissions()
    online = Store(tmp_path / "store").submissions()
    assert records["outcome"].tolist() == online["outcome"].tolist()
    assert records["sha256"].tolist() == online["sha256"].tolist()  # the same rows stored
    assert records["source"].tolist() == online["source"].tolist()  # the same vintages
    assert set(records["validation_outcome"]) <= {"accepted", "accepted_with_warnings"}
    assert [o.kept for o in result.responses] == [9, 3]

    # the report's quarter ends after the submission (the report reads the store as of then)
    html = render_report(plan, Store(tmp_path / "offline-store"), "2026/27 Q3")
    # nE54000054's 2019 - 21 and 2020 - 22 values in the fixture both hold 2020, whose suicide
    # registrations the bundled plan declares a series break (inquest delays): shown, not judged
    assert "cannot be judged yet (every value since the baseline falls in a declared series" in html
    for submission_id in records["submission_id"]:
        assert submission_id in html
    assert "2026-12-05" not in html  # retrieval time is not in the report


def test_offline_until_picks_the_vintage_of_that_time(tmp_path, plan, api):
    fetch(tmp_path, plan, api)
    cache = ResponseCache(tmp_path / "cache")
    first = cache.vintages()[0]
    later = cache.put(first.url, b"not what was fetched first", "2027-01-01", first.request)
    assert cache.latest(first.request) == later
    assert cache.latest(first.request, until="2026-12-31") == first
    result = fetch_fingertips(
        plan, tmp_path / "as-it-was", cache=cache, offline=True, until="2026-12-31"
    )
    assert [o.kept for o in result.responses] == [9, 3]


def test_a_store_rebuilt_as_retrieved_gives_the_same_report_bytes(tmp_path, plan, api):
    """Two rebuilds from one cache, on different days, give byte-identical reports: the
    submissions carry the responses' retrieval time, not the time of the rebuild."""
    fetch(tmp_path, plan, api)
    pages = []
    for name in ("rebuilt-1", "rebuilt-2"):
        fetch_fingertips(
            plan, tmp_path / name, cache=tmp_path / "cache", offline=True, as_retrieved=True
        )
        records = Store(tmp_path / name).submissions()
        assert records["submitted_at"].astype(str).tolist() == ["2026-12-05 23:40:00+00:00"] * 2
        pages.append(render_report(plan, Store(tmp_path / name), "2026/27 Q3"))
    assert pages[0] == pages[1]
    # the suicide values are shown (2020 - 22 is a declared series break, never judged)
    assert "2020 - 22" in pages[0] and "declared series break" in pages[0]
    # as of a quarter that ended before the retrieval, the rebuilt store has nothing yet
    assert "12.5 per 100,000" not in render_report(plan, Store(tmp_path / name), "2026/27 Q2")


def test_an_area_type_without_data_is_reported_not_an_error(tmp_path, plan, api):
    """A response with the header alone has no rows for that area type: reported as
    nothing in scope, no submission, and the other responses are stored."""
    api.script(ICB, "header_only")
    result = fetch(tmp_path, plan, api)
    assert [(o.rows, o.kept, o.submission is None) for o in result.responses] == [
        (11, 9, False),
        (0, 0, True),
    ]
    assert len(Store(tmp_path / "store").submissions()) == 1


@pytest.mark.parametrize("concurrency", [1, 2])
def test_requests_in_flight_are_bounded(tmp_path, plan, api, concurrency):
    api.pause = 0.3  # long enough for the two requests to overlap when allowed to
    fetch(tmp_path, plan, api, concurrency=concurrency)
    assert api.most_in_flight == concurrency


def test_the_proxy_comes_from_the_environment(tmp_path, plan, api, monkeypatch):
    """The stand-in acts as the proxy: a host that does not exist is reached through it."""
    monkeypatch.delenv("NO_PROXY")
    monkeypatch.setenv("HTTP_PROXY", api.base_url.removesuffix("/api"))
    result = fetch_fingertips(
        plan,
        tmp_path / "store",
        cache=tmp_path / "cache",
        base_url="http://fingertips.invalid/api",
        policy=RetryPolicy(attempts=1, timeout=2),
    )
    assert [o.kept for o in result.responses] == [9, 3]
    assert all(r.startswith("http://fingertips.invalid/api/all_data/") for r in api.requests)


def test_offline_without_a_cached_response_says_what_is_missing(tmp_path, plan):
    with pytest.raises(ServiceUnavailableError, match=r"no response for 2 of 2 request\(s\)"):
        fetch_fingertips(plan, tmp_path / "store", cache=tmp_path / "empty", offline=True)


def test_a_cached_body_changed_on_disk_is_refused(tmp_path, plan, api):
    fetch(tmp_path, plan, api)
    cache = ResponseCache(tmp_path / "cache")
    (cache.path / cache.vintages()[0].file).write_bytes(b"edited")
    with pytest.raises(InputFileError, match="does not match its sha256"):
        fetch_fingertips(plan, tmp_path / "again", cache=cache, offline=True)


def test_arguments_are_checked(tmp_path, plan):
    with pytest.raises(UsageError):
        fetch_fingertips(plan, tmp_path / "s", concurrency=0)
    with pytest.raises(UsageError):
        fetch_fingertips(plan, tmp_path / "s", until="2026-01-01")


def test_the_command_line_fetches_and_re_reads_offline(tmp_path, plan_path, api):
    runner = CliRunner()
    common = ["--plan", str(plan_path), "--cache", str(tmp_path / "cache")]
    online = runner.invoke(
        cli,
        [
            "fetch",
            "fingertips",
            *common,
            "--store",
            str(tmp_path / "a"),
            "--base-url",
            api.base_url,
            "--timeout",
            "5",
        ],
    )
    assert online.exit_code == 0, online.output
    assert "suicide-rate (Fingertips 41001, area type 502)" in online.output
    assert "9 of 11 row(s) in scope" in online.output
    assert "1 area-outside-plan, 1 breakdown-not-in-plan" in online.output
    assert "fetched 2/2" in online.stderr
    offline = runner.invoke(
        cli, ["fetch", "fingertips", *common, "--store", str(tmp_path / "b"), "--offline"]
    )
    assert offline.exit_code == 0, offline.output
    assert "2 response(s) from cache" in offline.stderr


def test_the_command_line_exit_code_when_fingertips_is_down(tmp_path, plan_path, api):
    api.script(LA, "500", "500")
    result = CliRunner().invoke(
        cli,
        [
            "fetch",
            "fingertips",
            "--plan",
            str(plan_path),
            "--store",
            str(tmp_path / "s"),
            "--cache",
            str(tmp_path / "c"),
            "--base-url",
            api.base_url,
            "--attempts",
            "2",
        ],
    )
    assert result.exit_code == 7
    assert "error: Fingertips is unavailable" in result.stderr
    assert str(tmp_path / "c") in result.stderr


def test_the_manifest_is_one_json_line_per_retrieval(tmp_path, plan, api):
    fetch(tmp_path, plan, api)
    fetch(tmp_path, plan, api)  # the same bytes again: kept once, recorded twice
    lines = (tmp_path / "cache" / "manifest.jsonl").read_text().splitlines()
    assert len(lines) == 4
    assert {json.loads(line)["sha256"] for line in lines} == {sha256(LA), sha256(ICB)}
    assert len(list((tmp_path / "cache" / "responses").iterdir())) == 2
    # the second fetch's rows are identical: the store records duplicates, stores nothing new
    outcomes = Store(tmp_path / "store").submissions()["outcome"].tolist()
    assert outcomes[2:] == ["duplicate", "duplicate"]
