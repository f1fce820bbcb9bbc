"""Spec test: area and future-period rules read a period label in the indicator's own period
type, not as whatever type the label happens to spell.

"2020/21" is the financial year 1 Apr 2020 – 31 Mar 2021, but for an academic-year indicator
(Year 6 obesity, NCMP) it is 1 Sep 2020 – 31 Aug 2021. Code validity from the bundled area table
(MHSDS mapping tables): the partnership's STP code E54000005 was in use until 31 Mar 2021, the
ICB code
E54000054 from 1 Apr 2021, the NHS region E40000009 until 30 Jun 2022. An area counts as valid
for a period when its code was in use on at least one day of it.
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from wyoutcomes.validation import validate

AS_OF = date(2025, 6, 30)

# Rows 1-7 of a Year 6 obesity submission and the errors each must get. Read as financial
# years instead, rows 1, 5 and 7 would be judged wrongly (*).
SPEC = """
area_code | period  | errors
E54000054 | 2020/21 |
E54000054 | 2019/20 | area-not-valid-for-period
E54000005 | 2020/21 |
E54000005 | 2021/22 | area-not-valid-for-period
E40000009 | 2022/23 | area-type-not-reported area-not-valid-for-period
E08000035 | 2023/24 |
E08000035 | 2024/25 | period-in-future
"""
# * row 1: as a financial year (Apr 2020 – Mar 2021) it ends before the ICB code began;
#   row 5: as a financial year (Apr 2022 – Mar 2023) it overlaps the region's last quarter;
#   row 7: as a financial year it ended on 31 Mar 2025, before the validation date.


def _spec() -> pd.DataFrame:
    text = "\n".join(
        "|".join(c.strip() for c in line.split("|")) for line in SPEC.strip().splitlines()
    )
    return pd.read_csv(io.StringIO(text), sep="|", dtype=str, keep_default_na=False)


def _submission(spec: pd.DataFrame) -> pd.DataFrame:
    return spec[["area_code", "period"]].assign(
        indicator_id="year6-obesity", sex="Persons", age="10-11 yrs", category_type="",
        category="", value=20.0, lower_ci=19.0, upper_ci=21.0,
    )  # fmt: skip


@pytest.fixture(scope="module")
def report():
    return validate(_submission(_spec()), as_of=AS_OF)


def test_errors_follow_the_academic_year(report):
    errors = report.failures[report.failures["severity"] == "error"]
    found = {(int(f.row), str(f.rule)) for f in errors.itertuples()}
    expected = {
        (row, rule)
        for row, rules in enumerate(_spec()["errors"], start=1)
        for rule in rules.split()
    }
    assert found == expected, errors[["row", "rule", "message"]].to_string()


def test_messages_give_the_academic_years_dates(report):
    failures = report.failures
    region = failures[(failures["rule"] == "area-not-valid-for-period") & (failures["row"] == 5)]
    assert "2022/23 (2022-09-01 to 2023-08-31)" in region["message"].iloc[0]
    future = failures[failures["rule"] == "period-in-future"]
    assert "2025-08-31" in future["message"].iloc[0]


def test_a_financial_year_indicator_keeps_the_financial_reading():
    """The same label on a financial-year indicator (the learning-disability gap, reported at
    stp_icb): 2020/21 is Apr 2020 – Mar 2021, within the STP code's life and before the ICB
    code's."""
    frame = pd.DataFrame(
        {
            "indicator_id": "learning-disability-life-expectancy-gap",
            "area_code": ["E54000005", "E54000054"],
            "period": "2020/21",
            "sex": "Persons",
            "age": "All ages",
            "category_type": "",
            "category": "",
            "value": 20.0,
            "lower_ci": float("nan"),
            "upper_ci": float("nan"),
        }
    )
    report = validate(frame, as_of=AS_OF)
    errors = report.failures[report.failures["severity"] == "error"]
    assert {(int(f.row), str(f.rule)) for f in errors.itertuples()} == {
        (2, "area-not-valid-for-period")
    }
