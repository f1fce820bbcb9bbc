"""Small multiples: one target's series in every place, on one shared scale, with SPC icons.

Every panel uses the same value axis and the same time axis, so a reader compares places by
the height and slope of their lines, not by reading axes (Tufte's small multiples). Each panel
is its own small image named by the place and its latest value; its Making Data Count icons
sit beside it in the page as glyphs with text alternatives (:mod:`.icons`).

>>> from datetime import date
>>> from wyoutcomes.report.charts.multiples import Panel, small_multiples
>>> panels = small_multiples("m", [
...     Panel("Leeds", ((date(2020, 1, 1), 10.0), (date(2021, 1, 1), 12.0))),
...     Panel("Wakefield", ((date(2020, 1, 1), 20.0), (date(2021, 1, 1), 14.0)))])
>>> [p.place for p in panels], panels[0].domain == panels[1].domain
(['Leeds', 'Wakefield'], True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from wyoutcomes.report.charts.icons import assurance_icon, icon_words, variation_icon
from wyoutcomes.report.charts.scales import LinearScale, TimeScale
from wyoutcomes.report.charts.svgkit import close_svg, coord, open_svg, text
from wyoutcomes.report.formats import number

__all__ = ["Panel", "PanelView", "small_multiples"]

WIDTH, HEIGHT = 220.0, 120.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 10.0, 10.0, 24.0


@dataclass(frozen=True)
class Panel:
    """One place's series (date, value) and its SPC icon codes (None when not assessed)."""

    place: str
    points: tuple[tuple[date, float], ...]
    variation: str | None = None
    assurance: str | None = None
    target: float | None = None


@dataclass(frozen=True)
class PanelView:
    place: str
    svg: Markup
    variation: Markup
    assurance: Markup
    latest: str
    domain: tuple[float, float]
    # the icons' short words; "Not assessed" for both when the series had no SPC
    variation_words: str = ""
    assurance_words: str = ""


def small_multiples(
    chart_id: str, panels: Sequence[Panel], *, decimals: int = 1, unit: str = ""
) -> list[PanelView]:
    """One laid-out panel per place, sharing both axes (and the target line when given)."""
    values = [v for p in panels for _, v in p.points if math.isfinite(v)]
    values += [p.target for p in panels if p.target is not None and math.isfinite(p.target)]
    days = [d for p in panels for d, _ in p.points] or [date(2019, 1, 1)]
    # a fine tick step keeps the shared axis close to the data (only its ends are labelled)
    y = LinearScale.covering(values, (HEIGHT - BOTTOM, TOP), max_ticks=6)
    x = TimeScale.covering(days, (LEFT, WIDTH - RIGHT))
    views = []
    for i, p in enumerate(panels):
        shown = [(d, v) for d, v in p.points if math.isfinite(v)]
        latest = (
            f"{number(shown[-1][1], decimals)}{'%' if unit == '%' else ''} in {shown[-1][0].year}"
            if shown
            else "no data"
        )
        parts = [
            open_svg(
                f"{chart_id}-{i}",
                f"{p.place}",
                f"{len(shown)} values; latest {latest}.",
                WIDTH,
                HEIGHT,
                "chart-multiple",
            )
        ]
        for t in (y.ticks[0], y.ticks[-1]):
            parts.append(
                f'<line x1="{coord(LEFT)}" x2="{coord(WIDTH - RIGHT)}" y1="{coord(y(t))}" '
                f'y2="{coord(y(t))}" stroke="#d8dde0"/>'
            )
            parts.append(text(LEFT - 4, y(t) + 4, number(t, y.tick_decimals), "end", "tick"))
        parts.append(text(LEFT, HEIGHT - 6, str(x.domain[0].year), "start", "tick"))
        parts.append(text(WIDTH - RIGHT, HEIGHT - 6, str(x.domain[1].year - 1), "end", "tick"))
        if p.target is not None and math.isfinite(p.target):
            parts.append(
                f'<line class="target" x1="{coord(LEFT)}" x2="{coord(WIDTH - RIGHT)}" '
                f'y1="{coord(y(p.target))}" y2="{coord(y(p.target))}" stroke="#801650" '
                'stroke-width="1.5" stroke-dasharray="6 4"/>'
            )
        if shown:
            d = "M" + " L".join(f"{coord(x(day))},{coord(y(v))}" for day, v in shown)
            parts.append(f'<path d="{d}" fill="none" stroke="#12436D" stroke-width="2"/>')
            day, v = shown[-1]
            parts.append(f'<circle cx="{coord(x(day))}" cy="{coord(y(v))}" r="3" fill="#12436D"/>')
        views.append(
            PanelView(
                p.place,
                close_svg(parts),
                variation_icon(p.variation, 24),
                assurance_icon(p.assurance, 24),
                latest,
                y.domain,
                icon_words(p.variation),
                icon_words(p.assurance),
            )
        )
    return views
