"""What a place may submit, and a ready-to-fill submission for one place and quarter.

:func:`submitter_indicators` lists the plan's indicators with the period type and area types a
submitter may use. :func:`submission_template` gives one row per indicator the place can report
(the place itself, or the area carrying its whole footprint at a type the indicator is reported
at), with the key filled in and the figures left empty, for the latest period of the
indicator's type that has ended by the quarter's last day. A place fills the figures in and
validates the file with ``wyoutcomes validate FILE --place CODE``.

>>> frame = submission_template("Leeds", "2024/25 Q2")
>>> frame.loc[frame["indicator_id"] == "suicide-rate", ["area_code", "period"]].values.tolist()
[['E08000035', '2021 - 23']]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from wyoutcomes.errors import UsageError
from wyoutcomes.periods import Period, PeriodType, quarter_of
from wyoutcomes.validation.catalogue import SUBMISSION_COLUMNS

__all__ = [
    "example_submission_path",
    "latest_period",
    "submission_template",
    "submitter_indicators",
]

#: an example label of each period type, as a submitter writes it
PERIOD_EXAMPLES = {
    PeriodType.CALENDAR_YEAR: "2023",
    PeriodType.FINANCIAL_YEAR: "2023/24",
    PeriodType.ACADEMIC_YEAR: "2023/24",
    PeriodType.CALENDAR_YEARS_POOLED: "2021 - 23",
    PeriodType.FINANCIAL_YEARS_POOLED: "2021/22 - 23/24",
    PeriodType.FINANCIAL_QUARTER: "2024/25 Q2",
    PeriodType.MONTH: "2024-09",
    PeriodType.ROLLING_12_MONTHS: "12 months to 2024-09",
}


def _plan(plan: Any) -> Any:
    if plan is None:
        from wyoutcomes.definitions import load_plan

        return load_plan()
    return plan


def submitter_indicators(plan: Any = None) -> pd.DataFrame:
    """One row per indicator of the plan: what a submitter writes in each key column.

    >>> frame = submitter_indicators()
    >>> frame.set_index("indicator_id").loc["suicide-rate", "period_type"]
    'calendar_years_pooled'
    """
    rows = [
        {
            "indicator_id": indicator.id,
            "name": indicator.name,
            "unit": indicator.unit,
            "period_type": indicator.period_type.value,
            "period_example": PERIOD_EXAMPLES[PeriodType(indicator.period_type)],
            "area_types": ", ".join(indicator.area_types),
            "breakdowns": ", ".join(indicator.breakdowns),
            "decimals": indicator.decimals,
        }
        for indicator in _plan(plan).indicators
    ]
    return pd.DataFrame(rows).sort_values("indicator_id", kind="stable").reset_index(drop=True)


def latest_period(kind: PeriodType | str, by: date, pooled_years: int = 3) -> Period:
    """The latest period of ``kind`` that has ended by the day ``by`` (pools of ``pooled_years``).

    >>> latest_period("financial_year", date(2024, 9, 30)).label
    '2023/24'
    >>> latest_period("financial_quarter", date(2024, 9, 30)).label
    '2024/25 Q2'
    """
    kind = PeriodType(kind)
    y, m = by.year, by.month
    seeds = {
        PeriodType.CALENDAR_YEAR: lambda: Period.parse(str(y)),
        PeriodType.FINANCIAL_YEAR: lambda: Period.parse(f"{y}/{(y + 1) % 100:02d}"),
        PeriodType.ACADEMIC_YEAR: lambda: Period.parse(f"{y}/{(y + 1) % 100:02d}", kind),
        PeriodType.CALENDAR_YEARS_POOLED: lambda: Period.parse(
            f"{y - pooled_years + 1} - {y}", kind
        ),
        PeriodType.FINANCIAL_YEARS_POOLED: lambda: Period.parse(
            f"{y - pooled_years + 1}/{(y - pooled_years + 2) % 100:02d} - {y}/{(y + 1) % 100:02d}",
            kind,
        ),
        PeriodType.FINANCIAL_QUARTER: lambda: quarter_of(by),
        PeriodType.MONTH: lambda: Period.parse(f"{y}-{m:02d}"),
        PeriodType.ROLLING_12_MONTHS: lambda: Period.parse(f"12 months to {y}-{m:02d}"),
    }
    period = seeds[kind]()
    while period.end > by:
        period = period.previous()
    return period


def _pool_years(plan: Any, indicator_id: str) -> int:
    """The pool length of the indicator's targets' baselines (3 years if none says).

    >>> from wyoutcomes import load_plan
    >>> _pool_years(load_plan(), "suicide-rate")  # the baseline "2016 - 18"
    3
    """
    kind = plan.indicator(indicator_id).period_type
    for target in plan.targets:
        label = target.baseline.period if target.indicator == indicator_id else None
        if label:
            period = Period.parse(str(label), kind)
            months = (period.end.year - period.start.year) * 12 + period.end.month
            return (months - period.start.month + 1) // 12  # "2016/17 - 18/19": 3 years
    return 3


def _sexes(plan: Any, indicator_id: str) -> list[str]:
    sexes = {
        str(getattr(t.sex, "value", t.sex))
        for a in plan.ambitions
        for t in a.targets
        if t.indicator == indicator_id
    }
    return sorted(sexes) or ["Persons"]


def _area_for(place: Any, area_types: list[str], period: Period) -> str | None:
    """The code carrying the whole place at one of ``area_types`` during ``period``."""
    from wyoutcomes.geography import carriers

    if "place" in area_types:
        return str(place.code)
    for carrier in carriers(place.code, coverage="whole"):
        in_use = (carrier.valid_from is None or carrier.valid_from <= period.end) and (
            carrier.valid_to is None or carrier.valid_to >= period.end
        )
        if carrier.type in area_types and in_use:
            return str(carrier.code)
    return None


def submission_template(place: str, quarter: str | Period, plan: Any = None) -> pd.DataFrame:
    """The rows ``place`` can submit for ``quarter``: keys filled in, figures empty.

    ``place`` is a place code, name or an area carrying it (see
    :func:`wyoutcomes.geography.resolve.resolve_place`); ``quarter`` any form
    :func:`wyoutcomes.quarters.parse_quarter` reads. Indicators reported only above the place
    (partnership, cancer alliance) are left out: the central team submits those.
    """
    from wyoutcomes.geography.resolve import resolve_place
    from wyoutcomes.quarters import parse_quarter

    plan = _plan(plan)
    where = resolve_place(place)
    by = parse_quarter(quarter).end
    rows = []
    for indicator in plan.indicators:
        kind = PeriodType(indicator.period_type)
        pooled = kind in (PeriodType.CALENDAR_YEARS_POOLED, PeriodType.FINANCIAL_YEARS_POOLED)
        years = _pool_years(plan, indicator.id) if pooled else 3
        period = latest_period(kind, by, years)
        code = _area_for(where, list(indicator.area_types), period)
        if code is None:
            continue
        for sex in _sexes(plan, indicator.id):
            row = dict.fromkeys(SUBMISSION_COLUMNS, "")
            row.update(indicator_id=indicator.id, area_code=code, period=period.label, sex=sex)
            row["age"] = "All ages"
            rows.append(row)
    if not rows:
        raise UsageError(f"no indicator of the plan is reported for {where.name}")
    return pd.DataFrame(rows, columns=list(SUBMISSION_COLUMNS))


def example_submission_path() -> Path:
    """The worked example submission (three rows with figures), in the wheel or the checkout.

    >>> example_submission_path().name
    'submission_template.csv'
    """
    from importlib import resources

    packaged = resources.files("wyoutcomes") / "_bundled" / "submission_template.csv"
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "examples" / "submission_template.csv"
    if checkout.is_file():
        return checkout
    raise UsageError(
        f"the example submission is missing from this installation (looked in {packaged} and "
        f"{checkout}); reinstall wyoutcomes"
    )
