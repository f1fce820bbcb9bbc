"""Coverage: the rows a submission should hold but does not (a warning, never an error).

For each indicator of the submission and each period submitted for it, every expected area
(by default the plan's places) of a type the indicator is reported at, and in use during the
period, should have at least one row. Submitters miss these most often and generic validators
never look, because the missing row is not in the file to be checked.
"""

from __future__ import annotations

import numpy as np

from wyoutcomes.validation.expectations import PlanFacts
from wyoutcomes.validation.failures import FailureLog
from wyoutcomes.validation.frame import SubmittedFrame

__all__ = ["check_coverage"]


def check_coverage(
    frame: SubmittedFrame, facts: PlanFacts, log: FailureLog, expected_areas: tuple[str, ...]
) -> int:
    """Log one ``coverage-missing`` warning per missing (indicator, area, period); returns the
    number of expected combinations."""
    indicator_codes, period_codes = frame.codes("indicator_id"), frame.codes("period")
    indicator_labels, period_labels = frame.labels("indicator_id"), frame.labels("period")
    area_codes, area_labels = frame.codes("area_code"), frame.labels("area_code")
    usable = (indicator_codes >= 0) & (period_codes >= 0)
    if not usable.any():
        return 0
    n_periods = len(period_labels)
    pair = indicator_codes[usable].astype(np.int64) * n_periods + period_codes[usable]
    submitted_pairs = np.unique(pair)

    area_index = {label: i for i, label in enumerate(area_labels)}
    triple = pair * (len(area_labels) + 1) + (area_codes[usable] + 1)
    present = set(np.unique(triple).tolist())

    expected = 0
    areas = {code: facts.area(code) for code in expected_areas}
    for p in submitted_pairs.tolist():
        indicator = facts.indicators.get(indicator_labels[p // n_periods])
        label = period_labels[p % n_periods]
        if indicator is None:
            continue
        try:
            period = facts.parse_period(label, indicator.period_type)
        except ValueError:
            continue  # reported by malformed-period / wrong-period-type
        for code in expected_areas:
            area = areas[code]
            if area is None or (indicator.area_types and area.type not in indicator.area_types):
                continue
            if not area.in_use_during(period.start, period.end):
                continue
            expected += 1
            k = area_index.get(code)
            if k is not None and p * (len(area_labels) + 1) + k + 1 in present:
                continue
            keys = {"indicator_id": indicator.id, "area_code": code, "period": label}
            log.add(
                "coverage-missing",
                "(row)",
                np.array([0]),
                np.array([-1]),
                [code],
                keys=keys,
                indicator=indicator.id,
                area=code,
                period=label,
            )
    return expected
