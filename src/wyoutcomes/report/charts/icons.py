"""Small accessible glyphs: Making Data Count variation and assurance icons, England comparisons.

NHS England's *Making Data Count* programme summarises an SPC chart with two icons (NHS England
and NHS Improvement, "Making data count: strengthening your decisions", 2019, "Using summary
icons", p. 26; the same icons head the summary dashboard of NHS England's SPC multiple chart
tool, https://www.england.nhs.uk/statistical-process-control-multiple-chart-tool/):

* **variation**: grey for common cause; blue for special cause that is an improvement, orange
  for special cause that is a concern, purple where higher or lower is neither; a letter says
  whether the special cause is **H**igh or **L**ow;
* **assurance**: whether the target lies outside the process limits — blue **P** (the process
  will consistently pass), orange **F** (consistently fail), grey **?** (hit and miss).

These glyphs are drawn here from that published meaning, not copied. Colour is never the only
signal: every glyph carries a letter or shape, a ``<title>`` and an ``aria-label`` (so a screen
reader reads it as one image with a name), and :func:`icon_words` gives the short visible words
that the report prints beside it. Output is plain text, identical on every run.

>>> svg = variation_icon("special_cause_concerning_high")
>>> 'role="img"' in svg and "Special cause variation: concerning, high values" in svg
True
>>> icon_words("hit_and_miss")
'Hit and miss'
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from wyoutcomes.report.formats import is_missing

__all__ = [
    "ASSURANCE",
    "COMPARISONS",
    "VARIATION",
    "Glyph",
    "assurance_icon",
    "comparison_icon",
    "icon_words",
    "variation_icon",
]

# Making Data Count's hues (blue improvement, orange concern, grey common cause, purple
# neutral), darkened where needed so the letter and ring reach 3:1 against white (WCAG 1.4.11)
_BLUE, _ORANGE, _GREY, _PURPLE = "#0072c6", "#b35c00", "#5e6a71", "#4c2c92"


@dataclass(frozen=True)
class Glyph:
    """What one code looks like and says: its full name, its short words, colour and letter."""

    name: str  # the text alternative, in Making Data Count's (or Fingertips') words
    words: str  # the short visible words printed beside the glyph
    colour: str
    letter: str  # drawn in the middle ("" for none)
    shape: str  # what the dots inside do: flat | high | low (variation); line (assurance)
    dashed: bool = False  # a broken ring marks concern, so it is not told by colour alone


VARIATION: dict[str, Glyph] = {
    "common_cause": Glyph(
        "Common cause variation: no significant change", "Common cause", _GREY, "", "flat"
    ),
    "special_cause_improving_high": Glyph(
        "Special cause variation: improving, high values", "Improving (high)", _BLUE, "H", "high"
    ),
    "special_cause_improving_low": Glyph(
        "Special cause variation: improving, low values", "Improving (low)", _BLUE, "L", "low"
    ),
    "special_cause_concerning_high": Glyph(
        "Special cause variation: concerning, high values",
        "Concerning (high)",
        _ORANGE,
        "H",
        "high",
        dashed=True,
    ),
    "special_cause_concerning_low": Glyph(
        "Special cause variation: concerning, low values",
        "Concerning (low)",
        _ORANGE,
        "L",
        "low",
        dashed=True,
    ),
    "special_cause_neutral_high": Glyph(
        "Special cause variation: higher, neither better nor worse", "Higher", _PURPLE, "H", "high"
    ),
    "special_cause_neutral_low": Glyph(
        "Special cause variation: lower, neither better nor worse", "Lower", _PURPLE, "L", "low"
    ),
}

ASSURANCE: dict[str, Glyph] = {
    "consistent_pass": Glyph(
        "Assurance: the process will consistently meet the target",
        "Consistently passes",
        _BLUE,
        "P",
        "line",
    ),
    "consistent_fail": Glyph(
        "Assurance: the process will consistently miss the target",
        "Consistently fails",
        _ORANGE,
        "F",
        "line",
        dashed=True,
    ),
    "hit_and_miss": Glyph(
        "Assurance: the process will hit and miss the target at random",
        "Hit and miss",
        _GREY,
        "?",
        "line",
    ),
}

# Compared with England (or the region), as Fingertips words it: better / similar / worse where
# the indicator has a better direction, lower / similar / higher where it has none
COMPARISONS: dict[str, Glyph] = {
    "better": Glyph("Significantly better than the comparator", "Better", _BLUE, "", "up"),
    "similar": Glyph("Similar to the comparator", "Similar", _GREY, "", "flat"),
    "worse": Glyph(
        "Significantly worse than the comparator", "Worse", _ORANGE, "", "down", dashed=True
    ),
    "higher": Glyph("Significantly higher than the comparator", "Higher", _PURPLE, "", "up"),
    "lower": Glyph("Significantly lower than the comparator", "Lower", _PURPLE, "", "down"),
    "not_compared": Glyph("Not compared", "Not compared", _GREY, "", "none"),
}

_ALL = {**VARIATION, **ASSURANCE, **COMPARISONS}

# seven dots across the icon, as a run chart: flat wanders about the mean; high/low ends with
# a run above/below it (the shape of a special cause)
_DOTS = {
    "flat": (27, 25, 28, 25, 27, 26, 27),
    "high": (29, 30, 29, 30, 24, 23, 22),
    "low": (23, 22, 23, 22, 28, 29, 30),
}


def _absent(code: object) -> bool:
    """None, NaN, pandas' NA or empty text: no icon was given."""
    return is_missing(code) or str(code).strip() == ""


