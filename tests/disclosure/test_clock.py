"""The statutory clock of a disclosure request, derived from its events.

Pure tests (no Django). chinesecalendar is the independent oracle for working days 2019–2026.
"""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core import holiday_data
from gongkai.core.workdays import add_working_days, is_working_day, working_days_between
from gongkai.disclosure import clock
from gongkai.disclosure.clock import ClockError, ClockEvent, compute_clock
from gongkai.disclosure.fees import payment_due_on

ONE_DAY = timedelta(days=1)
FAR_FUTURE = date(2031, 1, 1)  # "today" for histories whose warnings do not matter


def ev(kind, on, **kwargs):
    return ClockEvent(kind, date.fromisoformat(on) if isinstance(on, str) else on, **kwargs)


def run(*events, today=FAR_FUTURE):
    return compute_clock(list(events), today=today)


def oracle_add(start, days):
    """The N-th working day after ``start`` by chinesecalendar, walking day by day."""
    day = start
    while days:
        day += ONE_DAY
        days -= chinese_calendar.is_workday(day)
    return day


# --- around every official holiday 2019–2026 ---------------------------------------------------


def holiday_cases():
    for year, rows in holiday_data.OFFICIAL_ARRANGEMENTS.items():
        for name, _en, first, last, _makeup in rows:
            first_day = date.fromisoformat(first)
            if first_day.year < 2019 or first_day == date(2019, 1, 1):
                continue  # the day before lies in 2018, outside the calendar
            yield pytest.param(name, first_day, date.fromisoformat(last), id=f"{year}-{name}")


@pytest.mark.parametrize(("name", "first", "last"), list(holiday_cases()))
def test_due_date_across_each_holiday(name, first, last):
    for received in (first - ONE_DAY, first, last):
        state = run(ev("received", received), today=received)
        assert state.due_on == oracle_add(received, 20), received
        assert state.correction_due_on == oracle_add(received, 7), received
        assert not state.provisional
    state = run(ev("received", first - ONE_DAY), today=first - ONE_DAY)
    assert name in state.lines("zh")[-1]
    assert any(step.holiday == name for step in state.calendar_explanation.steps)


def test_brief_example_national_day_2026():
    state = run(ev("received", "2026-09-28"), today=date(2026, 9, 28))
    assert state.due_on == date(2026, 10, 30)
    assert state.correction_due_on == date(2026, 10, 13)
    zh = state.lines("zh")
    assert zh[0].startswith("2026-09-28 收到申请（第0日）")
    assert "10-01至10-07放假（国庆节）" in zh[-1]
    assert "10-10调休上班" in zh[-1]
    assert zh[-1].endswith("2026-10-30到期")
    assert "10-10 worked (make-up day)" in state.lines("en")[-1]
    assert state.working_days_left == 20
    assert state.warning == "ok"


# --- pauses -------------------------------------------------------------------------------------


def test_consultation_is_not_counted():
    received, start, end = date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 16)
    state = run(
        ev("received", received), ev("consultation_started", start), ev("consultation_ended", end)
    )
    assert state.working_days_used == 2
    assert state.due_on == add_working_days(end, 18)
    plain = add_working_days(received, 20)
    assert state.due_on == add_working_days(plain, working_days_between(start, end))
    assert "恢复计算" in state.lines("zh")[-1]


def test_during_consultation_the_clock_is_stopped():
    state = run(
        ev("received", "2026-03-02"),
        ev("consultation_started", "2026-03-04"),
        today=date(2026, 3, 10),
    )
    assert (state.status, state.paused, state.pause_kind) == (
        "in_consultation",
        True,
        "consultation",
    )
    assert state.due_on is None
    assert state.working_days_left is None
    assert state.waiting_until == add_working_days(date(2026, 3, 4), 15)
    assert not state.flags


def test_consultation_past_the_15_days_is_flagged():
    state = run(
        ev("received", "2026-03-02"),
        ev("consultation_started", "2026-03-04"),
        today=date(2026, 3, 30),
    )
    assert [f.code for f in state.flags] == ["consultation_reply_overdue"]


