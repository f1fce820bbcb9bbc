"""A small, accessible, deterministic SVG of an XmR chart, for embedding in the report.

Same result and arguments give the same bytes: coordinates are rounded to 0.1 px and written
with a fixed format, and nothing depends on time, locale or randomness. Point classes are
told apart by shape as well as colour (colours from NHSRplotthedots ``ptd_spc_colours()``).

>>> from wyoutcomes.spc import xmr
>>> text = svg(xmr([5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15]), title="Demo", id_prefix="demo")
>>> text.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from wyoutcomes.spc.result import SPCResult

__all__ = ["COLOURS", "svg"]

#: colours of NHSRplotthedots 0.2.2 ptd_spc_colours(), aligned with MDC Power BI
COLOURS = {
    "common_cause": "#a6a6a6",
    "improvement": "#00b0f0",
    "concern": "#e46c0a",
    "neutral": "#490092",
    "mean": "#000000",
    "limits": "#a6a6a6",
    "target": "#de1b1b",
    "value_line": "#7f7f7f",
    "text": "#222222",
}

#: how each class is drawn, so that colour is never the only cue
SHAPES = {
    "common_cause": "circle",
    "improvement": "square",
    "concern": "diamond",
    "neutral": "triangle",
}

_ICON_WORDS = {
    "common_cause": "common cause variation",
    "special_cause_improving_high": "special cause, improving (higher)",
    "special_cause_improving_low": "special cause, improving (lower)",
    "special_cause_concerning_high": "special cause, concerning (higher)",
    "special_cause_concerning_low": "special cause, concerning (lower)",
    "special_cause_neutral_high": "special cause, higher (no judgement)",
    "special_cause_neutral_low": "special cause, lower (no judgement)",
    "consistent_pass": "will consistently meet the target",
    "consistent_fail": "will consistently miss the target",
    "hit_and_miss": "will sometimes meet and sometimes miss the target",
}


def _num(x: float) -> str:
    """A coordinate or value written the same way every time (0.1 precision, no '-0')."""
    text = f"{round(float(x), 1):.1f}"
    text = text.removesuffix(".0")
    return "0" if text == "-0" else text


def _label(x: float, decimals: int) -> str:
    text = f"{x:,.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text[1:].replace(",", "")) == 0 else text


def _date_text(when: object) -> str:
    if isinstance(when, pd.Timestamp):
        return when.date().isoformat() if when == when.normalize() else when.isoformat()
    return str(when)


def _ticks(low: float, high: float, count: int = 5) -> tuple[list[float], int]:
    """Round tick values covering [low, high], and the decimals they need."""
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = [first + i * step for i in range(count + 2) if first + i * step <= high + step / 2]
    decimals = max(0, -math.floor(math.log10(step)) + (1 if step / magnitude == 2.5 else 0))
    return ticks, decimals


def _marker(shape: str, x: float, y: float, colour: str, size: float = 4.0) -> str:
    if shape == "circle":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(size)}" fill="{colour}"/>'
    if shape == "square":
        s = size * 0.9
        return (
            f'<rect x="{_num(x - s)}" y="{_num(y - s)}" width="{_num(2 * s)}" '
            f'height="{_num(2 * s)}" fill="{colour}"/>'
        )
    if shape == "diamond":
        s = size * 1.3
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    else:  # triangle
        s = size * 1.25
        points = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
    coords = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
    return f'<polygon points="{coords}" fill="{colour}"/>'


def _description(result: SPCResult, decimals: int, labels: Sequence[str] | None = None) -> str:
    p = result.points
    present = p[p["value"].notna()]
    if present.empty:
        return "XmR chart with no values."
    last = present.iloc[-1]
    if labels is not None:
        # positions of the first and last present points in the chart's own order
        where = np.flatnonzero(p["value"].notna().to_numpy())
        first_text, last_text = str(labels[where[0]]), str(labels[where[-1]])
    else:
        first_text, last_text = _date_text(present["date"].iloc[0]), _date_text(last["date"])
    parts = [
        f"XmR chart of {len(present)} values from {first_text} to {last_text}.",
        f"Latest value {_label(last['value'], decimals)}.",
    ]
    if not math.isnan(last["mean"]) and not math.isnan(last["upl"]):
        parts.append(
            f"Mean {_label(last['mean'], decimals)}; process limits "
            f"{_label(last['lpl'], decimals)} to {_label(last['upl'], decimals)}."
        )
    if result.target is not None:
        parts.append(f"Target {_label(result.target, decimals)}.")
    counts = p["classification"].value_counts()
    special = [f"{int(counts[c])} {c}" for c in ("improvement", "concern", "neutral") if counts[c]]
    if special:
        parts.append("Special-cause points: " + ", ".join(special) + ".")
    if result.variation_icon:
        parts.append(f"Variation: {_ICON_WORDS[result.variation_icon]}.")
    if result.assurance_icon:
        parts.append(f"Assurance: {_ICON_WORDS[result.assurance_icon]}.")
    return " ".join(parts)


def svg(
    result: SPCResult,
    *,
    title: str,
    width: int = 640,
    height: int = 320,
    id_prefix: str = "spc",
    zero_based: bool = False,
    decimals: int | None = None,
    labels: Sequence[str] | None = None,
) -> str:
    """The chart of ``result`` as an SVG document (a string).

    ``id_prefix`` makes the element ids unique when several charts share a page;
    ``zero_based`` starts the value axis at zero; ``decimals`` fixes the values written in the
    description and the point tooltips (default: one more than the axis labels need).
    ``labels`` names each point (period labels such as "2024/25 Q2", one per point): the time
    axis and the tooltips then say the period, not the date the point was placed at.
    """
    p = result.points
    values = p["value"].to_numpy(dtype=float)
    lines = [p[c].to_numpy(dtype=float) for c in ("lpl", "upl", "mean")]
    extent = np.concatenate(
        [values, *lines, [result.target if result.target is not None else np.nan]]
    )
    extent = extent[~np.isnan(extent)]
    low, high = (float(extent.min()), float(extent.max())) if extent.size else (0.0, 1.0)
    if zero_based:
        low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-12 * max(1.0, abs(high)):
        low, high = low - 1, high + 1
    pad = (high - low) * 0.06
    low, high = (low if zero_based and low == 0 else low - pad), high + pad
    ticks, tick_decimals = _ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    label_decimals = tick_decimals + 1 if decimals is None else decimals  # one finer than axis

    left, right, top, bottom = 56.0, 12.0, 40.0, 44.0
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(p)
    if labels is not None and len(labels) != n:
        raise ValueError(f"labels: {len(labels)} given for {n} points")

    def when(i: int) -> str:
        return str(labels[i]) if labels is not None else _date_text(p["date"].iloc[i])

    def x_at(i: float) -> float:
        return left + (plot_w * (i + 0.5) / n if n else plot_w / 2)

    def y_at(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    pid = escape(id_prefix, {'"': "&quot;"})
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{pid}-title {pid}-desc" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Arial, Helvetica, sans-serif" '
        f'font-size="11">',
        f'<title id="{pid}-title">{escape(title)}</title>',
        f'<desc id="{pid}-desc">{escape(_description(result, label_decimals, labels))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{_num(left)}" y="16" font-size="13" font-weight="bold" '
        f'fill="{COLOURS["text"]}">{escape(title)}</text>',
    ]
    # value axis: grid lines and labels
    out.append(f'<g id="{pid}-axis" fill="{COLOURS["text"]}" text-anchor="end">')
    for tick in ticks:
        y = y_at(tick)
        out.append(
            f'<line x1="{_num(left)}" x2="{_num(width - right)}" y1="{_num(y)}" y2="{_num(y)}" '
            'stroke="#e6e6e6" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_num(left - 6)}" y="{_num(y + 4)}">{_label(tick, tick_decimals)}</text>'
        )
    if n:
        for i, anchor in ((0, "start"), (n - 1, "end")):
            out.append(
                f'<text x="{_num(x_at(i))}" y="{_num(height - bottom + 16)}" '
                f'text-anchor="{anchor}">{escape(when(i))}</text>'
            )
    out.append("</g>")

    # mean and limits: one horizontal run per rebase group
    out.append(f'<g id="{pid}-limits" fill="none">')
    groups = p["rebase_group"].to_numpy()
    for group in np.unique(groups):
        rows = np.flatnonzero(groups == group)
        x1, x2 = x_at(rows[0] - 0.4), x_at(rows[-1] + 0.4)
        for column, colour, dash in (
            ("mean", COLOURS["mean"], ""),
            ("lpl", COLOURS["limits"], ' stroke-dasharray="6 3"'),
            ("upl", COLOURS["limits"], ' stroke-dasharray="6 3"'),
        ):
            level = float(p[column].iloc[rows[0]])
            if math.isnan(level):
                continue
            out.append(
                f'<line x1="{_num(x1)}" x2="{_num(x2)}" y1="{_num(y_at(level))}" '
                f'y2="{_num(y_at(level))}" stroke="{colour}" stroke-width="1.5"{dash}/>'
            )
    if result.target is not None:
        y = y_at(result.target)
        out.append(
            f'<line x1="{_num(left)}" x2="{_num(width - right)}" y1="{_num(y)}" y2="{_num(y)}" '
            f'stroke="{COLOURS["target"]}" stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
    out.append("</g>")

    # the values: a line broken at gaps, then one marker per point
    runs: list[list[str]] = []
    current: list[str] = []
    for i, v in enumerate(values):
        if math.isnan(v):
            runs.append(current)
            current = []
        else:
            current.append(f"{_num(x_at(i))},{_num(y_at(v))}")
    runs.append(current)
    out.append(f'<g id="{pid}-points">')
    for run in runs:
        if len(run) > 1:
            out.append(
                f'<polyline points="{" ".join(run)}" fill="none" '
                f'stroke="{COLOURS["value_line"]}" stroke-width="1"/>'
            )
    classes = p["classification"].astype(object).to_numpy()
    kinds = p["point_type"].astype(object).to_numpy()
    for i, v in enumerate(values):
        if math.isnan(v):
            continue
        cls = classes[i] if isinstance(classes[i], str) else "common_cause"
        kind = kinds[i] if isinstance(kinds[i], str) else "not classified"
        marker = _marker(SHAPES[cls], x_at(i), y_at(v), COLOURS[cls])
        tip = f"{when(i)}: {_label(v, label_decimals)} ({kind})"
        out.append(f"<g>{marker}<title>{escape(tip)}</title></g>")
    out.append("</g>")

    # legend: the classes present, shape and colour together
    present = [c for c in SHAPES if (classes == c).any()]
    out.append(f'<g id="{pid}-legend" fill="{COLOURS["text"]}">')
    x = left
    for cls in present:
        out.append(_marker(SHAPES[cls], x + 4, height - 12, COLOURS[cls]))
        word = cls.replace("_", " ")
        out.append(f'<text x="{_num(x + 12)}" y="{_num(height - 8)}">{word}</text>')
        x += 24 + 6.2 * len(word)
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
