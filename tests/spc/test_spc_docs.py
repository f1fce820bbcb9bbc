"""The worked examples of docs/spc.md give what the page says they give."""

from __future__ import annotations

import pandas as pd
import pytest

from wyoutcomes import spc

VALUES = [31.2, 30.8, 32.0, 31.5, 30.9, 31.8, 31.1, 32.3, 31.6, 30.7, 31.9, 31.4]
VALUES += [29.8, 29.5, 29.1, 28.8, 28.2, 27.9, 27.5]
MONTHS = pd.date_range("2023-04-01", periods=len(VALUES), freq="MS")


def test_first_example():
    chart = spc.xmr(VALUES, dates=MONTHS, improvement="decrease", target=28)
    assert chart.variation_icon == "special_cause_improving_low"
    assert chart.assurance_icon == "consistent_fail"
    tail = chart.points.tail(3)
    assert tail["point_type"].tolist() == ["Below LCL"] * 3
    assert tail["lpl"].iloc[0] == pytest.approx(28.544275, abs=1e-6)
    assert tail["upl"].iloc[0] == pytest.approx(32.29783, abs=1e-5)


def test_rebase_example():
    summary = spc.xmr(VALUES, dates=MONTHS, rebase=["2024-04-01"]).summary
    assert summary["start"].tolist() == [pd.Timestamp("2023-04-01"), pd.Timestamp("2024-04-01")]
    assert summary["mean"].round(6).tolist() == [31.433333, 28.685714]
    assert summary["n"].tolist() == [12, 7]
