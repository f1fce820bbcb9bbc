"""The rendered page: structure, determinism, self-containment, and what each section says."""

from __future__ import annotations

import base64
import csv
import io
import itertools
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from report_fixtures import make_inputs, make_plan

from wyoutcomes.errors import InputFileError
from wyoutcomes.report.commentary import load_commentary_text
from wyoutcomes.report.inputs import ReportInputs
from wyoutcomes.report.render import render_inputs


@pytest.fixture(scope="module")
def plan():
    return make_plan(10)


@pytest.fixture(scope="module")
def html(plan):
    commentary = load_commentary_text(
        "ambitions:\n  3:\n    narrative: Falling in four places.\n"
        "    actions: [Expand the scheme to Wakefield]\n    owner: Director of Public Health\n"
    )
    return render_inputs(plan, make_inputs(plan), commentary=commentary)


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.ids: list[str] = []
        self.th_without_scope = 0
        self.urls: list[str] = []
        self.landmarks: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(tag)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "th" and "scope" not in a:
            self.th_without_scope += 1
        for name in ("href", "src", "srcset", "action", "poster", "data"):
            if a.get(name):
                self.urls.append(a[name])
        if tag in ("main", "nav", "header", "footer"):
            self.landmarks.append(tag)
        self._in_title = tag == "title" and not self.title

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def _outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def test_page_structure_is_accessible(html):
    page = _outline(html)
    assert page.headings.count("h1") == 1
    h1 = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert page.title == h1 == ("Test Five Year Plan: quarterly ambition report, as at 2024/25 Q2")
    assert page.th_without_scope == 0
    assert {"main", "nav", "header", "footer"} <= set(page.landmarks)
    assert 'href="#main"' in html and 'lang="en-GB"' in html
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    # headings never skip a level on the way down
    levels = [int(h[1]) for h in page.headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_every_ambition_has_a_section_and_a_summary_card(html):
    for n in range(1, 11):
        assert f'<section id="ambition-{n}"' in html
        assert f'<a href="#ambition-{n}">Ambition {n}: Ambition number {n}</a>' in html


def test_self_contained_no_network_address_no_script(html):
    page = _outline(html)
    assert page.urls, "expected in-page links"
    assert all(u.startswith(("#", "data:text/csv")) for u in page.urls), page.urls
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "default-src 'none'" in html  # the CSP forbids any load even if markup slipped in


def test_same_inputs_same_bytes_and_no_clock(plan):
    first = render_inputs(plan, make_inputs(plan))
    second = render_inputs(plan, make_inputs(plan))
    assert first == second
    assert "Generated on" not in first
    dated = render_inputs(plan, make_inputs(plan), generated_on="2024-11-05")
    assert "Generated on 2024-11-05" in dated


def test_cover_shows_vintage_and_demo_banner_only_for_demo_data(plan, html):
    assert "0190a1b2-0000-7000-8000-000000000001" in html
    assert re.search(r"SHA-256 of the data used: <span class=\"mono\">[0-9a-f]{64}</span>", html)
    assert "Demonstration data" not in html
    demo = render_inputs(plan, make_inputs(plan, demo=True))
    assert "Demonstration data — not real figures" in demo


def test_ambition_card_words(html):
    """Each ambition section opens with its card: the headline measure, its status and move."""
    first = html.index('<div class="card')
    card = html[first : html.index("</div>", first)]
    # ambition 1: its rows are on track, off track, met, not met …: the badge is the worst
    # (off track), never the first row's "on track" (docs/progress.md, rule 9); the headline
    # figure is still the partnership row, latest 2024/25 Q2, moved since last quarter
    assert "Off track" in card and "tone-bad" in card and "On track" not in card
    assert "West Yorkshire and Harrogate, 2024/25 Q2" in card
    assert "(95% CI " in card
    # a change in a percentage is in percentage points
    assert re.search(
        r"(Down|Up) [0-9.]+ percentage points? from 2024/25 Q1 \((better|worse)\)", card
    )
    # a unit other than % is written after the headline figure
    second = html[html.index('<div class="card', first + 1) :]
    assert (
        '<span class="headline-value">28.3</span> per 100,000' in second[: second.index("</div>")]
    )


def test_ambition_section_contents(html):
    section = html[html.index('<section id="ambition-3"') : html.index('<section id="ambition-4"')]
    assert "Baseline 30.0% (2019/20 Q1) → 27.0% by 2025/26 Q4" in section
    assert "Falling in four places." in section and "Expand the scheme to Wakefield" in section
    assert "<strong>Owner:</strong> Director of Public Health" in section
    for area in ("Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield", "Harrogate"):
        assert f'<th scope="row">{area}</th>' in section
    assert '<tr class="benchmark"><th scope="row">England</th>' in section
    assert "Chance of meeting the target: 37%." in section
    assert "Special cause variation: improving, low values" in section
    assert "hit and miss the target at random" in section
    assert "Latest data: 2024/25 Q2 (ends 2024-09-30, 0 months before the end of 2024/25 Q2)." in (
        section
    )
    assert "Data table for this chart (appendix)" in section


def test_data_notes_carry_suppression_revision_and_warnings(html):
    one = html[html.index('<section id="ambition-1"') : html.index('<section id="ambition-2"')]
    assert "Bradford, 2019/20 Q4: Suppressed: fewer than 5 deaths" in one
    assert "Bradford, 2023/24 Q4: revised from 29.1 to 29.4." in one
    two = html[html.index('<section id="ambition-2"') : html.index('<section id="ambition-3"')]
    assert "Validation warning: Value changed by more than 20% since the last submission" in two


def test_what_changed_section(html):
    changes = html[html.index('<section id="changes"') : html.index('<section id="appendix"')]
    assert "Compared with the report as at 2024/25 Q1" in changes
    assert "Targets whose status changed since 2024/25 Q1" in changes
    assert "Value revised" in changes and "29.1 → 29.4" in changes and "+0.3" in changes


def test_without_previous_quarter_says_so(plan):
    html = render_inputs(plan, make_inputs(plan, with_previous=False))
    assert "No comparison was made" in html
    assert "No comparison with last quarter" in html


def test_appendix_definitions_and_csv_download(html):
    appendix = html[html.index('<section id="appendix"') :]
    for n in range(1, 11):
        assert f'<h4 id="indicator-indicator-{n}">Indicator {n} rate</h4>' in appendix
        assert f'<th scope="row">target-{n}' in appendix
    href = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', appendix).group(1)
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(href).decode("utf-8"))))
    assert len(rows) == 70
    assert rows[0]["target_id"] == "target-1" and rows[0]["status"] == "on_track"
    assert 'download="progress-2024-25-Q2.csv"' in appendix


def test_missing_columns_are_a_clear_error():
    with pytest.raises(InputFileError, match="progress frame lacks column"):
        ReportInputs(quarter="2024/25 Q2", progress=pd.DataFrame(), series=pd.DataFrame())


def test_same_bytes_across_processes_and_hash_seeds():
    import hashlib
    import os
    import subprocess
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent
    code = (
        "import hashlib\n"
        "from report_fixtures import make_inputs, make_plan\n"
        "from wyoutcomes.report.render import render_inputs\n"
        "plan = make_plan(3)\n"
        "print(hashlib.sha256(render_inputs(plan, make_inputs(plan)).encode()).hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "PYTHONPATH": os.pathsep.join([str(here.parents[1] / "src"), str(here)]),
        }
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        digests.add(run.stdout.strip())
    plan = make_plan(3)
    here_digest = hashlib.sha256(render_inputs(plan, make_inputs(plan)).encode()).hexdigest()
    assert digests == {here_digest}
