"""``validate_frame`` fails exactly the (row, rule, column) that ``validate`` fails, on every
engine, for rows drawn to trip each plan-less row rule: blank and Unicode-space labels, NaN
and infinite figures, inverted and non-bracketing limits, negative counts, duplicate keys
whose parts are blank in different ways."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wyoutcomes.engines import validate_frame
from wyoutcomes.validation import validate

TEXT = st.sampled_from(["a", "b", "", " ", "\u00a0", "\u3000", "\u2028", None])
SEX = st.sampled_from(["Persons", "Male", "persons", "Persons ", "", None])
NUMBER = st.one_of(
    st.none(), st.sampled_from([0.0, 1.0, 2.5, -1.0, 10.0, float("inf"), float("-inf")])
)


@st.composite
def submissions(draw) -> pd.DataFrame:
    rows = draw(st.integers(1, 25))

    def column(strategy):
        return draw(st.lists(strategy, min_size=rows, max_size=rows))

    frame = pd.DataFrame(
        {
            "indicator_id": column(st.sampled_from(["a", "b", " "])),
            "area_code": column(st.sampled_from(["E1", "E2", "\u00a0"])),
            "period": column(st.sampled_from(["2019", ""])),
            "sex": column(SEX),
            "age": column(st.sampled_from(["All ages", None])),
            "category_type": column(TEXT),
            "category": column(TEXT),
            "value": column(NUMBER),
            "lower_ci": column(NUMBER),
            "upper_ci": column(NUMBER),
            "numerator": column(NUMBER),
            "value_note": column(st.sampled_from([None, "suppressed", " "])),
        }
    )
    for name in ("indicator_id", "area_code", "period", "sex", "age", "category_type",
                 "category", "value_note"):  # fmt: skip
        frame[name] = frame[name].astype(object)
    for name in ("value", "lower_ci", "upper_ci", "numerator"):
        frame[name] = frame[name].astype("float64")
    return frame


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(frame=submissions())
def test_the_failure_table_is_validates_in_order(engine, frame):
    expected = validate(frame, plan_rules=False, as_of="2025-01-01").failures
    want = list(
        zip(expected["row"].astype(int), expected["rule"].astype(str),
            expected["column"].astype(str), strict=True)
    )  # fmt: skip
    native = engine(frame.assign(line=np.arange(1, len(frame) + 1)))
    result = validate_frame(native, plan_rules=False, source_row="line")
    got = list(
        zip(result.failures["row"].astype(int), result.failures["rule"].astype(str),
            result.failures["column"].astype(str), strict=True)
    )  # fmt: skip
    assert got == want
    import narwhals.stable.v2 as nw

    valid = nw.from_native(result.valid)
    valid = valid.collect() if isinstance(valid, nw.LazyFrame) else valid
    errors = set(expected.loc[expected["severity"] == "error", "row"].astype(int))
    assert sorted(valid["line"].to_list()) == [r for r in range(1, len(frame) + 1)
                                               if r not in errors]  # fmt: skip
