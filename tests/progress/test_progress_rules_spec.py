"""Spec tests of the judgement method's rules on whole progress frames (docs/progress.md,
"The judgement method"): count_increase per year, series breaks, comparisons with England and
the region, SPC only on non-overlapping values with rebasing, and the ambition roll-up.
Every number is worked by hand in the docstring.
"""

from __future__ import annotations

import pandas as pd
import pytest
from progress_plans import LEEDS, WY, indicator, plan, submissions

from wyoutcomes.progress import ambition_rollup, progress_frame

ENGLAND, REGION = "E92000001", "E12000003"


def row(frame: pd.DataFrame, area: str) -> pd.Series:
    chosen = frame[frame["area_code"] == area]
    assert len(chosen) == 1
    return chosen.iloc[0]


# --- rule 7: count_increase per year ---------------------------------------------------------


def early_plan(count_basis: str):
    return plan(
        [
            indicator(
                "early-diagnoses",
                "higher_is_better",
                "financial_year",
                unit="people",
                measure_type="count",
                decimals=0,
            )
        ],
        [
            {
                "id": "early-1000-a-year",
                "indicator": "early-diagnoses",
                "kind": "count_increase",
                "change": 1000,
                "count_basis": count_basis,
                "deadline": "2023/24",
                "baseline": {"period": "2018/19"},
                "scope": {"type": "targeted_areas", "areas": [WY]},
            }
        ],
    )


EARLY = submissions(
    """
    indicator_id    | area_code | period  | value | numerator
    early-diagnoses | E54000054 | 2018/19 | 5665  | 5665
    early-diagnoses | E54000054 | 2019/20 | 5900  | 5900
    early-diagnoses | E54000054 | 2020/21 | 5200  | 5200
    early-diagnoses | E54000054 | 2021/22 | 6300  | 6300
    early-diagnoses | E54000054 | 2022/23 | 6800  | 6800
    early-diagnoses | E54000054 | 2023/24 | 7047  | 7047
    """
)


def test_count_increase_per_year_met_at_the_deadline_with_the_count_shown():
    """'1,000 more people a year than in 2018/19' by 2023/24: 7,047 − 5,665 = 1,382 more in the
    deadline year itself: met. The count itself (7,047) sits beside the extra."""
    result = row(progress_frame(early_plan("per_year"), EARLY, quarter="2024/25 Q1"), WY)
    assert result["judged_quantity"] == "extra_per_year"
    assert result["latest_value"] == 1382.0
    assert result["latest_count"] == 7047.0
    assert result["target_value"] == 1000.0
    assert result["status"] == "met"
    assert result["status_basis"] == "deadline_value"
    assert "7,047 people in 2023/24, 1,382 more than in 2018/19" in result["summary"]
    assert "1,000 more a year by 2023/24" in result["summary"]


def test_count_increase_per_year_reached_once_is_on_track():
    """As at 2022/23 Q4: 6,800 − 5,665 = 1,135 more in 2022/23, past 1,000; Byars gives
    6,800 × (1 − 1/61,200 − 1.96/(3√6,800))³ = 6,639.3 as the count's lower limit, so the
    extra's CI starts at 974.3, short of 1,000, and 2021/22 (635 more) was short too: reached
    once, on track, not met."""
    result = row(progress_frame(early_plan("per_year"), EARLY, quarter="2022/23 Q4"), WY)
    assert result["latest_value"] == 1135.0
    assert result["latest_lower_ci"] == pytest.approx(974.3, abs=0.1)
    assert result["status"] == "on_track"
    assert result["status_basis"] == "target_reached_once"


def test_the_same_counts_read_cumulatively():
    """Cumulative: 235 − 465 + 635 + 1,135 + 1,382 = 2,922 extra people over the five years,
    against 1,000 in all: met at the deadline — a different question, declared per target."""
    result = row(progress_frame(early_plan("cumulative"), EARLY, quarter="2024/25 Q1"), WY)
    assert result["judged_quantity"] == "cumulative_extra"
    assert result["latest_value"] == 2922.0
    assert result["latest_count"] == 7047.0
    assert result["status"] == "met"


# --- rule 4: series breaks ----------------------------------------------------------------------