def test_fee_notice_pauses_until_paid():
    assert clock.FEE_PERIOD_PAUSES_CLOCK is True
    notice, paid = date(2026, 3, 9), date(2026, 3, 20)
    waiting = run(ev("received", "2026-03-02"), ev("fee_notice", notice), today=date(2026, 3, 10))
    assert (waiting.status, waiting.paused, waiting.pause_kind) == ("awaiting_fee", True, "fee")
    assert waiting.waiting_until == payment_due_on(notice)
    resumed = run(ev("received", "2026-03-02"), ev("fee_notice", notice), ev("fee_paid", paid))
    assert resumed.status == "running"
    assert resumed.due_on == add_working_days(paid, 20 - 5)


def test_fee_notice_without_pause(monkeypatch):
    monkeypatch.setattr(clock, "FEE_PERIOD_PAUSES_CLOCK", False)
    state = run(
        ev("received", "2026-03-02"), ev("fee_notice", "2026-03-09"), today=date(2026, 3, 10)
    )
    assert (state.status, state.paused) == ("awaiting_fee", False)
    assert state.due_on == add_working_days(date(2026, 3, 2), 20)
    assert state.warning == "ok"
    assert "答复期限照常计算" in state.lines()[1]


def test_fee_without_pause_keeps_its_own_deadline_through_a_correction(monkeypatch):
    monkeypatch.setattr(clock, "FEE_PERIOD_PAUSES_CLOCK", False)
    events = [
        ev("received", "2026-03-02"),
        ev("fee_notice", "2026-03-03"),
        ev("correction_requested", "2026-03-04", until=date(2026, 3, 30)),
    ]
    state = run(*events, today=date(2026, 3, 5))
    assert (state.status, state.waiting_until) == ("awaiting_correction", date(2026, 3, 30))
    paid = run(*events, ev("fee_paid", "2026-03-06"), today=date(2026, 3, 6))
    assert (paid.status, paid.waiting_until) == ("awaiting_correction", date(2026, 3, 30))
    unpaid = run(*events, ev("correction_received", "2026-03-10"), today=date(2026, 4, 20))
    assert (unpaid.status, unpaid.closed_as) == ("lapsed", "other.fee_unpaid")
    assert unpaid.closed_on == payment_due_on(date(2026, 3, 3))


def test_unpaid_fee_lapses():
    notice = date(2026, 3, 9)
    deadline = payment_due_on(notice)
    state = run(ev("received", "2026-03-02"), ev("fee_notice", notice), today=deadline + ONE_DAY)
    assert (state.status, state.closed_as, state.closed_on) == (
        "lapsed",
        "other.fee_unpaid",
        deadline,
    )
    assert state.due_on is None
    still_open = run(ev("received", "2026-03-02"), ev("fee_notice", notice), today=deadline)
    assert still_open.status == "awaiting_fee"


# --- correction -----------------------------------------------------------------------------


def test_correction_stops_the_clock_and_restarts_it_in_full():
    waiting = run(
        ev("received", "2026-04-01"),
        ev("correction_requested", "2026-04-03", days=10),
        today=date(2026, 4, 8),
    )
    assert waiting.status == "awaiting_correction"
    assert waiting.due_on is None
    assert waiting.waiting_until == add_working_days(date(2026, 4, 3), 10)
    corrected = run(
        ev("received", "2026-04-01"),
        ev("correction_requested", "2026-04-03", until=date(2026, 4, 20)),
        ev("correction_received", "2026-04-15"),
        today=date(2026, 4, 15),
    )
    assert corrected.received_on == date(2026, 4, 15)
    assert corrected.first_received_on == date(2026, 4, 1)
    assert corrected.due_on == add_working_days(date(2026, 4, 15), 20)
    assert corrected.correction_due_on == add_working_days(date(2026, 4, 1), 7)
    assert "重新计算20个工作日" in corrected.lines()[2]


def test_no_correction_in_the_applicants_period_lapses():
    events = [ev("received", "2026-04-01"), ev("correction_requested", "2026-04-03", days=10)]
    until = add_working_days(date(2026, 4, 3), 10)
    assert compute_clock(events, today=until).status == "awaiting_correction"
    state = compute_clock(events, today=until + ONE_DAY)
    assert (state.status, state.closed_as, state.closed_on) == (
        "lapsed",
        "other.no_correction",
        until,
    )
    assert state.is_open is False
    assert "逾期不补正" in state.lines()[-1]


