"""The few SVG pieces the board charts write, with every piece of text escaped.

Charts drawn in Python (funnel, inequality, small multiples) build their SVG from these, so a
place name holding markup is shown as text and every number is written the same way on every
machine (one decimal place at most, no exponent).

>>> str(text(10, 20.04, "<Leeds>"))
'<text x="10" y="20" text-anchor="start">&lt;Leeds&gt;</text>'
>>> open_svg("c1", "A & B", "desc", 100, 50, "chart-x").startswith('<svg xmlns=')
True
"""

from __future__ import annotations

from markupsafe import Markup, escape

from wyoutcomes.report.charts.scales import px

__all__ = ["close_svg", "coord", "open_svg", "text"]

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def coord(value: float) -> str:
    """A pixel coordinate as short, exact text: 1 dp at most, never ``-0``.

    >>> coord(12.0), coord(-0.04), coord(3.14159)
    ('12', '0', '3.1')
    """
    return f"{px(value):g}"


def open_svg(chart_id: str, title: str, desc: str, width: float, height: float, cls: str) -> str:
    """The root ``<svg>`` with ``role="img"``, named by its ``<title>`` and ``<desc>``."""
    cid = escape(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" font-family="{FONT}" font-size="12" '
        f'class="chart {escape(cls)}" viewBox="0 0 {coord(width)} {coord(height)}" '
        f'width="{coord(width)}" height="{coord(height)}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" focusable="false">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(desc)}</desc>'
    )


def close_svg(parts: list[str]) -> Markup:
    """The finished chart: its parts joined, closed, marked safe (every text was escaped)."""
    return Markup("".join(parts) + "</svg>")


def text(
    x: float, y: float, words: str, anchor: str = "start", cls: str = "", weight: str = ""
) -> str:
    """One escaped ``<text>`` element."""
    extra = f' class="{escape(cls)}"' if cls else ""
    if weight:
        extra += f' font-weight="{escape(weight)}"'
    return (
        f'<text x="{coord(x)}" y="{coord(y)}" text-anchor="{anchor}"{extra}>{escape(words)}</text>'
    )
