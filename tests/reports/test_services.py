"""Drafts, editing, recomputing and publishing annual reports; reminders."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.audit import history, verify_chain
from gongkai.core.roles import Role
from gongkai.reports import services
from gongkai.reports.annual import RequestRecord
from gongkai.reports.models import AnnualReport, ReportStatus
from tests import factories
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

D = date.fromisoformat


def req(applicant, received, outcome=None, closed=None):
    return RequestRecord(applicant, D(received), False, outcome, D(closed) if closed else None)


def test_draft_opens_on_1_january_of_the_next_year(disclosure):
    with pytest.raises(ValidationError, match="2026-01-01"):
        services.annual_report_create_draft(
            year=2025, department=None, user=None, today=date(2025, 12, 31)
        )
    report = services.annual_report_create_draft(
        year=2025, department=None, user=None, today=date(2026, 1, 1)
    )
    assert report.status == ReportStatus.DRAFT
    assert report.tables["year"] == 2025 and report.computed_at is not None
    assert disclosure.calls == [(2025, None)]


def test_one_report_per_body_and_year(disclosure):
    finance = factories.make_department(code="czj")
    services.annual_report_create_draft(
        year=2025, department=None, user=None, today=date(2026, 2, 1)
    )
    services.annual_report_create_draft(
        year=2025, department=finance, user=None, today=date(2026, 2, 1)
    )
    for department in (None, finance):
        with pytest.raises(ValidationError, match="已存在"):
            services.annual_report_create_draft(
                year=2025, department=department, user=None, today=date(2026, 2, 1)
            )
    with pytest.raises(ValidationError):
        services.annual_report_create_draft(
            year=2018, department=None, user=None, today=date(2026, 2, 1)
        )


@pytest.mark.parametrize(
    ("year", "fmt"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021")]
)
def test_format_by_year(disclosure, year, fmt):
    report = services.annual_report_create_draft(
        year=year, department=None, user=None, today=date(2026, 2, 1)
    )
    assert report.format == fmt == report.tables["format"]
    assert ("other" in report.tables["table3"]) == (fmt == "2019")


def test_update_stores_figures_and_recomputes(disclosure):
    report = make_report()
    assert report.entered_figures == {
        "permits.decisions": 120,
        "penalties.decisions": 8,
        "coercions.decisions": 0,
        "fees.amount": "12.5",
    }
    assert report.tables["table2"]["fees"]["amount"] == 12.5
    assert report.tables["table2"]["permits"]["decisions"] == 120
    disclosure.requests[None] = [req("natural_person", "2025-03-01", "granted", "2025-03-10")]
    disclosure.fees[None] = Decimal("30")
    report = services.annual_report_refresh(report=report, user=None)
    assert report.tables["table3"]["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert report.requests_by_month[2] == 1
    assert report.fees_collected == Decimal("30")


def test_publish_refuses_missing_table2_figures_and_empty_sections(disclosure):
    report = services.annual_report_create_draft(
        year=2025, department=None, user=None, today=date(2026, 1, 2)
    )
    with pytest.raises(services.PublishRefused) as refused:
        services.annual_report_publish(report=report, user=None)
    codes = {(p.code, p.table) for p in refused.value.problems}
    assert ("missing", "二") in codes
    assert ("section_empty", "一") in codes and ("section_empty", "五") in codes
    missing = next(p for p in refused.value.problems if p.code == "missing")
    assert missing.zh.startswith("表二“") and "not filled in" in missing.en
    assert AnnualReport.objects.get().status == ReportStatus.DRAFT


def test_publish_refuses_tables_that_do_not_add_up(disclosure):
    disclosure.requests[None] = [req("commercial", "2025-03-01", "granted", "2025-03-10")]
    report = make_report()
    tables = report.tables
    tables["table3"]["granted"][1] = 2  # edited cells: the sums no longer hold
    tables["table3"]["carried_forward"] = [1, 0, 0, 0, 0, 0, 1]  # nor does the balance
    tables["table4"]["reconsideration"][4] = 7
    AnnualReport.objects.filter(pk=report.pk).update(tables=tables)
    with pytest.raises(services.PublishRefused) as refused:
        services.annual_report_publish(report=report, user=None)
    problems = {(p.code, p.table, p.row, p.column) for p in refused.value.problems}
    assert ("sum", "三", "granted", "total") in problems
    assert ("sum", "三", "total", "commercial") in problems
    assert ("sum", "四", "reconsideration", "total") in problems
    balance = next(p for p in refused.value.problems if p.code == "balance")
    assert "本年新收＋上年结转" in balance.zh and "carried forward" in balance.en
    message = " ".join(refused.value.messages)
    assert "总计" in message and "total" not in message, "one language, the user's"


def test_published_report_is_frozen(disclosure):
    user = factories.make_user(role=Role.REVIEWER)
    disclosure.requests[None] = [req("natural_person", "2025-03-01", "granted", "2025-03-10")]
    disclosure.fees[None] = Decimal("15")
    report = make_report(user=user, publish=True)
    assert report.status == ReportStatus.PUBLISHED and report.published_by == user
    frozen = report.tables
    disclosure.requests[None].append(req("natural_person", "2025-05-01", "partial", "2025-05-10"))
    disclosure.fees[None] = Decimal("99")
    for change in (
        lambda: services.annual_report_refresh(report=report, user=user),
        lambda: services.annual_report_update(
            report=report, user=user, overview="x", problems="y", other_matters="", entered={}
        ),
        lambda: services.annual_report_publish(report=report, user=user),
    ):
        with pytest.raises(ValidationError, match="已发布"):
            change()
    report.refresh_from_db()
    assert report.tables == frozen and report.fees_collected == Decimal("15")


def test_changes_are_audited(disclosure):
    user = factories.make_user(role=Role.REVIEWER)
    report = make_report(user=user, publish=True)
    events = history(report)
    assert [e.action for e in events] == [
        "annual_report.create",
        "annual_report.update",
        "annual_report.publish",
    ]
    published = events[-1]
    assert published.actor == user
    assert published.after["status"] == "published"
    assert published.after["tables_sha256"] == services.tables_digest(report.tables)
    assert verify_chain() is None


def test_bad_disclosure_record_is_refused_with_its_message(disclosure):
    disclosure.requests[None] = [RequestRecord("citizen", D("2025-03-01"))]
    with pytest.raises(ValidationError, match="未知的申请人类型"):
        services.annual_report_create_draft(
            year=2025, department=None, user=None, today=date(2026, 1, 2)
        )


# --- reminders ---------------------------------------------------------------------------------


@pytest.fixture
def bodies():
    office = factories.make_department(
        name="政务公开办", code="gkb", email="office@example.gov.cn", is_openness_office=True
    )
    finance = factories.make_department(name="财政局", code="czj", email="czj@example.gov.cn")
    factories.make_department(name="某国企", code="gq", kind="affiliated", email="gq@example.cn")
    return office, finance


def test_reminders_before_the_departments_deadline(disclosure, bodies):
    office, finance = bodies
    assert services.reminders_due(today=date(2026, 1, 20)) == []
    due = services.reminders_due(today=date(2026, 1, 24))  # 7 days before 31 January
    assert {r.department for r in due} == {office, finance}
    finance_reminder = next(r for r in due if r.department == finance)
    assert finance_reminder.recipients == ("czj@example.gov.cn", "office@example.gov.cn")
    assert finance_reminder.due_on == date(2026, 1, 31) and finance_reminder.report is None

    make_report(department=finance, publish=True)
    assert {r.department for r in services.reminders_due(today=date(2026, 1, 30))} == {office}


def test_a_department_of_another_kind_is_reminded_once_it_has_a_draft(disclosure, bodies):
    vertical = factories.make_department(code="swj", kind="vertical", email="swj@example.gov.cn")
    assert vertical not in {r.department for r in services.reminders_due(today=date(2026, 1, 24))}
    make_report(department=vertical)
    assert vertical in {r.department for r in services.reminders_due(today=date(2026, 1, 24))}


def test_government_reminder_before_31_march(disclosure, bodies):
    due = services.reminders_due(today=date(2026, 3, 24))
    assert [r.department for r in due] == [None]
    assert due[0].recipients == ("office@example.gov.cn",)
    assert due[0].title == "2025年政府信息公开工作年度报告"


def test_reminder_mail(disclosure, bodies):
    office, finance = bodies
    make_report(department=finance)
    assert services.annual_report_send_reminders(today=date(2026, 1, 30)) == 2
    subjects = [message.subject for message in mail.outbox]
    assert any("财政局2025年政府信息公开工作年度报告应于2026年1月31日前公开" in s for s in subjects)
    body = next(m.body for m in mail.outbox if "财政局" in m.subject)
    assert "草稿尚未发布" in body and "the draft is not published yet" in body


def test_daily_job_is_registered():
    from gongkai.core.schedule import daily_jobs

    assert "gongkai.reports.tasks.remind_annual_reports" in {job.name for job in daily_jobs()}


def test_a_department_drafts_only_its_own_report():
    finance = factories.make_department(code="czj")
    health = factories.make_department(code="wjj")
    editor = factories.make_user(role=Role.EDITOR, department=finance)
    for department in (health, None):
        with pytest.raises(PermissionDenied):
            services.annual_report_create_draft(
                year=2025, department=department, user=editor, today=date(2026, 2, 1)
            )
    assert not AnnualReport.objects.exists()
    services.annual_report_create_draft(
        year=2025, department=finance, user=editor, today=date(2026, 2, 1)
    )
