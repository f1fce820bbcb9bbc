"""The data cut-off: a date means the whole day; the default comes from the data, not the clock."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from wyoutcomes.cutoff import CutOff, as_of_moment, cut_off_for, latest_submission
from wyoutcomes.errors import UsageError


def test_a_date_counts_the_whole_day():
    """A submission at 10:00 on 15 October is submitted by 15 October."""
    submitted = pd.Timestamp("2024-10-15T10:00", tz="UTC")
    for given in ("2024-10-15", date(2024, 10, 15)):
        assert submitted <= as_of_moment(given)
    assert submitted > as_of_moment("2024-10-14")
    assert as_of_moment(datetime(2024, 10, 15, 9)) < submitted  # a time is exact


def test_bad_text_is_a_usage_error():
    with pytest.raises(UsageError, match="not a submission id or a date-time"):
        as_of_moment("next Tuesday")


def test_the_default_is_the_latest_submission_in_the_data():
    frame = pd.DataFrame(
        {"submitted_at": pd.to_datetime(["2024-07-20T08:00", "2024-10-15T10:00"], utc=True)}
    )
    rule = cut_off_for(frame, None)
    assert rule.moment == pd.Timestamp("2024-10-15T10:00", tz="UTC")
    assert not rule.explicit
    assert "latest submission" in rule.text
    assert latest_submission(pd.DataFrame({"value": [1.0]})) is None
    assert cut_off_for(pd.DataFrame({"value": [1.0]}), None).text.startswith("every value")


def test_the_previous_quarter_keeps_the_same_lag_after_its_end():
    """Q2 ends 30 Sep; a report on 20 Oct is 20 days later, so Q1 (ends 30 Jun) is read on
    20 Jul. From 31 Dec (end of Q3) the previous is 30 Sep: the end of the shorter month."""
    rule = CutOff(pd.Timestamp("2024-10-20T12:00", tz="UTC"), explicit=True)
    assert rule.previous().moment == pd.Timestamp("2024-07-20T12:00", tz="UTC")
    end_of_q3 = CutOff(as_of_moment("2024-12-31"), explicit=True)
    assert end_of_q3.previous().moment.date() == date(2024, 9, 30)
    assert CutOff(None, explicit=False).previous().moment is None
