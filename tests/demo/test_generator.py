"""The synthetic generator: deterministic, valid against the bundled plan, internally
consistent (areas add up, persons are men plus women) and anchored on the published figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import wyoutcomes.validation as validation
from wyoutcomes.definitions import load_plan
from wyoutcomes.demo import published_figures, synthetic_values
from wyoutcomes.demo.counts import rng_for
from wyoutcomes.demo.timeline import timeline


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return synthetic_values(seed=2019)


def _one(frame: pd.DataFrame, **key: str) -> pd.Series:
    hit = frame
    for column, value in key.items():
        hit = hit[hit[column] == value]
    assert len(hit) == 1, key
    return hit.iloc[0]


def test_same_seed_same_bytes_other_seed_other_counts(frame: pd.DataFrame) -> None:
    again = synthetic_values(seed=2019)
    assert frame.to_csv(index=False) == again.to_csv(index=False)
    other = synthetic_values(seed=7)
    assert not np.allclose(frame["value"], other["value"])


def test_every_indicator_of_the_plan_has_values(frame: pd.DataFrame) -> None:
    assert set(frame["indicator_id"]) == {i.id for i in load_plan().indicators}


def test_validates_with_no_errors_and_every_row_is_marked(frame: pd.DataFrame) -> None:
    report = validation.validate(frame)
    assert report.ok, report.failures[report.failures.severity == "error"].head()
    assert frame["value_note"].str.startswith("synthetic demonstration data").all()
    assert frame["value_note"].str.contains("demonstration data").all()  # the report's banner


def test_partnership_counts_are_the_sum_of_its_places(frame: pd.DataFrame) -> None:
    # WY&H (E54000005) = the five West Yorkshire districts + Harrogate, as real registers add up
    year6 = frame[
        (frame.indicator_id == "year6-obesity")
        & (frame.period == "2018/19")
        & (frame.category == "")
    ].set_index("area_code")
    parts = ["E08000032", "E08000033", "E08000034", "E08000035", "E08000036", "E07000165"]
    for column in ("numerator", "denominator"):
        assert year6.loc["E54000005", column] == year6.loc[parts, column].sum()
    # and the value is the statistic of those counts (percentage, Wilson limits bracket it)
    row = year6.loc["E54000005"]
    assert row.value == pytest.approx(100 * row.numerator / row.denominator)
    assert row.lower_ci < row.value < row.upper_ci


def test_persons_deaths_are_men_plus_women(frame: pd.DataFrame) -> None:
    key = {"indicator_id": "suicide-rate", "area_code": "E08000035", "period": "2019 - 21"}
    persons = _one(frame, **key, sex="Persons")
    men, women = _one(frame, **key, sex="Male"), _one(frame, **key, sex="Female")
    assert persons.numerator == men.numerator + women.numerator
    assert men.value > women.value  # the recipe: men's suicide rate about three times women's


def test_deciles_add_up_to_the_headline(frame: pd.DataFrame) -> None:
    rows = frame[
        (frame.indicator_id == "reception-obesity")
        & (frame.area_code == "E08000032")
        & (frame.period == "2019/20")
    ]
    headline = rows[rows.category == ""].iloc[0]
    deciles = rows[rows.category != ""]
    assert len(deciles) == 10
    assert deciles["numerator"].sum() == headline.numerator
    most = deciles[deciles.category == "Most deprived decile"].iloc[0]
    least = deciles[deciles.category == "Least deprived decile"].iloc[0]
    assert most.value > least.value


def test_levels_follow_the_published_figures(frame: pd.DataFrame) -> None:
    published = published_figures()
    suicide = published[
        (published.indicator_id == "suicide-rate") & (published.area_code.str.startswith("E08"))
    ]
    # synthetic values at the published keys stay near the real rates (Poisson noise only)
    synthetic = frame[frame.sex == "Persons"].merge(
        suicide, on=["indicator_id", "area_code", "period", "sex"], suffixes=("", "_real")
    )
    assert len(synthetic) == len(suicide)
    relative = (synthetic["value"] - synthetic["value_real"]).abs() / synthetic["value_real"]
    assert relative.median() < 0.15


def test_codes_are_used_only_while_they_exist(frame: pd.DataFrame) -> None:
    stp = frame[(frame.indicator_id == "e-coli-bacteraemia-rate")]
    assert set(stp[stp.area_code == "E54000005"].period) >= {"2019/20", "2020/21"}
    assert "2021/22" not in set(stp[stp.area_code == "E54000005"].period)
    assert "2020/21" not in set(stp[stp.area_code == "E54000054"].period)
    assert "2019/20" not in set(stp[stp.area_code == "E38000232"].period)  # merged April 2020


def test_pooled_periods_share_their_years() -> None:
    line = timeline("calendar_years_pooled", "2016 - 18")
    assert line.periods[0].label == "2016 - 18"
    assert line.periods[-1].label == "2023 - 25"
    assert line.pools.sum(axis=1).tolist() == [3] * len(line.periods)
    assert (line.pools[1:, 1:] == line.pools[:-1, :-1]).all()


def test_generators_do_not_depend_on_other_indicators() -> None:
    a = rng_for(2019, "suicide-rate").random(3)
    b = rng_for(2019, "suicide-rate").random(3)
    c = rng_for(2019, "stillbirth-rate").random(3)
    assert (a == b).all() and not (a == c).all()


def test_life_expectancy_gap_is_an_sii_with_simulated_limits(frame: pd.DataFrame) -> None:
    rows = frame[(frame.indicator_id == "life-expectancy-gap-deprivation")]
    assert (rows.lower_ci < rows.value).all() and (rows.value < rows.upper_ci).all()
    wyh = rows[(rows.area_code == "E54000005") & (rows.period == "2015 - 17")].set_index("sex")
    # the plan's implied baselines: about 10.0 years for men and 8.3 for women (an inference
    # from the plan's own figures)
    assert 8.0 < wyh.loc["Male", "value"] < 11.5
    assert 6.5 < wyh.loc["Female", "value"] < 10.0
    assert wyh.loc["Male", "value"] > wyh.loc["Female", "value"]


def test_gap_to_england_is_made_of_the_values_it_compares(frame: pd.DataFrame) -> None:
    hle = frame[frame.indicator_id == "healthy-life-expectancy"]
    assert "stp_icb" not in {_type(c) for c in hle.area_code.unique()}
    key = {"period": "2018 - 20", "sex": "Male"}
    england = _one(hle, area_code="E92000001", **key).value
    leeds = _one(hle, area_code="E08000035", **key).value
    gap = _one(
        frame, indicator_id="healthy-life-expectancy-gap-england", area_code="E08000035", **key
    )
    assert gap.value == pytest.approx(england - leeds)


def _type(code: str) -> str:
    from wyoutcomes import geography

    return geography.area(code).type
