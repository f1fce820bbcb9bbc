"""xmr_frame: many series at once give exactly what one xmr call per series gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wyoutcomes import spc
from wyoutcomes.errors import StatsInputError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "spc" / "nhsrplotthedots_series.csv"
RNORM24 = pd.read_csv(FIXTURE, comment="#").query("name == 'rnorm24'")["value"].to_numpy()

COMPUTED = [
    "rebase_group",
    "mean",
    "lpl",
    "upl",
    "lower_2sigma",
    "upper_2sigma",
    "relative_to_mean",
    "outside_limits",
    "close_to_limits",
    "point_type",
    "special_cause",
    "classification",
    "trial_limits",
]


def long_table(series: dict[str, list[float]]) -> pd.DataFrame:
    frames = [
        pd.DataFrame(
            {
                "area": name,
                "month": pd.date_range("2020-01-01", periods=len(values), freq="MS"),
                "rate": values,
            }
        )
        for name, values in series.items()
    ]
    return pd.concat(frames, ignore_index=True)


def test_reference_facets_each_get_their_icons():
    # test-geom_ptd_icon.R (NHSRplotthedots 0.2.2), s3 and s4: facet = rep(0:1, each = 12)
    table = long_table({"0": list(RNORM24[:12]), "1": list(RNORM24[12:])})
    plain = spc.xmr_frame(table, "rate", "area", "month")
    assert plain.icons["variation_icon"].tolist() == ["common_cause", "common_cause"]
    assert plain.icons["assurance_icon"].isna().all()
    with_target = spc.xmr_frame(table, "rate", "area", "month", target=0.5)
    assert with_target.icons["assurance_icon"].tolist() == ["hit_and_miss", "hit_and_miss"]
    # and the facet summary of _snaps/ptd_spc.md (first and last ten of rnorm(20))
    halves = long_table({"0": list(RNORM24[:10]), "1": list(RNORM24[10:20])})
    summary = spc.xmr_frame(halves, "rate", "area", "month").summary
    assert summary["upl"].round(2).tolist() == [2.75, 3.70]
    assert summary["lpl"].round(2).tolist() == [-2.60, -3.28]


values_strategy = st.lists(
    st.one_of(st.integers(-50, 50).map(float), st.just(float("nan"))), min_size=1, max_size=30
)


@settings(deadline=None, max_examples=25)
@given(
    st.lists(values_strategy, min_size=1, max_size=5),
    st.sampled_from(["increase", "decrease", "neutral"]),
    st.one_of(st.none(), st.integers(-50, 50)),
    st.booleans(),
    st.one_of(st.none(), st.integers(-2, 32)),
)
def test_frame_matches_one_call_per_series(all_values, improvement, target, screen, rebase_at):
    rebase = None
    if rebase_at is not None:
        rebase = [pd.Timestamp("2020-01-01") + pd.DateOffset(months=rebase_at, days=9)]
    named = {f"s{i}": v for i, v in enumerate(all_values)}
    table = long_table(named).sample(frac=1, random_state=0)  # order must not matter
    frame = spc.xmr_frame(
        table,
        "rate",
        "area",
        "month",
        improvement=improvement,
        target=target,
        screen_outliers=screen,
        rebase=rebase,
    )
    for position, (name, values) in enumerate(named.items()):
        single = spc.xmr(
            values,
            dates=pd.date_range("2020-01-01", periods=len(values), freq="MS"),
            improvement=improvement,
            target=target,
            screen_outliers=screen,
            rebase=rebase,
        )
        rows = frame.points[frame.points["area"] == name].reset_index(drop=True)
        pd.testing.assert_frame_equal(rows[COMPUTED], single.points[COMPUTED])
        icons = frame.icons.iloc[position]
        assert icons["area"] == name
        assert icons["variation_icon"] == single.variation_icon or (
            single.variation_icon is None and pd.isna(icons["variation_icon"])
        )
        assert icons["assurance_icon"] == single.assurance_icon or (
            single.assurance_icon is None and pd.isna(icons["assurance_icon"])
        )
        codes = frame.warnings.loc[frame.warnings["area"] == name, "code"].tolist()
        assert sorted(codes) == sorted(single.warning_codes)


def test_rebase_three_ways_agree():
    table = long_table({"a": [9.0, 11.0] * 8 + [19.0, 21.0] * 8, "b": [1.0, 2.0] * 16})
    start = pd.Timestamp("2021-05-01")  # the 17th month
    by_mapping = spc.xmr_frame(table, "rate", "area", "month", rebase={"a": [start]})
    flags = table.assign(new_limits=(table["area"] == "a") & (table["month"] == start))
    by_column = spc.xmr_frame(flags, "rate", "area", "month", rebase="new_limits")
    pd.testing.assert_frame_equal(by_mapping.points, by_column.points)
    assert by_mapping.points.groupby("area")["rebase_group"].max().tolist() == [1, 0]
    for_all = spc.xmr_frame(table, "rate", "area", "month", rebase=["2021-05-01"])
    assert for_all.points.groupby("area")["rebase_group"].max().tolist() == [1, 1]


def test_a_rebase_before_a_series_starts_is_ignored_with_a_warning():
    table = long_table({"a": [1.0, 2.0] * 8})
    result = spc.xmr_frame(table, "rate", "area", "month", rebase=["2019-06-01"])
    assert result.warnings["code"].tolist() == ["rebase-ignored"]
    assert "2019-06-01" in result.warnings["message"].iloc[0]


def test_direction_and_target_from_columns():
    table = long_table({"up": [10.0, 12.0] * 6 + [20.0], "down": [10.0, 12.0] * 6 + [20.0]})
    table["polarity"] = np.where(table["area"] == "up", "increase", "decrease")
    table["goal"] = 30.0
    result = spc.xmr_frame(table, "rate", "area", "month", improvement="polarity", target="goal")
    assert result.icons.set_index("area")["variation_icon"].to_dict() == {
        "down": "special_cause_concerning_high",
        "up": "special_cause_improving_high",
    }
    assert result.icons.set_index("area")["assurance_icon"].to_dict() == {
        "down": "consistent_pass",
        "up": "consistent_fail",
    }


def test_several_key_columns():
    table = long_table({"a": [1.0, 2.0, 3.0], "b": [3.0, 2.0, 1.0]})
    table["sex"] = "Persons"
    result = spc.xmr_frame(table, "rate", ["area", "sex"], "month")
    assert list(result.icons.columns[:2]) == ["area", "sex"]
    assert len(result.icons) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.drop(columns="rate"), "column-missing"),
        (lambda t: pd.concat([t, t.iloc[[0]]]), "row 5 repeats the date 2020-01-01"),
        (lambda t: t.assign(area=[None, "a", "b", "b"]), "row 1 has no group key"),
        (lambda t: t.assign(rate=["1", "x", 1, 2]), "row 2 holds 'x'"),
        (lambda t: t.assign(pol=["increase", "decrease", "increase", "increase"]), "row 2 differs"),
    ],
)
def test_bad_input_names_the_row_and_rule(change, message):
    table = change(long_table({"a": [1.0, 2.0], "b": [3.0, 4.0]}))
    improvement = "pol" if "pol" in table.columns else "increase"
    with pytest.raises(StatsInputError, match=message):
        spc.xmr_frame(table, "rate", "area", "month", improvement=improvement)


def test_one_group_as_a_chart_equals_xmr_and_draws_the_same_svg():
    values = [10.0, 12.0] * 6 + [20.0, np.nan, 11.0]
    table = long_table({"a": values, "b": [1.0, 2.0, 3.0]})
    frame = spc.xmr_frame(table, "rate", "area", "month", target=15)
    single = spc.xmr(
        values, dates=pd.date_range("2020-01-01", periods=len(values), freq="MS"), target=15
    )
    chart = frame.chart("a")
    pd.testing.assert_frame_equal(chart.points, single.points)
    pd.testing.assert_frame_equal(chart.summary, single.summary)
    assert chart.warnings == single.warnings
    assert (chart.variation_icon, chart.assurance_icon) == (
        single.variation_icon,
        single.assurance_icon,
    )
    assert spc.svg(chart, title="a") == spc.svg(single, title="a")
    with pytest.raises(StatsInputError, match="group-unknown"):
        frame.chart("zzz")
