"""Every chart of the report shows what progress judged: its points are the row's judged series,
its line the row's trajectory knots, its XmR table the SPC result behind the row's icons.

The page is parsed as a reader's tools would see it (the chart's point titles, the trajectory
path, the data table behind each chart, in the appendix) and compared with
``wyoutcomes.judge``'s result for the same plan, values and quarter. Two inputs: the demo's
store (every chart of the real plan) and a tiny plan whose milestone list holds one milestone
the trajectory rule drops (dated before the baseline), so a chart redrawn without the rule
would have one knot too many.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from wyoutcomes import judge
from wyoutcomes.definitions import Plan
from wyoutcomes.report import render_report
from wyoutcomes.store import Store

LEEDS, BRADFORD, WY = "E08000035", "E08000032", "E54000054"

_SECTION = re.compile(r'<section class="target" id="([^"]+)".*?</section>', re.S)
_CHART = re.compile(r'class="chart chart-trajectory".*?aria-labelledby="([^"]+)-title')
_PATH = re.compile(r'<path class="trajectory" d="([^"]*)"')
_POINT = re.compile(r'<circle class="point"[^>]*><title>Actual (.+?): ([^ <]+)')
_TABLE_ROW = re.compile(
    r'<tr><th scope="row">([^<]*)</th><td class="num">([^<]*)</td><td>[^<]*</td>'
    r'<td class="num">([^<]*)</td></tr>'
)
# the data tables behind the charts sit in the appendix, one section per target
_DATA = re.compile(r'<section class="data-table" id="([^"]+)-data".*?</section>', re.S)
_XMR_ROW = re.compile(
    r'<tr><th scope="row">([^<]*)</th><td class="num">([^<]*)</td><td class="num">[^<]*</td>'
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _number(text: str) -> float:
    """A number as printed ('1,234.5', '−0.3', '12.5%'); NaN for the en dash of no value."""
    text = html.unescape(text).strip()
    if text in ("–", ""):
        return math.nan
    return float(text.replace(",", "").replace("%", "").replace("\u2212", "-"))


def _close(shown: float, judged: float, decimals: int) -> bool:
    """Equal at the printed precision (half a unit of the last printed digit)."""
    if math.isnan(judged):
        return math.isnan(shown)
    return abs(shown - judged) <= 0.5 * 10**-decimals + 1e-9


def check_every_chart(page: str, result) -> int:
    """Assert each target section's chart and tables against the judged result; return how
    many charts were checked."""
    keys = {f"target-{_slug(r.target_id)}-{_slug(r.area_code or '')}": r.key for r in result.rows}
    decimals = {
        (t, a): int(d)
        for t, a, d in zip(
            result.frame["target_id"],
            result.frame["area_code"],
            result.frame["decimals"],
            strict=True,
        )
    }
    checked = 0
    data = {m.group(1): m.group(0) for m in _DATA.finditer(page)}
    for section in _SECTION.finditer(page):
        text = section.group(0)
        tables = data.get(section.group(1), "")
        chart = _CHART.search(text)
        if chart is None:  # "No values to chart yet": nothing judged to draw either
            continue
        row = result.row(*keys[chart.group(1)])
        d = decimals[row.key]
        judged = list(row.series) if row.complete else []
        finite = [o for o in judged if math.isfinite(o.value)]

        # the chart's points: one per finite judged value, same period, same value
        points = _POINT.findall(text[chart.start() :].split("</svg>", 1)[0])
        assert [html.unescape(p) for p, _ in points] == [o.period for o in finite], row.key
        for (_, shown), o in zip(points, finite, strict=True):
            assert _close(_number(shown), o.value, d), (row.key, o.period)

        # the chart's line: one vertex per judged knot (none without a trajectory)
        path = _PATH.search(text[chart.start() :].split("</svg>", 1)[0])
        vertices = 0 if path is None else path.group(1).count(" L") + 1
        assert vertices == len(row.knots), row.key

        # the chart's data table (appendix): every judged point, and the trajectory at its
        # mid-point
        table = tables.split("values by period", 1)[1].split("</table>", 1)[0]
        lines = _TABLE_ROW.findall(table)
        assert [html.unescape(p) for p, _, _ in lines] == [o.period for o in judged], row.key
        for (_, value, expected), o in zip(lines, judged, strict=True):
            assert _close(_number(value), o.value, d), (row.key, o.period)
            on_path = row.trajectory.expected(o.mid) if row.trajectory else math.nan
            assert _close(_number(expected), on_path, d), (row.key, o.period)

        # the XmR table: the points the SPC result behind the icons was computed on
        if row.spc is not None:
            xmr = tables.split("XmR chart values", 1)[1].split("</table>", 1)[0]
            lines = _XMR_ROW.findall(xmr)
            assert [html.unescape(p) for p, _ in lines] == [o.period for o in row.spc_series]
            for (_, value), judged_value in zip(lines, row.spc.points["value"], strict=True):
                assert _close(_number(value), judged_value, d), row.key
            # the XmR chart names its points by period (its tooltips), not by date
            first = row.spc_series[0].period
            assert f"<title>{html.escape(first)}: " in text, row.key
        else:
            assert "XmR chart values" not in tables, row.key
        checked += 1
    return checked


def _plan() -> Plan:
    indicator = {
        "id": "suicide-rate",
        "name": "Suicide rate",
        "definition": "A test indicator.",
        "unit": "per 100,000",
        "measure_type": "dsr",
        "polarity": "lower_is_better",
        "period_type": "calendar_year",
        "area_types": ["local_authority"],
        "source": {"publisher": "Test"},
        "ci_method": "none",
        "plausible_range": {"min": 0, "max": 100},
        "decimals": 1,
    }
    target = {
        "id": "suicide-cut",
        "indicator": "suicide-rate",
        "kind": "relative_change",
        "change": -0.10,
        "deadline": "2020",
        "baseline": {"period": "2016", "value": 10.0, "source": "test"},
        "trajectory": "milestones",
        # 2018 bends the path; 2015 is before the baseline, so the rule drops it
        "milestones": [{"period": "2018", "value": 9.8}, {"period": "2015", "value": 9.9}],
        "scope": {"type": "targeted_areas", "areas": [LEEDS, BRADFORD]},
    }
    return Plan.model_validate(
        {
            "id": "test-plan",
            "title": "Test plan",
            "publisher": "wyoutcomes tests",
            "published": "2019-11-01",
            "source_document": {"title": "none"},
            "version": "1",
            "area": WY,
            "places": [BRADFORD, LEEDS],
            "ambitions": [
                {
                    "number": 5,
                    "slug": "fewer-suicides",
                    "title": "Fewer suicides",
                    "statement": "A test ambition.",
                    "cites": {"page": 1},
                    "indicators": [indicator],
                    "targets": [target],
                }
            ],
        }
    )


VALUES = pd.DataFrame(
    {
        "indicator_id": "suicide-rate",
        "area_code": [LEEDS] * 4,
        "period": ["2016", "2017", "2018", "2019"],
        "value": [10.0, 9.8, 9.5, 9.6],
        "lower_ci": [9.0, 8.8, 8.6, 8.7],
        "upper_ci": [11.0, 10.8, 10.4, 10.5],
    }
)


def test_the_chart_draws_the_judged_trajectory_with_the_milestone_rule():
    """Baseline 10.0 (2016), milestone 9.8 (2018), target 9.0 (2020): three knots, not four.
    As at 2018/19 Q4 the 2019 value is not yet judged, so the chart has 2016–2018 only; the
    table's trajectory at 2018 is the milestone, 9.8 (a straight line would say 9.5)."""
    plan = _plan()
    result = judge(plan, VALUES, "2018/19 Q4")
    page = render_report(plan, VALUES, "2018/19 Q4")
    assert len(result.row("suicide-cut", LEEDS).knots) == 3
    assert check_every_chart(page, result) == 1
    tables = _DATA.search(page).group(0)  # type: ignore[union-attr]
    assert ("2018", "9.5", "9.8") in _TABLE_ROW.findall(tables)


@pytest.mark.slow  # builds the demo's whole store (about ten seconds on a quiet machine)
def test_every_chart_of_the_demo_report_is_what_progress_judged(tmp_path: Path):
    from wyoutcomes.definitions import bundled_family
    from wyoutcomes.demo.build import build_demo

    built = build_demo(tmp_path / "demo")
    assert built.report is not None
    page = built.report.read_text(encoding="utf-8")
    # the demo judges with the bundled lineage (the version in force at the quarter), and its
    # report is made as its quarter closes: the same cut-off here
    from wyoutcomes.periods import Period

    quarter_end = Period.parse(built.quarter).end
    result = judge(bundled_family(), Store(built.store), built.quarter, as_of=quarter_end)
    checked = check_every_chart(page, result)
    # every target of the plan with a judged point has its chart checked
    with_points = {r.target_id for r in result.rows if r.complete and r.series}
    assert checked >= len(with_points) > 10
    assert date.fromisoformat(str(result.as_of)[:10]) == date(2024, 9, 30)
