"""The core chart: actual values against the trajectory from baseline to target.

:func:`trajectory_chart` turns the numbers of one target in one area into pixel positions and
label text; the jinja2 macro ``trajectory`` in ``macros.svg.j2`` only writes them out. Keeping
the arithmetic here means it is tested without parsing SVG.

Signals never rely on colour alone: actuals are a solid line with round markers, the trajectory
is dashed, the baseline is a square, the target a diamond, the deadline a dotted vertical rule
with its label, and the projection a hollow circle with its interval.

>>> from datetime import date
>>> pts = [ChartPoint("2019", date(2019, 7, 2), 10.0), ChartPoint("2020", date(2020, 7, 1), 9.6)]
>>> chart = trajectory_chart("suicide-rate-e54000054", "Title", "Desc", pts,
...     trajectory=[(date(2019, 7, 2), 10.0), (date(2024, 7, 1), 9.0)], decimals=1)
>>> chart.actual_path.startswith("M")
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from wyoutcomes.report.charts.scales import LinearScale, TimeScale, px, year_ticks
from wyoutcomes.report.formats import interval, number

__all__ = ["ChartPoint", "Marker", "TrajectoryChart", "trajectory_chart"]

WIDTH, HEIGHT = 640.0, 300.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 24.0, 28.0, 40.0


@dataclass(frozen=True)
class ChartPoint:
    """One period's value and 95% interval (NaN where unknown), placed at its mid-point."""

    period: str
    mid: date
    value: float
    lower: float = math.nan
    upper: float = math.nan


@dataclass(frozen=True)
class Marker:
    """A point on a chart with its tooltip title and, when known, its 95% whisker.

    ``low`` and ``high`` are the whisker's ends in pixels along the value axis (y on the
    trajectory chart, x on the chart by place).
    """

    x: float
    y: float
    title: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class TrajectoryChart:
    """Everything the ``trajectory`` macro writes, already in pixels and words."""

    chart_id: str
    title: str
    desc: str
    width: float
    height: float
    plot: tuple[float, float, float, float]  # left, top, right, bottom
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    actual_path: str
    actuals: tuple[Marker, ...]
    trajectory_path: str
    baseline: Marker | None
    target: Marker | None
    deadline: tuple[float, str] | None
    band: tuple[float, float] | None  # y of the band's top and bottom edge
    projection: Marker | None
    unit: str = ""
    legend: tuple[str, ...] = field(default=())
    # periods left out of the judgement (x from, x to, words) and step changes (x, words),
    # both from the verdicts; England's values as markers beside the area's
    excluded: tuple[tuple[float, float, str], ...] = ()
    steps: tuple[tuple[float, str], ...] = ()
    england: tuple[Marker, ...] = ()


def _finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


def trajectory_chart(
    chart_id: str,
    title: str,
    desc: str,
    points: Sequence[ChartPoint],
    *,
    trajectory: Sequence[tuple[date, float]] = (),
    baseline: ChartPoint | None = None,
    target: ChartPoint | None = None,
    deadline: tuple[date, str] | None = None,
    band: tuple[float, float] | None = None,
    projection: ChartPoint | None = None,
    decimals: int = 1,
    unit: str = "",
    include_zero: bool = False,
    excluded: Sequence[tuple[date, date, str]] = (),
    steps: Sequence[tuple[date, str]] = (),
    england: Sequence[ChartPoint] = (),
) -> TrajectoryChart:
    """Lay out one trajectory chart (see the module docstring for what is drawn).

    ``excluded`` spans (first day, last day, why) are shaded with hatching and ``steps``
    (day, what changed) drawn as solid vertical rules, both labelled; ``england`` values are
    hollow grey diamonds, so the comparison with England is on the chart as well as in words.
    """
    shown = [p for p in points if _finite(p.value)]
    benchmark = [p for p in england if _finite(p.value)]
    values: list[float] = []
    days: list[date] = []
    for p in shown:
        values += [p.value, p.lower, p.upper]
        days.append(p.mid)
    for day, v in trajectory:
        values.append(v)
        days.append(day)
    for extra in (baseline, target, projection):
        if extra is not None:
            values += [extra.value, extra.lower, extra.upper]
            days.append(extra.mid)
    if band is not None:
        values += list(band)
    if deadline is not None:
        days.append(deadline[0])
    for p in benchmark:
        values.append(p.value)
        days.append(p.mid)
    for start, end, _ in excluded:
        days += [start, end]
    days += [day for day, _ in steps]
    if not days:
        days = [date(2019, 1, 1)]

    plot = (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM)
    y = LinearScale.covering(
        [v for v in values if _finite(v)], (plot[3], plot[1]), include_zero=include_zero
    )
    x = TimeScale.covering(days, (plot[0], plot[2]))

    def mark(p: ChartPoint, label: str) -> Marker:
        text = f"{label} {p.period}: {number(p.value, decimals)}"
        has_ci = _finite(p.lower) and _finite(p.upper)
        if has_ci:
            text += f" (95% CI {interval(p.lower, p.upper, decimals)})"
        return Marker(
            x(p.mid),
            y(p.value),
            text,
            y(p.lower) if has_ci else None,
            y(p.upper) if has_ci else None,
        )

    actuals = tuple(mark(p, "Actual") for p in shown)
    legend = ["actual"] if actuals else []
    if trajectory:
        legend.append("trajectory")
    if baseline is not None:
        legend.append("baseline")
    if target is not None:
        legend.append("target")
    if projection is not None:
        legend.append("projection")
    if band is not None:
        legend.append("band")
    if benchmark:
        legend.append("england")
    if excluded:
        legend.append("excluded")
    if steps:
        legend.append("step")
    return TrajectoryChart(
        chart_id=chart_id,
        title=title,
        desc=desc,
        width=WIDTH,
        height=HEIGHT,
        plot=plot,
        y_ticks=tuple((y(t), number(t, y.tick_decimals)) for t in y.ticks),
        x_ticks=tuple((x(d), f"{d.year:d}") for d in year_ticks(*x.domain, max_ticks=10)),
        actual_path=_path((m.x, m.y) for m in actuals),
        actuals=actuals,
        trajectory_path=_path((x(day), y(v)) for day, v in trajectory),
        baseline=None if baseline is None else mark(baseline, "Baseline"),
        target=None if target is None else mark(target, "Target"),
        deadline=None if deadline is None else (x(deadline[0]), f"Deadline {deadline[1]}"),
        band=None if band is None else (y(max(band)), y(min(band))),
        projection=None if projection is None else mark(projection, "Projection for"),
        unit=unit,
        legend=tuple(legend),
        excluded=tuple((x(a), x(b), words) for a, b, words in excluded),
        steps=tuple((x(day), words) for day, words in steps),
        england=tuple(
            Marker(x(p.mid), y(p.value), f"England {p.period}: {number(p.value, decimals)}")
            for p in benchmark
        ),
    )


def _path(points: object) -> str:
    """An SVG path through the points ("M x,y L x,y …"); empty for no points."""
    parts = [f"{px(px_x):g},{px(px_y):g}" for px_x, px_y in points]  # type: ignore[attr-defined]
    if not parts:
        return ""
    return "M" + " L".join(parts)
