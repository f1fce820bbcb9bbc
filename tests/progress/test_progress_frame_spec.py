"""Spec tests of the whole progress frame: a plan, a submission table, the expected rows.

Numbers are worked by hand in each docstring. A calendar year's mid-point is 1 July in a leap
year and 2 July otherwise (start + ⌊days/2⌋), so 2016 → 2020 is 1461 days and 2016 → 2018 is 731:
0.50034 of the way.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from progress_plans import BRADFORD, LEEDS, WY, indicator, plan, submissions

from wyoutcomes.progress import progress_frame
from wyoutcomes.progress.columns import COLUMNS
from wyoutcomes.progress.status import Status

DOCS = Path(__file__).resolve().parents[2] / "docs" / "progress.md"


def suicide_plan(**target):
    base = {
        "id": "suicide-cut",
        "indicator": "suicide-rate",
        "kind": "relative_change",
        "change": -0.10,
        "deadline": "2020",
        "baseline": {"period": "2016", "value": 10.0, "source": "test"},
        "scope": {"type": "targeted_areas", "areas": [LEEDS, BRADFORD]},
    }
    base.update(target)
    return plan([indicator("suicide-rate", "lower_is_better")], [base])


SUICIDES = submissions(
    """
    indicator_id | area_code | period | value | lower_ci | upper_ci
    suicide-rate | E08000035 | 2016   | 10.0  | 9.0      | 11.0
    suicide-rate | E08000035 | 2017   | 9.8   | 8.8      | 10.8
    suicide-rate | E08000035 | 2018   | 9.5   | 8.6      | 10.4
    suicide-rate | E08000032 | 2016   | 10.0  | 9.0      | 11.0
    suicide-rate | E08000032 | 2018   | 9.7   | 8.7      | 10.7
    suicide-rate | E08000032 | 2019   | 9.9   | 8.9      | 10.9
    """
)


def row(frame: pd.DataFrame, area: str, target: str | None = None) -> pd.Series:
    chosen = frame[frame["area_code"] == area]
    if target:
        chosen = chosen[chosen["target_id"] == target]
    assert len(chosen) == 1
    return chosen.iloc[0]


def test_one_row_per_target_and_area_with_every_column():
    frame = progress_frame(suicide_plan(), SUICIDES, quarter="2018/19 Q4")
    assert list(frame.columns) == list(COLUMNS)
    assert frame["area_code"].tolist() == [LEEDS, BRADFORD]
    assert frame["ambition"].tolist() == [5, 5]
    assert (frame["as_at"] == "2018/19 Q4").all()


def test_relative_change_per_area():
    """As at 2018/19 Q4 (31 Mar 2019): Leeds 2018 = 9.5 against 10 − 0.50034 = 9.49966 expected,
    9.5 at the published 1 dp — on track.
    Bradford 2018 = 9.7 is worse than 9.5, but its CI 8.7–10.7 holds 9.5: behind, not
    significantly (its 2019 value ends Dec 2019, after the as-at date)."""
    frame = progress_frame(suicide_plan(), SUICIDES, quarter="2018/19 Q4")
    leeds, bradford = row(frame, LEEDS), row(frame, BRADFORD)
    assert leeds["status"] == "on_track"
    assert leeds["expected_value"] == pytest.approx(9.49966, abs=1e-5)
    assert leeds["target_value"] == pytest.approx(9.0)
    assert leeds["share_of_change_achieved"] == pytest.approx(0.5)
    assert leeds["baseline_source"] == "plan"
    assert leeds["qualifier"] == "no_significant_change"
    assert bool(leeds["significant_change"]) is False
    assert bradford["status"] == "behind_not_significant"
    assert bradford["status_basis"] == "ci_includes_trajectory"
    assert bradford["latest_period"] == "2018"
    assert bradford["n_points"] == 2
    assert leeds["area_name"] != LEEDS  # named from the geography table
    assert "on track" in leeds["summary"]


def test_deadline_passed_verdicts():
    """As at 2021/22 Q1 the deadline year 2020 is over; only Leeds... neither area has a 2020
    value, so both are still judged on the trajectory, which is flat at 9.0 after 2020.
    Bradford 2019 = 9.9 [8.9, 10.9]: the CI holds 9.0, so not significantly behind."""
    frame = progress_frame(suicide_plan(), SUICIDES, quarter="2021/22 Q1")
    bradford = row(frame, BRADFORD)
    assert bool(bradford["deadline_passed"]) is True
    assert bradford["assessed_period"] == "2019"
    assert bradford["status"] == "behind_not_significant"


def test_deadline_value_decides():
    data = pd.concat(
        [
            SUICIDES,
            submissions(
                """
                indicator_id | area_code | period | value | lower_ci | upper_ci
                suicide-rate | E08000035 | 2020   | 8.9   | 8.0      | 9.8
                suicide-rate | E08000032 | 2020   | 9.2   | 8.2      | 10.2
                """
            ),
        ]
    )
    frame = progress_frame(suicide_plan(), data, quarter="2021/22 Q1")
    assert row(frame, LEEDS)["status"] == "met"
    assert row(frame, BRADFORD)["status"] == "not_met"
    assert "did not meet" in row(frame, BRADFORD)["summary"]


def test_areas_filter_and_no_data():
    frame = progress_frame(suicide_plan(), SUICIDES.iloc[:0], quarter="2018/19 Q4", areas=[LEEDS])
    assert frame["area_code"].tolist() == [LEEDS]
    assert frame.iloc[0]["status"] == "no_data"
    assert frame.iloc[0]["summary"].startswith("Leeds")


def test_fingertips_n_prefixed_codes_normalise():
    data = SUICIDES.assign(area_code="n" + SUICIDES["area_code"])
    frame = progress_frame(suicide_plan(), data, quarter="2018/19 Q4")
    assert row(frame, LEEDS)["status"] == "on_track"


def test_revised_values_do_not_leak_into_an_earlier_quarter():
    """Leeds 2018 was first submitted as 9.5 (on track), then revised to 9.8 [9.6, 10.0] in May
    2019, significantly above the 9.5 expected (off track). As at 2018/19 Q4 the first figure
    stands; as at 2019/20 Q1 the revision."""
    data = pd.concat(
        [
            SUICIDES.assign(submitted_at=pd.Timestamp("2019-03-01", tz="UTC")),
            submissions(
                """
                indicator_id | area_code | period | value | lower_ci | upper_ci
                suicide-rate | E08000035 | 2018   | 9.8   | 9.6      | 10.0
                """
            ).assign(submitted_at=pd.Timestamp("2019-05-20", tz="UTC")),
        ]
    )
    before = progress_frame(suicide_plan(), data, quarter="2018/19 Q4")
    after = progress_frame(suicide_plan(), data, quarter="2019/20 Q1")
    assert row(before, LEEDS)["latest_value"] == 9.5
    assert row(before, LEEDS)["status"] == "on_track"
    assert row(after, LEEDS)["latest_value"] == 9.8
    assert row(after, LEEDS)["status"] == "off_track"
    # and the later report can choose to include values submitted after the quarter closed
    late = progress_frame(suicide_plan(), data, quarter="2018/19 Q4", as_of="2019-06-01")
    assert row(late, LEEDS)["latest_value"] == 9.8


def test_baseline_from_data():
    frame = progress_frame(
        suicide_plan(baseline={"period": "2016"}), SUICIDES, quarter="2018/19 Q4"
    )
    leeds = row(frame, LEEDS)
    assert leeds["baseline_source"] == "data"
    assert leeds["baseline_value"] == 10.0
    assert leeds["status"] == "on_track"


def test_per_area_baselines():
    """Bradford's declared baseline is 10.4 (target 9.36): expected at 2018
    10.4 − 1.04 × 0.50034 = 9.8796, 9.9 at 1 dp, so 9.7 is on track (against 10.0 it is not)."""
    frame = progress_frame(
        suicide_plan(
            baseline={"period": "2016", "value": 10.0, "by_area": {BRADFORD: 10.4}, "source": "t"}
        ),
        SUICIDES,
        quarter="2018/19 Q4",
    )
    assert row(frame, BRADFORD)["baseline_value"] == 10.4
    assert row(frame, LEEDS)["baseline_value"] == 10.0
    assert row(frame, BRADFORD)["status"] == "on_track"


def test_gap_reduction_from_the_two_groups():
    """Life expectancy by decile: comparison (most deprived) minus reference (least deprived)
    is −10.0 in 2016, so the gap is oriented least − most = 10.0. 2018: 86.5 − 76.8 = 9.7 with
    MOVER limits 9.7 ∓ √(0.4² + 0.5²) = [9.0597, 10.3403]; expected 10 − 0.5 × 0.50034 = 9.7498,
    9.7 at 1 dp: on the line, so on track."""
    le = plan(
        [indicator("life-expectancy", "higher_is_better", unit="years", breakdowns=["decile"])],
        [
            {
                "id": "le-gap",
                "indicator": "life-expectancy",
                "kind": "gap_reduction",
                "change": -0.05,
                "deadline": "2020",
                "baseline": {"period": "2016", "value": 10.0, "source": "test"},
                "groups": {
                    "category_type": "decile",
                    "comparison": "1",
                    "reference": "10",
                },
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )
    data = submissions(
        """
        indicator_id   | area_code | period | value | lower_ci | upper_ci | category_type | category
        life-expectancy| E08000035 | 2016   | 76.0  | 75.5     | 76.5     | decile        | 1
        life-expectancy| E08000035 | 2016   | 86.0  | 85.6     | 86.4     | decile        | 10
        life-expectancy| E08000035 | 2018   | 76.8  | 76.3     | 77.3     | decile        | 1
        life-expectancy| E08000035 | 2018   | 86.5  | 86.1     | 86.9     | decile        | 10
        life-expectancy| E08000035 | 2018   | 81.0  | 80.8     | 81.2     |               |
        """
    )
    result = row(progress_frame(le, data, quarter="2018/19 Q4"), LEEDS)
    assert result["judged_quantity"] == "gap"
    assert result["latest_value"] == pytest.approx(9.7)
    assert result["latest_lower_ci"] == pytest.approx(9.05969, abs=1e-5)
    assert result["latest_upper_ci"] == pytest.approx(10.34031, abs=1e-5)
    assert result["status"] == "on_track"
    assert result["share_of_change_achieved"] == pytest.approx(0.6)


def cancer_plan(baseline: dict) -> object:
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
                "id": "early-diagnoses-1000",
                "indicator": "early-diagnoses",
                "kind": "count_increase",
                "change": 1000,
                "deadline": "2023/24",
                "baseline": baseline,
                "scope": {"type": "targeted_areas", "areas": [WY]},
            }
        ],
    )


CANCER = submissions(
    """
    indicator_id    | area_code | period  | value | numerator
    early-diagnoses | E54000054 | 2018/19 | 500   | 500
    early-diagnoses | E54000054 | 2019/20 | 600   | 600
    early-diagnoses | E54000054 | 2020/21 | 650   | 650
    """
)


def test_count_increase_cumulative_extra_people():
    """500 in 2018/19, then 600 and 650: 100 + 150 = 250 extra people by 2020/21, against
    1000 × 731/1826 = 400.3 expected: off track, share 0.25. The 2020/21 count against the
    baseline year's: 650 vs 500 on Byars limits — a significant rise."""
    result = row(
        progress_frame(cancer_plan({"period": "2018/19"}), CANCER, quarter="2021/22 Q1"), WY
    )
    assert result["judged_quantity"] == "cumulative_extra"
    assert result["baseline_value"] == 0.0
    assert result["latest_value"] == 250.0
    assert result["target_value"] == 1000.0
    assert result["expected_value"] == pytest.approx(400.33, abs=0.01)
    assert result["status"] == "off_track"
    assert result["share_of_change_achieved"] == pytest.approx(0.25)
    assert result["qualifier"] == "improving"
    assert "250 people" in result["summary"]


