"""The pure rules of 决策预公开: period, phase, moderation, dispositions and the report text."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gongkai.consultations import reports, rules
from gongkai.consultations.rules import Disposition, Phase
from gongkai.core.workdays import default_calendar

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))


@given(days)
def test_default_period_is_the_minimum_and_needs_no_reason(start):
    end = rules.default_end(start)
    assert rules.period_days(start, end) == rules.MIN_PERIOD_DAYS
    assert rules.period_problems(start, end, "") == []


@given(days, st.integers(min_value=0, max_value=rules.MIN_PERIOD_DAYS - 2))
def test_shorter_period_needs_a_reason(start, extra):
    end = start + timedelta(days=extra)
    assert rules.period_problems(start, end, "  ") == ["reason"]
    assert rules.period_problems(start, end, "疫情防控急需") == []


@given(days, st.integers(min_value=1, max_value=400))
def test_end_before_start_is_refused(start, back):
    assert rules.period_problems(start, start - timedelta(days=back), "理由") == ["order"]


def test_missing_dates():
    assert rules.period_problems(None, date(2026, 1, 1), "") == ["missing"]


@given(days, st.integers(0, 60), days)
def test_phase_follows_the_dates(start, length, today):
    end = start + timedelta(days=length)
    phase = rules.phase(today=today, starts_on=start, ends_on=end, report_published=False)
    expected = Phase.UPCOMING if today < start else Phase.OPEN if today <= end else Phase.CLOSED
    assert phase == expected
    assert rules.phase(today=today, starts_on=start, ends_on=end, report_published=True) == (
        Phase.REPORTED
    )


def test_working_days_of_a_period_over_national_day():
    calendar = default_calendar()
    # 2025-09-28 (a make-up working Sunday) to 2025-10-12 (a make-up working Saturday):
    # 09-28, 29, 30 and 10-09, 10, 11 worked; 10-01 to 10-08 off; 10-12 a Sunday.
    assert rules.working_days_open(date(2025, 9, 28), date(2025, 10, 12), calendar) == 6


def test_days_waited_count_working_days_after_closing():
    calendar = default_calendar()
    closed = date(2025, 9, 30)
    assert rules.working_days_waited(closed, closed, calendar) == 0
    assert rules.working_days_waited(closed, date(2025, 10, 8), calendar) == 0
    assert rules.working_days_waited(closed, date(2025, 10, 10), calendar) == 2


@given(days, days)
def test_days_waited_never_exceed_calendar_days(closed, today):
    waited = rules.working_days_waited(closed, today, default_calendar())
    assert 0 <= waited <= max(0, (today - closed).days)


def test_blocked_words_ignore_case_and_keep_order():
    assert rules.blocked_words_in("含有 SPAM 和赌博", ["赌博", "spam", "无关"]) == ["赌博", "spam"]
    assert rules.blocked_words_in("正常意见", ["赌博"]) == []


@given(st.integers(0, 50), st.integers(0, 50))
def test_hidden_by_reports_at_the_threshold(count, threshold):
    assert rules.hidden_by_reports(count, threshold) == (threshold > 0 and count >= threshold)


@given(st.lists(st.sampled_from(["", *Disposition])))
def test_disposition_stats_add_up(dispositions):
    stats = rules.disposition_stats(dispositions)
    assert stats.total == len(dispositions)
    assert stats.disposed + stats.undisposed == stats.total
    assert stats.adopted == dispositions.count(Disposition.ADOPTED)
    if stats.disposed:
        assert 0 <= stats.adoption_percent <= 100
    else:
        assert stats.adoption_percent is None


def test_adoption_percent_counts_partial_adoption():
    stats = rules.disposition_stats(["adopted", "partly_adopted", "not_adopted", "not_adopted"])
    assert stats.adoption_percent == 50


def _answered(clause, order, number, disposition, reason="", text="意见"):
    return reports.Answered(clause, order, number, text, disposition, reason)


def test_report_text_groups_by_clause_and_answer():
    text = reports.draft_text(
        title="措施",
        department="产业发展局",
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 2, 3),
        comments=[
            _answered("", 10**6, "YJ3", "not_adopted", "超出本措施范围"),
            _answered("第一条", 0, "YJ1", "adopted", text="补贴应覆盖三年"),
            _answered("第一条", 0, "YJ2", "adopted", text="补贴期限延长"),
        ],
    )
    assert "2026年1月5日至2026年2月3日，产业发展局就《措施》" in text
    assert "共收到有效意见3条。经认真研究，采纳2条，部分采纳0条，未采纳1条。" in text
    assert text.index("一、关于第一条") < text.index("二、关于草案整体")
    assert "1. 意见（YJ1、YJ2）：补贴应覆盖三年；补贴期限延长" in text
    assert "处理：未采纳。理由：超出本措施范围" in text


def test_report_text_without_comments():
    text = reports.draft_text(
        title="措施", department="局", starts_on=date(2026, 1, 5), ends_on=date(2026, 2, 3),
        comments=[],
    )  # fmt: skip
    assert "征求意见期间未收到意见。" in text


@given(st.integers(0, 98))
def test_chinese_numerals(index):
    numeral = reports._numeral(index)
    assert numeral and set(numeral) <= set(reports._NUMERALS)
