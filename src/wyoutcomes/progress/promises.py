"""Judge against the promise in force, and show revised promises side by side.

A plan's promises change between versions (docs/definitions.md, "Plan versions"). A quarter is
judged against the version in force at the quarter's last day, so the previous quarter of a
report keeps the verdict it had under the version in force then, and editing a later version
never changes an earlier quarter's verdict. :func:`revised_promises` judges each revised target
and the promise it replaced on the same values, as at the same quarter: the original and the
revised promise, each with its verdict. :func:`judge_history` judges a run of quarters, each
against the version in force then, or all against one version on request.

>>> from wyoutcomes.definitions import bundled_family
>>> plan_in_force(bundled_family(), "2024/25 Q2").id
'wy-2023'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from wyoutcomes.definitions.lineage import PlanFamily
from wyoutcomes.definitions.models import Plan, Target
from wyoutcomes.definitions.table import describe_aim
from wyoutcomes.errors import UsageError
from wyoutcomes.periods import Period

__all__ = [
    "REVISED_COLUMNS",
    "describe_promise",
    "judge_history",
    "plan_in_force",
    "revised_promises",
]

#: columns of :func:`revised_promises`, in order
REVISED_COLUMNS = (
    "quarter",
    "area_code",
    "area_name",
    "earlier_area_name",
    "reason",
    "footprint_change",
    "earlier_plan",
    "earlier_ambition",
    "earlier_target",
    "earlier_promise",
    "earlier_status",
    "earlier_summary",
    "later_plan",
    "later_ambition",
    "later_target",
    "later_promise",
    "later_status",
    "later_summary",
    "in_force",
)


def plan_in_force(plan: Plan | PlanFamily, quarter: str | Period) -> Plan:
    """The plan version a quarter is judged against: ``plan`` itself, or for a family the
    version in force on the quarter's last day."""
    if isinstance(plan, PlanFamily):
        return plan.in_force(quarter)
    return plan


def describe_promise(plan: Plan, target: Target) -> str:
    """A promise in a few words with its deadline and version, e.g. ``-10% by 2020/21 (2019.1,
    wyh-2019)``.

    >>> from wyoutcomes.definitions import load_plan
    >>> plan = load_plan()
    >>> describe_promise(plan, plan.target("a5-suicide-10pc"))
    '-10% by 2020/21 (wyh-2019 v2019.1)'
    """
    aim = describe_aim(target, plan.indicator(target.indicator))
    return f"{aim} by {target.deadline} ({plan.id} v{plan.version})"


def _frame(plan: Plan, values: object, quarter: str, areas: list[str] | None, **kw: Any):
    from wyoutcomes.progress.frame import progress_frame

    # the quarter is passed by position: its keyword is being renamed (as_at → quarter)
    return progress_frame(plan, values, quarter, areas, **kw)


def _rows(frame: pd.DataFrame, target_id: str) -> pd.DataFrame:
    return frame[frame["target_id"] == target_id]


def revised_promises(
    family: PlanFamily,
    values: object,
    quarter: str,
    *,
    areas: Iterable[str] | None = None,
    frames: dict[str, pd.DataFrame] | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Each revised target beside the promise it replaced, both judged as at ``quarter`` on the
    same values: one row per revision and area (columns :data:`REVISED_COLUMNS`). Only the
    revisions of versions in force by the quarter's end are shown.

    Areas are paired by position in each target's scope, so a target rebased from E54000005
    (West Yorkshire and Harrogate) to E54000054 (West Yorkshire) sits beside it; ``area_name``
    is the revised target's area, ``earlier_area_name`` the original's. ``frames``
    maps plan ids to progress frames already computed for ``quarter`` (e.g. the report's own),
    so nothing is judged twice; ``options`` go to the progress frame.
    """
    wanted = None if areas is None else list(areas)
    label = Period.parse(quarter).label
    frames = dict(frames or {})
    in_force = family.in_force(label).id
    # only revisions made by the quarter's end: a later version's revisions did not exist yet
    made = {p.id for p in family.versions[: [v.id for v in family.versions].index(in_force) + 1]}
    rows: list[dict[str, Any]] = []
    for revision in family.revisions():
        if revision.later.id not in made:
            continue
        for plan in (revision.earlier, revision.later):
            if plan.id not in frames:
                frames[plan.id] = _frame(plan, values, label, wanted, **options)
        earlier = _rows(frames[revision.earlier.id], revision.earlier_target.id)
        later = _rows(frames[revision.later.id], revision.later_target.id)
        n = max(len(earlier), len(later))
        for i in range(n):
            old = earlier.iloc[i] if i < len(earlier) else None
            new = later.iloc[i] if i < len(later) else None
            shown = new if new is not None else old
            rows.append(
                {
                    "quarter": label,
                    "area_code": None if shown is None else shown["area_code"],
                    "area_name": None if shown is None else shown["area_name"],
                    "earlier_area_name": None if old is None else old["area_name"],
                    "reason": revision.reason,
                    "footprint_change": (
                        revision.later_target.footprint_change.value
                        if revision.later_target.footprint_change is not None
                        else None
                    ),
                    "earlier_plan": revision.earlier.id,
                    "earlier_ambition": revision.earlier.ambition_of(
                        revision.earlier_target
                    ).number,
                    "earlier_target": revision.earlier_target.id,
                    "earlier_promise": describe_promise(revision.earlier, revision.earlier_target),
                    "earlier_status": None if old is None else old["status"],
                    "earlier_summary": None if old is None else old["summary"],
                    "later_plan": revision.later.id,
                    "later_ambition": revision.later.ambition_of(revision.later_target).number,
                    "later_target": revision.later_target.id,
                    "later_promise": describe_promise(revision.later, revision.later_target),
                    "later_status": None if new is None else new["status"],
                    "later_summary": None if new is None else new["summary"],
                    "in_force": in_force,
                }
            )
    frame = pd.DataFrame(rows, columns=list(REVISED_COLUMNS))
    return frame.astype(object).where(frame.notna(), None)


def judge_history(
    plan: Plan | PlanFamily,
    values: object,
    quarters: Sequence[str],
    *,
    version: str | None = None,
    areas: Iterable[str] | None = None,
    **options: Any,
) -> pd.DataFrame:
    """The progress frames of several quarters, stacked, with ``plan_id`` and ``plan_version``
    columns saying which version judged each.

    With a family, each quarter is judged against the version in force at its end, unless
    ``version`` (a version text or plan id) asks for one version throughout: "how would the
    whole history look against the 2024 promises?".
    """
    wanted = None if areas is None else list(areas)
    frames = []
    for quarter in quarters:
        label = Period.parse(quarter).label
        if isinstance(plan, PlanFamily):
            used = plan.version(version) if version is not None else plan.in_force(label)
        else:
            used = plan
        frame = _frame(used, values, label, wanted, **options)
        frame.insert(0, "plan_version", used.version)
        frame.insert(0, "plan_id", used.id)
        frames.append(frame)
    if not frames:
        raise UsageError("judge_history needs at least one quarter")
    return pd.concat(frames, ignore_index=True)
