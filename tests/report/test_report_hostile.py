"""Hostile text in every text field of a plan, a submission and a commentary file is shown as text.

The strings are the classic ones: a script element, an attribute break-out with an event
handler, a template expression (jinja2 must not evaluate data) and a spreadsheet formula.
"""

from __future__ import annotations

import base64
import csv
import io
import re
from html.parser import HTMLParser

import pytest
from report_fixtures import make_inputs, make_plan

from wyoutcomes.report.commentary import load_commentary_text
from wyoutcomes.report.render import render_inputs

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{7*7}}",
    '=HYPERLINK("http://evil.example","x")',
    "javascript:alert(1)",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _commentary(hostile: str):
    text = (
        "ambitions:\n"
        f"  1:\n    narrative: {hostile!r}\n    actions: [{hostile!r}]\n    owner: {hostile!r}\n"
    )
    # YAML single-quoted style: repr gives valid YAML scalars for these strings
    return load_commentary_text(text.replace("\\'", "''"))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_everywhere_is_shown_as_text(hostile):
    def text(s: str) -> str:
        return f"{s} {hostile}"

    plan = make_plan(10, text)
    inputs = make_inputs(plan, text=text)
    html = render_inputs(plan, inputs, commentary=_commentary(hostile))
    parsed = _parse(html)

    # nothing the data said became an element or an attribute
    assert not [t for t, _ in parsed.tags if t in ("script", "img", "iframe", "object")]
    for _, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), name
            assert not (value or "").lower().startswith("javascript:")
    # … and every hostile string is readable as text (plan, frame, notes, commentary)
    visible = "".join(parsed.text)
    assert visible.count(hostile) >= 30
    assert f"Ambition number 1 {hostile}" in visible  # plan text
    assert f"Suppressed: fewer than 5 deaths {hostile}" in visible  # a submission's value note
    assert f"Bradford {hostile}" in visible  # an area name in the progress frame
    if hostile == "{{7*7}}":
        assert "49" not in re.sub(r"[0-9a-f]{64}", "", visible.replace("{{7*7}}", ""))


def test_formula_in_the_progress_table_is_neutralised_in_the_csv_download():
    hostile = '=HYPERLINK("http://evil.example","x")'
    plan = make_plan(2, lambda s: f"{hostile}{s}")
    html = render_inputs(plan, make_inputs(plan, text=lambda s: f"{hostile}{s}"))
    href = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', html).group(1)
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(href).decode("utf-8"))))
    assert rows and all(r["indicator_name"].startswith("'=HYPERLINK") for r in rows)
    assert all(r["area_name"].startswith("'=") for r in rows)
    # numbers stay numbers: a negative change is not mistaken for a formula
    assert any(r["change_from_baseline"].startswith("-") for r in rows)
