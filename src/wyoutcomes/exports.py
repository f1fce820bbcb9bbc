"""Exports for Power BI and Excel: the progress table and the current values, as files.

Both tables carry what a dashboard needs and a code alone does not give: the area's name and
each period's first and last day (real dates, so a date axis and a slicer work without parsing
"2017 - 19"). Files are written by :func:`wyoutcomes.spreadsheet.write_table`: text that a
spreadsheet would run as a formula is neutralised in CSV and xlsx, Parquet keeps it as it is.

>>> import pandas as pd
>>> values = pd.DataFrame({"indicator_id": ["suicide-rate"], "area_code": ["E08000035"],
...                        "period": ["2017 - 19"], "value": [13.3]})
>>> with_names_and_dates(values, None)[["area_name", "period_start", "period_end"]].values.tolist()
[['Leeds', Timestamp('2017-01-01 00:00:00'), Timestamp('2019-12-31 00:00:00')]]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from wyoutcomes.errors import AreaError, PeriodError, UsageError

__all__ = ["EXPORT_FORMATS", "export_tables", "with_names_and_dates", "write_exports"]

EXPORT_FORMATS = ("xlsx", "csv", "parquet")


def _area_name(code: object) -> str:
    from wyoutcomes.geography import area

    try:
        return area(str(code)).name
    except (AreaError, ValueError):
        return ""  # a code of an analyst's own that the area table does not know


def _period_dates(label: object, period_type: str | None) -> tuple[Any, Any]:
    from wyoutcomes.periods import Period

    if not isinstance(label, str) or not label:
        return pd.NaT, pd.NaT
    try:
        period = Period.parse(label, period_type)
    except PeriodError:
        return pd.NaT, pd.NaT
    return pd.Timestamp(period.start), pd.Timestamp(period.end)


def with_names_and_dates(
    frame: pd.DataFrame,
    plan: Any,
    *,
    area_column: str = "area_code",
    period_column: str = "period",
    prefix: str = "period",
) -> pd.DataFrame:
    """``frame`` with ``area_name`` and ``<prefix>_start`` / ``<prefix>_end`` after its columns.

    Each period label is read with its indicator's period type from ``plan`` (None: the
    bundled plan), so an academic year "2023/24" starts in September, not April.
    """
    if plan is None:
        from wyoutcomes.definitions import load_plan

        plan = load_plan()
    kinds = {i.id: i.period_type.value for i in plan.indicators} if plan is not False else {}
    out = frame.copy()
    codes = out[area_column].astype("string").fillna("")
    names = {code: _area_name(code) for code in codes.unique()}
    if "area_name" not in out.columns:
        out.insert(out.columns.get_loc(area_column) + 1, "area_name", codes.map(names))
    pairs = list(
        zip(out["indicator_id"].astype(str), out[period_column].astype(object), strict=True)
    )
    dates = {pair: _period_dates(pair[1], kinds.get(pair[0])) for pair in set(pairs)}
    at = out.columns.get_loc(period_column) + 1
    out.insert(at, f"{prefix}_start", pd.to_datetime([dates[p][0] for p in pairs]))
    out.insert(at + 1, f"{prefix}_end", pd.to_datetime([dates[p][1] for p in pairs]))
    return out


def export_tables(
    plan: Any,
    values: Any,
    quarter: str,
    *,
    as_of: date | datetime | str | None = None,
    areas: Iterable[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """The two export tables: ``progress`` (one row per target × area, as judged for
    ``quarter``) and ``values`` (the current values of ``values``, a Store or a canonical
    frame, as read with the cut-off ``as_of``), both with area names and period dates."""
    from wyoutcomes.progress import progress_frame
    from wyoutcomes.quarters import parse_quarter

    if not (hasattr(values, "read") or isinstance(values, pd.DataFrame)):
        raise UsageError(f"values: a Store or a canonical DataFrame, not {type(values).__name__}")
    label = parse_quarter(quarter).label
    progress = progress_frame(
        plan, values, label, areas=list(areas) if areas else None, as_of=as_of
    )
    progress = with_names_and_dates(progress, plan, period_column="latest_period", prefix="latest")
    progress.insert(0, "quarter", label)
    if hasattr(values, "read"):
        current = values.read(as_of) if as_of is not None else values.read()
    else:
        current = values
    if areas:
        current = current[current["area_code"].isin(list(areas))]
    current = with_names_and_dates(current.reset_index(drop=True), plan)
    return {"progress": progress, "values": current}


def write_exports(
    tables: dict[str, pd.DataFrame], out_dir: str | Path, formats: Iterable[str] = EXPORT_FORMATS
) -> list[Path]:
    """Write each table in each format into ``out_dir`` (created): ``progress.xlsx``,
    ``values.csv`` …; returns the paths written."""
    from wyoutcomes.spreadsheet import write_table

    wanted = list(formats)
    unknown = sorted(set(wanted) - set(EXPORT_FORMATS))
    if unknown:
        raise UsageError(f"export formats {unknown}: choose from {', '.join(EXPORT_FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        for fmt in wanted:
            paths.append(write_table(frame, out / f"{name}.{fmt}", sheet=name))
    return paths
