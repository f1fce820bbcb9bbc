"""The two small charts: a sparkline for the summary grid and a dot-and-whisker row by place.

>>> spark = sparkline("a1-spark", "Trend", "Falling", [10.0, 9.0, 9.5])
>>> spark.path
'M2,4 L60,28 L118,16'
>>> spark.last
(118.0, 16.0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from wyoutcomes.report.charts.scales import BandScale, LinearScale, px
from wyoutcomes.report.charts.trajectory import Marker
from wyoutcomes.report.formats import interval, number

__all__ = ["PlaceChart", "PlaceRow", "Sparkline", "place_chart", "sparkline"]


@dataclass(frozen=True)
class Sparkline:
    chart_id: str
    title: str
    desc: str
    width: float
    height: float
    path: str
    last: tuple[float, float] | None


def sparkline(
    chart_id: str,
    title: str,
    desc: str,
    values: Sequence[float],
    *,
    width: float = 120.0,
    height: float = 32.0,
) -> Sparkline:
    """A line through the values, evenly spaced, with the last value marked; gaps are skipped."""
    pad = 2.0
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return Sparkline(chart_id, title, desc, width, height, "", None)
    lo, hi = min(finite), max(finite)
    y = LinearScale((lo, hi), (height - pad * 2, pad * 2))
    step = (width - pad * 2) / max(len(values) - 1, 1)
    coords = [
        (px(pad + i * step), y(v))
        for i, v in enumerate(values)
        if v is not None and math.isfinite(v)
    ]
    if len(coords) == 1:
        coords = [(px(pad), coords[0][1]), coords[0]]
    path = "M" + " L".join(f"{cx:g},{cy:g}" for cx, cy in coords)
    return Sparkline(chart_id, title, desc, width, height, path, coords[-1])


@dataclass(frozen=True)
class PlaceRow:
    """One area's latest value and interval; ``is_benchmark`` marks England (drawn as a diamond)."""

    name: str
    value: float
    lower: float = math.nan
    upper: float = math.nan
    is_benchmark: bool = False


@dataclass(frozen=True)
class PlaceChart:
    chart_id: str
    title: str
    desc: str
    width: float
    height: float
    plot: tuple[float, float, float, float]
    x_ticks: tuple[tuple[float, str], ...]
    rows: tuple[tuple[float, str, Marker | None, bool], ...]  # y, name, marker, benchmark
    target: float | None


#: characters of an area name that fit the place chart's 200-pixel label column at 11 px
LABEL_CHARS = 30


def fit_label(name: str, limit: int = LABEL_CHARS) -> str:
    """An area name short enough for the label column (the full name is in each point's title
    and in the data table beside the chart).

    >>> fit_label("West Yorkshire and Harrogate Health and Care Partnership (STP)")
    'West Yorkshire and Harrogate…'
    >>> fit_label("Calderdale")
    'Calderdale'
    """
    if len(name) <= limit:
        return name
    cut = name[: limit - 1].rsplit(" ", 1)[0] if " " in name[: limit - 1] else name[: limit - 1]
    return cut.rstrip(" ,-") + "…"


def place_chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[PlaceRow],
    *,
    target: float | None = None,
    decimals: int = 1,
    width: float = 640.0,
    row_height: float = 26.0,
) -> PlaceChart:
    """Dots with 95% whiskers, one row per area, and the target as a dashed rule."""
    left, right, top, bottom = 200.0, 24.0, 8.0, 32.0
    height = top + bottom + row_height * max(len(rows), 1)
    values: list[float] = []
    for r in rows:
        values += [v for v in (r.value, r.lower, r.upper) if math.isfinite(v)]
    if target is not None and math.isfinite(target):
        values.append(target)
    x = LinearScale.covering(values, (left, width - right), max_ticks=7)
    names = [r.name for r in rows]
    # names must be distinct for the band scale; two areas with one name get a numbered slot
    slots = [f"{i}:{n}" for i, n in enumerate(names)]
    band = BandScale(tuple(slots), (top, height - bottom))
    laid: list[tuple[float, str, Marker | None, bool]] = []
    for slot, r in zip(slots, rows, strict=True):
        cy = band.position(slot)
        marker = None
        if math.isfinite(r.value):
            has_ci = math.isfinite(r.lower) and math.isfinite(r.upper)
            text = f"{r.name}: {number(r.value, decimals)}"
            if has_ci:
                text += f" (95% CI {interval(r.lower, r.upper, decimals)})"
            marker = Marker(
                x(r.value), cy, text, x(r.lower) if has_ci else None, x(r.upper) if has_ci else None
            )
        laid.append((cy, fit_label(r.name), marker, r.is_benchmark))
    return PlaceChart(
        chart_id=chart_id,
        title=title,
        desc=desc,
        width=width,
        height=px(height),
        plot=(left, top, width - right, px(height - bottom)),
        x_ticks=tuple((x(t), number(t, x.tick_decimals)) for t in x.ticks),
        rows=tuple(laid),
        target=None if target is None or not math.isfinite(target) else x(target),
    )