def test_count_increase_with_a_missing_year():
    data = CANCER[CANCER["period"] != "2019/20"]
    result = row(progress_frame(cancer_plan({"period": "2018/19"}), data, quarter="2021/22 Q1"), WY)
    assert result["status"] == "insufficient_data"
    assert "missing" in result["summary"]
    assert result["latest_period"] == "2020/21"
    assert math.isnan(result["latest_value"])  # a running total with a hole is not shown
    assert result["projection_points"] == 0


def test_count_increase_baseline_year_without_data():
    data = CANCER[CANCER["period"] != "2018/19"]
    result = row(progress_frame(cancer_plan({"period": "2018/19"}), data, quarter="2021/22 Q1"), WY)
    assert result["status"] == "insufficient_data"


def test_halt_trend_band_and_direction_only_in_one_plan():
    """Obesity rising 0.4 a year over five years, a straight line, so its slope's interval is
    0.4 to 0.4: significantly rising, off track; a WRES ratio 1.30 outside 0.8–1.25; employment
    63.0 [62, 64] against 60.0 [59, 61]: 3 − √2 > 0, improving."""
    mixed = plan(
        [
            indicator("year6-obesity", "lower_is_better", unit="%"),
            indicator(
                "wres-2",
                "target_band",
                "financial_year",
                unit="ratio",
                measure_type="ratio",
                decimals=2,
                band={"lo": 0.8, "hi": 1.25},
            ),
            indicator("employment", "higher_is_better", unit="%"),
        ],
        [
            {
                "id": "halt-obesity",
                "indicator": "year6-obesity",
                "kind": "halt_trend",
                "deadline": "2024",
                "baseline": {"period": "2016"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            },
            {
                "id": "wres-2-band",
                "indicator": "wres-2",
                "kind": "band",
                "deadline": "2023/24",
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            },
            {
                "id": "employment-up",
                "indicator": "employment",
                "kind": "direction_only",
                "deadline": "2024",
                "baseline": {"period": "2016"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            },
        ],
    )
    data = submissions(
        """
        indicator_id  | area_code | period  | value | lower_ci | upper_ci
        year6-obesity | E08000035 | 2016    | 20.0  |          |
        year6-obesity | E08000035 | 2017    | 20.4  |          |
        year6-obesity | E08000035 | 2018    | 20.8  |          |
        year6-obesity | E08000035 | 2019    | 21.2  |          |
        year6-obesity | E08000035 | 2020    | 21.6  |          |
        wres-2        | E08000035 | 2019/20 | 1.30  | 1.10     | 1.50
        employment    | E08000035 | 2016    | 60.0  | 59.0     | 61.0
        employment    | E08000035 | 2019    | 63.0  | 62.0     | 64.0
        """
    )
    frame = progress_frame(mixed, data, quarter="2021/22 Q1")
    obesity = row(frame, LEEDS, "halt-obesity")
    assert obesity["status"] == "off_track"
    assert obesity["trend_slope"] == pytest.approx(0.4, abs=0.001)
    assert obesity["qualifier"] == "worsening"
    assert "not yet halted" in obesity["summary"]
    wres = row(frame, LEEDS, "wres-2-band")
    assert wres["status"] == "outside_band"
    assert (wres["band_lower"], wres["band_upper"]) == (0.8, 1.25)
    assert "outside" in wres["summary"]
    employment = row(frame, LEEDS, "employment-up")
    assert employment["status"] == "improving"
    assert employment["change_lower"] == pytest.approx(3 - math.sqrt(2))


def test_milestone_trajectory():
    """10.0 (2016) → 9.0 (2020) through a milestone of 9.8 for 2018: at 2018 the expected value
    is 9.8 (not the straight line's 9.5), so 9.7 is on track."""
    frame = progress_frame(
        suicide_plan(trajectory="milestones", milestones=[{"period": "2018", "value": 9.8}]),
        SUICIDES,
        quarter="2018/19 Q4",
    )
    bradford = row(frame, BRADFORD)
    assert bradford["expected_value"] == pytest.approx(9.8)
    assert bradford["status"] == "on_track"


def test_the_same_inputs_give_the_same_frame():
    first = progress_frame(suicide_plan(), SUICIDES, quarter="2018/19 Q4")
    second = progress_frame(suicide_plan(), SUICIDES.sample(frac=1, random_state=1), "2018/19 Q4")
    pd.testing.assert_frame_equal(first, second)


def test_an_unknown_as_at_label_is_a_period_error():
    from wyoutcomes.errors import PeriodError

    with pytest.raises(PeriodError):
        progress_frame(suicide_plan(), SUICIDES, quarter="Q2 2024")


# --- the doc is the contract: it must list exactly these columns and statuses -----------------


def _doc_table_names(heading: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.MULTILINE)


def test_docs_define_every_column_in_order():
    assert _doc_table_names("## Columns") == list(COLUMNS)


def test_docs_define_every_status():
    assert _doc_table_names("## Statuses") == [s.value for s in Status]


# --- SPC icons ---------------------------------------------------------------------------------


def quarterly_plan(period_type: str = "financial_quarter"):
    return plan(
        [indicator("e-coli-rate", "lower_is_better", period_type, unit="per 100,000")],
        [
            {
                "id": "e-coli-under-3",
                "indicator": "e-coli-rate",
                "kind": "absolute_value",
                "value": 3.0,
                "deadline": "2024/25",
                "baseline": {"period": "2019/20 Q1" if "quarter" in period_type else "2012"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )


def quarters(values: list[float], first_year: int = 2019) -> pd.DataFrame:
    labels = [
        f"{first_year + i // 4}/{(first_year + i // 4 + 1) % 100:02d} Q{i % 4 + 1}"
        for i in range(len(values))
    ]
    return pd.DataFrame(
        {"indicator_id": "e-coli-rate", "area_code": LEEDS, "period": labels, "value": values}
    )


# NHSRplotthedots' own example shape: twelve points of 5–7 and a jump to 15. Mean of all 13 is
# 84/13 = 6.46; the moving ranges (1,1,2,1,1,1,1,2,1,0,1,10) screen out the 10 (≥ 3.267 × 22/12),
# leaving a mean MR of 12/11 = 1.09 and UPL = 6.46 + 2.66 × 1.09 = 9.36 < 15 (Above UCL).
JUMP = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15]


def test_spc_icons_for_a_quarterly_series():
    """Lower is better, so a last point above the upper limit is concerning (high). The target
    3.0 lies below the lower limit 6.46 − 2.9 = 3.56: a falling measure consistently fails it."""
    frame = progress_frame(quarterly_plan(), quarters(JUMP), quarter="2022/23 Q1")
    leeds = row(frame, LEEDS)
    assert leeds["n_points"] == 13
    assert leeds["variation_icon"] == "special_cause_concerning_high"
    assert leeds["assurance_icon"] == "consistent_fail"


def test_no_spc_icons_below_thirteen_points():
    frame = progress_frame(quarterly_plan(), quarters(JUMP[1:]), quarter="2022/23 Q1")
    leeds = row(frame, LEEDS)
    assert leeds["variation_icon"] is None
    assert leeds["assurance_icon"] is None


def test_no_spc_icons_for_annual_series():
    annual = pd.DataFrame(
        {
            "indicator_id": "e-coli-rate",
            "area_code": LEEDS,
            "period": [str(2012 + i) for i in range(len(JUMP))],
            "value": JUMP,
        }
    )
    frame = progress_frame(quarterly_plan("calendar_year"), annual, quarter="2025/26 Q1")
    assert row(frame, LEEDS)["variation_icon"] is None


def test_a_slope_in_a_percentage_is_in_percentage_points():
    from wyoutcomes.progress.summary import describe

    sentence = describe(
        {
            "area_name": "Leeds",
            "indicator_name": "Year 6 obesity",
            "target_kind": "halt_trend",
            "status": "off_track",
            "unit": "%",
            "decimals": 1,
            "trend_slope": 0.4,
            "latest_value": 21.2,
            "latest_period": "2019/20",
        }
    )
    assert sentence == (
        "Leeds: the trend has not yet halted — Year 6 obesity is rising by 0.4 percentage points"
        " a year, latest 21.2% in 2019/20."
    )


def test_a_malformed_period_in_the_data_names_indicator_area_and_label():
    from wyoutcomes.errors import PeriodError

    bad = SUICIDES.assign(period=["2016", "2017", "20l8", "2016", "2018", "2019"])
    with pytest.raises(PeriodError, match=r"suicide-rate, area E08000035, period '20l8'"):
        progress_frame(suicide_plan(), bad, quarter="2018/19 Q4")


# --- the judged series behind each row ---------------------------------------------------------


def test_judged_series_are_the_points_each_row_was_judged_on():
    from wyoutcomes.progress import judged_series

    frame = progress_frame(suicide_plan(), SUICIDES, quarter="2018/19 Q4")
    series = judged_series(suicide_plan(), SUICIDES, quarter="2018/19 Q4")
    leeds = series[series["area_code"] == LEEDS]
    assert leeds["period"].tolist() == ["2016", "2017", "2018"]
    assert leeds["value"].tolist() == [10.0, 9.8, 9.5]
    # Bradford's 2019 value ends after the as-at date: not a judged point
    assert series[series["area_code"] == BRADFORD]["period"].tolist() == ["2016", "2018"]
    counts = series.groupby("area_code").size()
    assert counts.to_dict() == dict(zip(frame["area_code"], frame["n_points"], strict=True))


def test_judged_series_of_a_running_total():
    from wyoutcomes.progress import judged_series

    series = judged_series(cancer_plan({"period": "2018/19"}), CANCER, quarter="2021/22 Q1")
    assert series["judged_quantity"].unique().tolist() == ["cumulative_extra"]
    assert series["value"].tolist() == [0.0, 100.0, 250.0]
    gappy = CANCER[CANCER["period"] != "2019/20"]
    assert judged_series(cancer_plan({"period": "2018/19"}), gappy, "2021/22 Q1").empty


def test_a_suppressed_value_is_no_point():
    """Leeds 2018 suppressed (value missing, as for small counts): the latest point is 2017."""
    data = SUICIDES.copy()
    data.loc[2, ["value", "lower_ci", "upper_ci"]] = float("nan")
    leeds = row(progress_frame(suicide_plan(), data, quarter="2018/19 Q4"), LEEDS)
    assert leeds["latest_period"] == "2017"
    assert leeds["n_points"] == 2


def test_one_area_code_given_bare():
    frame = progress_frame(suicide_plan(), SUICIDES, quarter="2018/19 Q4", areas=LEEDS)
    assert frame["area_code"].tolist() == [LEEDS]


def test_docs_give_every_column_its_dtype():
    text = DOCS.read_text(encoding="utf-8").split("## Columns", 1)[1].split("\n## ", 1)[0]
    documented = dict(re.findall(r"^\| `([a-z_0-9]+)` \| (\w+) \|", text, flags=re.MULTILINE))
    as_dtype = {"text": "object", "float": "float64", "Int64": "Int64", "boolean": "boolean"}
    frame = progress_frame(suicide_plan(), SUICIDES, quarter="2018/19 Q4")
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        c: as_dtype[t] for c, t in documented.items()
    }


def test_gap_reduction_on_an_indicator_that_is_the_gap():
    """An SII indicator: its own values are the gap (10.0 → 9.7), so the target declares no
    groups (the loader refuses them). Same numbers as the decile test: on track, share 0.6."""
    sii = plan(
        [indicator("le-sii", "lower_is_better", unit="years", measure_type="sii")],
        [
            {
                "id": "le-sii-gap",
                "indicator": "le-sii",
                "kind": "gap_reduction",
                "change": -0.05,
                "deadline": "2020",
                "baseline": {"period": "2016"},
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )
    data = submissions(
        """
        indicator_id | area_code | period | value | lower_ci | upper_ci
        le-sii       | E08000035 | 2016   | 10.0  | 9.4      | 10.6
        le-sii       | E08000035 | 2018   | 9.7   | 9.1      | 10.3
        """
    )
    result = row(progress_frame(sii, data, quarter="2018/19 Q4"), LEEDS)
    assert result["judged_quantity"] == "gap"
    assert result["baseline_source"] == "data"
    assert result["latest_value"] == 9.7
    assert result["status"] == "on_track"
    assert result["share_of_change_achieved"] == pytest.approx(0.6)


def test_count_increase_with_no_baseline_period_is_not_judged_from_the_earliest_year():
    """`baseline: from_data` and no publication lag: there is no baseline year, and the earliest
    year loaded (2018/19) is NOT taken as one — load 2017/18 and it would move."""
    result = row(progress_frame(cancer_plan("from_data"), CANCER, quarter="2021/22 Q1"), WY)
    assert result["baseline_period"] is None
    assert result["status"] == "insufficient_data"


def test_relative_change_with_no_baseline_period_is_not_judged_from_the_earliest_value():
    frame = progress_frame(suicide_plan(baseline="from_data"), SUICIDES, quarter="2018/19 Q4")
    leeds = row(frame, LEEDS)
    assert leeds["baseline_period"] is None
    assert leeds["status"] == "insufficient_data"
    assert "no baseline period" in leeds["summary"]


def test_baseline_anchored_on_the_plan_date_and_the_publication_lag():
    """The plan is dated 1 Nov 2019; calendar-year suicide rates come out 8 months after the
    year ends. 2018 ended 31 Dec 2018 and was out by 31 Aug 2019; 2019 not until Aug 2020:
    the baseline is 2018, whatever the data hold. Leeds 2018 = 9.5 is the baseline value."""
    anchored = plan(
        [indicator("suicide-rate", "lower_is_better", publication_lag_months=8)],
        [
            {
                "id": "suicide-cut",
                "indicator": "suicide-rate",
                "kind": "relative_change",
                "change": -0.10,
                "deadline": "2022",
                "baseline": "from_data",
                "scope": {"type": "targeted_areas", "areas": [LEEDS]},
            }
        ],
    )
    leeds = row(progress_frame(anchored, SUICIDES, quarter="2019/20 Q4"), LEEDS)
    assert (leeds["baseline_period"], leeds["baseline_value"]) == ("2018", 9.5)
    assert leeds["target_value"] == pytest.approx(8.55)
