"""`wyoutcomes demo` end to end: a store with the real figures and their revision, synthetic
values marked as demonstration data, and the quarterly report."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from wyoutcomes.cli import cli
from wyoutcomes.demo.build import demo_submissions
from wyoutcomes.demo.schedule import release_quarter, submitted_at
from wyoutcomes.periods import Period
from wyoutcomes.store import Store

pytestmark = pytest.mark.slow  # builds a whole store (about ten seconds on a quiet machine)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "out"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--quarter", "2024/25 Q2"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_prints_where_the_report_is(built: tuple[Path, str]) -> None:
    out, output = built
    assert f"Report: {out / 'report.html'}" in output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Demonstration data" in html  # the banner: synthetic rows are marked
    assert "2024/25 Q2" in html


def test_store_keeps_the_real_suicide_revision(built: tuple[Path, str]) -> None:
    store = Store(built[0] / "store", create=False)
    history = store.history("suicide-rate", "E08000035", "2019 - 21", sex="Persons")
    # ONS via suicidepreventionwestyorkshire.co.uk: Leeds 2019-21 was 13.9 in the 2021
    # release and 13.3 in the 2022 release
    assert history["value"].tolist() == [13.9, 13.3]
    assert history["status"].tolist() == ["superseded", "current"]
    first = history["submitted_at"].iloc[0]
    assert store.read(as_of=first, indicators=["suicide-rate"], areas=["E08000035"]).query(
        "period == '2019 - 21' and sex == 'Persons'"
    )["value"].tolist() == [13.9]


def test_every_value_is_real_or_marked(built: tuple[Path, str]) -> None:
    values = Store(built[0] / "store", create=False).read()
    notes = values["value_note"].fillna("")
    real = notes.str.startswith(("published:", "derived:"))
    synthetic = notes.str.contains("demonstration data")
    assert (real ^ synthetic).all()
    assert real.sum() == 44  # examples/data/published_figures.csv, every row


def test_a_folder_it_did_not_make_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "not made by `wyoutcomes demo`" in result.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_submissions_are_in_time_order_and_after_their_periods() -> None:
    submissions = demo_submissions()
    moments = [submitted_at(Period.parse(s.quarter), s.minute) for s in submissions]
    assert moments == sorted(moments)
    for submission, moment in zip(submissions, moments, strict=True):
        ends = {Period.parse(p).end for p in submission.frame["period"].unique()}
        assert max(ends) < moment.date()


def test_release_lags() -> None:
    # NCMP school years are published in the autumn after they end (August)
    assert release_quarter("academic_year", "2022/23").label == "2023/24 Q3"
    # nothing is loaded before the store was started
    assert release_quarter("financial_year", "1990/91").label == "2019/20 Q3"


def test_without_a_report_renderer_the_progress_table_is_returned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from wyoutcomes.definitions import load_plan
    from wyoutcomes.demo.build import _render

    monkeypatch.setitem(sys.modules, "wyoutcomes.report", None)  # import now fails
    store = Store(tmp_path / "store")
    progress, report = _render(load_plan(), store, Period.parse("2024/25 Q2"), tmp_path)
    assert report is None and not (tmp_path / "report.html").exists()
    assert set(progress["status"]) == {"no_data"}  # an empty store: every target has no data


def test_every_revised_promise_is_shown_beside_the_original(built: tuple[Path, str]) -> None:
    from wyoutcomes.definitions import bundled_family
    from wyoutcomes.progress.promises import describe_promise

    html = (built[0] / "report.html").read_text(encoding="utf-8")
    start = html.index('<section id="revised"')
    section = html[start : html.index("</section>", start)]
    revisions = bundled_family().revisions()
    assert len(revisions) >= 10
    for revision in revisions:
        assert describe_promise(revision.earlier, revision.earlier_target) in section
        assert describe_promise(revision.later, revision.later_target) in section
    # footprints: West Yorkshire's values carry E54000054's name; the Cancer Alliance and the
    # maternity system keep West Yorkshire and Harrogate
    assert "NHS West Yorkshire ICB" in section and "(STP)" not in section
    assert "West Yorkshire and Harrogate Cancer Alliance" in section
    assert "West Yorkshire and Harrogate Local Maternity and Neonatal System" in section
    # the quarter is judged against the refreshed plan, whose files' hash is on the cover
    plan = bundled_family().in_force("2024/25 Q2")
    assert plan.sha256 is not None and plan.sha256 in html
