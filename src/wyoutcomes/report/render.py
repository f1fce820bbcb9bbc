"""Render the quarterly report: sections → jinja2 templates → one self-contained HTML page.

Every template is autoescaped, so a name, note or comment holding markup is shown as text.
The only markup inserted unescaped is SVG made by our own chart code (``wyoutcomes.spc``),
which escapes its own text. No clock is read: the page changes only when its inputs do.

>>> env = environment()
>>> env.from_string("{{ x }}").render(x="<b>")
'&lt;b&gt;'
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from wyoutcomes._version import __version__
from wyoutcomes.periods import Period
from wyoutcomes.report.commentary import AmbitionCommentary
from wyoutcomes.report.download import csv_data_uri, csv_text
from wyoutcomes.report.inputs import ReportInputs
from wyoutcomes.report.sections import build_sections

__all__ = ["environment", "render_inputs"]

_HERE = Path(__file__).parent


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The report's jinja2 environment: autoescape on for every template, undefined is an error.

    Made once per process: compiling the templates costs more than rendering them.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(_HERE / "templates"), str(_HERE / "charts")]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1024:.0f} KB" if n_bytes >= 1024 else f"{n_bytes:d} bytes"


def render_inputs(
    plan: Any,
    inputs: ReportInputs,
    *,
    commentary: dict[int, AmbitionCommentary] | None = None,
    generated_on: date | str | None = None,
) -> str:
    """The report's HTML for already computed inputs (see :class:`ReportInputs`)."""
    sections = build_sections(plan, inputs, commentary)
    quarter = Period.parse(inputs.quarter)
    source = getattr(plan, "source_document", None)
    progress_csv = csv_text(inputs.progress)
    meta = {
        "title": f"{plan.title}: quarterly ambition report, as at {quarter.label}",
        "plan_title": plan.title,
        "plan_id": plan.id,
        "plan_version": plan.version,
        "publisher": plan.publisher,
        "source_document": getattr(source, "title", "") if source is not None else "",
        "quarter": quarter.label,
        "quarter_end": quarter.end.isoformat(),
        "compare_to": inputs.compare_to or "",
        "generated_on": "" if generated_on is None else str(generated_on),
        "library_version": __version__,
        "vintage": inputs.vintage,
        "plan_sha256": inputs.plan_sha256 or (getattr(plan, "sha256", None) or ""),
        "submission_ids": list(inputs.submission_ids),
        "demo_values": sections.demo_values,
    }
    download = {
        "href": csv_data_uri(progress_csv),
        "filename": f"progress-{quarter.label.replace('/', '-').replace(' ', '-')}.csv",
        "rows": len(inputs.progress),
        "size": _size(len(progress_csv.encode("utf-8"))),
    }
    template = environment().get_template("report.html.j2")
    return template.render(meta=meta, sections=sections, download=download)
