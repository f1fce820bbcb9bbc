"""Quantile assignment against the reference's quantile sheet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wyoutcomes.errors import StatsInputError
from wyoutcomes.stats import quantiles

from .reference_data import fixture

SHEET = fixture("quantiles-quantiles.csv")
POLARITY = {"RAG - High is good": False, "RAG - Low is good": True, "False": False, "True": True}


def _good() -> pd.DataFrame:
    good = SHEET[SHEET["Test"].str.startswith("Good")].copy()
    good["Polarity"] = good["Polarity"].map(POLARITY).astype(bool)
    return good.reset_index(drop=True)


def _compare(out: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(out["quantile"].astype("float64").fillna(-1)) == list(
        expected["QuantileInGrp"].astype("float64").fillna(-1)
    )


pytestmark = pytest.mark.filterwarnings("ignore:quantiles. .* fewer values:UserWarning")


def test_within_region_deciles_with_polarity_column():
    data = _good()[lambda d: d["GroupSet"] == "IndSexReg"]
    out = quantiles(data, "Value", invert="Polarity", by=["IndSexRef", "ParentCode"])
    _compare(out, data)
    assert out["groupvars"].iloc[0] == "IndSexRef, ParentCode"


def test_within_region_deciles_not_inverted():
    data = _good()[lambda d: (d["GroupSet"] == "IndSexReg") & (d["IndSexRef"] == "90366Female")]
    out = quantiles(data, "Value", invert=False, by=["IndSexRef", "ParentCode"])
    _compare(out, data)
    assert out["qinverted"].eq("lowest quantile represents lowest values").all()


def test_septiles_by_indicator():
    data = _good()[lambda d: d["GroupSet"] == "IndSex"]
    out = quantiles(data, "Value", nquantiles=7, invert="Polarity", by="IndSexRef")
    _compare(out, data)


@pytest.mark.parametrize("by", [None, "GroupSet"])
def test_quartiles_ungrouped_and_grouped(by):
    data = _good()[lambda d: d["GroupSet"] == "None"]
    out = quantiles(data, "Value", nquantiles=4, by=by)
    _compare(out, data)


def test_groups_with_too_few_values_get_no_quantile():
    data = _good()[lambda d: (d["GroupSet"] == "IndSexReg") & (d["IndSexRef"] == "90366Female")]
    blanked = data.assign(Value=np.where(data["ParentCode"] == "E12000006", np.nan, data["Value"]))
    with pytest.warns(UserWarning, match="fewer values than quantiles"):
        out = quantiles(blanked, "Value", invert=False, by=["IndSexRef", "ParentCode"])
    region = out["ParentCode"] == "E12000006"
    assert out.loc[region, "quantile"].isna().all()
    # the other regions keep the reference's deciles
    _compare(out[~region], data[~region.to_numpy()])


def test_polarity_must_be_constant_within_a_group():
    bad = SHEET[SHEET["Test"] == "BadPolarity"].copy()
    bad["Polarity"] = bad["Polarity"].map(POLARITY).astype(bool)
    with pytest.raises(StatsInputError, match="invert-not-constant"):
        quantiles(bad, "Value", invert="Polarity", by="IndSexRef")
