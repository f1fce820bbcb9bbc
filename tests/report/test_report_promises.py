"""The report judges against the promise in force and shows revised promises side by side.

The two-version plan and its values are those of tests/progress/test_progress_promises.py
(written again here): version 1, Leeds suicide rate −10% on 10.0 (2016) by 2020; version 2, in
force from 1 April 2021, the same cut by 2025. Values 10.0, 9.8, 9.6, 9.5, 9.4 for 2016-2020.
Hand-worked: as at 2021/22 Q1 the original promise is not met (9.4 > 9.0 after its deadline) and
the revised one is on track (9.4 below the 9.56 expected at mid-2020 on the line to 2025).
"""

from __future__ import annotations

import pandas as pd

from wyoutcomes.definitions import Plan, PlanFamily
from wyoutcomes.report import render_report

LEEDS = "E08000035"
RATE = {
    "id": "suicide-rate",
    "name": "Suicide rate",
    "definition": "A test indicator.",
    "unit": "per 100,000",
    "multiplier": 100000,
    "measure_type": "dsr",
    "polarity": "lower_is_better",
    "period_type": "calendar_year",
    "area_types": ["local_authority"],
    "source": {"publisher": "Test"},
    "ci_method": "none",
    "plausible_range": {"min": 0, "max": 100},
    "decimals": 1,
}


def version(plan_id: str, deadline: str, target_id: str, **extra) -> Plan:
    revises = extra.pop("revises", None)
    target = {
        "id": target_id,
        "indicator": "suicide-rate",
        "kind": "relative_change",
        "baseline": {"period": "2016", "value": 10.0, "source": "test"},
        "change": -0.10,
        "deadline": deadline,
        "scope": {"type": "places", "areas": [LEEDS]},
    }
    if revises:
        target["revises"] = revises
    return Plan.model_validate(
        {
            "id": plan_id,
            "title": f"Test plan {plan_id}",
            "publisher": "wyoutcomes tests",
            "published": "2019-11-01",
            "source_document": {"title": "none"},
            "version": plan_id[-1],
            "area": "E54000054",
            "places": [LEEDS],
            **extra,
            "ambitions": [
                {
                    "number": 1,
                    "slug": "fewer-suicides",
                    "title": "Fewer suicides",
                    "statement": "A test ambition.",
                    "cites": {"page": 1},
                    "indicators": [RATE],
                    "targets": [target],
                }
            ],
        }
    )


FAMILY = PlanFamily(
    (
        version("test-v1", "2020", "suicide-2020"),
        version(
            "test-v2",
            "2025",
            "suicide-2025",
            supersedes="test-v1",
            effective_from="2021-04-01",
            revises={"target": "suicide-2020", "reason": "re-dated to 2025"},
        ),
    )
)
VALUES = pd.DataFrame(
    {
        "indicator_id": "suicide-rate",
        "area_code": LEEDS,
        "period": ["2016", "2017", "2018", "2019", "2020"],
        "sex": "Persons",
        "age": "All ages",
        "category_type": "",
        "category": "",
        "value": [10.0, 9.8, 9.6, 9.5, 9.4],
    }
)


def _section(html: str) -> str:
    start = html.index('<section id="revised"')
    return html[start : html.index("</section>", start)]


def test_the_revised_promises_section_shows_both_promises_and_both_verdicts():
    html = render_report(FAMILY, VALUES, "2021/22 Q1", generated_on="2021-07-01")
    section = _section(html)
    assert "-10% by 2020 (test-v1 v1)" in section and "-10% by 2025 (test-v2 v2)" in section
    assert section.index("Not met") < section.index("On track")  # original, then revised
    assert "re-dated to 2025" in section
    assert 'href="#revised"' in html  # listed in the contents


def test_a_quarter_is_reported_against_the_version_in_force_then():
    before = render_report(FAMILY, VALUES, "2020/21 Q4", generated_on="2021-04-01")
    after = render_report(FAMILY, VALUES, "2021/22 Q1", generated_on="2021-07-01")
    assert "Test plan test-v1" in before and 'id="revised"' not in before
    assert "Test plan test-v2" in after
    assert "suicide-2020" in before and "suicide-2025" in after


def test_the_cover_carries_the_plan_files_hash(tmp_path):
    from wyoutcomes.definitions import bundled_family

    family = bundled_family()
    plan = family.in_force("2024/25 Q2")
    html = render_report(family, VALUES.iloc[0:0], "2024/25 Q2", generated_on="2024-10-01")
    assert plan.sha256 is not None and plan.sha256 in html


def test_a_promise_new_since_the_previous_quarter_is_not_a_status_change():
    # 2021/22 Q1 is compared with 2020/21 Q4, judged against version 1 (suicide-2020 only)
    html = render_report(FAMILY, VALUES, "2021/22 Q1", generated_on="2021-07-01")
    start = html.index('id="changes-status"')
    changes = html[start : html.index('id="changes-new"')]
    assert "suicide-2025" not in changes