def test_late_correction_request_is_allowed_but_flagged():
    # 清明 04-04..06 off: the 7th working day after 04-01 is 04-13.
    assert add_working_days(date(2026, 4, 1), 7) == date(2026, 4, 13)
    on_time = run(ev("received", "2026-04-01"), ev("correction_requested", "2026-04-13", days=5))
    assert on_time.flags == ()
    late = run(
        ev("received", "2026-04-01"),
        ev("correction_requested", "2026-04-14", days=5),
        today=date(2026, 4, 14),
    )
    assert late.status == "awaiting_correction"
    assert [f.code for f in late.flags] == ["correction_late"]


def test_correction_received_after_the_period_is_flagged():
    state = run(
        ev("received", "2026-04-01"),
        ev("correction_requested", "2026-04-02", until=date(2026, 4, 10)),
        ev("correction_received", "2026-04-14"),
    )
    assert state.received_on == date(2026, 4, 14)
    assert [f.code for f in state.flags] == ["correction_after_period"]


# --- extension ------------------------------------------------------------------------------


def test_extension_adds_its_working_days():
    state = run(ev("received", "2026-06-01"), ev("extended", "2026-06-20", days=15))
    assert state.due_on == add_working_days(add_working_days(date(2026, 6, 1), 20), 15)
    assert (state.extension_used, state.extension_days, state.working_days_budget) == (True, 15, 35)
    assert "延期答复15个工作日" in state.lines()[1]


def test_extension_after_the_due_date_changes_nothing():
    due = add_working_days(date(2026, 6, 1), 20)
    state = run(ev("received", "2026-06-01"), ev("extended", due + ONE_DAY, days=10))
    assert state.due_on == due
    assert state.extension_days == 0
    assert [f.code for f in state.flags] == ["extension_late"]


@pytest.mark.parametrize("days", [0, 21, None, True])
def test_extension_must_be_1_to_20_working_days(days):
    with pytest.raises(ClockError) as error:
        run(ev("received", "2026-06-01"), ev("extended", "2026-06-05", days=days))
    assert error.value.code == "extension_days"
    assert error.value.index == 1


# --- warnings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "left", "warning"),
    [
        (date(2026, 6, 1), 20, "ok"),
        (date(2026, 6, 22), 6, "ok"),
        (date(2026, 6, 23), 5, "due_soon_5"),
        (date(2026, 6, 26), 2, "due_soon_2"),
        (date(2026, 6, 30), 0, "due_soon_2"),
        (date(2026, 7, 1), -1, "overdue"),
        (date(2026, 7, 4), -3, "overdue"),  # a Saturday: 07-01..07-03 missed
        (date(2026, 7, 6), -4, "overdue"),
    ],
)
def test_warning_levels(today, left, warning):
    # Received Mon 2026-06-01; 端午 06-19 off; due Tue 2026-06-30.
    state = run(ev("received", "2026-06-01"), today=today)
    assert state.due_on == date(2026, 6, 30)
    assert (state.working_days_left, state.warning) == (left, warning)


# --- closing --------------------------------------------------------------------------------


def test_reply_closes_with_its_outcome():
    state = run(ev("received", "2026-06-01"), ev("replied", "2026-06-10", outcome="partial"))
    assert (state.status, state.closed_as, state.closed_on) == (
        "replied",
        "partial",
        date(2026, 6, 10),
    )
    assert state.due_on == date(2026, 6, 30)
    assert not state.replied_late
    assert state.warning == "ok"
    assert "部分公开" in state.lines()[-1]


def test_late_reply_is_flagged():
    state = run(ev("received", "2026-06-01"), ev("replied", "2026-07-02", outcome="granted"))
    assert state.replied_late
    assert [f.code for f in state.flags] == ["replied_late"]


def test_withdrawal_is_reported_as_other():
    state = run(ev("received", "2026-06-01"), ev("withdrawn", "2026-06-03"))
    assert (state.status, state.closed_as) == ("withdrawn", "other.other")


def test_stopped_on_the_due_day_is_due_on_resuming():
    state = run(
        ev("received", "2026-06-01"),
        ev("consultation_started", "2026-06-30"),
        ev("consultation_ended", "2026-07-11"),  # a Saturday
        today=date(2026, 7, 11),
    )
    assert state.working_days_used == 20
    assert state.due_on == date(2026, 7, 13)
    assert "恢复计算后应即答复" in state.lines()[-1]


