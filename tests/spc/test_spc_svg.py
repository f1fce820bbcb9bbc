"""The SVG chart: well-formed, accessible, deterministic, shapes as well as colours."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

from wyoutcomes import spc

NS = {"svg": "http://www.w3.org/2000/svg"}
BASELINE = [10.0, 12.0] * 6


def chart(**kwargs) -> spc.SPCResult:
    values = [*BASELINE, 17, 5, 11, np.nan, 12, 11]
    dates = pd.date_range("2023-04-01", periods=len(values), freq="MS")
    return spc.xmr(values, dates=dates, fix_after_n_points=12, target=15, **kwargs)


def parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def test_well_formed_with_title_and_description_it_is_labelled_by():
    root = parse(spc.svg(chart(), title="Smoking at delivery & <others>", id_prefix="c7"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title.text == "Smoking at delivery & <others>"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "17 values from 2023-04-01 to 2024-09-01" in desc.text
    assert "process limits 5.7 to 16.3" in desc.text
    assert "Variation: common cause variation." in desc.text
    assert "Target 15" in desc.text


def test_same_input_same_bytes():
    first = spc.svg(chart(), title="t", id_prefix="a").encode()
    second = spc.svg(chart(), title="t", id_prefix="a").encode()
    assert first == second


def test_ids_carry_the_prefix_so_charts_can_share_a_page():
    one = parse(spc.svg(chart(), title="t", id_prefix="first"))
    two = parse(spc.svg(chart(), title="t", id_prefix="second"))
    ids_one = {e.get("id") for e in one.iter() if e.get("id")}
    ids_two = {e.get("id") for e in two.iter() if e.get("id")}
    assert all(i.startswith("first-") for i in ids_one)
    assert not ids_one & ids_two


def test_points_differ_in_shape_and_colour_by_class():
    root = parse(spc.svg(chart(), title="t"))
    points = root.find("svg:g[@id='spc-points']", NS)
    markers = [g[0] for g in points.findall("svg:g", NS)]
    by_tip = {g.find("svg:title", NS).text: g[0] for g in points.findall("svg:g", NS)}
    assert len(markers) == 17  # 18 points, one missing
    above = by_tip["2024-04-01: 17.0 (Above UCL)"]
    below = by_tip["2024-05-01: 5.0 (Below LCL)"]
    common = by_tip["2024-06-01: 11.0 (Common Cause)"]
    assert (above.tag.split("}")[1], above.get("fill")) == ("rect", "#00b0f0")  # improvement
    assert (below.tag.split("}")[1], below.get("fill")) == ("polygon", "#e46c0a")  # concern
    assert (common.tag.split("}")[1], common.get("fill")) == ("circle", "#a6a6a6")


def test_neutral_points_are_purple_triangles():
    root = parse(spc.svg(chart(improvement="neutral"), title="t"))
    fills = {e.get("fill") for e in root.iter() if e.tag.endswith("polygon")}
    assert "#490092" in fills


def test_coordinates_have_at_most_one_decimal():
    text = spc.svg(chart(), title="t")
    numbers = [float(x) for x in re.findall(r'="(-?\d+\.\d+)"', text)]
    assert numbers and all(round(x, 1) == x for x in numbers)


@pytest.mark.parametrize("values", [[], [4.0], [3.0, 3.0, 3.0], [np.nan, np.nan]])
def test_degenerate_series_still_draw(values):
    root = parse(spc.svg(spc.xmr(values), title="nothing to see"))
    assert root.find("svg:desc", NS).text


def test_zero_based_axis_includes_zero():
    root = parse(spc.svg(spc.xmr([50.0, 52, 51, 53]), title="t", zero_based=True))
    labels = [t.text for t in root.find("svg:g[@id='spc-axis']", NS).findall("svg:text", NS)]
    assert "0" in labels


def test_period_labels_name_the_time_axis_and_the_points():
    """Making Data Count charts label the period, not the date a point was placed at: 18 months
    from April 2023, the axis ends read "2023-04" and "2024-09" and each tooltip its month."""
    result = chart()
    labels = [f"{2023 + (3 + i) // 12}-{(3 + i) % 12 + 1:02d}" for i in range(len(result.points))]
    text = spc.svg(result, title="t", labels=labels)
    assert ">2023-04</text>" in text and ">2024-09</text>" in text
    assert "<title>2023-05: 12.0" in text
    assert "2023-04-01" not in text
    with pytest.raises(ValueError, match="labels"):
        spc.svg(result, title="t", labels=labels[:-1])
