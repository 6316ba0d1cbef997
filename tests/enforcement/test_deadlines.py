"""The publication and withdrawal clocks across 春节 and 国庆 with 调休 (regulations.md §3)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.workdays import default_calendar, working_days_between
from gongkai.enforcement import deadlines

CAL = default_calendar()


@pytest.mark.parametrize(
    ("kind", "decided_on", "due"),
    [
        # 2026 春节: off 02-15..02-23, Saturdays 02-14 and 02-28 worked.
        ("penalty", date(2026, 2, 11), date(2026, 2, 27)),
        ("licence", date(2026, 2, 11), date(2026, 2, 27)),
        ("inspection", date(2026, 2, 11), date(2026, 3, 17)),
        ("other", date(2026, 2, 11), date(2026, 3, 17)),
        # 2026 国庆: off 10-01..10-07, Saturday 10-10 worked.
        ("penalty", date(2026, 9, 29), date(2026, 10, 14)),
        ("coercion", date(2026, 9, 29), date(2026, 11, 2)),
        # 2025 春节: off 01-28..02-04, Sunday 01-26 and Saturday 02-08 worked.
        ("penalty", date(2025, 1, 24), date(2025, 2, 10)),
    ],
)
def test_publication_deadline_skips_the_holiday_and_counts_the_makeup_days(kind, decided_on, due):
    explanation = deadlines.publication_deadline(kind, decided_on, CAL)
    assert explanation.date == due
    assert explanation.days == deadlines.publication_days(kind)
    zh, en = explanation.summary("zh"), explanation.summary("en")
    assert "放假" in zh and "调休上班" in zh and "off" in en


@pytest.mark.parametrize(
    ("event_on", "due"),
    [
        (date(2026, 2, 12), date(2026, 2, 24)),  # Fri 13, Sat 14 worked, then 24 after 春节
        (date(2026, 9, 30), date(2026, 10, 10)),  # 10-08, 10-09, and Saturday 10-10 worked
        (date(2026, 10, 9), date(2026, 10, 13)),  # Sat 10-10 counts, Sun 10-11 does not
    ],
)
def test_withdrawal_takes_three_working_days(event_on, due):
    assert deadlines.withdrawal_deadline(event_on, CAL).date == due


def test_seven_days_for_licences_and_penalties_twenty_for_the_rest():
    assert deadlines.publication_days("licence") == deadlines.publication_days("penalty") == 7
    kinds = ["coercion", "inspection", "levy", "requisition", "confirmation", "benefit"]
    assert {deadlines.publication_days(k) for k in [*kinds, "adjudication", "award"]} == {20}


@given(
    kind=st.sampled_from(["penalty", "licence", "coercion", "other"]),
    decided_on=st.dates(date(2019, 1, 1), date(2026, 12, 1)),
)
def test_the_deadline_is_exactly_that_many_working_days_later(kind, decided_on):
    due = deadlines.publication_deadline(kind, decided_on, CAL).date
    days = deadlines.publication_days(kind)
    assert working_days_between(decided_on, due, CAL) == days
    assert CAL.is_working_day(due)
    assert working_days_between(decided_on, due - timedelta(days=1), CAL) == days - 1


def test_retention_natural_person_penalties_two_years_others_five():
    assert deadlines.takedown_on("penalty", "natural", date(2024, 2, 29)) == date(2026, 2, 28)
    assert deadlines.takedown_on("penalty", "legal", date(2024, 3, 1)) == date(2029, 3, 1)
    assert deadlines.takedown_on("licence", "natural", date(2024, 3, 1)) == date(2029, 3, 1)
    rules = {("licence", "*"): 1, ("*", "*"): 3}
    assert deadlines.retention_years("licence", "legal", rules) == 1
    assert deadlines.retention_years("penalty", "natural", rules) == 3
    with pytest.raises(ValueError):
        deadlines.retention_years("penalty", "natural", {("licence", "*"): 1})


def test_late_when_done_after_the_due_day_or_not_done_after_it():
    due = date(2026, 2, 27)
    assert not deadlines.is_late(due, None, due)
    assert deadlines.is_late(due, None, due + timedelta(days=1))
    assert deadlines.is_late(due, due + timedelta(days=1), due)
    assert not deadlines.is_late(due, due, due + timedelta(days=30))
