"""The board page: one summary row per target, the exceptions, the headline — formatted, not judged.

Rows are tiny hand-made progress rows (the progress frame's columns), so every expected cell is
worked out here from the row, not read back from the code.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

from wyoutcomes.report.board import build_board, card_words, distinct_labels, quantity_words
from wyoutcomes.report.sections import _named

WY = "E54000054"


def _row(target_id: str, area_code: str, **extra: object) -> SimpleNamespace:
    base = {
        "ambition": 1,
        "ambition_title": "Longer lives",
        "indicator_id": "i",
        "indicator_name": "Suicide rate",
        "target_id": target_id,
        "target_kind": "relative_change",
        "area_code": area_code,
        "area_name": {WY: "West Yorkshire", "E08000035": "Leeds"}.get(area_code, area_code),
        "sex": "Persons",
        "unit": "per 100,000",
        "decimals": 1,
        "judged_quantity": "value",
        "latest_period": "2022",
        "latest_value": 12.5,
        "target_value": 9.5,
        "band_lower": math.nan,
        "band_upper": math.nan,
        "deadline": "2024",
        "assessed_period": "2022",
        "expected_value": 10.26,
        "status": "off_track",
        "qualifier": "no_significant_change",
        "variation_icon": None,
        "assurance_icon": None,
    }
    base.update(extra)
    return SimpleNamespace(**base)


def _plan(*targets: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(area=WY, targets=list(targets), ambitions=[1, 2])


def _target(target_id: str, **extra: object) -> SimpleNamespace:
    return SimpleNamespace(**{"id": target_id, "lead": None, "description": None, **extra})


def _points(target_id: str, area_code: str) -> list[float]:
    return [14.0, 13.0, 12.5]


def _board(plan, rows):
    return build_board(plan, rows, _points, quarter="2024/25 Q2", anchor_of=lambda t: f"target-{t}")


def test_one_row_per_target_with_every_cell_in_words():
    plan = _plan(_target("cut", lead="Director of Public Health, Leeds"))
    board = _board(plan, [_row("cut", WY, variation_icon="common_cause")])
    (row,) = board.rows
    assert (row.label, row.anchor, row.area) == ("Suicide rate", "target-cut", "")
    assert (row.latest, row.latest_period) == ("12.5", "2022")
    assert row.target == "9.5 by 2024"
    assert row.expected == "10.3"  # 10.26 at 1 decimal, as the indicator publishes
    assert row.trend.words == "No significant change"
    assert row.status.words == "Off track"
    assert row.variation_words == "Common cause" and "Common cause variation" in row.variation
    assert row.assurance_words == "Not assessed"
    # progress has no comparison with England yet: shown as not assessed, never guessed
    assert row.england_words == "Not assessed" and not board.has_england
    assert row.owner == "Director of Public Health, Leeds" and board.has_owner
    assert row.spark.path  # three values drawn


def test_place_scoped_target_counts_its_places():
    plan = _plan(_target("places"))
    rows = [
        _row("places", "E08000035", status="improving"),
        _row("places", "E08000032", status="improving"),
        _row("places", "E08000033", status="off_track"),
    ]
    (row,) = _board(plan, rows).rows
    assert row.area == "3 places" and row.latest == "By place"
    assert row.status_detail == "2 improving, 1 off track"
    assert row.owner == "Not stated"


def test_exceptions_and_headline():
    plan = _plan(_target("a"), _target("b"), _target("c"))
    rows = [
        _row("a", WY, status="on_track", qualifier="improving"),
        _row("b", WY, status="off_track", qualifier="worsening"),
        _row("c", WY, status="improving", compared_with_england="worse"),
    ]
    board = _board(plan, rows)
    reasons = [(e.anchor, e.reasons) for e in board.exceptions]
    assert reasons == [
        ("target-b", "Off track; worsening since the baseline"),
        ("target-c", "significantly worse than England"),
    ]
    assert board.has_england
    assert board.rows[2].england_words == "Worse"
    assert "Significantly worse than England" in board.rows[2].england
    assert board.headline == (
        "As at 2024/25 Q2, the report follows 3 targets across 2 ambitions, judged 3 times (a "
        "target once for the partnership, or once per place): 1 improving, 1 off track, "
        "1 on track. 2 of these judgements are exceptions (off track, not met, outside the band, "
        "worsening, or significantly worse than England) and are listed after the summary table."
    )


def test_the_quantity_is_named_exactly():
    """The cancer target judges extra people since the baseline year, not people diagnosed."""
    row = _row(
        "early",
        WY,
        judged_quantity="cumulative_extra",
        unit="people",
        decimals=0,
        latest_value=833.0,
        latest_period="2023/24",
        target_value=1000.0,
        expected_value=1000.0,
        deadline="2023/24",
    )
    assert card_words(row) == (
        "833 extra people since the baseline year (cumulative) (2023/24)",
        "1,000 by 2023/24",
        "1,000 (for 2022)",
    )
    assert quantity_words("gap", "years") == "gap in years"
    band = _row("b", WY, target_kind="band", band_lower=0.8, band_upper=1.25, decimals=2,
                unit="ratio", expected_value=math.nan)  # fmt: skip
    assert card_words(band)[1:] == ("within 0.80 to 1.25 by 2024", "no trajectory value")


def test_two_targets_with_one_name_are_told_apart():
    plan = _plan(
        _target("ten", description="10% fewer suicides."),
        _target("targeted", description="Three-quarters fewer in the targeted areas."),
        _target("men"),
    )
    rows = [_row("ten", WY), _row("targeted", WY), _row("men", WY, sex="Male")]
    assert distinct_labels(plan, rows) == {
        "ten": "Suicide rate: 10% fewer suicides",
        "targeted": "Suicide rate: three-quarters fewer in the targeted areas",
        "men": "Suicide rate (men)",
    }


def test_area_codes_in_notes_become_names():
    assert _named("joins E54000005 to 2021-03-31, then E54000054") == (
        "joins West Yorkshire and Harrogate Health and Care Partnership (STP) to 2021-03-31, "
        "then NHS West Yorkshire ICB"
    )
    assert _named("E99999999 unknown") == "E99999999 unknown"  # not in the table: kept


def test_the_rendered_page_shows_verdict_columns_when_progress_has_them():
    """A progress frame with the verdicts' columns: the excluded period is shaded on the chart,
    England's comparison fills the summary cell and makes an exception, the chance has words."""
    import dataclasses

    from report_fixtures import make_inputs, make_plan

    from wyoutcomes.report.render import render_inputs

    plan = make_plan(1)
    inputs = make_inputs(plan)
    progress = inputs.progress.assign(
        excluded_periods="2020/21 Q1 (2020/21 Q1, 2020/21 Q2): collection paused",
        compared_with_england="worse",
        probability_band="unlikely",
    )
    page = render_inputs(plan, dataclasses.replace(inputs, progress=progress))
    assert page.count('<rect class="excluded"') >= 2  # two quarters on the headline chart
    assert "Left out of the judgement: 2020/21 Q1: collection paused" in page
    summary = page[page.index('<section id="summary"') : page.index('<section id="exceptions"')]
    assert "Significantly worse than England" in summary and ">Worse</span>" in summary
    exceptions = page[page.index('<section id="exceptions"') : page.index('<nav class="contents"')]
    assert "significantly worse than England" in exceptions
    assert "(unlikely)</td>" in page


def test_a_count_target_shows_the_people_counted_beside_the_extra():
    """Progress (with the verdicts) gives ``latest_count``: 7,047 diagnosed early in 2023/24,
    833 more than the baseline year's level summed since — both are shown, each named."""
    plan = _plan(_target("early"))
    row = _row("early", WY, judged_quantity="cumulative_extra", unit="people", decimals=0,
               latest_value=833.0, latest_count=7047.0, latest_period="2023/24")  # fmt: skip
    (summary,) = _board(plan, [row]).rows
    assert summary.latest == (
        "7,047 counted; 833 extra people since the baseline year (cumulative)"
    )
    per_year = _row("early", WY, judged_quantity="extra_per_year", unit="people", decimals=0,
                    latest_value=120.0, latest_period="2023/24")  # fmt: skip
    assert card_words(per_year)[0] == "120 extra people a year over the baseline year (2023/24)"
