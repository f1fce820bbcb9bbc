"""Hand-built report inputs: a small plan, a progress frame and series with known contents.

Source: synthetic, written for these tests (no real figures). The progress frame has the
columns documented in docs/progress.md; statuses are assigned, not computed, because the report
only shows what progress decided. ``text`` lets a test put a hostile string into every text
field of the plan, the frame and the series notes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

import pandas as pd

from wyoutcomes.definitions import Plan
from wyoutcomes.periods import Period
from wyoutcomes.report.inputs import ReportInputs

PARTNERSHIP = "E54000054"
PLACES = ["E08000032", "E08000033", "E08000034", "E08000035", "E08000036", "E07000165"]
PLACE_NAMES = ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield", "Harrogate"]
STATUSES = ["on_track", "off_track", "met", "no_data", "insufficient_data", "not_met"]


def _same(s: str) -> str:
    return s


def plan_dict(n_ambitions: int = 10, text: Callable[[str], str] = _same) -> dict:
    ambitions = []
    for n in range(1, n_ambitions + 1):
        band = n == 4
        direction = n == 7
        indicator = {
            "id": f"indicator-{n}",
            "name": text(f"Indicator {n} rate"),
            "definition": text(f"Definition of indicator {n}."),
            "unit": text("%" if n % 2 else "per 100,000"),
            "measure_type": "proportion" if n % 2 else "dsr",
            "multiplier": 100 if n % 2 else 100000,
            "polarity": "target_band" if band else "lower_is_better",
            "period_type": "financial_quarter",
            "area_types": ["stp_icb", "local_authority"],
            "source": {"publisher": text("Office for Health Improvement and Disparities")},
            "ci_method": "wilson" if n % 2 else "byars",
            "plausible_range": {"min": 0, "max": 100000},
            "decimals": 1,
        }
        if band:
            indicator["band"] = {"lo": 20.0, "hi": 30.0}
        target = {
            "id": f"target-{n}",
            "indicator": f"indicator-{n}",
            "kind": "band" if band else ("direction_only" if direction else "relative_change"),
            "description": text(f"Cut indicator {n} by a tenth."),
            "baseline": {"period": "2019/20 Q1", "value": 30.0, "source": text("Fingertips")},
            "deadline": "2025/26 Q4",
            "scope": {"type": "places"},
        }
        if not band and not direction:
            target["change"] = -0.10
        ambitions.append(
            {
                "number": n,
                "slug": f"ambition-{n}",
                "title": text(f"Ambition number {n}"),
                "statement": text(f"We will improve outcome {n} for everyone."),
                "cites": {"page": n},
                "indicators": [indicator],
                "targets": [target],
            }
        )
    return {
        "id": "wyh-test",
        "title": text("Test Five Year Plan"),
        "publisher": text("Test Health and Care Partnership"),
        "published": date(2019, 11, 1),
        "source_document": {"title": text("Test plan document")},
        "version": "1",
        "area": PARTNERSHIP,
        "places": PLACES,
        "ambitions": ambitions,
    }


def make_plan(n_ambitions: int = 10, text: Callable[[str], str] = _same) -> Plan:
    return Plan.model_validate(plan_dict(n_ambitions, text))


def quarters(first: str, count: int) -> list[Period]:
    period = Period.parse(first)
    out = []
    for _ in range(count):
        out.append(period)
        period = period.next()
    return out


def make_inputs(
    plan: Plan,
    *,
    quarter: str = "2024/25 Q2",
    n_quarters: int = 22,
    text: Callable[[str], str] = _same,
    demo: bool = False,
    with_previous: bool = True,
) -> ReportInputs:
    """Progress and series frames for every target × (partnership + six places) + England."""
    periods = quarters("2019/20 Q1", n_quarters)
    areas = [(PARTNERSHIP, "West Yorkshire and Harrogate"), *zip(PLACES, PLACE_NAMES, strict=True)]
    progress_rows, previous_rows, series_rows = [], [], []
    trajectories = {}
    for a_index, ambition in enumerate(plan.ambitions):
        target, indicator = ambition.targets[0], ambition.indicators[0]
        for i, (code, name) in enumerate(areas):
            status = STATUSES[(a_index + i) % len(STATUSES)]
            values = [30.0 - 0.1 * k + 0.5 * math.sin(k + i) for k in range(n_quarters)]
            has_data = status != "no_data"
            for k, (p, v) in enumerate(zip(periods, values, strict=True)):
                if not has_data:
                    break
                note = ""
                value = v
                if demo:
                    note = "Demonstration data: synthetic"
                elif k == 3 and i == 1:
                    value, note = math.nan, text("Suppressed: fewer than 5 deaths")
                series_rows.append(
                    {
                        "target_id": target.id,
                        "area_code": code,
                        "period": p.label,
                        "mid": p.mid,
                        "value": value,
                        "lower_ci": value - 1.0,
                        "upper_ci": value + 1.0,
                        "value_note": note,
                    }
                )
            latest = values[-1] if has_data else math.nan
            row = _progress_row(
                ambition, indicator, target, code, text(name), status, periods[-1].label, latest
            )
            row["as_at"] = quarter
            progress_rows.append(row)
            if not math.isnan(row["target_value"]):
                # the straight path progress would judge against: baseline mid → deadline mid
                baseline_mid = Period.parse(row["baseline_period"]).mid
                deadline_mid = Period.parse(row["deadline"]).mid
                trajectories[(target.id, code)] = (
                    (baseline_mid, row["baseline_value"]),
                    (deadline_mid, row["target_value"]),
                )
            before = dict(row)
            before.update(
                status=STATUSES[(a_index + i + 1) % len(STATUSES)] if i == 0 else status,
                latest_period=periods[-2].label if has_data else None,
                latest_value=values[-2] if has_data else math.nan,
            )
            previous_rows.append(before)
        for k, p in enumerate(periods):
            series_rows.append(
                {
                    "target_id": target.id,
                    "area_code": "E92000001",
                    "period": p.label,
                    "mid": p.mid,
                    "value": 29.0 - 0.05 * k,
                    "lower_ci": 28.8 - 0.05 * k,
                    "upper_ci": 29.2 - 0.05 * k,
                    "value_note": "Demonstration data: synthetic" if demo else "",
                }
            )
    revisions = pd.DataFrame(
        {
            "indicator_id": ["indicator-1"],
            "area_code": [PLACES[0]],
            "period": [periods[-3].label],
            "change": ["revised"],
            "previous_value": [29.1],
            "value": [29.4],
            "difference": [0.3],
        }
    )
    warnings = pd.DataFrame(
        {
            "indicator_id": ["indicator-2"],
            "area_code": [PLACES[2]],
            "message": [text("Value changed by more than 20% since the last submission")],
        }
    )
    return ReportInputs(
        quarter=quarter,
        progress=pd.DataFrame(progress_rows),
        series=pd.DataFrame(series_rows),
        previous=pd.DataFrame(previous_rows) if with_previous else None,
        compare_to="2024/25 Q1" if with_previous else None,
        revisions=revisions,
        submission_ids=("0190a1b2-0000-7000-8000-000000000001", text("sub-2")),
        warnings=warnings,
        trajectories=trajectories,
    )


def _progress_row(ambition, indicator, target, code, name, status, period, latest) -> dict:
    kind = str(target.kind.value)
    band = kind == "band"
    target_value = math.nan if band or kind == "direction_only" else 27.0
    has = not math.isnan(latest)
    return {
        "ambition": ambition.number,
        "ambition_title": ambition.title,
        "indicator_id": indicator.id,
        "indicator_name": indicator.name,
        "target_id": target.id,
        "target_kind": kind,
        "area_code": code,
        "area_name": name,
        "sex": "Persons",
        "polarity": str(indicator.polarity.value),
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "judged_quantity": "value",
        "baseline_period": "2019/20 Q1",
        "baseline_value": 30.0,
        "baseline_source": "plan",
        "latest_period": period if has else None,
        "latest_value": latest,
        "latest_lower_ci": latest - 1.0,
        "latest_upper_ci": latest + 1.0,
        "n_points": 22 if has else 0,
        "target_value": target_value,
        "band_lower": 20.0 if band else math.nan,
        "band_upper": 30.0 if band else math.nan,
        "deadline": "2025/26 Q4",
        "deadline_passed": False,
        "assessed_period": period if has else None,
        "assessed_value": latest,
        "expected_value": 28.2,
        "distance_from_trajectory": latest - 28.2,
        "share_of_change_achieved": (30.0 - latest) / 3.0,
        "status": status,
        "qualifier": "improving" if has else None,
        "significant_change": has,
        "change_from_baseline": latest - 30.0,
        "change_lower": latest - 31.0,
        "change_upper": latest - 29.0,
        "trend_slope": -0.4,
        "trend_lower": -0.6,
        "trend_upper": -0.2,
        "projection_value": 27.5 if has else math.nan,
        "projection_lower": 26.0 if has else math.nan,
        "projection_upper": 29.0 if has else math.nan,
        "probability_met": 0.37 if has else math.nan,
        "projection_points": 6 if has else 0,
        "variation_icon": "special_cause_improving_low" if has else None,
        "assurance_icon": "hit_and_miss" if has else None,
        "summary": f"{indicator.name} in {name}: {status.replace('_', ' ')}.",
    }


# --- a real store for the bundled plan (end-to-end and browser tests) ---------------------

NOTE = "Demonstration data: synthetic values for tests"
#: the bundled plan's partnership code (valid until March 2021)
PLAN_PARTNERSHIP = "E54000005"


def month_label(year: int, month: int) -> str:
    return f"12 months to {year:04d}-{month:02d}"


def antibiotic_rows(last: tuple[int, int]) -> pd.DataFrame:
    rows, (year, month), k = [], (2018, 3), 0
    while (year, month) <= last:
        value = round(1.10 - 0.004 * k + (0.01 if k % 3 == 0 else 0.0), 3)
        rows.append(
            {
                "indicator_id": "antibiotic-items-per-star-pu",
                "area_code": PLAN_PARTNERSHIP,
                "period": month_label(year, month),
                "value": value,
            }
        )
        year, month, k = (year + month // 12, month % 12 + 1, k + 1)
    return pd.DataFrame(rows)


def suicide_rows() -> pd.DataFrame:
    rows = []
    for i, first in enumerate(range(2012, 2018)):
        label = f"{first} - {first + 2 - 2000:02d}"
        for code, value in ((PLAN_PARTNERSHIP, 11.9 - 0.2 * i), ("E92000001", 10.1 + 0.1 * i)):
            rows.append(
                {
                    "indicator_id": "suicide-rate",
                    "area_code": code,
                    "period": label,
                    "value": round(value, 1),
                    "lower_ci": round(value - 0.6, 1),
                    "upper_ci": round(value + 0.6, 1),
                }
            )
    return pd.DataFrame(rows)


def with_submission_columns(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column, default in (("sex", "Persons"), ("age", "All ages"), ("category_type", "")):
        frame[column] = default
    frame["category"] = ""
    for column in ("lower_ci", "upper_ci"):
        if column not in frame.columns:
            frame[column] = float("nan")
    frame["value_note"] = NOTE
    return frame


def two_submission_store(path, plan):
    """A store of demonstration values for the bundled plan, as at 2020/21 Q4.

    Antibiotic prescribing (rolling 12 months, monthly: enough points for SPC) and the suicide
    rate (pooled years, with England). The second submission, within the quarter, adds three
    months and revises one value. The quarter is 2020/21 Q4 because the partnership's code
    E54000005 is valid only until March 2021.
    """
    from wyoutcomes.store import Store

    store = Store(path)
    first = with_submission_columns(pd.concat([antibiotic_rows((2020, 11)), suicide_rows()]))
    record = store.ingest(first, submitter="Analysts", plan=plan, submitted_at="2020-12-15")
    # only a part of the plan is submitted, so coverage warnings are expected; no row may be lost
    assert record.outcome in {"accepted", "accepted_with_warnings"}, record
    assert record.quarantined == 0 and set(record.rules) <= {"coverage-missing"}, record
    second = with_submission_columns(antibiotic_rows((2021, 2)))
    revised = second["period"] == month_label(2020, 6)
    second.loc[revised, "value"] = second.loc[revised, "value"] + 0.05
    record = store.ingest(second, submitter="Analysts", plan=plan, submitted_at="2021-03-15")
    # only a part of the plan is submitted, so coverage warnings are expected; no row may be lost
    assert record.outcome in {"accepted", "accepted_with_warnings"}, record
    assert record.quarantined == 0 and set(record.rules) <= {"coverage-missing"}, record
    return store
