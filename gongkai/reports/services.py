"""Every change of state of annual reports: create a draft, edit, recompute, publish, remind.

Each change is audited (gongkai.core.audit). A published report is frozen: every service here
refuses to change it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, pagecache
from gongkai.core.language import in_ui_language
from gongkai.core.models import Department
from gongkai.core.permissions import require_department
from gongkai.reports.annual import (
    FIRST_REPORT_YEAR,
    Figure,
    Problem,
    RecordError,
    format_for_year,
    report_due_on,
)
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.selectors import (
    bodies_expected_to_report,
    report_problems,
    with_computed_figures,
)

logger = logging.getLogger(__name__)


class PublishRefused(ValidationError):
    """Publishing was refused; ``problems`` says why (each in Chinese and English)."""

    def __init__(self, problems: list[Problem]):
        super().__init__([in_ui_language(p.zh, p.en) for p in problems], code="publish_refused")
        self.problems = problems


def report_snapshot(report: AnnualReport) -> dict:
    """What the audit log keeps of a report: JSON-native values only (the log is hashed)."""
    return {
        "year": report.year,
        "department": report.department_id,
        "format": report.format,
        "status": report.status,
        "entered_figures": report.entered_figures,
        "fees_collected": None if report.fees_collected is None else str(report.fees_collected),
        "computed_at": report.computed_at.isoformat() if report.computed_at else None,
        "tables_sha256": tables_digest(report.tables),
    }


def tables_digest(tables: Mapping | None) -> str | None:
    """A fingerprint of the tables, so the audit log shows a published report never changed."""
    if tables is None:
        return None
    payload = json.dumps(tables, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# Drafts


def check_draft_allowed(*, year: int, department: Department | None, today: date) -> None:
    """Raise ValidationError unless a draft of ``year``'s report may be created ``today``:
    from 1 January of the next year, once per body and year."""
    if year < FIRST_REPORT_YEAR:
        raise ValidationError(
            _("年度报告从%(year)s年度开始。") % {"year": FIRST_REPORT_YEAR},
            code="year_too_early",
        )
    opens = date(year + 1, 1, 1)
    if today < opens:
        raise ValidationError(
            _("%(year)s年度报告草稿自%(opens)s起可以创建。")
            % {"year": year, "opens": f"{opens:%Y-%m-%d}"},
            code="too_early",
        )
    existing = AnnualReport.objects.filter(year=year, department=department)
    if existing.exists():
        raise ValidationError(
            _("该主体本年度的报告已存在。"),
            code="exists",
        )


@transaction.atomic
def annual_report_create_draft(
    *, year: int, department: Department | None, user, today: date | None = None
) -> AnnualReport:
    """A draft of ``department``'s (None: the whole government's) report for ``year``, with its
    tables computed from the current data."""
    require_department(user, department.pk if department else None)
    check_draft_allowed(year=year, department=department, today=today or timezone.localdate())
    report = AnnualReport(year=year, department=department, format=format_for_year(year))
    _recompute(report)
    report.save()
    audit.record(
        actor=user, action="annual_report.create", obj=report, after=report_snapshot(report)
    )
    return report


@transaction.atomic
def annual_report_update(
    *,
    report: AnnualReport,
    user,
    overview: str,
    problems: str,
    other_matters: str,
    entered: Mapping[str, Figure | None],
) -> AnnualReport:
    """Save the sections written by staff and the figures of table 二, then recompute."""
    report = _locked_draft(report)
    before = report_snapshot(report)
    report.overview, report.problems, report.other_matters = overview, problems, other_matters
    report.entered_figures = {
        key: _json_figure(value) for key, value in entered.items() if value is not None
    }
    _recompute(report)
    report.save()
    audit.record(
        actor=user,
        action="annual_report.update",
        obj=report,
        before=before,
        after=report_snapshot(report),
    )
    return report


@transaction.atomic
def annual_report_refresh(*, report: AnnualReport, user) -> AnnualReport:
    """Recompute a draft's tables, charts and fees from the current data."""
    report = _locked_draft(report)
    before = report_snapshot(report)
    _recompute(report)
    report.save()
    audit.record(
        actor=user,
        action="annual_report.refresh",
        obj=report,
        before=before,
        after=report_snapshot(report),
    )
    return report


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, user) -> AnnualReport:
    """Publish the draft as it was last computed (what staff reviewed), freezing its tables.

    Refused with ``PublishRefused`` when the consistency checks fail (every 总计 equals its
    parts; 本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理; table 二 complete) or
    section 一 or 五 is empty.
    """
    report = _locked_draft(report)
    problems = report_problems(report)
    if problems:
        raise PublishRefused(problems)
    before = report_snapshot(report)
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = user if getattr(user, "pk", None) else None
    report.save()
    # The list, the report's page, its exports and its API answer show it from now on.
    pagecache.invalidate(pagecache.obj_tag(report), pagecache.list_tag(AnnualReport))
    audit.record(
        actor=user,
        action="annual_report.publish",
        obj=report,
        before=before,
        after=report_snapshot(report),
    )
    return report


