"""The quarterly ambition report: one self-contained, accessible HTML page (and optional PDF).

>>> import wyoutcomes
>>> plan = wyoutcomes.load_plan()  # doctest: +SKIP
>>> store = wyoutcomes.Store("store/")  # doctest: +SKIP
>>> html = wyoutcomes.render_report(plan, store, "2024/25 Q2")  # doctest: +SKIP

The page reads the progress frame (as at the quarter and the previous quarter), the series each
target is judged on, SPC results and the store's submission ids and revisions (docs/report.md).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from wyoutcomes.definitions.lineage import PlanFamily
from wyoutcomes.report.commentary import (
    AmbitionCommentary,
    load_commentary,
    warn_unused_commentary,
)
from wyoutcomes.report.inputs import ReportInputs
from wyoutcomes.report.render import render_inputs

__all__ = ["ReportInputs", "render_report"]


def render_report(
    plan: Any,
    values: object = None,
    quarter: str | None = None,
    *,
    commentary: str | Path | Mapping[int, AmbitionCommentary] | None = None,
    compare_to: str | None = None,
    areas: Iterable[str] | None = None,
    generated_on: date | str | None = None,
    store_or_data: object = None,
) -> str:
    """The report's HTML for ``quarter`` ("2024/25 Q2").

    ``values`` is a :class:`wyoutcomes.Store`, a DataFrame in the canonical submission format,
    or ready :class:`ReportInputs` (``store_or_data`` is its old name, deprecated).
    ``commentary`` is a YAML file (or its parsed content) keyed by ambition number;
    ``compare_to`` is the quarter for "what changed" (default: the previous quarter); ``areas``
    keeps only those area codes; ``generated_on`` is printed on the page (nothing reads the
    clock otherwise). Everything shown comes from :func:`wyoutcomes.judge` (docs/report.md).
    """
    if store_or_data is not None:
        warnings.warn(
            "render_report(store_or_data=...) is deprecated: call it values=... (see CHANGELOG)",
            DeprecationWarning,
            stacklevel=2,
        )
        if values is not None:
            raise TypeError("render_report() got both values= and its old name store_or_data=")
        values = store_or_data
    if values is None or quarter is None:
        raise TypeError("render_report() needs the values and the quarter to report on")
    if isinstance(commentary, (str, Path)):
        commentary = load_commentary(commentary)
    if commentary:
        # the ambition numbers of the version in force at the quarter (a lineage renumbers)
        shown = plan.in_force(quarter) if isinstance(plan, PlanFamily) else plan
        warn_unused_commentary(commentary, shown)
    if isinstance(values, ReportInputs):
        inputs = values
    else:
        from wyoutcomes.report.sources import inputs_from

        inputs = inputs_from(plan, values, quarter, compare_to=compare_to, areas=areas)
    if isinstance(plan, PlanFamily):  # the version in force at the quarter's end
        plan = plan.in_force(inputs.quarter)
    return render_inputs(
        plan,
        inputs,
        commentary=dict(commentary) if commentary else None,
        generated_on=generated_on,
    )
