"""The board charts and glyphs: hand-worked positions, text alternatives, escaping, determinism."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from wyoutcomes.report.charts.funnel import FunnelPlace, funnel_chart
from wyoutcomes.report.charts.icons import (
    ASSURANCE,
    COMPARISONS,
    VARIATION,
    assurance_icon,
    comparison_icon,
    icon_words,
    variation_icon,
)
from wyoutcomes.report.charts.inequality import Decile, SiiLine, inequality_chart
from wyoutcomes.report.charts.multiples import Panel, small_multiples

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


@pytest.mark.parametrize("code", sorted(VARIATION))
def test_every_variation_icon_is_a_named_image(code):
    root = _parse(variation_icon(code))
    name = VARIATION[code].name
    assert root.get("role") == "img"
    assert root.get("aria-label") == name
    assert root.find(f"{SVG}title").text == name
    # a high or low special cause carries its letter, so it is not told by colour alone
    letters = [t.text for t in root.iter(f"{SVG}text")]
    assert letters == ([] if code == "common_cause" else [code[-4:].strip("_")[0].upper()])
    # seven dots: the run chart inside the icon
    assert len(root.findall(f"{SVG}circle")) == 8  # the ring and seven dots


def test_concern_differs_from_improvement_by_more_than_colour():
    improving = _parse(variation_icon("special_cause_improving_high"))
    concerning = _parse(variation_icon("special_cause_concerning_high"))
    ring = f"{SVG}circle"
    assert improving.find(ring).get("stroke-dasharray") is None
    assert concerning.find(ring).get("stroke-dasharray") == "5 2.5"
    assert icon_words("special_cause_improving_high") == "Improving (high)"
    assert icon_words("special_cause_concerning_high") == "Concerning (high)"


@pytest.mark.parametrize(("code", "letter"), [("consistent_pass", "P"),
                                              ("consistent_fail", "F"),
                                              ("hit_and_miss", "?")])  # fmt: skip
def test_assurance_icons_carry_their_letter(code, letter):
    root = _parse(assurance_icon(code))
    assert [t.text for t in root.iter(f"{SVG}text")] == [letter]
    assert root.get("aria-label") == ASSURANCE[code].name


def test_missing_and_unknown_codes_are_named_not_hidden():
    for markup in (variation_icon(None), assurance_icon(""), variation_icon(float("nan"))):
        assert _parse(markup).get("aria-label") == "Not assessed"
    odd = _parse(variation_icon("<script>x</script>"))
    assert odd.get("aria-label") == "<script>x</script>"  # escaped in the markup, text here
    assert "<script>" not in str(variation_icon("<script>x</script>"))
    assert icon_words(None) == "Not assessed"


def test_comparisons_name_the_comparator():
    for code, glyph in COMPARISONS.items():
        root = _parse(comparison_icon(code, "Yorkshire and the Humber"))
        assert root.get("aria-label") == glyph.name.replace(
            "the comparator", "Yorkshire and the Humber"
        )
    assert _parse(comparison_icon("worse")).get("aria-label") == (
        "Significantly worse than England"
    )


def test_glyphs_are_the_same_bytes_every_time():
    assert variation_icon("common_cause") == variation_icon("common_cause")
    assert assurance_icon("hit_and_miss", 24) != assurance_icon("hit_and_miss", 28)


def test_funnel_positions_by_hand():
    """Limits around England's 25% (2,500 of 10,000), Wilson-free normal limits of
    p ± z·√(p(1 − p)/n) as wyoutcomes.stats.funnel_limits computes for proportions:

    * Leeds 300/1,000 = 30%: 3s half-width 3.0902 × √(0.1875/1000) × 100 = 4.23, so the upper
      99.8% limit is 29.23: above it.
    * Kirklees 90/400 = 22.5%: 2s half-width 1.96 × √(0.1875/400) × 100 = 4.24, lower 95%
      limit 20.76: within.
    * Bradford 336/1,600 = 21%: 2s lower 25 − 2.12 = 22.88, 3s lower 25 − 3.34 = 21.66: below
      the lower 99.8% limit.
    * Calderdale 280/1,200 = 23.3%: 2s lower 25 − 2.45 = 22.55: within.
    """
    places = [
        FunnelPlace("Leeds", 300, 1000),
        FunnelPlace("Kirklees", 90, 400),
        FunnelPlace("Bradford", 336, 1600),
        FunnelPlace("Calderdale", 280, 1200),
    ]
    chart = funnel_chart(
        "funnel", "Title", "Desc", places, centre=[FunnelPlace("England", 2500, 10000)]
    )
    assert chart.centre_value == pytest.approx(25.0)
    assert [row[-1] for row in chart.table] == [
        "Above the upper 99.8% limit",
        "Within the 95% limits",
        "Below the lower 99.8% limit",
        "Within the 95% limits",
    ]
    assert chart.table[0][:4] == ("Leeds", "300", "1,000", "30.0")
    root = _parse(chart.svg)
    assert root.get("role") == "img"
    assert len(root.findall(f".//{SVG}circle")) == 4
    assert len(root.findall(f".//{SVG}path")) == 4  # two funnels, two sides each
    names = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Leeds", "Kirklees", "Bradford", "Calderdale"} <= set(names)


def test_funnel_escapes_place_names():
    chart = funnel_chart(
        "f", "T", "D", [FunnelPlace("<b>Leeds</b>", 30, 100)], centre=[FunnelPlace("E", 25, 100)]
    )
    assert "<b>" not in str(chart.svg)
    assert "<b>Leeds</b>" in [t.text for t in _parse(chart.svg).iter(f"{SVG}text")]


def test_inequality_line_and_interval_by_hand():
    """Deciles 77..86 years at ranks 0.05..0.95; SII 10 (95% CI 9.5 to 10.5), intercept 76.5.

    The line runs from 76.5 at rank 0 to 86.5 at rank 1; the shaded interval pivots at the
    middle (rank ½, value 81.5): slope 9.5 gives 76.75 → 86.25, slope 10.5 gives 76.25 → 86.75.
    The y axis covers 76.25..86.75: a step of 2 would need 7 ticks (76..88), more than 6, so
    the ticks are 75..90 by 5; the plot runs 264 px (bottom) to 20 px (top), so value v sits
    at 264 − (v − 75) / 15 × 244.
    """
    deciles = [Decile(str(d), (d - 0.5) / 10, 76.0 + d, 75.5 + d, 76.5 + d) for d in range(1, 11)]
    chart = inequality_chart("le", "T", "D", deciles, SiiLine(10.0, 9.5, 10.5, 76.5))
    assert chart.line_ends == ((76.5, 86.5),)

    def y(v: float) -> float:
        return round(264 - (v - 75) / 15 * 244, 1)

    root = _parse(chart.svg)
    line = root.find(f"{SVG}line[@class='sii']")
    assert float(line.get("y1")) == y(76.5) and float(line.get("y2")) == y(86.5)
    assert float(line.get("x1")) == 64 and float(line.get("x2")) == 616
    shade = root.find(f"{SVG}path[@class='sii-interval']").get("d")
    assert shade == f"M64,{y(76.75):g} L616,{y(86.25):g} L616,{y(86.75):g} L64,{y(76.25):g} Z"
    assert chart.table[0] == ("1 (most deprived)", "0.05", "77.0", "76.5 to 77.5")
    assert chart.table[-1][0] == "10 (least deprived)"
    assert len(root.findall(f"{SVG}circle")) == 10


def test_inequality_without_a_line_draws_only_the_deciles():
    deciles = [Decile("1", 0.05, 80.0), Decile("2", 0.15, math.nan)]
    chart = inequality_chart("le", "T", "D", deciles)
    root = _parse(chart.svg)
    assert chart.line_ends == ()
    assert root.find(f"{SVG}line[@class='sii']") is None
    assert len(root.findall(f"{SVG}circle")) == 1
    assert chart.table[1] == ("2 (least deprived)", "0.15", "–", "–")


def test_small_multiples_share_their_axes():
    a = ((date(2020, 7, 1), 10.0), (date(2021, 7, 1), 12.0))
    b = ((date(2020, 7, 1), 30.0), (date(2022, 7, 1), 20.0))
    views = small_multiples(
        "m",
        [
            Panel("Leeds", a, "common_cause", "hit_and_miss", target=15.0),
            Panel("Bradford", b, "special_cause_improving_low", None, target=15.0),
            Panel("Craven", ()),
        ],
    )
    assert [v.place for v in views] == ["Leeds", "Bradford", "Craven"]
    # one shared axis over 10..30 (ticks by 5 up to six of them): every panel the same
    assert views[0].domain == views[1].domain == (10.0, 30.0)
    assert (views[0].variation_words, views[0].assurance_words) == ("Common cause", "Hit and miss")
    assert views[2].variation_words == views[2].assurance_words == "Not assessed"
    assert views[0].latest == "12.0 in 2021" and views[2].latest == "no data"
    assert "Hit and miss" not in views[0].assurance  # the glyph names it in full
    assert "consistently" not in views[0].assurance
    assert "hit and miss the target at random" in views[0].assurance
    assert "Not assessed" in views[1].assurance
    leeds, craven = _parse(views[0].svg), _parse(views[2].svg)
    assert leeds.find(f"{SVG}line[@class='target']") is not None
    assert craven.find(f"{SVG}path") is None
    # every panel has its own ids (a page holds many)
    assert leeds.find(f"{SVG}title").get("id") == "m-0-title"


def test_trajectory_draws_excluded_periods_steps_and_england():
    """A 2019–2021 series on a 2019-01-01..2022-01-01 axis (1,096 days over x 64..616):
    2020 (1 Jan to 31 Dec) is left out, a step change at 1 Jan 2021, England's 2021 value."""
    from markupsafe import Markup

    from wyoutcomes.report.charts.trajectory import ChartPoint, trajectory_chart
    from wyoutcomes.report.render import environment

    points = [ChartPoint(str(y), date(y, 7, 2), 10.0 + y - 2019) for y in (2019, 2020, 2021)]
    chart = trajectory_chart(
        "t", "Title", "Desc", points,
        excluded=[(date(2020, 1, 1), date(2020, 12, 31), "2020: <covid> collection paused")],
        steps=[(date(2021, 1, 1), "new coding")],
        england=[ChartPoint("2021", date(2021, 7, 2), 11.5), ChartPoint("x", date(2021, 1, 1),
                                                                       math.nan)],
    )  # fmt: skip

    def x(day: date) -> float:
        return round(64 + (day - date(2019, 1, 1)).days / 1096 * 552, 1)

    assert chart.excluded == ((x(date(2020, 1, 1)), x(date(2020, 12, 31)),
                               "2020: <covid> collection paused"),)  # fmt: skip
    assert chart.steps == ((x(date(2021, 1, 1)), "new coding"),)
    assert [m.title for m in chart.england] == ["England 2021: 11.5"]
    assert chart.legend[-3:] == ("england", "excluded", "step")
    macros = environment().get_template("macros.svg.j2").module
    svg = str(macros.trajectory(chart))
    assert "&lt;covid&gt;" in svg and "<covid>" not in svg
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}rect[@class='excluded']").find(f"{SVG}title").text == (
        "Left out of the judgement: 2020: <covid> collection paused"
    )
    assert root.find(f"{SVG}line[@class='step']") is not None
    assert len(root.findall(f"{SVG}path[@class='england']")) == 1
    legend = str(macros.legend(chart.legend))
    assert "England (hollow grey diamond)" in legend and "Step change" in legend
    assert isinstance(macros.trajectory(chart), Markup)
