"""A target whose partnership code was succeeded: the report shows the joined series and says so.

Data: synthetic demonstration values (``report_fixtures.suicide_rows``) for the pooled periods
2012 - 14 to 2017 - 19 under E54000005, plus 2018 - 20 to 2020 - 22 under its successor
E54000054 (from April 2021, without Harrogate; MHSDS mapping tables). 2018 - 20 ended before
E54000054
existed, so that row is not part of the series; 2019 - 21 and 2020 - 22 are. As at 2024/25 Q2
the suicide-rate row's latest period is 2020 - 22, from E54000054.
"""

from __future__ import annotations

import pandas as pd
from report_fixtures import suicide_rows, with_submission_columns

from wyoutcomes.definitions import load_plan
from wyoutcomes.report import render_report
from wyoutcomes.report.inputs import ENGLAND
from wyoutcomes.report.sources import inputs_from

# progress's footprint note, with its area codes put into the names a reader knows
NOTE = (
    "West Yorkshire and Harrogate Health and Care Partnership (STP) to 2021-03-31, then "
    "NHS West Yorkshire ICB (footprint changed: without Harrogate)"
)


def test_the_footprint_change_is_a_data_note_on_the_affected_target():
    plan = load_plan()
    later = pd.DataFrame(
        {
            "indicator_id": "suicide-rate",
            "area_code": "E54000054",
            "period": ["2018 - 20", "2019 - 21", "2020 - 22", "2021 - 23"],
            "value": [10.6, 10.5, 10.4, 10.3],
            "lower_ci": [10.0, 9.9, 9.8, 9.7],
            "upper_ci": [11.2, 11.1, 11.0, 10.9],
        }
    )
    data = with_submission_columns(pd.concat([suicide_rows(), later], ignore_index=True))
    series = inputs_from(plan, data, "2024/25 Q2").series
    drawn = series[(series["target_id"] == "a5-suicide-10pc") & (series["area_code"] != ENGLAND)]
    assert drawn["period"].tolist()[-4:] == ["2017 - 19", "2019 - 21", "2020 - 22", "2021 - 23"]
    html = render_report(plan, data, "2024/25 Q2", generated_on="2024-10-01")
    five = html[html.index('<section id="ambition-5"') : html.index('<section id="ambition-6"')]
    assert f"the series joins {NOTE}; a change across the join may be the footprint" in five
    # the pooled periods holding 2020 are a declared series break: the latest judged is 2021 - 23
    assert "Latest data: 2021 - 23" in five
    card = five[
        five.index('<div class="card') : five.index("</div>", five.index('<div class="card'))
    ]
    assert f"Series joins {NOTE}." in card  # ambition 5's card: its headline is joined
    # no other ambition's targets are flagged: their data are not joined
    rest = html.replace(five, "")
    assert "the series joins" not in rest.split('<section id="appendix"')[0]