def icon_words(code: object) -> str:
    """The short words printed beside a glyph; an unknown code is shown as itself.

    >>> icon_words("special_cause_improving_low"), icon_words("worse"), icon_words(None)
    ('Improving (low)', 'Worse', 'Not assessed')
    """
    if _absent(code):
        return "Not assessed"
    glyph = _ALL.get(str(code))
    return glyph.words if glyph else str(code).replace("_", " ").capitalize()


def _svg(glyph: Glyph, body: str, size: int, kind: str) -> Markup:
    name = escape(glyph.name)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="glyph glyph-{kind}" width="{size}" '
        f'height="{size}" viewBox="0 0 40 40" role="img" aria-label="{name}" focusable="false">'
        f"<title>{name}</title>{body}</svg>"
    )


def _ring(glyph: Glyph) -> str:
    dash = ' stroke-dasharray="5 2.5"' if glyph.dashed else ""
    return (
        f'<circle cx="20" cy="20" r="17.5" fill="#ffffff" stroke="{glyph.colour}" '
        f'stroke-width="3"{dash}/>'
    )


def _letter(glyph: Glyph, y: float) -> str:
    if not glyph.letter:
        return ""
    return (
        f'<text x="20" y="{y:g}" text-anchor="middle" font-family="Arial, sans-serif" '
        f'font-size="13" font-weight="700" fill="{glyph.colour}">{escape(glyph.letter)}</text>'
    )


def _unknown(code: object, kind: str, size: int) -> Markup:
    words = "Not assessed" if _absent(code) else str(code).replace("_", " ").capitalize()
    glyph = Glyph(words, words, _GREY, "", "none")
    body = _ring(glyph) + '<rect x="12" y="18.5" width="16" height="3" fill="#5e6a71"/>'
    return _svg(glyph, body, size, kind)


def variation_icon(code: object, size: int = 28) -> Markup:
    """The variation glyph of a ``wyoutcomes.spc`` icon code (see :data:`VARIATION`).

    No code (too few points for SPC) gives a grey ring with a bar, named "Not assessed".

    >>> variation_icon(None).count("Not assessed")
    2
    """
    glyph = None if _absent(code) else VARIATION.get(str(code))
    if glyph is None:
        return _unknown(code, "variation", size)
    dots = _DOTS[glyph.shape]
    body = _ring(glyph)
    for i, y in enumerate(dots):
        # the run that makes the special cause takes the icon's colour; the rest stay grey
        fill = glyph.colour if i >= 4 and glyph.shape != "flat" else _GREY
        body += f'<circle cx="{8 + i * 4}" cy="{y}" r="1.9" fill="{fill}"/>'
    # the letter sits above the dots (upper half), so dots never cover it
    body += _letter(glyph, 19)
    return _svg(glyph, body, size, "variation")


def assurance_icon(code: object, size: int = 28) -> Markup:
    """The assurance glyph of a ``wyoutcomes.spc`` assurance code (see :data:`ASSURANCE`).

    No code (no target, or no better direction) gives the "Not assessed" glyph.

    >>> "P</text>" in assurance_icon("consistent_pass")
    True
    """
    glyph = None if _absent(code) else ASSURANCE.get(str(code))
    if glyph is None:
        return _unknown(code, "assurance", size)
    # the target as a dashed line under the letter
    body = _ring(glyph) + (
        f'<line x1="9" x2="31" y1="29" y2="29" stroke="{glyph.colour}" stroke-width="2" '
        'stroke-dasharray="3 2"/>'
    )
    body += _letter(glyph, 24)
    return _svg(glyph, body, size, "assurance")


def comparison_icon(code: object, comparator: str = "England", size: int = 20) -> Markup:
    """A comparison with ``comparator``: a shape (triangle up or down, ring, dash) and its name.

    >>> "Significantly worse than England" in comparison_icon("worse")
    True
    """
    base = None if _absent(code) else COMPARISONS.get(str(code))
    if base is None:
        return _unknown(code, "comparison", size)
    glyph = Glyph(
        base.name.replace("the comparator", comparator), base.words, base.colour, "", base.shape
    )
    colour = glyph.colour
    shapes = {
        "up": f'<path d="M20 5 L36 33 L4 33 Z" fill="{colour}"/>',
        "down": f'<path d="M20 35 L36 7 L4 7 Z" fill="{colour}"/>',
        "flat": (
            f'<circle cx="20" cy="20" r="14" fill="#ffffff" stroke="{colour}" stroke-width="5"/>'
        ),
        "none": f'<rect x="6" y="16" width="28" height="8" fill="{colour}"/>',
    }
    return _svg(glyph, shapes[glyph.shape], size, "comparison")