def test_pause_after_the_due_date_keeps_it_overdue():
    due = date(2026, 6, 30)
    state = run(
        ev("received", "2026-06-01"),
        ev("consultation_started", "2026-07-02"),
        ev("consultation_ended", "2026-07-20"),
        today=date(2026, 7, 21),
    )
    assert state.due_on == due
    assert state.warning == "overdue"
    assert [f.code for f in state.flags] == ["paused_after_due"]
    assert "已届满" in state.lines()[-1]
    still_paused = run(
        ev("received", "2026-06-01"),
        ev("consultation_started", "2026-07-02"),
        today=date(2026, 7, 6),
    )
    assert (still_paused.status, still_paused.due_on) == ("in_consultation", due)
    assert (still_paused.warning, still_paused.working_days_left) == ("overdue", -4)


# --- provisional dates ------------------------------------------------------------------------


def test_due_date_in_2027_is_provisional():
    state = run(ev("received", "2026-12-21"), today=date(2026, 12, 21))
    assert state.provisional
    assert state.calendar_explanation.provisional
    assert is_working_day(state.due_on)
    assert "（暂定）" in state.lines("zh")[-2]
    assert "2027年放假安排尚未公布" in state.lines("zh")[-1]
    assert "provisional" in state.lines("en")[-1]


def test_request_received_in_2027_is_provisional():
    state = run(
        ev("received", "2027-03-01"),
        ev("consultation_started", "2027-03-03"),
        ev("consultation_ended", "2027-03-10"),
        today=date(2027, 3, 10),
    )
    assert state.provisional
    assert state.due_on == add_working_days(date(2027, 3, 10), 18)


def test_request_closed_in_2026_is_not_provisional():
    state = run(ev("received", "2026-06-01"), ev("replied", "2026-06-10", outcome="granted"))
    assert not state.provisional


# --- refused streams ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "code", "index"),
    [
        ([], "first_not_received", 0),
        ([ev("extended", "2026-06-02", days=5)], "first_not_received", 0),
        ([ev("received", "2026-06-05"), ev("extended", "2026-06-02", days=5)], "out_of_order", 1),
        ([ev("received", "2026-06-01"), ev("received", "2026-06-02")], "second_receipt", 1),
        ([ev("received", "2026-06-01"), ev("paused", "2026-06-02")], "unknown_event", 1),
        (
            [
                ev("received", "2026-06-01"),
                ev("correction_requested", "2026-06-02", days=5),
                ev("correction_received", "2026-06-04"),
                ev("correction_requested", "2026-06-05", days=5),
            ],
            "second_correction",
            3,
        ),
        (
            [
                ev("received", "2026-06-01"),
                ev("extended", "2026-06-02", days=5),
                ev("extended", "2026-06-03", days=5),
            ],
            "second_extension",
            2,
        ),
        (
            [ev("received", "2026-06-01"), ev("correction_requested", "2026-06-02")],
            "correction_period",
            1,
        ),
        (
            [
                ev("received", "2026-06-01"),
                ev("correction_requested", "2026-06-02", days=5, until=date(2026, 6, 20)),
            ],
            "correction_period",
            1,
        ),
        (
            [
                ev("received", "2026-06-01"),
                ev("correction_requested", "2026-06-02", until=date(2026, 6, 2)),
            ],
            "correction_period",
            1,
        ),
        ([ev("received", "2026-06-01"), ev("consultation_ended", "2026-06-02")], "wrong_state", 1),
        ([ev("received", "2026-06-01"), ev("correction_received", "2026-06-02")], "wrong_state", 1),
        (
            [
                ev("received", "2026-06-01"),
                ev("correction_requested", "2026-06-02", days=5),
                ev("consultation_started", "2026-06-03"),
            ],
            "wrong_state",
            2,
        ),
        (
            [
                ev("received", "2026-06-01"),
                ev("consultation_started", "2026-06-02"),
                ev("consultation_started", "2026-06-03"),
            ],
            "wrong_state",
            2,
        ),
        ([ev("received", "2026-06-01"), ev("fee_paid", "2026-06-02")], "no_fee_notice", 1),
        (
            [
                ev("received", "2026-06-01"),
                ev("fee_notice", "2026-06-02"),
                ev("fee_paid", "2026-06-03"),
                ev("fee_notice", "2026-06-04"),
            ],
            "second_fee_notice",
            3,
        ),
        ([ev("received", "2026-06-01"), ev("replied", "2026-06-02")], "unknown_outcome", 1),
        (
            [
                ev("received", "2026-06-01"),
                ev("replied", "2026-06-02", outcome="granted"),
                ev("extended", "2026-06-03", days=5),
            ],
            "already_closed",
            2,
        ),
        (
            [
                ev("received", "2026-06-01"),
                ev("withdrawn", "2026-06-02"),
                ev("withdrawn", "2026-06-03"),
            ],
            "already_closed",
            2,
        ),
    ],
)
def test_refused_event_streams(events, code, index):
    with pytest.raises(ClockError) as error:
        compute_clock(events, today=FAR_FUTURE)
    assert (error.value.code, error.value.index) == (code, index)
    assert error.value.zh and error.value.en


