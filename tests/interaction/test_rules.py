"""The pure rules of 政民互动: routing, the reply clock, privacy, transfers and statistics."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.workdays import default_calendar
from gongkai.interaction import rules
from gongkai.interaction.rules import Clock, KeywordRule, MessageFacts, TransferRefusal

CALENDAR = default_calendar()
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))
ids = st.integers(min_value=1, max_value=10**6)
words = st.text(alphabet="路灯学校医保公交停车", min_size=1, max_size=4)


def test_keywords_split_on_chinese_and_latin_separators():
    assert rules.parse_keywords("路灯，停车、公交 学校;医保,,路灯") == (
        "路灯",
        "停车",
        "公交",
        "学校",
        "医保",
    )
    assert rules.parse_keywords("  ") == ()


@given(st.one_of(st.none(), ids), st.one_of(st.none(), ids), words, ids)
def test_route_prefers_addressee_then_category_then_keyword(addressee, category, word, rule_dept):
    found = rules.route(
        text=f"关于{word}的问题",
        addressee_id=addressee,
        category_department_id=category,
        keyword_rules=[KeywordRule((word,), rule_dept)],
    )
    assert found == (addressee or category or rule_dept)


def test_route_takes_the_first_matching_rule_and_falls_back_to_the_office():
    keyword_rules = [KeywordRule(("Bus",), 1), KeywordRule(("路灯",), 2), KeywordRule(("灯",), 3)]
    kwargs = {"addressee_id": None, "category_department_id": None, "keyword_rules": keyword_rules}
    assert rules.route(text="路灯坏了", **kwargs) == 2
    assert rules.route(text="the bus is late", **kwargs) == 1
    assert rules.route(text="噪声扰民", **kwargs) is None


@given(days, st.integers(1, 20), st.integers(-10, 40))
def test_clock_of_a_replied_message_depends_on_the_reply_day_only(received, length, offset):
    due = CALENDAR.add_working_days(received, length)
    replied = due + timedelta(days=offset)
    status = rules.clock(due_on=due, today=replied, replied_on=replied, calendar=CALENDAR)
    assert status == (Clock.REPLIED_ON_TIME if offset <= 0 else Clock.REPLIED_LATE)


@given(days, st.integers(1, 20), st.integers(0, 60))
def test_clock_of_an_open_message(received, length, elapsed):
    due = CALENDAR.add_working_days(received, length)
    today = received + timedelta(days=elapsed)
    status = rules.clock(due_on=due, today=today, replied_on=None, calendar=CALENDAR)
    if today > due:
        assert status == Clock.OVERDUE
    elif CALENDAR.working_days_between(today, due) <= 1:
        assert status == Clock.DUE_SOON
    else:
        assert status == Clock.OPEN


def test_a_deadline_skips_the_national_day_holiday():
    # Received on Monday 2025-09-29 (day 0): 09-30, then after the 10-01..10-08 holiday 10-09,
    # 10-10, Saturday 10-11 (a working day of that year's arrangement) and Monday 10-13.
    assert CALENDAR.add_working_days(date(2025, 9, 29), 5) == date(2025, 10, 13)


def test_template_placeholders_are_filled_and_other_braces_kept():
    text = rules.fill_template(
        "您于{date}提出的《{title}》收悉。{其他}", title="路灯", received_on=date(2026, 1, 5)
    )
    assert text == "您于2026-01-05提出的《路灯》收悉。{其他}"


@given(st.text(min_size=1, max_size=20).filter(str.strip))
def test_the_writer_is_masked_to_one_character(name):
    masked = rules.writer_name(name, deleted=False)
    assert masked == name.strip()[0] + "**"
    assert rules.writer_name(name, deleted=True) is None


@given(st.booleans(), st.booleans())
def test_privacy_the_writers_wish_comes_first(asked, personal):
    found = rules.privacy(wants_private=asked, has_personal_data=personal)
    assert (found == rules.Privacy.PUBLIC) == (not asked and not personal)
    if asked:
        assert found == rules.Privacy.ASKED


def test_transfer_refusals():
    base = {
        "state": "assigned",
        "holder_id": 1,
        "user_department_id": 1,
        "office_wide": False,
        "target_id": 2,
        "reason": "职责不符",
    }
    assert rules.transfer_refusal(**base) is None
    assert rules.transfer_refusal(**{**base, "state": "replied"}) == TransferRefusal.NOT_OPEN
    assert rules.transfer_refusal(**{**base, "user_department_id": 3}) == TransferRefusal.NOT_HOLDER
    assert rules.transfer_refusal(**{**base, "user_department_id": 3, "office_wide": True}) is None
    assert rules.transfer_refusal(**{**base, "target_id": 1}) == TransferRefusal.SAME
    assert rules.transfer_refusal(**{**base, "reason": " "}) == TransferRefusal.NO_REASON


facts = st.builds(
    MessageFacts,
    department_id=st.sampled_from([None, 1, 2]),
    received_on=days,
    due_on=days,
    replied_on=st.one_of(st.none(), days),
    rating=st.one_of(st.none(), st.integers(1, 5)),
    solved=st.one_of(st.none(), st.booleans()),
)


@given(st.lists(facts, max_size=30), days)
def test_stats_count_every_message_once(rows, today):
    stats = rules.department_stats(rows, today=today, calendar=CALENDAR)
    assert sum(s.received for s in stats.values()) == len(rows)
    for key, row in stats.items():
        mine = [r for r in rows if r.department_id == key]
        replied = [r for r in mine if r.replied_on is not None]
        assert row.replied == len(replied)
        assert row.on_time + row.overdue >= row.replied
        assert row.on_time <= row.replied
        assert row.satisfaction is None or 1 <= row.satisfaction <= 5
        assert row.solved_share is None or 0 <= row.solved_share <= 1


def test_stats_of_one_department():
    received = date(2026, 3, 2)  # a Monday
    due = CALENDAR.add_working_days(received, 5)
    rows = [
        MessageFacts(1, received, due, replied_on=date(2026, 3, 4), rating=5, solved=True),
        MessageFacts(1, received, due, replied_on=date(2026, 3, 13), rating=2, solved=False),
        MessageFacts(1, received, due),
    ]
    [(key, stats)] = rules.department_stats(
        rows, today=date(2026, 3, 20), calendar=CALENDAR
    ).items()
    assert key == 1
    assert (stats.received, stats.replied, stats.on_time, stats.overdue) == (3, 2, 1, 2)
    assert stats.average_days == (2 + 9) / 2
    assert stats.satisfaction == 3.5
    assert stats.solved_share == 0.5
    assert stats.on_time_share == 0.5
