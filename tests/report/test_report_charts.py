"""Chart layouts (hand-worked positions) and the SVG the macros write (well-formed, accessible)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date

from wyoutcomes.report.charts.small import PlaceRow, place_chart, sparkline
from wyoutcomes.report.charts.trajectory import ChartPoint, trajectory_chart
from wyoutcomes.report.formats import STATUSES
from wyoutcomes.report.render import environment

SVG = "{http://www.w3.org/2000/svg}"


def _chart():
    points = [
        ChartPoint("2019", date(2019, 7, 2), 10.0, 9.0, 11.0),
        ChartPoint("2020", date(2020, 7, 1), math.nan),
        ChartPoint("2021", date(2021, 7, 2), 9.0, 8.5, 9.5),
    ]
    return trajectory_chart(
        "suicide-rate-e54000054",
        "Suicide rate <off track>",
        "Two values & a gap",
        points,
        trajectory=[(date(2019, 7, 2), 10.0), (date(2024, 7, 1), 8.0)],
        baseline=ChartPoint("2019", date(2019, 7, 2), 10.0),
        target=ChartPoint("2024", date(2024, 7, 1), 8.0),
        deadline=(date(2024, 7, 1), "2024"),
        projection=ChartPoint("2024", date(2024, 7, 1), 8.5, 7.5, 9.5),
        decimals=1,
    )


def test_trajectory_layout_by_hand():
    chart = _chart()
    # y ticks: values 7.5..11 → nice ticks 7..11 step 1 (5 ticks ≤ 6); plot runs 260 → 28
    assert [label for _, label in chart.y_ticks] == ["7", "8", "9", "10", "11"]
    y_top, y_bottom = chart.plot[1], chart.plot[3]
    assert chart.y_ticks[0][0] == y_bottom and chart.y_ticks[-1][0] == y_top
    # value 10 is 3/4 of the way from 7 to 11: 260 − 0.75 × 232 = 86
    assert chart.baseline.y == 86.0
    # x: 2019-01-01 .. 2025-01-01 (2192 days) over 64..616; 2019-07-02 is day 182
    assert chart.baseline.x == round(64 + 182 / 2192 * 552, 1)
    assert chart.target.y == 202.0  # 260 − 0.25 × 232
    assert [label for _, label in chart.x_ticks] == [str(y) for y in range(2019, 2026)]
    # the missing 2020 value is left out, never drawn as zero
    assert len(chart.actuals) == 2
    assert chart.actuals[0].low == 144.0  # lower CI 9.0: 260 − 0.5 × 232
    assert chart.legend == ("actual", "trajectory", "baseline", "target", "projection")


def test_trajectory_svg_is_well_formed_and_labelled():
    svg = environment().get_template("macros.svg.j2").module.trajectory(_chart())
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == (
        "suicide-rate-e54000054-title suicide-rate-e54000054-desc"
    )
    assert root.find(f"{SVG}title").text == "Suicide rate <off track>"  # escaped, then parsed
    assert root.find(f"{SVG}desc").text == "Two values & a gap"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids and all(i.startswith("suicide-rate-e54000054-") for i in ids)
    point_titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "Actual 2021: 9.0 (95% CI 8.5 to 9.5)" in point_titles
    # coordinates are rounded: no long float tails anywhere
    assert ".00000" not in str(svg) and "99999" not in str(svg)


def test_sparkline_and_places_are_well_formed():
    module = environment().get_template("macros.svg.j2").module
    spark = sparkline("a1-spark", "Trend", "Falling", [3.0, 2.0, math.nan, 1.0])
    root = ET.fromstring(str(module.sparkline(spark)))
    assert root.get("aria-labelledby") == "a1-spark-title a1-spark-desc"
    rows = [PlaceRow("Leeds", 5.0, 4.0, 6.0), PlaceRow("England", 4.5, 4.4, 4.6, True)]
    chart = place_chart("t-places", "By place", "Latest", rows, target=4.0)
    root = ET.fromstring(str(module.places(chart)))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Leeds" in texts and "England" in texts
    assert chart.rows[1][3] is True  # England is the benchmark (drawn as a diamond)


def test_every_status_has_words_and_an_icon():
    module = environment().get_template("macros.svg.j2").module
    shapes = set()
    for style in STATUSES.values():
        assert style.words
        svg = str(module.status_icon(style))
        ET.fromstring(svg)
        assert 'aria-hidden="true"' in svg  # the words carry the meaning; the icon repeats it
        shapes.add(style.icon)
    assert {"tick", "cross", "query"} <= shapes
