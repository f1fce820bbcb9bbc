"""Build the demonstration: a store filled quarter by quarter with the real published figures
and synthetic values, and the quarterly report rendered from it.

>>> result = build_demo("out/demo", quarter="2024/25 Q2")  # doctest: +SKIP
>>> result.report  # doctest: +SKIP
PosixPath('out/demo/report.html')
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from wyoutcomes.contract import KEY_COLUMNS
from wyoutcomes.definitions.lineage import PlanFamily
from wyoutcomes.demo.generator import SUBMISSION_COLUMNS, synthetic_values
from wyoutcomes.demo.published import FIRST_RELEASE, LATEST_RELEASE, published_figures
from wyoutcomes.demo.schedule import release_quarter, submitted_at
from wyoutcomes.errors import StoreError
from wyoutcomes.periods import Period
from wyoutcomes.store import Store

if TYPE_CHECKING:
    from wyoutcomes.definitions import Plan

__all__ = ["DEFAULT_QUARTER", "DemoBuild", "build_demo", "demo_submissions"]

#: the quarter the demo's report is for
DEFAULT_QUARTER = "2024/25 Q2"
#: a file the demo leaves in its folder, so a later run knows it may replace the folder
MARKER = ".wyoutcomes-demo"
_KEY = list(KEY_COLUMNS)
_SYNTHETIC = "WY&H ICS analytics team (demonstration)"
_PUBLISHED = "Published figures (collected for the demonstration)"


@dataclass(frozen=True)
class DemoSubmission:
    """One submission of the demo, in the order the store receives them."""

    quarter: str
    submitter: str
    frame: pd.DataFrame
    note: str
    minute: int
    #: the plan version the rows are validated against (None: the plan given to build_demo)
    plan: Plan | None = None


@dataclass(frozen=True)
class DemoBuild:
    """What :func:`build_demo` made."""

    store: Path
    report: Path | None
    quarter: str
    submissions: int
    rows: int
    progress: pd.DataFrame


def _release(frame: pd.DataFrame, plan: Plan) -> pd.Series:
    types = {i.id: str(i.period_type) for i in plan.indicators}
    quarters = {
        (ind, per): release_quarter(types[ind], per)
        for ind, per in frame[["indicator_id", "period"]].drop_duplicates().itertuples(index=False)
    }
    return pd.Series(
        [quarters[(i, p)] for i, p in zip(frame["indicator_id"], frame["period"], strict=True)],
        index=frame.index,
        dtype=object,
    )


def _synthetic(plan: Plan, seed: int, latest: pd.DataFrame, drop: pd.DataFrame) -> pd.DataFrame:
    """One plan version's synthetic rows, each with the quarter it is submitted in (without the
    keys in ``drop``: real figures, and rows an earlier version already has)."""
    final = synthetic_values(plan, seed, latest)
    provisional = synthetic_values(plan, seed, latest, provisional=True)
    final = _without(final, drop)
    provisional = _without(provisional, drop)
    final["quarter"] = _release(final, plan)
    provisional["quarter"] = _release(provisional, plan)
    revised = final.merge(provisional[_KEY], on=_KEY, how="inner")
    revised["quarter"] = revised["quarter"].map(lambda q: q.next())
    first_time = pd.concat([_without(final, provisional[_KEY]), provisional], ignore_index=True)
    return pd.concat([first_time, revised], ignore_index=True)


def _versions(plan: Plan | PlanFamily) -> list[Plan]:
    """The plan versions whose indicators the demo fills: every version of a family."""
    return list(plan.versions) if isinstance(plan, PlanFamily) else [plan]


def demo_submissions(
    plan: Plan | PlanFamily | None = None, seed: int = 2019
) -> list[DemoSubmission]:
    """The demo's submissions, oldest first: each quarter the synthetic values first released
    then (provisional where the statistic is revised), the completed values of the quarter
    before, and the published figures released then (the 2019-21 suicide rates twice: the 2021
    release, and its revision a year later).

    ``plan`` may be a plan or a :class:`~wyoutcomes.definitions.PlanFamily` (default: the
    bundled family); a later version adds the values only it measures (new indicators, new
    areas such as the maternity system's footprint), submitted and validated under that version.
    """
    if plan is None:
        from wyoutcomes.definitions import bundled_family

        plan = bundled_family()
    versions = _versions(plan)
    latest, first = published_figures(LATEST_RELEASE), published_figures(FIRST_RELEASE)
    real_keys = pd.concat([latest[_KEY], first[_KEY]]).drop_duplicates()

    parts = []
    seen = real_keys
    for order, version in enumerate(versions):
        part = _synthetic(version, seed, latest, seen)
        seen = pd.concat([seen, part[_KEY]]).drop_duplicates()
        parts.append(part.assign(version=order))
    synthetic = pd.concat(parts, ignore_index=True)

    first["quarter"] = _release(first, versions[0])
    latest["quarter"] = _release(latest, versions[0])
    # a figure published twice: the later release comes a year after the first
    repeat = latest[_KEY].merge(first[_KEY], on=_KEY, how="left", indicator=True)
    again = repeat.index[repeat["_merge"] == "both"]
    latest.loc[again, "quarter"] = [q.shift(4) for q in latest.loc[again, "quarter"]]
    real = pd.concat([first.assign(order=0), latest.assign(order=1)], ignore_index=True)

    out: list[DemoSubmission] = []
    quarters = sorted(set(synthetic["quarter"]) | set(real["quarter"]))
    for quarter in quarters:
        for order, version in enumerate(versions):
            rows = synthetic[(synthetic["quarter"] == quarter) & (synthetic["version"] == order)]
            if len(rows):
                note = f"synthetic values released in {quarter.label} (seed {seed})"
                if order:
                    note += f", measures first declared by plan {version.id}"
                out.append(
                    DemoSubmission(
                        quarter.label, _SYNTHETIC, _canonical(rows), note, order, version,
                    )
                )  # fmt: skip
        for order, release in enumerate(("first", "latest")):
            rows = real[(real["quarter"] == quarter) & (real["order"] == order)]
            if len(rows):
                out.append(
                    DemoSubmission(
                        quarter.label, _PUBLISHED, _canonical(rows),
                        f"published figures ({release} release) loaded in {quarter.label}",
                        10 + order,
                        versions[0],
                    )
                )  # fmt: skip
    return out


def _without(frame: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    merged = frame.merge(keys.drop_duplicates(), on=_KEY, how="left", indicator=True)
    keep = (merged["_merge"] == "left_only").to_numpy()
    return frame[keep].reset_index(drop=True)


def _canonical(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.reindex(columns=SUBMISSION_COLUMNS)  # the published files leave out 99.8% limits
    return rows.sort_values(_KEY, kind="stable").reset_index(drop=True)


def _fresh_folder(out: Path) -> None:
    """Make ``out`` empty, replacing only a previous demo build."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise StoreError(
                f"{out} is not empty and was not made by `wyoutcomes demo`; choose a new or "
                "empty folder with --out"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("made by `wyoutcomes demo`; safe to delete\n", encoding="utf-8")


def build_demo(
    out: str | Path,
    quarter: str = DEFAULT_QUARTER,
    seed: int = 2019,
    plan: Plan | PlanFamily | None = None,
) -> DemoBuild:
    """Fill a store in ``out/store`` with the demo's submissions and render the report for
    ``quarter`` to ``out/report.html`` (the same bytes on every run)."""
    if plan is None:
        from wyoutcomes.definitions import bundled_family

        plan = bundled_family()
    as_at = Period.parse(quarter, "financial_quarter")
    out = Path(out)
    _fresh_folder(out)
    store = Store(out / "store")
    submissions = demo_submissions(plan, seed)
    for submission in submissions:
        store.ingest(
            submission.frame,
            submitter=submission.submitter,
            submitted_at=submitted_at(Period.parse(submission.quarter), submission.minute),
            note=submission.note,
            plan=submission.plan or _versions(plan)[0],
        )
    progress, report = _render(plan, store, as_at, out)
    return DemoBuild(
        store=out / "store",
        report=report,
        quarter=as_at.label,
        submissions=len(submissions),
        rows=sum(len(s.frame) for s in submissions),
        progress=progress,
    )


def _render(
    plan: Plan | PlanFamily, store: Store, quarter: Period, out: Path
) -> tuple[pd.DataFrame, Path | None]:
    """The progress frame as at ``quarter`` and the report rendered from it (no report while
    this installation has no report renderer)."""
    try:
        from wyoutcomes.report import render_report
        from wyoutcomes.report.sources import inputs_from
    except ImportError:  # the report link is not in this build yet
        from wyoutcomes.progress import progress_frame
        from wyoutcomes.progress.promises import plan_in_force

        return progress_frame(plan_in_force(plan, quarter), store, quarter.label), None
    # a lineage: the quarter is judged against the version in force, revised promises beside
    inputs = inputs_from(plan, store, quarter.label)  # progress is computed once, here
    html = render_report(plan, inputs, quarter.label, generated_on=quarter.end)
    path = out / "report.html"
    path.write_text(html, encoding="utf-8")
    return inputs.progress, path
