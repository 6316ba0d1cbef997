from datetime import date

from gongkai.concerns import rules
from gongkai.core.workdays import default_calendar


def test_age_counts_working_days_over_the_national_day_holiday():
    # 10-01 to 10-07 off, 10-10 (a Saturday) worked: 10-08, 10-09, 10-10 and 10-12.
    age = rules.age(date(2026, 9, 30), date(2026, 10, 12), default_calendar())
    assert age == rules.Age(days=12, working_days=4)


def test_a_concern_raised_today_or_dated_ahead_has_no_age():
    calendar = default_calendar()
    assert rules.age(date(2026, 3, 2), date(2026, 3, 2), calendar) == rules.Age(0, 0)
    assert rules.age(date(2026, 3, 3), date(2026, 3, 2), calendar) == rules.Age(0, 0)


def test_the_committee_leaves_out_the_lead_and_repeats():
    assert rules.committee(1, [3, 1, 2, 3]) == [2, 3]
    assert rules.committee(1, [1]) == []


def test_an_assessment_is_approved_by_someone_else():
    assert rules.may_approve_assessment(assessor_id=1, approver_id=2)
    assert not rules.may_approve_assessment(assessor_id=1, approver_id=1)


def test_links_are_portal_addresses_or_numbers_one_a_line():
    links = rules.parse_links(
        "https://gov.example/documents/12/\n\n /interpretations/5/ \n筑高新发〔2026〕1号\n"
        "/documents/12/?lang=en\n筑高新发〔2026〕1号"
    )
    assert [(link.kind, link.pk) for link in links] == [
        ("document", 12),
        ("interpretation", 5),
        ("number", None),
        ("document", 12),
    ]
    assert links[2].text == "筑高新发〔2026〕1号"
