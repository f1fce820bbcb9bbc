"""Notebook manners: one-line reprs, HTML views, and a date-indexed Series charted by its dates."""

from __future__ import annotations

import pandas as pd

from wyoutcomes import load_plan
from wyoutcomes.spc import xmr
from wyoutcomes.store import Store
from wyoutcomes.validation import validate


def test_reprs_are_one_line_and_html_views_exist(tmp_path):
    plan = load_plan()
    report = validate(pd.DataFrame({"indicator_id": ["x"]}), plan_rules=False)
    chart = xmr([5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15])
    store = Store.create(tmp_path / "store")
    for thing in (plan, report, chart, store):
        text = repr(thing)
        assert "\n" not in text and len(text) < 200, text
        assert thing._repr_html_().startswith("<p>")
    assert repr(store).endswith("0 submissions)")
    assert "no store here yet" in repr(Store(tmp_path / "elsewhere"))
    assert not (tmp_path / "elsewhere").exists()  # a repr writes nothing either


def test_a_date_indexed_series_is_charted_by_its_dates():
    """The same values in shuffled date order give the chart of the sorted series."""
    dates = pd.date_range("2023-01-01", periods=13, freq="MS")
    values = [5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15]
    ordered = xmr(values, dates=dates)
    series = pd.Series(values, index=dates).sample(frac=1.0, random_state=1)
    from_series = xmr(series)
    assert list(from_series.points["date"]) == list(dates)
    assert from_series.points["point_type"].iloc[-1] == ordered.points["point_type"].iloc[-1]
    assert from_series.variation_icon == ordered.variation_icon


def test_a_period_indexed_series_is_charted_by_its_periods():
    index = pd.period_range("2023-01", periods=13, freq="M")
    chart = xmr(pd.Series([5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15], index=index))
    assert chart.points["date"].iloc[0] == pd.Timestamp("2023-01-01")