def _locked_draft(report: AnnualReport) -> AnnualReport:
    # Lock the report's row only: the department is joined on its nullable side.
    locked = (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=report.pk)
    )
    if locked.is_published:
        raise ValidationError(
            _("已发布的年度报告不能再修改。"),
            code="published",
        )
    return locked


def _recompute(report: AnnualReport) -> None:
    try:
        with_computed_figures(report)
    except RecordError as error:
        raise ValidationError(str(error), code="bad_record") from error


def _json_figure(value: Figure) -> int | str:
    return str(value) if isinstance(value, Decimal) else int(value)


# ---------------------------------------------------------------------------------------------
# Reminders

# Days before the deadline on which the reminder goes out (the daily job checks each day).
REMINDER_DAYS_BEFORE = (30, 14, 7, 3, 1)


@dataclass(frozen=True)
class Reminder:
    year: int
    department: Department | None
    report: AnnualReport | None
    due_on: date
    recipients: tuple[str, ...]

    @property
    def title(self) -> str:
        return AnnualReport(year=self.year, department=self.department).title


def reminders_due(*, today: date) -> list[Reminder]:
    """Reports of last year not yet published whose deadline is one of
    ``REMINDER_DAYS_BEFORE`` days away: departments' by 31 January, the government's by
    31 March (《条例》第四十九条). Each goes to the department's e-mail and the openness
    office's."""
    year = today.year - 1
    if year < FIRST_REPORT_YEAR:
        return []
    reports = {
        report.department_id: report
        for report in AnnualReport.objects.filter(year=year).select_related("department")
    }
    office = tuple(
        Department.objects.filter(is_openness_office=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    expected = bodies_expected_to_report()
    # A department outside the usual kinds that has started a report is reminded too.
    drafting = [
        r.department for r in reports.values() if r.department and r.department not in expected
    ]
    reminders = []
    bodies: list[Department | None] = [None, *expected, *drafting]
    for department in bodies:
        due_on = report_due_on(year, government=department is None)
        if (due_on - today).days not in REMINDER_DAYS_BEFORE:
            continue
        report = reports.get(department.pk if department else None)
        if report is not None and report.is_published:
            continue
        own = (department.email,) if department and department.email else ()
        recipients = tuple(dict.fromkeys((*own, *office)))
        if recipients:
            reminders.append(Reminder(year, department, report, due_on, recipients))
    return reminders


def annual_report_send_reminders(*, today: date | None = None) -> int:
    """E-mail the reminders due ``today``; returns how many were sent."""
    reminders = reminders_due(today=today or timezone.localdate())
    messages = [
        (*_reminder_text(reminder), settings.DEFAULT_FROM_EMAIL, list(reminder.recipients))
        for reminder in reminders
    ]
    sent = send_mass_mail(messages, fail_silently=False) if messages else 0
    for reminder in reminders:
        # Addresses are personal data: the log says how many, not whom.
        logger.info(
            "annual report reminder sent: %s to %d recipients",
            reminder.title,
            len(reminder.recipients),
        )
    return sent


def _reminder_text(reminder: Reminder) -> tuple[str, str]:
    due = reminder.due_on
    state_zh, state_en = (
        ("尚未创建草稿", "no draft has been created yet")
        if reminder.report is None
        else ("草稿尚未发布", "the draft is not published yet")
    )
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_reports_annualreport:list"
    )
    subject = (
        f"【年度报告提醒】{reminder.title}应于{due.year}年{due.month}月{due.day}日前公开 / "
        f"Reminder: the {reminder.year} annual report is due on {due:%Y-%m-%d}"
    )
    body = (
        f"{reminder.title}应于{due.year}年{due.month}月{due.day}日前公开（《政府信息公开条例》"
        f"第四十九条），目前{state_zh}。\n请登录后台“年度报告”处理：{link}\n\n"
        f"The {reminder.year} annual report on government information disclosure is due on "
        f"{due:%Y-%m-%d} (Regulations art. 49); {state_en}. Open “年度报告” in the back office: "
        f"{link}\n"
    )
    return subject, body
