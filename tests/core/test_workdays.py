"""Working-day calendar: shipped data, counting rule, provisional years, explanations.

Pure tests (no Django): run with ``pytest tests/core/test_workdays.py -p no:django``.
chinesecalendar and lunar-python serve only as independent cross-checks here.
"""

import time
from datetime import date, timedelta

import chinese_calendar
import pytest
from chinese_calendar import constants as cc
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core import holiday_data
from gongkai.core.workdays import (
    Holiday,
    WorkCalendar,
    WorkdayError,
    YearArrangement,
    add_working_days,
    default_calendar,
    explain_add_working_days,
    is_provisional,
    is_working_day,
    provisional_arrangement,
    working_days_between,
)

SHIPPED_YEARS = range(2019, 2027)
ONE_DAY = timedelta(days=1)
CC_NAME = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}


def days_of(first, last):
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def d(text):
    return date.fromisoformat(text)


def notice_year(day, is_new_year_or_makeup):
    """The year whose notice lists ``day``: December 元旦 days and make-up days belong to the next."""
    return day.year + (day.month == 12 and is_new_year_or_makeup)


# --- shipped data against chinesecalendar, every day of every year ----------------------------


@pytest.mark.parametrize("year", SHIPPED_YEARS)
def test_days_off_and_makeup_days_equal_chinesecalendar(year):
    arrangement = default_calendar().arrangement(year)
    window = days_of(date(year - 1, 12, 1), date(year, 12, 31))
    expected_off = {
        day
        for day in window
        if day in cc.holidays and notice_year(day, cc.holidays[day] == "New Year's Day") == year
    }
    expected_makeup = {
        day
        for day in window
        if day in cc.workdays and day.weekday() >= 5 and notice_year(day, True) == year
    }
    assert not arrangement.provisional
    assert arrangement.days_off == expected_off
    assert arrangement.makeup_workdays == expected_makeup


@pytest.mark.parametrize("year", SHIPPED_YEARS)
def test_every_day_of_the_year_agrees_with_chinesecalendar(year):
    calendar = default_calendar()
    for day in days_of(date(year, 1, 1), date(year, 12, 31)):
        assert is_working_day(day) == chinese_calendar.is_workday(day), day
        on_holiday, cc_name = chinese_calendar.get_holiday_detail(day)
        holiday = calendar.holiday_on(day)
        # chinesecalendar also names the holiday a 调休上班 day serves.
        assert (holiday is not None) == (on_holiday and cc_name is not None), day
        assert not is_provisional(day, day) or day >= date(2026, 12, 25), day
        if holiday:
            # Combined spans keep the notice's wording (国庆节、中秋节); 2020's extension its own.
            parts = holiday.name.removesuffix("延长").split("、")
            assert CC_NAME[cc_name] in parts, (day, holiday.name, cc_name)


@pytest.mark.parametrize("year", SHIPPED_YEARS)
def test_holiday_spans_are_whole_runs_of_chinesecalendar_days_off(year):
    for holiday in default_calendar().arrangement(year).holidays:
        # 2020's 春节 and its extension are one run in chinesecalendar.
        assert holiday.first - ONE_DAY not in cc.holidays or holiday.name == "春节延长"
        assert holiday.last + ONE_DAY not in cc.holidays or (year, holiday.name) == (2020, "春节")
        assert all(day in cc.holidays for day in holiday.dates)


def test_named_spans_of_years_with_special_wording():
    names = {
        year: [(h.name, h.first, h.last) for h in default_calendar().arrangement(year).holidays]
        for year in (2019, 2020, 2023, 2025)
    }
    assert names[2019][0] == ("元旦", d("2018-12-30"), d("2019-01-01"))
    assert ("春节", d("2020-01-24"), d("2020-01-30")) in names[2020]
    assert ("春节延长", d("2020-01-31"), d("2020-02-02")) in names[2020]
    assert ("国庆节、中秋节", d("2020-10-01"), d("2020-10-08")) in names[2020]
    assert ("中秋节、国庆节", d("2023-09-29"), d("2023-10-06")) in names[2023]
    assert ("国庆节、中秋节", d("2025-10-01"), d("2025-10-08")) in names[2025]
    assert d("2020-02-01") not in default_calendar().arrangement(2020).makeup_workdays


# --- 2026 exactly as regulations §5.2 ----------------------------------------------------------

