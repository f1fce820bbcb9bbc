"""An XmR (statistical process control) chart laid out from a ``wyoutcomes.spc`` result.

Making Data Count colours (spc.md §10): grey common cause, blue improvement, orange concern,
purple neither; the mean solid black, the process limits dashed grey, the target red. Each
class also has its own marker shape (small circle, large circle, square, diamond) and every
point's tooltip says its class in words.

>>> import pandas as pd
>>> from datetime import date
>>> pts = pd.DataFrame({"date": [date(2023, 5, 15), date(2023, 8, 15)], "value": [5.0, 6.0],
...     "mean": [5.5, 5.5], "lpl": [3.0, 3.0], "upl": [8.0, 8.0],
...     "classification": ["common_cause", "improvement"]})
>>> chart = xmr_chart("x", "T", "D", pts, decimals=1)
>>> [p.kind for p in chart.points]
['common_cause', 'improvement']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from wyoutcomes.report.charts.scales import LinearScale, TimeScale, year_ticks
from wyoutcomes.report.charts.trajectory import _path
from wyoutcomes.report.formats import number

__all__ = ["XmrChart", "XmrPoint", "xmr_chart"]

_WORDS = {
    "common_cause": "common cause",
    "improvement": "special cause: improvement",
    "concern": "special cause: concern",
    "neutral": "special cause: neither better nor worse",
}


@dataclass(frozen=True)
class XmrPoint:
    x: float
    y: float
    kind: str
    title: str


@dataclass(frozen=True)
class XmrChart:
    chart_id: str
    title: str
    desc: str
    width: float
    height: float
    plot: tuple[float, float, float, float]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    line: str
    mean: str
    lower: str
    upper: str
    target: float | None
    points: tuple[XmrPoint, ...]


def _day(value: Any) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def xmr_chart(
    chart_id: str,
    title: str,
    desc: str,
    points: pd.DataFrame,
    *,
    target: float | None = None,
    decimals: int = 1,
    width: float = 640.0,
    height: float = 240.0,
) -> XmrChart:
    """Lay out the XmR chart of an SPC result's ``points`` frame."""
    plot = (64.0, 12.0, width - 24.0, height - 36.0)
    rows = [r for r in points.to_dict("records") if _finite(r.get("value"))]
    days = [_day(r["date"]) for r in rows] or [date(2020, 1, 1)]
    values = [r[c] for r in rows for c in ("value", "mean", "lpl", "upl") if _finite(r.get(c))]
    if target is not None and math.isfinite(target):
        values.append(target)
    y = LinearScale.covering(values, (plot[3], plot[1]))
    x = TimeScale.covering(days, (plot[0], plot[2]))

    def line(column: str) -> str:
        return _path((x(_day(r["date"])), y(r[column])) for r in rows if _finite(r.get(column)))

    laid = tuple(
        XmrPoint(
            x(_day(r["date"])),
            y(r["value"]),
            str(r.get("classification") or "common_cause"),
            f"{_day(r['date']).isoformat()}: {number(r['value'], decimals)} "
            f"({_WORDS.get(str(r.get('classification')), 'not classified')})",
        )
        for r in rows
    )
    return XmrChart(
        chart_id=chart_id,
        title=title,
        desc=desc,
        width=width,
        height=height,
        plot=plot,
        y_ticks=tuple((y(t), number(t, y.tick_decimals)) for t in y.ticks),
        x_ticks=tuple((x(d), f"{d.year:d}") for d in year_ticks(*x.domain, max_ticks=10)),
        line=line("value"),
        mean=line("mean"),
        lower=line("lpl"),
        upper=line("upl"),
        target=None if target is None or not math.isfinite(target) else y(target),
        points=laid,
    )


def _finite(value: Any) -> bool:
    try:
        return value is not None and math.isfinite(float(value))
    except (TypeError, ValueError):
        return False