def test_future_dates_are_refused():
    with pytest.raises(ClockError) as error:
        run(
            ev("received", "2026-06-01"),
            ev("extended", "2026-06-09", days=5),
            today=date(2026, 6, 8),
        )
    assert (error.value.code, error.value.index) == ("future_date", 1)
    assert "晚于今天" in error.value.zh


def test_explanation_is_bilingual_step_for_step():
    state = run(
        ev("received", "2026-04-01"),
        ev("correction_requested", "2026-04-03", days=10),
        ev("correction_received", "2026-04-10"),
        ev("consultation_started", "2026-04-14"),
        ev("consultation_ended", "2026-04-21"),
        ev("extended", "2026-04-22", days=10),
        ev("fee_notice", "2026-04-23"),
        ev("fee_paid", "2026-04-27"),
        today=date(2026, 4, 27),
    )
    assert len(state.lines("zh")) == len(state.lines("en")) == 9
    assert all(step.zh != step.en for step in state.explanation)
    # 04-10 + 20 wd, +10 extension, minus nothing: consultation 04-14..04-21 and fee 04-23..04-27
    # are not counted.
    used = working_days_between(date(2026, 4, 10), date(2026, 4, 14)) + working_days_between(
        date(2026, 4, 21), date(2026, 4, 23)
    )
    assert state.due_on == add_working_days(date(2026, 4, 27), 30 - used)


# --- properties -----------------------------------------------------------------------------

received_days = st.dates(date(2019, 1, 2), date(2030, 6, 30))


@settings(max_examples=150, deadline=None)
@given(received_days)
def test_due_date_is_a_working_day(received):
    state = run(ev("received", received))
    assert is_working_day(state.due_on)
    assert working_days_between(received, state.due_on) == 20


@settings(max_examples=150, deadline=None)
@given(received_days, st.integers(0, 40), st.integers(0, 60), st.sampled_from(["consult", "fee"]))
def test_pausing_never_shortens(received, start_after, length, kind):
    start = received + timedelta(days=start_after)
    end = start + timedelta(days=length)
    pause = (
        [ev("consultation_started", start), ev("consultation_ended", end)]
        if kind == "consult"
        else [ev("fee_notice", start), ev("fee_paid", end)]
    )
    plain = run(ev("received", received)).due_on
    paused = run(ev("received", received), *pause).due_on
    assert paused >= plain
    assert is_working_day(paused)
    if start < plain:
        assert paused == add_working_days(plain, working_days_between(start, end))
    elif start == plain:  # stopped on the due day: due on resuming (or the next working day)
        assert paused == add_working_days(end - ONE_DAY, 1)
    else:
        assert paused == plain


@settings(max_examples=150, deadline=None)
@given(received_days, st.integers(0, 27), st.integers(1, 20))
def test_extension_moves_the_date_by_exactly_its_days(received, after, days):
    plain = run(ev("received", received)).due_on
    on = min(received + timedelta(days=after), plain)
    extended = run(ev("received", received), ev("extended", on, days=days)).due_on
    assert extended == add_working_days(plain, days)
    assert working_days_between(plain, extended) == days


@settings(max_examples=100, deadline=None)
@given(received_days, st.integers(0, 10), st.integers(0, 30))
def test_correction_restarts_from_the_corrected_request(received, asked_after, answered_after):
    asked = received + timedelta(days=asked_after)
    corrected = asked + timedelta(days=answered_after)
    state = run(
        ev("received", received),
        ev("correction_requested", asked, until=asked + timedelta(days=40)),
        ev("correction_received", corrected),
    )
    assert state.received_on == corrected
    assert state.due_on == add_working_days(corrected, 20)
    assert ("correction_late" in {f.code for f in state.flags}) == (
        asked > add_working_days(received, 7)
    )