REGULATIONS_2026 = [
    # holiday, days off (inclusive), count, 调休上班
    ("元旦", "2026-01-01", "2026-01-03", 3, ["2026-01-04"]),
    ("春节", "2026-02-15", "2026-02-23", 9, ["2026-02-14", "2026-02-28"]),
    ("清明节", "2026-04-04", "2026-04-06", 3, []),
    ("劳动节", "2026-05-01", "2026-05-05", 5, ["2026-05-09"]),
    ("端午节", "2026-06-19", "2026-06-21", 3, []),
    ("中秋节", "2026-09-25", "2026-09-27", 3, []),
    ("国庆节", "2026-10-01", "2026-10-07", 7, ["2026-09-20", "2026-10-10"]),
]


def test_2026_table_is_regulations_5_2_line_by_line():
    shipped = [
        (name, first, last, len(days_of(d(first), d(last))), list(makeup))
        for name, _en, first, last, makeup in holiday_data.OFFICIAL_ARRANGEMENTS[2026]
    ]
    assert shipped == REGULATIONS_2026
    arrangement = default_calendar().arrangement(2026)
    assert sorted(arrangement.makeup_workdays) == [
        d(x)
        for x in (
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        )
    ]


@pytest.mark.parametrize(
    ("year", "swapped"),
    [
        (
            2026,
            ["2026-01-02", "2026-02-20", "2026-02-23", "2026-05-05", "2026-10-06", "2026-10-07"],
        ),
        (2025, ["2025-02-03", "2025-02-04", "2025-05-05", "2025-10-07", "2025-10-08"]),
    ],
)
def test_statutory_rules_explain_the_notices_under_the_2024_rules(year, swapped):
    """Under the 2024 放假办法 a notice = statutory days + 补假 + swapped weekdays (§5.2's list)."""
    official = default_calendar().arrangement(year).days_off
    statutory = provisional_arrangement(year).days_off
    assert statutory <= official
    extra_weekdays = sorted(day for day in official - statutory if day.weekday() < 5)
    assert extra_weekdays == [d(x) for x in swapped]
    assert [day for day in cc.in_lieu_days if day.year == year] == extra_weekdays


# --- worked examples -----------------------------------------------------------------------------


def test_architecture_example_received_2026_09_28_seven_working_days():
    explanation = explain_add_working_days(d("2026-09-28"), 7)
    assert add_working_days(d("2026-09-28"), 7) == d("2026-10-13")
    assert explanation.date == d("2026-10-13")
    assert not explanation.provisional
    assert explanation.summary(start_label="收到") == (
        "2026-09-28 收到，7个工作日，10-01至10-07放假（国庆节），10-10调休上班：2026-10-13到期"
    )
    assert explanation.summary("en", start_label="received") == (
        "received 2026-09-28, 7 working days, 10-01 to 10-07 off (National Day), "
        "10-10 worked (make-up day): due 2026-10-13"
    )
    assert [(s.kind, s.first, s.last) for s in explanation.steps] == [
        ("start", d("2026-09-28"), d("2026-09-28")),
        ("counted", d("2026-09-29"), d("2026-09-30")),
        ("skipped_holiday", d("2026-10-01"), d("2026-10-07")),
        ("counted", d("2026-10-08"), d("2026-10-09")),
        ("makeup_workday", d("2026-10-10"), d("2026-10-10")),
        ("skipped_weekend", d("2026-10-11"), d("2026-10-11")),
        ("counted", d("2026-10-12"), d("2026-10-13")),
        ("due", d("2026-10-13"), d("2026-10-13")),
    ]
    lines = explanation.lines()
    assert "2026-10-01至2026-10-07：国庆节放假，不计" in lines
    assert "2026-10-10（星期六）：调休上班，计为第5个工作日" in lines
    assert lines[-1] == "第7个工作日为2026-10-13（星期二），即到期日"
    assert explanation.lines("en")[-1] == "Working day 7 is 2026-10-13 (Tuesday): the due date"


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2026-09-28", 0, "2026-09-28"),  # N = 0: the start day itself
        ("2026-10-03", 0, "2026-10-03"),  # ... even on a holiday
        ("2026-10-03", 1, "2026-10-08"),  # start inside a holiday
        ("2026-02-13", 1, "2026-02-14"),  # Saturday 调休上班 counts
        ("2026-02-13", 2, "2026-02-24"),  # then nine days of 春节
        ("2026-01-01", 1, "2026-01-04"),  # Sunday 调休上班 right after 元旦
        ("2026-05-08", 1, "2026-05-09"),
        ("2026-06-18", 1, "2026-06-22"),
        ("2026-03-10", 20, "2026-04-08"),  # 20 working days over 清明 04-04..04-06
        ("2020-01-23", 1, "2020-02-03"),  # 春节 and its 2020 extension
        ("2018-12-28", 0, "2018-12-28"),
        ("2019-12-31", 1, "2020-01-02"),
        ("2022-12-30", 1, "2023-01-03"),  # 元旦 2022-12-31..2023-01-02
        ("2023-09-28", 1, "2023-10-07"),  # 中秋节、国庆节 then a Saturday worked
    ],
)
def test_worked_examples(start, days, due):
    assert add_working_days(d(start), days) == d(due)
    assert explain_add_working_days(d(start), days).date == d(due)


