"""State changes of 执行公开. Each validates, writes in one transaction and records the audit
log; errors carry Chinese and English text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.language import in_ui_language
from gongkai.core.models import Department, DepartmentKind
from gongkai.core.unit_matching import DEPARTMENT, UnitDirectory
from gongkai.core.uploads import validate_upload
from gongkai.documents.extraction import ExtractedTask
from gongkai.documents.extraction.titles import enclosed_title
from gongkai.execution import notices, outline, permissions, selectors
from gongkai.execution.models import (
    Evidence,
    Finding,
    Plan,
    PlanStatus,
    ProgressReport,
    ProposalStatus,
    Task,
    TaskUnit,
    UnitProposal,
)
from gongkai.execution.pagetags import invalidate_plan_pages
from gongkai.execution.progress import report_problems


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- plans -------------------------------------------------------------------------------


@transaction.atomic
def plan_create_from_document(
    *,
    document,
    tasks: Sequence[ExtractedTask],
    user,
    title: str | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    lead_department: Department | None = None,
    text: str | None = None,
) -> Plan:
    """A plan from a document and the tasks extracted from it (the import, or the 从文件生成
    任务 confirmation). Unit names become departments or groups where they match; the others
    wait as UnitProposals. ``text`` (default: the document's) names the task groups; a task
    without a deadline is due at the end of the period (by default the plan's year)."""
    if not tasks:
        raise ValidationError(_("文件中没有识别出任务。"))
    default_start, default_end = selectors.default_period(document)
    plan = Plan(
        title=title or enclosed_title(document.title) or document.title,
        document=document,
        period_start=period_start or default_start,
        period_end=period_end or default_end,
        lead_department=lead_department or document.department,
        created_by=user if getattr(user, "pk", None) else None,
    )
    if plan.period_start > plan.period_end:
        raise ValidationError(_("起始日期不能晚于截止日期。"))
    plan.save()
    titles = outline.group_titles(
        text if text is not None else "\n".join(selectors.document_texts(document))
    )
    created = Task.objects.bulk_create(
        _task(plan, extracted, order, titles) for order, extracted in enumerate(tasks)
    )
    unknown = _create_units(created, tasks, selectors.unit_directory())
    for name in unknown:
        UnitProposal.objects.get_or_create(plan=plan, name=name)
    audit.record(
        actor=user,
        action="execution.plan_create",
        obj=plan,
        after={"document": document.pk, "tasks": len(created), "unknown_units": unknown},
    )
    return plan


def _task(plan: Plan, extracted: ExtractedTask, order: int, titles) -> Task:
    return Task(
        plan=plan,
        heading=extracted.heading[:40],
        heading_text=extracted.heading_text[:200],
        section=outline.group_title(titles, extracted.heading, extracted.section)[:200],
        text=extracted.text,
        due_text=(extracted.due_text or "")[:100],
        due_on=extracted.due_on or plan.period_end,
        sort_order=order,
    )


def _create_units(
    tasks: list[Task], extracted: Sequence[ExtractedTask], directory: UnitDirectory
) -> list[str]:
    """The TaskUnits of every task; returns the unit names nothing matched."""
    units, unknown = [], []
    for task, found in zip(tasks, extracted, strict=True):
        for order, ref in enumerate(found.units):
            match = directory.match(ref.name)
            if match is None and ref.name not in unknown:
                unknown.append(ref.name)
            targets = match.ids if match else (None,)
            for target in targets:
                unit = TaskUnit(task=task, name=ref.name[:100], role=ref.role, sort_order=order)
                if match and match.kind == DEPARTMENT:
                    unit.department_id = target
                elif match:
                    unit.group_id = target
                units.append(unit)
    TaskUnit.objects.bulk_create(units)
    return unknown


@transaction.atomic
def plan_publish(*, plan: Plan, user) -> Plan:
    """执行公开: the plan's page goes public with its tasks, progress and published findings."""
    _require(permissions.can_publish_plans(user))
    if not plan.document.is_public:
        raise ValidationError(_("方案文件尚未公开，不能公开其执行情况。"))
    before = {"status": plan.status}
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = plan.published_at or timezone.now()
    plan.save(update_fields=["status", "published_at", "updated_at"])
    invalidate_plan_pages()
    audit.record(
        actor=user,
        action="execution.plan_publish",
        obj=plan,
        before=before,
        after={"status": plan.status},
    )
    return plan


TASK_FIELDS = ("heading_text", "text", "due_on")


@transaction.atomic
def task_update(*, task: Task, user, **fields) -> Task:
    """Correct a task as extracted, or move its deadline (the reason goes to the audit log)."""
    _require(user.has_perm("execution.change_plan"))
    reason = fields.pop("reason", "")
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"unknown task fields: {sorted(unknown)}")
    before = {name: getattr(task, name) for name in TASK_FIELDS}
    for name, value in fields.items():
        setattr(task, name, value)
    if not task.heading_text.strip() or not task.text.strip():
        raise ValidationError(_("请填写任务名称和内容。"))
    task.save()
    after = {name: getattr(task, name) for name in TASK_FIELDS}
    invalidate_plan_pages()
    audit.record(
        actor=user,
        action="execution.task_update",
        obj=task,
        before=before,
        after=after,
        reason=reason,
    )
    return task


# --- progress ----------------------------------------------------------------------------


def _concerns(task: Task, department: Department) -> bool:
    today = timezone.localdate()
    rows = selectors.task_rows(Task.objects.filter(pk=task.pk), today=today)
    return bool(rows) and rows[0].concerns(department.pk)


def _checked_files(files: Iterable) -> list[tuple[object, str]]:
    """(file, kind) for each upload, or ValidationError naming every refused one."""
    checked, errors = [], []
    for upload in files:
        verdict = validate_upload(upload, upload.name)
        if verdict.ok:
            checked.append((upload, verdict.kind))
        else:
            errors.append(
                f"{upload.name}：{in_ui_language(verdict.message_zh, verdict.message_en)}"
            )
    if errors:
        raise ValidationError(errors)
    return checked


@transaction.atomic
def progress_report_submit(
    *,
    task: Task,
    department: Department,
    user,
    status: str,
    percent: int,
    text: str,
    files: Iterable = (),
    reported_on: date | None = None,
) -> ProgressReport:
    """进展填报 by an editor or head of a department the task names, for that department."""
    _require(permissions.can_report_for(user, department.pk) and _concerns(task, department))
    today = timezone.localdate()
    reported_on = reported_on or today
    problems = [in_ui_language(zh, en) for zh, en in report_problems(status, percent)]
    if not text.strip():
        problems.append(_("请填写进展情况。"))
    if reported_on > today:
        problems.append(_("填报日期不能晚于今天。"))
    if problems:
        raise ValidationError(problems)
    checked = _checked_files(files)
    report = ProgressReport.objects.create(
        task=task,
        department=department,
        reported_by=user,
        status=status,
        percent=percent,
        text=text.strip(),
        reported_on=reported_on,
    )
    for upload, kind in checked:
        Evidence.objects.create(
            report=report, file=upload, name=upload.name[:255], kind=kind, size=upload.size
        )
    invalidate_plan_pages()
    audit.record(
        actor=user,
        action="execution.progress_report",
        obj=report,
        after={"task": task.pk, "status": status, "percent": percent, "files": len(checked)},
    )
    return report


# --- findings ----------------------------------------------------------------------------

FINDING_TEXTS = ("problem", "measures", "result", "accountability")


def _finding_state(finding: Finding) -> dict:
    return {
        "source": finding.source,
        "published": finding.published,
        **{name: getattr(finding, name) for name in FINDING_TEXTS},
    }


@transaction.atomic
def finding_add(
    *,
    task: Task,
    user,
    source: str,
    problem: str,
    measures: str = "",
    result: str = "",
    accountability: str = "",
    found_on: date | None = None,
) -> Finding:
    """An audit or inspection finding (审计、督查发现的问题) on a task, not yet public."""
    _require(permissions.can_add_findings(user))
    if not problem.strip():
        raise ValidationError(_("请填写发现的问题。"))
    finding = Finding.objects.create(
        task=task,
        source=source,
        found_on=found_on,
        problem=problem.strip(),
        measures=measures.strip(),
        result=result.strip(),
        accountability=accountability.strip(),
        created_by=user,
    )
    audit.record(
        actor=user, action="execution.finding_add", obj=finding, after=_finding_state(finding)
    )
    return finding


@transaction.atomic
def finding_update(*, finding: Finding, user, **texts: str) -> Finding:
    """Record the rectification as it progresses (整改措施, 整改结果, 问责情况)."""
    _require(permissions.can_add_findings(user))
    unknown = set(texts) - set(FINDING_TEXTS)
    if unknown:
        raise TypeError(f"unknown finding fields: {sorted(unknown)}")
    before = _finding_state(finding)
    for name, value in texts.items():
        setattr(finding, name, value.strip())
    if not finding.problem:
        raise ValidationError(_("请填写发现的问题。"))
    finding.save()
    invalidate_plan_pages()
    audit.record(
        actor=user,
        action="execution.finding_update",
        obj=finding,
        before=before,
        after=_finding_state(finding),
    )
    return finding


@transaction.atomic
def finding_publish(*, finding: Finding, user) -> Finding:
    """Publish the finding with its task: it shows on the plan's public page."""
    _require(permissions.can_publish_findings(user))
    before = _finding_state(finding)
    finding.published = True
    finding.published_at = finding.published_at or timezone.now()
    finding.save(update_fields=["published", "published_at"])
    invalidate_plan_pages()
    audit.record(
        actor=user,
        action="execution.finding_publish",
        obj=finding,
        before=before,
        after=_finding_state(finding),
    )
    return finding


# --- unit proposals ----------------------------------------------------------------------


def _new_code(proposal: UnitProposal) -> str:
    """A free 机构代码 for a department created from a proposal (the administrator may
    change it later)."""
    base = f"unit{proposal.pk}"
    code, n = base, 1
    while Department.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _open(proposal: UnitProposal) -> None:
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError(_("该单位已处理。"))


@transaction.atomic
def unit_proposal_confirm(
    *, proposal: UnitProposal, user, department: Department | None = None, add_alias: bool = True
) -> Department:
    """Confirm an unknown unit name: as a new department (kind 其他), or as an existing
    ``department`` (the name becomes one of its aliases unless ``add_alias`` is False). Every
    task unit written under this name, in any plan, is linked to it."""
    _require(permissions.can_decide_proposals(user))
    _open(proposal)
    if department is None:
        department = _department_from(proposal, user)
    elif add_alias and proposal.name not in department.all_names():
        before = {"aliases": list(department.aliases)}
        department.aliases = [*department.aliases, proposal.name]
        department.save(update_fields=["aliases", "updated_at"])
        audit.record(
            actor=user,
            action="core.department_alias",
            obj=department,
            before=before,
            after={"aliases": department.aliases},
        )
    linked = TaskUnit.objects.filter(name=proposal.name, department=None, group=None).update(
        department=department
    )
    same_name = UnitProposal.objects.filter(name=proposal.name, status=ProposalStatus.PROPOSED)
    same_name.update(
        status=ProposalStatus.CONFIRMED,
        department=department,
        decided_by=user,
        decided_at=timezone.now(),
    )
    proposal.refresh_from_db()
    invalidate_plan_pages()  # the unit's tasks now name the department
    audit.record(
        actor=user,
        action="execution.unit_confirm",
        obj=proposal,
        after={"department": department.pk, "task_units": linked},
    )
    return department


def _department_from(proposal: UnitProposal, user) -> Department:
    if Department.objects.filter(name=proposal.name).exists():
        raise ValidationError(_("已有同名部门，请选择该部门。"))
    department = Department.objects.create(
        name=proposal.name, kind=DepartmentKind.OTHER, code=_new_code(proposal)
    )
    audit.record(
        actor=user,
        action="core.department_create",
        obj=department,
        after={"name": department.name, "code": department.code, "kind": department.kind},
        reason=f"执行公开：确认新单位 unit proposal {proposal.pk}",
    )
    return department


@transaction.atomic
def unit_proposal_reject(*, proposal: UnitProposal, user, reason: str = "") -> UnitProposal:
    """Not a unit to track (e.g. a name extraction got wrong): the task keeps it as written."""
    _require(permissions.can_decide_proposals(user))
    _open(proposal)
    proposal.status = ProposalStatus.REJECTED
    proposal.reason = reason.strip()
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()
    audit.record(
        actor=user, action="execution.unit_reject", obj=proposal, after={"reason": proposal.reason}
    )
    return proposal


# --- reminders ---------------------------------------------------------------------------


def overdue_reminders_send(*, today: date | None = None) -> int:
    """E-mail each department its overdue tasks (past due, not completed by it). Returns
    the number of e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    for recipients, subject, body in notices.overdue_mails(selectors.overdue_rows(today=today)):
        sent += send_mail(subject, body, None, recipients)
    return sent
