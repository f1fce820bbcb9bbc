"""A funnel plot of places: each place's proportion against its denominator, inside limits.

The limits are :func:`wyoutcomes.stats.funnel_limits` around a centre — the pooled proportion
of the rows given as ``centre`` (the partnership's own row, or England's) — at about two and
three standard deviations (95% and 99.8%). A place outside the outer funnel differs from the
centre by more than chance would often give, *given its size*: the point of a funnel plot is
that small places scatter more (Spiegelhalter, "Funnel plots for comparing institutional
performance", Statistics in Medicine 24(8), 2005, https://doi.org/10.1002/sim.1970).

The chart only draws: every place's position against the limits is also written in its data
table (:attr:`FunnelChart.table`), so nothing is told by position or colour alone.

>>> from wyoutcomes.report.charts.funnel import FunnelPlace, funnel_chart
>>> places = [FunnelPlace("Leeds", 300, 1000), FunnelPlace("Kirklees", 90, 400)]
>>> chart = funnel_chart("f", "T", "D", places, centre=[FunnelPlace("England", 2500, 10000)])
>>> chart.centre_value
25.0
>>> [row[-1] for row in chart.table]
['Above the upper 99.8% limit', 'Within the 95% limits']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup, escape

from wyoutcomes.report.charts.scales import LinearScale
from wyoutcomes.report.charts.svgkit import close_svg, coord, open_svg, text
from wyoutcomes.report.formats import number
from wyoutcomes.stats import funnel_limits

__all__ = ["FunnelChart", "FunnelPlace", "funnel_chart"]

WIDTH, HEIGHT = 640.0, 360.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 24.0, 20.0, 48.0
_CURVE_POINTS = 60


@dataclass(frozen=True)
class FunnelPlace:
    """One place's count and denominator (the proportion is numerator / denominator)."""

    name: str
    numerator: float
    denominator: float


@dataclass(frozen=True)
class FunnelChart:
    chart_id: str
    svg: Markup
    centre_value: float
    # place, numerator, denominator, value, where it lies against the limits
    table: tuple[tuple[str, str, str, str, str], ...]


def _position(value: float, row: pd.Series) -> str:
    if value > row["upper_3s_limit"]:
        return "Above the upper 99.8% limit"
    if value < row["lower_3s_limit"]:
        return "Below the lower 99.8% limit"
    if value > row["upper_2s_limit"]:
        return "Above the upper 95% limit"
    if value < row["lower_2s_limit"]:
        return "Below the lower 95% limit"
    return "Within the 95% limits"


def funnel_chart(
    chart_id: str,
    title: str,
    desc: str,
    places: Sequence[FunnelPlace],
    *,
    centre: Sequence[FunnelPlace],
    centre_name: str = "England",
    multiplier: float = 100.0,
    decimals: int = 1,
) -> FunnelChart:
    """Lay out and draw the funnel plot (values are per ``multiplier``, 100 for percentages)."""
    shown = [p for p in places if p.denominator > 0 and math.isfinite(p.numerator)]
    pooled = pd.DataFrame(
        {
            "x": [c.numerator for c in centre],
            "n": [c.denominator for c in centre],
        }
    )
    biggest = max([p.denominator for p in shown] + [1.0])
    smallest = min([p.denominator for p in shown] + [biggest])
    lo_n = max(1.0, smallest * 0.5)
    hi_n = biggest * 1.1
    axis = [lo_n + (hi_n - lo_n) * i / (_CURVE_POINTS - 1) for i in range(_CURVE_POINTS)]
    curve = funnel_limits(pooled, "x", "n", multiplier=multiplier, points=axis)
    at_places = funnel_limits(
        pooled, "x", "n", multiplier=multiplier, points=[p.denominator for p in shown] or [1.0]
    )
    centre_value = float(curve["baseline"].iloc[0])
    values = [p.numerator / p.denominator * multiplier for p in shown]
    x = LinearScale.covering([0.0, hi_n], (LEFT, WIDTH - RIGHT), max_ticks=6)
    y = LinearScale.covering(
        # the limits' far ends (the smallest quarter of sizes) may run off the plot: clipped
        [
            *values,
            centre_value,
            *curve["lower_3s_limit"][len(axis) // 4 :],
            *curve["upper_3s_limit"][len(axis) // 4 :],
        ],
        (HEIGHT - BOTTOM, TOP),
        max_ticks=6,
    )
    ymin, ymax = y.domain
    parts = [open_svg(chart_id, title, desc, WIDTH, HEIGHT, "chart-funnel")]
    for t in y.ticks:
        parts.append(
            f'<line x1="{coord(LEFT)}" x2="{coord(WIDTH - RIGHT)}" y1="{coord(y(t))}" '
            f'y2="{coord(y(t))}" stroke="#d8dde0"/>'
        )
        parts.append(text(LEFT - 6, y(t) + 4, number(t, y.tick_decimals), "end", "tick"))
    for t in x.ticks:
        parts.append(text(x(t), HEIGHT - BOTTOM + 18, number(t, 0), "middle", "tick"))
    parts.append(text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, "Denominator (size)", "middle"))
    for column, dash, label in (
        ("2s", "6 4", "95% limits"),
        ("3s", "2 3", "99.8% limits"),
    ):
        for side in ("lower", "upper"):
            pts = [
                (x(n), y(min(max(v, ymin), ymax)))
                for n, v in zip(curve["denominator"], curve[f"{side}_{column}_limit"], strict=True)
            ]
            d = "M" + " L".join(f"{coord(a)},{coord(b)}" for a, b in pts)
            parts.append(
                f'<path class="limit limit-{column}" d="{d}" fill="none" stroke="#3D3D3D" '
                f'stroke-width="1.5" stroke-dasharray="{dash}"><title>{label}</title></path>'
            )
    parts.append(
        f'<line class="centre" x1="{coord(LEFT)}" x2="{coord(WIDTH - RIGHT)}" '
        f'y1="{coord(y(centre_value))}" y2="{coord(y(centre_value))}" stroke="#801650" '
        f'stroke-width="2"><title>{escape(centre_name)}: {number(centre_value, decimals)}</title>'
        "</line>"
    )
    table = []
    for p, value, (_, row) in zip(shown, values, at_places.iterrows(), strict=False):
        where = _position(value, row)
        cx, cy = x(p.denominator), y(value)
        tip = escape(f"{p.name}: {number(value, decimals)} ({where.lower()})")
        parts.append(
            f'<circle class="point" cx="{coord(cx)}" cy="{coord(cy)}" r="5" fill="#12436D">'
            f"<title>{tip}</title></circle>"
        )
        parts.append(text(cx + 8, cy - 6, p.name, "start", "tick"))
        table.append(
            (
                p.name,
                number(p.numerator, 0),
                number(p.denominator, 0),
                number(value, decimals),
                where,
            )
        )
    return FunnelChart(chart_id, close_svg(parts), centre_value, tuple(table))