def test_start_day_inside_a_holiday_is_clipped_in_the_explanation():
    explanation = explain_add_working_days(d("2026-10-03"), 1)
    holiday = explanation.steps[1]
    assert (holiday.kind, holiday.first, holiday.last) == (
        "skipped_holiday",
        d("2026-10-04"),
        d("2026-10-07"),
    )
    assert (
        explanation.summary()
        == "2026-10-03 起算，1个工作日，10-04至10-07放假（国庆节）：2026-10-08到期"
    )


def test_weekend_pairs_are_one_step():
    explanation = explain_add_working_days(d("2026-03-06"), 1)  # Friday
    assert [(s.kind, s.first, s.last) for s in explanation.steps[1:]] == [
        ("skipped_weekend", d("2026-03-07"), d("2026-03-08")),
        ("counted", d("2026-03-09"), d("2026-03-09")),
        ("due", d("2026-03-09"), d("2026-03-09")),
    ]
    assert explanation.steps[1].text_zh == "2026-03-07至2026-03-08：周末休息，不计"


def test_working_days_between_examples():
    assert working_days_between(d("2026-09-28"), d("2026-10-13")) == 7
    assert working_days_between(d("2026-10-13"), d("2026-10-13")) == 0
    assert working_days_between(d("2026-10-13"), d("2026-09-28")) == 0
    assert working_days_between(d("2026-09-30"), d("2026-10-07")) == 0
    # 2026: 261 weekdays - 19 weekdays off + 6 调休上班 days
    assert working_days_between(d("2025-12-31"), d("2026-12-31")) == 248


@pytest.mark.parametrize("days", [-1, -20])
def test_negative_days_are_refused_in_both_languages(days):
    with pytest.raises(ValueError, match="不能为负数") as refused:
        add_working_days(d("2026-01-05"), days)
    assert refused.value.code == "days_negative"
    assert "must not be negative" in refused.value.message_en
    with pytest.raises(WorkdayError):
        explain_add_working_days(d("2026-01-05"), days)


@pytest.mark.parametrize("days", [1.5, "3", True])
def test_non_integer_days_are_refused(days):
    with pytest.raises(WorkdayError) as refused:
        add_working_days(d("2026-01-05"), days)
    assert refused.value.code == "days_not_integer"


def test_unknown_language_is_refused():
    with pytest.raises(WorkdayError):
        explain_add_working_days(d("2026-01-05"), 1).summary("fr")


def test_twenty_working_days_take_microseconds():
    start = d("2026-09-01")
    add_working_days(start, 20)  # build the year's index once
    began = time.perf_counter()
    for _ in range(10_000):
        add_working_days(start, 20)
    assert (time.perf_counter() - began) / 10_000 < 100e-6


# --- provisional years ---------------------------------------------------------------------------


def test_2027_is_provisional_with_statutory_days_off_and_make_up_days():
    arrangement = default_calendar().arrangement(2027)
    assert arrangement.provisional
    assert arrangement.makeup_workdays == frozenset()
    assert [(h.name, h.first, h.last) for h in arrangement.holidays] == [
        ("元旦", d("2027-01-01"), d("2027-01-01")),
        # 除夕 02-05 and 初一–初三 02-06..02-08; Sat and Sun made up on 02-09, 02-10 (art. 6).
        ("春节", d("2027-02-05"), d("2027-02-10")),
        ("清明节", d("2027-04-05"), d("2027-04-05")),
        ("劳动节", d("2027-05-01"), d("2027-05-04")),
        ("端午节", d("2027-06-09"), d("2027-06-09")),
        ("中秋节", d("2027-09-15"), d("2027-09-15")),
        ("国庆节", d("2027-10-01"), d("2027-10-05")),
    ]
    assert is_provisional(d("2027-03-01"), d("2027-03-01"))
    assert not is_working_day(d("2027-02-10"))  # Wednesday, 补假
    assert is_working_day(d("2027-02-11"))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # 中秋 10-03 inside 国庆; 10-01 is a Sunday: one weekday made up.
        (2028, ("国庆节、中秋节", "2028-10-01", "2028-10-04")),
        # 中秋 09-30 touches 国庆 (Sat, Sun, Mon): two days made up after it.
        (2050, ("中秋节、国庆节", "2050-09-30", "2050-10-05")),
    ],
)
def test_provisional_mid_autumn_next_to_national_day_is_one_span(year, expected):
    name, first, last = expected
    assert (name, d(first), d(last)) in [
        (h.name, h.first, h.last) for h in provisional_arrangement(year).holidays
    ]


