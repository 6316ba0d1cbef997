"""The indicators' arithmetic on its own: periods, deadline and finding scores, the items
behind them, adjustments and the weighted total."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.assessment import scoring
from gongkai.assessment.scoring import DeadlineRow, FindingRow, Period
from gongkai.core.workdays import default_calendar

CALENDAR = default_calendar()
Q4 = Period(2026, 4)
AS_OF = date(2026, 12, 6)


def _row(pk, due, done=None, dept=1):
    return DeadlineRow(dept, "disclosure.disclosurerequest", pk, f"GK{pk}", due, done)


def test_periods():
    assert (Q4.start, Q4.end, Q4.key) == (date(2026, 10, 1), date(2026, 12, 31), "2026Q4")
    assert Period(2026, 1).end == date(2026, 3, 31)
    assert Period(2024, 1).end == date(2024, 3, 31)
    assert Period.parse("2026") == Period(2026) and Period(2026).kind == scoring.YEAR
    assert Period.parse("2026q2") == Period(2026, 2)
    assert Period.quarter_of(date(2026, 7, 1)) == Period(2026, 3)
    assert Period(2026, 1).previous() == Period(2025, 4)
    assert Period(2026, 4).label_zh == "2026年第4季度" and Period(2026).label_en == "Year 2026"
    for wrong in ("", "2026Q5", "26", "abcd", "2026Qx", "1999"):
        with pytest.raises(ValueError):
            Period.parse(wrong)


def test_periods_to_compute():
    assert scoring.periods_to_compute(date(2026, 12, 6)) == [
        Period(2026, 4),
        Period(2026),
        Period(2026, 3),
    ]
    assert Period(2025) in scoring.periods_to_compute(date(2026, 1, 5))


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)))
def test_every_day_is_in_exactly_one_quarter_of_its_year(day):
    quarters = [q for q in range(1, 5) if Period(day.year, q).contains(day)]
    assert quarters == [Period.quarter_of(day).quarter]
    assert Period(day.year).contains(day)


def test_a_late_request_is_listed_with_its_working_days_late():
    # Due Friday 2026-10-09, answered Wednesday 10-14: late by 4 working days, Saturday
    # 10-10 being a working day (调休上班 of the National Day holiday).
    late = _row(1, date(2026, 10, 9), date(2026, 10, 14))
    on_time = _row(2, date(2026, 10, 20), date(2026, 10, 20))
    open_late = _row(3, date(2026, 11, 30))
    not_yet_due = _row(4, date(2026, 12, 20))
    other_period = _row(5, date(2026, 9, 30), date(2026, 10, 30))
    scores = scoring.score_deadlines(
        [late, on_time, open_late, not_yet_due, other_period],
        Q4,
        as_of=AS_OF,
        calendar=CALENDAR,
    )
    score = scores[1]
    assert (score.total, score.failing, score.score) == (3, 2, 33.3)
    by_pk = {item.pk: item for item in score.items}
    assert by_pk[1].late_days == CALENDAR.working_days_between(
        date(2026, 10, 9), date(2026, 10, 14)
    )
    assert by_pk[1].late_days == 4 and not by_pk[1].met
    # Due Monday 11-30, still open on Sunday 12-06: late by Tuesday to Friday.
    assert by_pk[3].late_days == 4 and by_pk[3].done_on is None
    assert by_pk[2].met and by_pk[2].late_days == 0
    assert [item.pk for item in score.items] == [1, 3, 2]  # most late, earliest due; met last


def test_a_holiday_never_counts_as_late():
    # Due the last working day before the National Day holiday, answered the first one after.
    rows = [_row(1, date(2026, 9, 30), date(2026, 10, 8))]
    item = scoring.score_deadlines(rows, Period(2026), as_of=AS_OF, calendar=CALENDAR)[1].items[0]
    assert item.late_days == 1


def test_untimed_items_are_met_when_done_at_all():
    rows = [_row(1, date(2026, 10, 9), date(2026, 11, 30)), _row(2, date(2026, 10, 9))]
    scores = scoring.score_deadlines(rows, Q4, as_of=AS_OF, calendar=CALENDAR, timely=False)
    assert scores[1].score == 50.0
    assert [item.met for item in scores[1].items] == [False, True]


def test_a_department_without_items_has_no_score():
    assert scoring.score_deadlines([], Q4, as_of=AS_OF, calendar=CALENDAR) == {}


def test_findings_take_points_off_down_to_zero():
    rows = [
        FindingRow(1, "documents.document", 7, "/documents/7/", "dead_link", AS_OF),
        FindingRow(1, "", None, "/documents/8/", "dead_link", AS_OF),
        FindingRow(9, "", None, "/x/", "dead_link", AS_OF),  # not assessed
    ]
    scores = scoring.score_findings(rows, [1, 2], deduction=30)
    assert scores[1].score == 40.0 and scores[1].failing == 2
    assert scores[2].score == 100.0 and scores[2].items == []
    assert scoring.score_findings(rows * 3, [1], deduction=30)[1].score == 0.0
    assert set(scores) == {1, 2}


def test_items_as_json():
    item = scoring.Item("enforcement.decision", 3, "罚字1号", False, date(2026, 10, 1), None, 4)
    assert item.as_json() == {
        "model": "enforcement.decision",
        "pk": 3,
        "label": "罚字1号",
        "met": False,
        "due_on": "2026-10-01",
        "done_on": None,
        "late_days": 4,
        "detail": "",
    }


def test_weighted_total_and_threshold():
    assert scoring.weighted_total({"a": 100.0, "b": 50.0}, {"a": 3, "b": 1}) == 87.5
    assert scoring.weighted_total({"a": 100.0, "b": None}, {"a": 3, "b": 1}) == 100.0
    assert scoring.weighted_total({"a": None}, {"a": 3}) is None
    assert scoring.weighted_total({"a": 80.0}, {}) is None
    assert scoring.to_notify({1: 59.9, 2: 60.0, 3: None, 4: 10.0}, {}, 60) == [
        (4, 10.0),
        (1, 59.9),
    ]


def test_pass_marks():
    assert scoring.below_pass_mark(59.9, 60) and not scoring.below_pass_mark(60.0, 60)
    assert not scoring.below_pass_mark(None, 60) and not scoring.below_pass_mark(0.0, None)
    scores = {"a": 50.0, "b": 90.0, "c": 10.0, "d": None, "e": 0.0}
    weights = {"a": 10, "b": 10, "c": 0, "d": 10, "e": 5}
    marks = {"a": 60, "b": 95, "c": 60, "d": 60, "e": None}
    # c has no weight, d no score, e no pass mark: none of them fails anyone.
    assert scoring.failed_indicators(scores, weights, marks) == ["a", "b"]
    # 2 passes the total's threshold but failed an indicator: listed all the same.
    assert scoring.to_notify({1: 59.9, 2: 80.0, 3: 90.0}, {2: ["a"], 3: []}, 60) == [
        (1, 59.9),
        (2, 80.0),
    ]


_totals = st.dictionaries(
    st.integers(1, 30), st.none() | st.floats(0, 100).map(lambda x: round(x, 1)), max_size=12
)


@given(_totals, st.data(), st.integers(0, 100))
def test_who_is_listed_for_notice(totals, data, threshold):
    failed = {
        pk: data.draw(st.lists(st.sampled_from(["a", "b"]), unique=True), label=f"failed {pk}")
        for pk in totals
    }
    listed = scoring.to_notify(totals, failed, threshold)
    assert [total for _, total in listed] == sorted(total for _, total in listed)
    assert {pk for pk, _ in listed} == {
        pk
        for pk, total in totals.items()
        if total is not None and (total < threshold or failed[pk])
    }


@given(
    st.builds(Period, st.integers(2020, 2030), st.integers(0, 4)),
    st.dates(date(2020, 1, 1), date(2031, 12, 31)),
    st.booleans(),
)
def test_an_indicator_out_of_use_counts_only_in_settled_periods_it_was_scored_in(
    period, as_of, scored
):
    assert scoring.counted(period, as_of=as_of, active=True, scored=scored)
    out_of_use = scoring.counted(period, as_of=as_of, active=False, scored=scored)
    assert out_of_use == (scored and period not in scoring.periods_to_compute(as_of))
    # A settled period keeps its weights as it keeps its indicators.
    assert scoring.settled(period, as_of=as_of) == (
        scoring.applied_weight(period, as_of=as_of, stored=1, current=2) == 1
    )


def test_adjustment_stays_within_bounds():
    assert scoring.adjusted(90.0, 20) == 100.0
    assert scoring.adjusted(10.0, -20) == 0.0
    assert scoring.adjusted(50.0, 2.5) == 52.5
    assert scoring.adjusted(None, 5) is None


due_days = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))
rows_strategy = st.lists(
    st.tuples(
        st.integers(1, 3),
        due_days,
        st.one_of(st.none(), st.integers(-30, 60)),
    ),
    max_size=40,
)


@given(rows_strategy, st.integers(0, 4), st.booleans())
def test_deadline_scores_agree_with_their_items(raw, quarter, timely):
    period = Period(2026, quarter)
    rows = [
        _row(pk, due, None if delay is None else due + timedelta(days=delay), dept)
        for pk, (dept, due, delay) in enumerate(raw)
    ]
    scores = scoring.score_deadlines(rows, period, as_of=AS_OF, calendar=CALENDAR, timely=timely)
    counted = 0
    for score in scores.values():
        met = [item for item in score.items if item.met]
        assert 0 <= score.score <= 100
        assert score.score == round(100 * len(met) / score.total, 1)
        assert score.failing == score.total - len(met)
        for item in score.items:
            assert period.contains(item.due_on)
            done = item.done_on is not None
            assert item.met == (done and (not timely or item.done_on <= item.due_on))
            expected_late = CALENDAR.working_days_between(item.due_on, item.done_on or AS_OF)
            assert item.late_days == (0 if item.met else expected_late)
        counted += score.total
    assert counted <= len(rows)


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.one_of(st.none(), st.floats(0, 100)), max_size=6),
    st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 50), max_size=6),
)
def test_weighted_total_lies_between_the_scores(scores, weights):
    total = scoring.weighted_total(scores, weights)
    weighted = [s for code, s in scores.items() if s is not None and weights.get(code)]
    if not weighted:
        assert total is None
    else:
        assert min(weighted) - 0.05 <= total <= max(weighted) + 0.05


def test_a_closed_period_keeps_the_weight_it_was_computed_with():
    # On 2026-12-06 the daily job still refreshes 2026Q4, 2026 and 2026Q3; 2026Q2 is closed.
    for moving in (Period(2026, 4), Period(2026), Period(2026, 3)):
        assert scoring.applied_weight(moving, as_of=AS_OF, stored=25, current=30) == 30
    assert scoring.applied_weight(Period(2026, 2), as_of=AS_OF, stored=25, current=30) == 25
    assert scoring.applied_weight(Period(2025), as_of=AS_OF, stored=25, current=30) == 25
    # A result the closed period did not have yet takes the current weight.
    assert scoring.applied_weight(Period(2026, 2), as_of=AS_OF, stored=None, current=30) == 30


@given(
    st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=2000, max_value=2100),
    st.integers(min_value=0, max_value=4),
    st.none() | st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=1000),
)
def test_the_current_weight_applies_to_the_running_period_never_to_an_old_one(
    as_of, year, quarter, stored, current
):
    period = Period(year, quarter)
    applied = scoring.applied_weight(period, as_of=as_of, stored=stored, current=current)
    assert applied in ((current,) if stored is None else (stored, current))
    if period.contains(as_of):
        assert applied == current
    if stored is not None and period.end.year < as_of.year - 1:
        assert applied == stored
