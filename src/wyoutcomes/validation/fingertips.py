"""Bring a Fingertips export onto the plan: indicator ids and period labels.

Fingertips names indicators by number (41001) and the plan by slug (``suicide-rate``); an id
the plan knows is replaced by the plan's slug, anything else is left as it was so that
``unknown-indicator`` names it. A period label is rewritten in its canonical form when it
parses as the indicator's period type (``2017 - 19`` stays ``2017 - 19``; a label that does
not parse is left alone for ``malformed-period`` / ``wrong-period-type`` to report).
"""

from __future__ import annotations

import contextlib

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from wyoutcomes.validation.expectations import PlanFacts

__all__ = ["onto_plan"]


def onto_plan(table: pa.Table, facts: PlanFacts) -> pa.Table:
    """``table`` with Fingertips indicator ids and period labels mapped onto the plan."""
    indicator = pc.dictionary_encode(table.column("indicator_id")).combine_chunks()
    ids = indicator.dictionary.to_pylist()
    plan_ids = [facts.fingertips_ids.get(str(i).strip(), i) for i in ids]
    mapped = pa.DictionaryArray.from_arrays(indicator.indices, pa.array(plan_ids, pa.string()))
    mapped = mapped.cast(pa.string())

    period = pc.dictionary_encode(table.column("period")).combine_chunks()
    labels = period.dictionary.to_pylist()
    width = len(labels) + 1  # codes shifted by one so that null (-1) becomes 0
    pair_codes = (indicator.indices.fill_null(-1).to_numpy().astype(np.int64) + 1) * width + (
        period.indices.fill_null(-1).to_numpy() + 1
    )
    distinct, inverse = np.unique(pair_codes, return_inverse=True)
    canonical: list[str | None] = []
    for code in distinct.tolist():
        i, p = divmod(code, width)
        label = labels[p - 1] if p > 0 else None
        facts_i = facts.indicators.get(str(plan_ids[i - 1])) if i > 0 else None
        if facts_i is not None and label is not None:
            with contextlib.suppress(ValueError):  # left for the period rules to report
                label = facts.parse_period(label, facts_i.period_type).label
        canonical.append(label)
    periods = pa.array(canonical, pa.string()).take(pa.array(inverse.reshape(-1)))
    table = table.set_column(table.column_names.index("indicator_id"), "indicator_id", mapped)
    return table.set_column(table.column_names.index("period"), "period", periods)
