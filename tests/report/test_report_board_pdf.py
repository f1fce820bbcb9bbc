"""The demo's PDF is a board pack: at most 40 A4 pages, and page 1 is the summary of every target.

Board integrated performance reports run to 20–40 pages with a one-page summary first;
the demo report (then the bundled 2019 plan's 37 targets, 57 judgements) printed to 105
pages before the board layout. WeasyPrint lays the page out once here and the test reads
what each page holds from its layout boxes (no PDF parser needed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wyoutcomes.report.pdf import weasyprint_missing

pytestmark = pytest.mark.slow  # builds the demo store and lays out ~40 pages (about a minute)


def _page_text(page) -> str:
    """Every piece of text laid out on one page, in order."""
    return " ".join(
        box.text
        for box in page._page_box.descendants()  # WeasyPrint's layout boxes: no public API
        if type(box).__name__ == "TextBox"
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    reason = weasyprint_missing()
    if reason:
        pytest.skip(reason)
    from wyoutcomes.demo.build import build_demo

    built = build_demo(tmp_path_factory.mktemp("demo") / "demo")
    assert built.report is not None
    return Path(built.report).read_text(encoding="utf-8"), built.quarter


@pytest.fixture(scope="module")
def document(demo):
    import weasyprint

    html, _ = demo
    return weasyprint.HTML(string=html).render()


def test_the_demo_pdf_is_at_most_forty_pages(document):
    assert 5 <= len(document.pages) <= 40, len(document.pages)


def test_page_one_is_the_whole_summary_and_landscape(demo, document):
    html, _ = demo
    first = _page_text(document.pages[0])
    assert "Summary of every target" in first
    # every summary row's target label is on page 1 (the table does not run over)
    summary = html[html.index('<section id="summary"') : html.index('<section id="exceptions"')]
    labels = re.findall(
        r'<th scope="row" data-ambition="[^"]*"><a href="#[^"]+">([^<]+)</a>', summary
    )
    # one row per target section of the page
    assert len(labels) == html.count('<section class="target"') > 10
    squashed = re.sub(r"\s+", "", first)
    import html as html_module

    missing = [
        label for label in labels if re.sub(r"\s+", "", html_module.unescape(label)) not in squashed
    ]
    assert missing == []
    assert "Exceptions" not in first  # the exceptions start on page 2
    width, height = document.pages[0].width, document.pages[0].height
    assert width > height  # A4 landscape for the summary
    later = document.pages[1]
    assert later.width < later.height  # the rest is portrait


def test_pages_carry_numbers_and_a_running_header(document):
    total = len(document.pages)
    third = _page_text(document.pages[2])
    assert f"Page 3 of {total}" in third
    assert "quarterly ambition report" in third  # the running header: the report's title
    assert f"Page 1 of {total}" in _page_text(document.pages[0])


def test_data_tables_are_only_in_the_appendix(demo, document):
    """No chart's data table prints inside the ambition sections: they are in the appendix."""
    appendix_from = next(
        i
        for i, page in enumerate(document.pages)
        if "Appendix: definitions, methods and data" in _page_text(page)
    )
    before = " ".join(_page_text(p) for p in document.pages[:appendix_from])
    assert "values by period" not in before and "XmR chart values" not in before
    after = " ".join(_page_text(p) for p in document.pages[appendix_from:])
    assert "values by period" in after