@pytest.mark.parametrize("year", range(2027, 2061))
def test_provisional_years_give_thirteen_statutory_days(year):
    """13 statutory days (art. 2) on Mon–Sun, plus one weekday 补假 per weekend day (art. 6)."""
    arrangement = provisional_arrangement(year)
    spring, qingming, dragon_boat, mid_autumn = (
        date(year, m, day) for m, day in holiday_data.FESTIVAL_DATES[year]
    )
    statutory = {
        date(year, 1, 1),
        *days_of(spring - ONE_DAY, spring + 2 * ONE_DAY),
        qingming,
        date(year, 5, 1),
        date(year, 5, 2),
        dragon_boat,
        mid_autumn,
        *days_of(date(year, 10, 1), date(year, 10, 3)),
    }
    assert statutory <= arrangement.days_off
    weekend_statutory = sum(day.weekday() >= 5 for day in statutory)
    compensation = {day for day in arrangement.days_off - statutory if day.weekday() < 5}
    assert len(compensation) == weekend_statutory
    assert all(day.year == year for day in arrangement.days_off)


def test_festival_table_matches_lunar_python_and_chinesecalendar_solar_terms():
    from lunar_python import Lunar  # test-only dependency; generated the table

    for year, festivals in holiday_data.FESTIVAL_DATES.items():
        computed = [
            Lunar.fromYmd(year, 1, 1).getSolar(),
            Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"],
            Lunar.fromYmd(year, 5, 5).getSolar(),
            Lunar.fromYmd(year, 8, 15).getSolar(),
        ]
        assert [date(year, m, day) for m, day in festivals] == [
            date(s.getYear(), s.getMonth(), s.getDay()) for s in computed
        ], year
        (qingming,) = [
            day
            for day, term in chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
            if term == "清明"
        ]
        assert festivals[1] == (qingming.month, qingming.day), year


def test_year_beyond_the_lunar_table_is_refused():
    with pytest.raises(WorkdayError) as refused:
        add_working_days(d("2060-12-20"), 20)
    assert refused.value.code == "no_calendar_data"


def test_computation_crossing_into_2027_is_provisional_and_says_why():
    start = d("2026-12-15")
    explanation = explain_add_working_days(start, 20)
    assert explanation.date == d("2027-01-13")  # 2027-01-01 assumed off
    assert explanation.provisional and is_provisional(start, explanation.date)
    assert explanation.unpublished_years == (2027,)
    new_year = next(s for s in explanation.steps if s.kind == "skipped_holiday")
    assert new_year.provisional and "暂定" in new_year.text_zh
    assert explanation.lines()[-1].startswith("注：2027年的放假安排尚未公布")
    assert explanation.summary().endswith("：2027-01-13到期（暂定）")
    assert explanation.summary("en").endswith(": due 2027-01-13 (provisional)")


def test_last_week_of_december_waits_for_the_next_notice():
    assert not is_provisional(d("2026-12-01"), d("2026-12-24"))
    assert is_provisional(d("2026-12-01"), d("2026-12-28"))
    calendar = default_calendar().with_arrangement(provisional_arrangement(2027))
    assert calendar.is_provisional(d("2026-12-28"), d("2026-12-28"))  # still not a notice


# A made-up 2027 notice, for the test only (the real one is not published).
NOTICE_2027 = YearArrangement(
    2027,
    (
        Holiday("元旦", "New Year's Day", d("2027-01-01"), d("2027-01-03")),
        Holiday("春节", "Spring Festival", d("2027-02-05"), d("2027-02-13")),
    ),
    frozenset({d("2027-01-30"), d("2027-02-20")}),
)


