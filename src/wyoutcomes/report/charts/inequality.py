"""Inequality by deprivation decile, with the slope index of inequality (SII) line.

Each decile's value (1 = most deprived) is drawn at its *relative rank*: the mid-point of its
share of the population, counted from the most deprived (OHID, "Slope index of inequality
(SII)", Public Health Outcomes Framework technical guidance; the method is
:func:`wyoutcomes.stats.sii`). The SII line runs from its value at rank 0 (the intercept) to
rank 1, rising or falling by the SII; its 95% interval is shaded as the lines whose slopes run
from the interval's lower to its upper end, pivoting at rank ½ (where the line's value is known
best). The chart draws values it is given; it computes no SII.

>>> from wyoutcomes.report.charts.inequality import Decile, SiiLine, inequality_chart
>>> deciles = [Decile(str(d), (d - 0.5) / 10, 76.0 + d) for d in range(1, 11)]
>>> chart = inequality_chart("le", "T", "D", deciles, SiiLine(10.0, 9.5, 10.5, 76.5))
>>> chart.line_ends
((76.5, 86.5),)
>>> chart.table[0]
('1 (most deprived)', '0.05', '77.0', '–')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from wyoutcomes.report.charts.scales import LinearScale
from wyoutcomes.report.charts.svgkit import close_svg, coord, open_svg, text
from wyoutcomes.report.formats import interval, number

__all__ = ["Decile", "InequalityChart", "SiiLine", "inequality_chart"]

WIDTH, HEIGHT = 640.0, 320.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 24.0, 20.0, 56.0


@dataclass(frozen=True)
class Decile:
    """One deprivation decile: its label, relative rank (0–1), value and 95% interval."""

    label: str
    rank: float
    value: float
    lower: float = math.nan
    upper: float = math.nan


@dataclass(frozen=True)
class SiiLine:
    """The SII with its 95% interval, and the line's value at rank 0 (the most deprived end)."""

    sii: float
    lower: float
    upper: float
    intercept: float


@dataclass(frozen=True)
class InequalityChart:
    chart_id: str
    svg: Markup
    line_ends: tuple[tuple[float, float], ...]  # (value at rank 0, value at rank 1), or ()
    table: tuple[tuple[str, str, str, str], ...]  # decile, rank, value, interval


def inequality_chart(
    chart_id: str,
    title: str,
    desc: str,
    deciles: Sequence[Decile],
    line: SiiLine | None = None,
    *,
    decimals: int = 1,
    unit: str = "",
) -> InequalityChart:
    """Lay out and draw deciles as dots with 95% whiskers, and the SII line when given."""
    values: list[float] = []
    for d in deciles:
        values += [v for v in (d.value, d.lower, d.upper) if math.isfinite(v)]
    ends: tuple[tuple[float, float], ...] = ()
    fan: list[tuple[float, float]] = []
    if line is not None and all(math.isfinite(v) for v in (line.sii, line.intercept)):
        ends = ((line.intercept, line.intercept + line.sii),)
        values += list(ends[0])
        if math.isfinite(line.lower) and math.isfinite(line.upper):
            middle = line.intercept + line.sii / 2
            # the lines through the middle point with the interval's slopes, at ranks 0 and 1
            fan = [
                (middle - line.lower / 2, middle + line.lower / 2),
                (middle - line.upper / 2, middle + line.upper / 2),
            ]
            values += [v for pair in fan for v in pair]
    x = LinearScale((0.0, 1.0), (LEFT, WIDTH - RIGHT), (0.0, 0.2, 0.4, 0.6, 0.8, 1.0))
    y = LinearScale.covering(values, (HEIGHT - BOTTOM, TOP), max_ticks=6)
    parts = [open_svg(chart_id, title, desc, WIDTH, HEIGHT, "chart-inequality")]
    for tick in y.ticks:
        parts.append(
            f'<line x1="{coord(LEFT)}" x2="{coord(WIDTH - RIGHT)}" y1="{coord(y(tick))}" '
            f'y2="{coord(y(tick))}" stroke="#d8dde0"/>'
        )
        parts.append(text(LEFT - 6, y(tick) + 4, number(tick, y.tick_decimals), "end", "tick"))
    for rank in x.ticks:
        parts.append(text(x(rank), HEIGHT - BOTTOM + 18, number(rank, 1), "middle", "tick"))
    parts.append(text(LEFT, HEIGHT - 10, "← most deprived", "start"))
    parts.append(text(WIDTH - RIGHT, HEIGHT - 10, "least deprived →", "end"))
    parts.append(
        text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 10, "Relative rank of deprivation", "middle")
    )
    if unit:
        parts.append(text(8, TOP - 6, unit, "start", "tick axis-unit"))
    if fan:
        (a0, a1), (b0, b1) = fan
        shade = (
            f"M{coord(x(0))},{coord(y(a0))} L{coord(x(1))},{coord(y(a1))} "
            f"L{coord(x(1))},{coord(y(b1))} L{coord(x(0))},{coord(y(b0))} Z"
        )
        tip = escape(
            f"95% interval of the slope index of inequality: "
            f"{interval(line.lower, line.upper, decimals)}"  # type: ignore[union-attr]
        )
        parts.append(
            f'<path class="sii-interval" d="{shade}" fill="#F46A25" fill-opacity="0.2" '
            f'stroke="none"><title>{tip}</title></path>'
        )
    if ends:
        v0, v1 = ends[0]
        tip = escape(f"Slope index of inequality: {number(v1 - v0, decimals)}")
        parts.append(
            f'<line class="sii" x1="{coord(x(0))}" x2="{coord(x(1))}" y1="{coord(y(v0))}" '
            f'y2="{coord(y(v1))}" stroke="#F46A25" stroke-width="2.5" stroke-dasharray="8 5">'
            f"<title>{tip}</title></line>"
        )
    table = []
    for i, decile in enumerate(deciles):
        d = decile
        label = d.label
        if i == 0:
            label += " (most deprived)"
        elif i == len(deciles) - 1:
            label += " (least deprived)"
        ci = interval(d.lower, d.upper, decimals)
        table.append((label, number(d.rank, 2), number(d.value, decimals), ci or "–"))
        if not math.isfinite(d.value):
            continue
        cx = x(d.rank)
        if math.isfinite(d.lower) and math.isfinite(d.upper):
            parts.append(
                f'<line class="whisker" x1="{coord(cx)}" x2="{coord(cx)}" y1="{coord(y(d.lower))}" '
                f'y2="{coord(y(d.upper))}" stroke="#12436D" stroke-width="1.5"/>'
            )
        tip = escape(
            f"Decile {label}: {number(d.value, decimals)}" + (f" (95% CI {ci})" if ci else "")
        )
        parts.append(
            f'<circle class="point" cx="{coord(cx)}" cy="{coord(y(d.value))}" r="4.5" '
            f'fill="#12436D"><title>{tip}</title></circle>'
        )
    return InequalityChart(chart_id, close_svg(parts), ends, tuple(table))