def broken_plan():
    return plan(
        [
            indicator(
                "suicide-rate",
                "lower_is_better",
                excluded_periods=[{"period": "2020", "reason": "inquest delays"}],
            )
        ],
        [
            {
                "id": "suicide-cut",
                "indicator": "suicide-rate",
                "kind": "relative_change",
                "change": -0.10,
                "deadline": "2024",
                "baseline": {"period": "2016"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )


def suicides(value_2020: float) -> pd.DataFrame:
    return submissions(
        f"""
        indicator_id | area_code | period | value       | lower_ci | upper_ci
        suicide-rate | E08000035 | 2016   | 10.0        | 9.0      | 11.0
        suicide-rate | E08000035 | 2019   | 9.6         | 8.6      | 10.6
        suicide-rate | E08000035 | 2020   | {value_2020} | 1.0      | 99.0
        """
    )


def test_an_excluded_period_is_shown_never_judged():
    """2020 is a declared break: the row is judged on 2019 (9.6 against 10 − 1 × 1,096/2,922 =
    9.62 expected, at 1 dp 9.6: on track) and lists 2020 with its reason, whatever 2020 says."""
    for value in (4.0, 30.0):
        result = row(progress_frame(broken_plan(), suicides(value), quarter="2020/21 Q4"), LEEDS)
        assert result["latest_period"] == "2019"
        assert result["status"] == "on_track"
        assert result["excluded_periods"] == "2020: inquest delays"
        assert result["n_points"] == 2


# --- rule 8: compared with England and the region ----------------------------------------------


def compared_plan(polarity: str = "lower_is_better"):
    return plan(
        [indicator("rate", polarity)],
        [
            {
                "id": "rate-cut",
                "indicator": "rate",
                "kind": "relative_change",
                "change": -0.10,
                "deadline": "2024",
                "baseline": {"period": "2019"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )


BENCHMARKED = submissions(
    """
    indicator_id | area_code | period | value | lower_ci | upper_ci
    rate         | E08000035 | 2019   | 11.4  | 10.3     | 12.5
    rate         | E92000001 | 2019   | 10.0  | 9.9      | 10.1
    rate         | E12000003 | 2019   | 11.0  | 10.7     | 11.3
    """
)


def test_compared_with_england_and_the_region_at_95_and_99_8_percent():
    """Leeds 11.4 [10.3, 12.5], lower is better. England 10.0 lies below the whole 95% CI:
    worse. The region's 11.0 lies inside it: similar. At 99.8% the lower limit widens to
    11.4 − 1.1 × 3.0902/1.9600 = 9.666, which holds 10.0: similar to England too."""
    at_95 = row(progress_frame(compared_plan(), BENCHMARKED, quarter="2020/21 Q1"), LEEDS)
    assert (at_95["compared_with_england"], at_95["compared_with_region"]) == ("worse", "similar")
    assert "significantly worse than England and similar to the region" in at_95["summary"]
    at_998 = progress_frame(compared_plan(), BENCHMARKED, "2020/21 Q1", comparison_level=0.998)
    assert row(at_998, LEEDS)["compared_with_england"] == "similar"


def test_without_polarity_the_comparison_is_higher_or_lower():
    frame = progress_frame(compared_plan("no_judgement"), BENCHMARKED, quarter="2020/21 Q1")
    assert row(frame, LEEDS)["compared_with_england"] == "higher"


def test_no_benchmark_value_is_not_compared():
    only_leeds = BENCHMARKED[BENCHMARKED["area_code"] == LEEDS]
    result = row(progress_frame(compared_plan(), only_leeds, quarter="2020/21 Q1"), LEEDS)
    assert result["compared_with_england"] == "not_compared"
    assert result["compared_with_region"] == "not_compared"


# --- rule 5: SPC on non-overlapping values, rebased at declared step changes ----------------


def spc_plan(period_type: str, step_changes: list[dict] | None = None):
    extra = {"step_changes": step_changes} if step_changes else {}
    return plan(
        [indicator("e-coli-rate", "lower_is_better", period_type, **extra)],
        [
            {
                "id": "e-coli-under-3",
                "indicator": "e-coli-rate",
                "kind": "absolute_value",
                "value": 3.0,
                "deadline": "2026/27",
                "baseline": {"period": "2019/20 Q1" if "quarter" in period_type else "2019-04"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )


BEFORE = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 6]
AFTER = [v + 10 for v in BEFORE]


def quarters(values: list[float]) -> pd.DataFrame:
    labels = [f"{2019 + i // 4}/{(2020 + i // 4) % 100:02d} Q{i % 4 + 1}" for i in range(26)]
    return pd.DataFrame(
        {"indicator_id": "e-coli-rate", "area_code": LEEDS, "period": labels, "value": values}
    )


def test_a_declared_step_change_starts_new_limits():
    """13 quarters around 5.8, then 13 around 15.8 after a declared change of definition in
    2022/23 Q3. One set of limits over all 26 has its mean near 10.8 and the last value 16 far
    above its upper limit: special cause. Rebased at 2022/23 Q3, the last 13 have mean 205/13 =
    15.77, mean moving range 12/12 = 1.0 and limits 15.77 ± 2.66: 16 is common cause."""
    values = BEFORE + AFTER
    plain = row(
        progress_frame(spc_plan("financial_quarter"), quarters(values), "2025/26 Q2"), LEEDS
    )
    assert plain["variation_icon"] == "special_cause_concerning_high"
    stepped = spc_plan(
        "financial_quarter", [{"period": "2022/23 Q3", "reason": "new case definition"}]
    )
    rebased = row(progress_frame(stepped, quarters(values), "2025/26 Q2"), LEEDS)
    assert rebased["variation_icon"] == "common_cause"


def test_no_spc_on_rolling_twelve_month_sums():
    """26 rolling 12-month values share 11 months with each neighbour: never charted."""
    labels = [f"12 months to {2020 + (i + 3) // 12}-{(i + 3) % 12 + 1:02d}" for i in range(26)]
    rolling = pd.DataFrame(
        {"indicator_id": "e-coli-rate", "area_code": LEEDS, "period": labels, "value": BEFORE * 2}
    )
    result = row(progress_frame(spc_plan("rolling_12_months"), rolling, "2022/23 Q2"), LEEDS)
    assert result["variation_icon"] is None


# --- rule 9: the ambition roll-up ----------------------------------------------------------------


def test_an_ambitions_headline_is_its_worst_target():
    """Ambition 5 with Leeds on track and Bradford off track: the headline is off track, and
    the tally says 1 off track, 1 on track — never 'on track' because Leeds comes first."""
    frame = pd.DataFrame({"ambition": [5, 5], "status": ["on_track", "off_track"]})
    rollup = ambition_rollup(frame)
    assert rollup.loc[5, "status"] == "off_track"
    assert rollup.loc[5, "tally"] == "1 off track, 1 on track"


def test_the_judged_series_flags_the_break():
    """The chart's points: 2016, 2019 and 2020, with 2020 flagged as the declared break."""
    from wyoutcomes.progress import judged_series

    points = judged_series(broken_plan(), suicides(30.0), quarter="2020/21 Q4")
    assert points["period"].tolist() == ["2016", "2019", "2020"]
    assert points["excluded"].tolist() == [False, False, True]


def test_the_reports_xmr_chart_names_its_points_by_period():
    """The report draws the XmR result progress judged, its points named "2019/20 Q1" … (the
    period), not by the date each point was placed at."""
    from wyoutcomes.report import render_report

    values = quarters(BEFORE + BEFORE)
    page = render_report(spc_plan("financial_quarter"), values, "2025/26 Q2")
    chart = page[page.index("-xmr-title") :].split("</svg>", 1)[0]
    assert "<title>2019/20 Q1: 5" in chart and ">2025/26 Q2</text>" in chart
    assert "2019-06-30" not in chart


def test_a_calendar_year_break_excludes_every_pooled_period_holding_it():
    """Three-year pooled rates with 2020 declared a break: 2018 - 20 and 2019 - 21 both hold
    2020 and are left out; 2016 - 18 and 2017 - 19 are judged (the latest: 2017 - 19)."""
    pooled = plan(
        [
            indicator(
                "suicide-rate",
                "lower_is_better",
                "calendar_years_pooled",
                excluded_periods=[{"period": "2020", "reason": "inquest delays"}],
            )
        ],
        [
            {
                "id": "suicide-cut",
                "indicator": "suicide-rate",
                "kind": "relative_change",
                "change": -0.10,
                "deadline": "2024",
                "baseline": {"period": "2016 - 18"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )
    data = submissions(
        """
        indicator_id | area_code | period    | value | lower_ci | upper_ci
        suicide-rate | E08000035 | 2016 - 18 | 10.0  | 9.0      | 11.0
        suicide-rate | E08000035 | 2017 - 19 | 9.9   | 8.9      | 10.9
        suicide-rate | E08000035 | 2018 - 20 | 8.0   | 7.0      | 9.0
        suicide-rate | E08000035 | 2019 - 21 | 8.1   | 7.1      | 9.1
        """
    )
    result = row(progress_frame(pooled, data, quarter="2022/23 Q4"), LEEDS)
    assert result["latest_period"] == "2017 - 19"
    assert result["excluded_periods"] == "2020 (2018 - 20, 2019 - 21): inquest delays"
    assert "2020 (2018 - 20, 2019 - 21) left out as a series break" in result["summary"]


def test_the_reports_card_shows_the_count_beside_the_extra():
    """The ambition card's headline for a count target is the people counted (7,047 in
    2023/24), then the extra named as such (1,382 more than in 2018/19), never a bare
    "1,382 people"."""
    import re

    from wyoutcomes.report import render_report

    page = render_report(early_plan("per_year"), EARLY, "2024/25 Q1")
    start = page.index('<div class="card')  # the card that opens the ambition's section
    card = page[start : page.index("</div>", start)]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", card)))
    assert "7,047 people, 1,382 more than in 2018/19" in text