def test_entering_the_notice_replaces_the_provisional_year():
    start = d("2027-01-28")
    before = explain_add_working_days(start, 8)
    assert before.provisional and before.date == d("2027-02-15")  # 02-05..02-10 statutory
    calendar = default_calendar().with_arrangement(NOTICE_2027)
    after = explain_add_working_days(start, 8, calendar)
    assert not after.provisional
    assert after.date == d("2027-02-16")  # Sat 01-30 worked, 02-05..02-13 off
    assert add_working_days(start, 8, calendar) == after.date
    assert not calendar.arrangement(2027).provisional
    assert calendar.official_years == (*SHIPPED_YEARS, 2027)
    assert default_calendar().arrangement(2027).provisional  # the shared calendar is untouched
    assert "01-30调休上班" in after.summary()


def test_calendar_accepts_a_mapping_and_checks_its_keys():
    calendar = WorkCalendar({2027: NOTICE_2027})
    assert calendar.arrangement(2027) is NOTICE_2027
    assert calendar.arrangement(2026).provisional  # not in this calendar
    with pytest.raises(WorkdayError) as refused:
        WorkCalendar({2028: NOTICE_2027})
    assert refused.value.code == "year_mismatch"


@pytest.mark.parametrize(
    ("holidays", "makeup", "code"),
    [
        (
            (Holiday("国庆节", "", d("2027-10-01"), d("2027-10-07")),),
            {d("2027-10-08")},
            "makeup_not_weekend",
        ),
        (
            (Holiday("国庆节", "", d("2027-10-01"), d("2027-10-07")),),
            {d("2027-10-02")},
            "makeup_is_day_off",
        ),
        ((Holiday("国庆节", "", d("2028-10-01"), d("2028-10-07")),), set(), "holiday_outside_year"),
        ((), {d("2026-11-28")}, "makeup_outside_year"),
        (
            (
                Holiday("中秋节", "", d("2027-09-15"), d("2027-10-01")),
                Holiday("国庆节", "", d("2027-10-01"), d("2027-10-07")),
            ),
            set(),
            "holidays_overlap",
        ),
    ],
)
def test_bad_arrangements_are_refused(holidays, makeup, code):
    with pytest.raises(WorkdayError) as refused:
        YearArrangement(2027, holidays, frozenset(makeup))
    assert refused.value.code == code
    assert refused.value.message_zh and refused.value.message_en


def test_reversed_holiday_is_refused():
    with pytest.raises(WorkdayError) as refused:
        Holiday("元旦", "New Year's Day", d("2027-01-03"), d("2027-01-01"))
    assert refused.value.code == "holiday_reversed"


# --- properties ---------------------------------------------------------------------------------

starts = st.dates(min_value=date(2019, 1, 1), max_value=date(2059, 6, 30))
counts = st.integers(min_value=0, max_value=300)


@given(starts, counts)
def test_result_is_a_working_day_n_days_after_start(start, n):
    due = add_working_days(start, n)
    assert working_days_between(start, due) == n
    if n:
        assert due > start and is_working_day(due)
        assert working_days_between(start, due - ONE_DAY) == n - 1
    else:
        assert due == start


@given(starts, counts)
def test_more_days_give_a_later_date(start, n):
    assert add_working_days(start, n) < add_working_days(start, n + 1)


@given(starts, st.integers(min_value=0, max_value=60))
def test_explanation_matches_and_accounts_for_every_day(start, n):
    explanation = explain_add_working_days(start, n)
    assert explanation.date == add_working_days(start, n)
    assert explanation.provisional == is_provisional(start, explanation.date)
    middle = explanation.steps[1:-1]
    covered = [day for step in middle for day in days_of(step.first, step.last)]
    assert covered == days_of(start + ONE_DAY, explanation.date)
    counted = [s for s in middle if s.kind in ("counted", "makeup_workday")]
    assert sum(working_days_between(s.first - ONE_DAY, s.last) for s in counted) == n
    assert all(
        a.kind != b.kind or a.holiday != b.holiday for a, b in zip(middle, middle[1:], strict=False)
    )


@given(
    st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 10, 31)),
    st.integers(min_value=0, max_value=30),
)
def test_add_working_days_agrees_with_chinesecalendar(start, n):
    expected = start
    for _ in range(n):
        expected += ONE_DAY
        while not chinese_calendar.is_workday(expected):
            expected += ONE_DAY
    assert add_working_days(start, n) == expected
