"""Validation across the partnership's change of code (E54000005 to 31 March 2021, E54000054 on).

Domain facts (westyorkshire.icb.nhs.uk, MHSDS mapping tables): E54000054 took over from
E54000005 on 1 April 2021 without Harrogate. A partnership-level indicator (WRES, reported at
stp_icb only) submitted under the
successor for 2022/23 is accepted without any coverage warning: coverage expects the plan's
places, and no place can carry a partnership-only indicator, so the ended code is never expected.
The same row under the ended code is an error.
"""

from __future__ import annotations

import pandas as pd

from wyoutcomes.definitions import load_plan
from wyoutcomes.validation import validate


def _wres(code: str, period: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": "wres-1-bme-senior-gap",
            "area_code": [code],
            "period": [period],
            "sex": "Persons",
            "age": "All ages",
            "category_type": "",
            "category": "",
            "value": [-5.0],
            "lower_ci": [float("nan")],
            "upper_ci": [float("nan")],
        }
    )


def test_the_successor_is_accepted_and_the_ended_code_is_not_expected_after_it_ended():
    plan = load_plan()
    report = validate(_wres("E54000054", "2022/23"), plan=plan)
    failures = report.failures
    assert report.ok, failures.to_string()
    assert "coverage-missing" not in set(failures["rule"].astype(str))
    assert not (failures["area_code"] == "E54000005").any()


def test_the_ended_code_is_rejected_for_a_period_after_it_ended():
    plan = load_plan()
    report = validate(_wres("E54000005", "2022/23"), plan=plan)
    rules = set(report.failures.loc[report.failures["severity"] == "error", "rule"].astype(str))
    assert "area-not-valid-for-period" in rules
    assert not report.ok
