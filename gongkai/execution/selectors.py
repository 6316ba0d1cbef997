"""Reads of 执行公开 shared by the public pages, the back office and the daily job.

Task lists are loaded in a fixed number of queries whatever their length (``task_rows``):
tasks, their units, the member departments of the groups they name, the reports and the
findings are each fetched once and joined here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from gongkai.core.models import Department, DepartmentGroup
from gongkai.core.permissions import user_department_id
from gongkai.core.pii import mask_personal_data
from gongkai.core.unit_matching import NamedUnit, UnitDirectory
from gongkai.documents.extraction import ExtractedTask, extract_tasks
from gongkai.documents.extraction.html import html_to_text
from gongkai.execution import permissions
from gongkai.execution.models import (
    Finding,
    Plan,
    PlanStatus,
    ProgressReport,
    ProposalStatus,
    Task,
    TaskUnit,
    UnitProposal,
    UnitRole,
)
from gongkai.execution.progress import (
    DUE_SOON_DAYS,
    Progress,
    TaskState,
    is_due_soon,
    task_state,
)

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ACCOUNTABLE_ROLES = (UnitRole.LEAD, UnitRole.RESPONSIBLE)


# --- unit matching -----------------------------------------------------------------------


def unit_directory() -> UnitDirectory:
    """Every department and group by all their names, for matching a plan's unit names."""
    departments = [
        NamedUnit(d.pk, tuple(d.all_names()))
        for d in Department.objects.only("pk", "name", "short_name", "aliases")
    ]
    groups = [
        NamedUnit(g.pk, (g.name, *g.aliases))
        for g in DepartmentGroup.objects.only("pk", "name", "aliases")
    ]
    return UnitDirectory(departments, groups)


# --- a plan document's text and tasks ----------------------------------------------------


def plan_year(document) -> int:
    """The year of a plan: the one its title names (2019年…实施方案), else its date's."""
    match = _YEAR.search(document.title or "")
    if match:
        return int(match.group(1))
    when = document.written_on or document.published_on or timezone.localdate()
    return when.year


def default_period(document) -> tuple[date, date]:
    year = plan_year(document)
    return date(year, 1, 1), date(year, 12, 31)


def document_texts(document) -> list[str]:
    """The texts a plan may be written in: the body, then each attachment's extracted text."""
    texts = []
    if document.body:
        texts.append(html_to_text(document.body.encode("utf-8"))[0])
    texts += [a.text for a in document.attachments.all() if a.text]
    return texts


def proposed_tasks(document) -> tuple[list[ExtractedTask], str]:
    """The tasks extraction finds in the document (the first text that has any) and that
    text, for the 从文件生成任务 confirmation."""
    year = plan_year(document)
    for text in document_texts(document):
        tasks = extract_tasks(text, year=year)
        if tasks:
            return tasks, text
    return [], ""


# --- responsibility ----------------------------------------------------------------------


def group_members(group_ids: Iterable[int]) -> dict[int, list[Department]]:
    """The member departments of each group: listed ones and those of its kinds."""
    groups = list(
        DepartmentGroup.objects.filter(pk__in=set(group_ids)).prefetch_related("departments")
    )
    kinds = {kind for group in groups for kind in group.kinds}
    by_kind: dict[str, list[Department]] = defaultdict(list)
    for department in Department.objects.filter(kind__in=kinds) if kinds else ():
        by_kind[department.kind].append(department)
    members = {}
    for group in groups:
        found = {d.pk: d for d in group.departments.all()}
        found |= {d.pk: d for kind in group.kinds for d in by_kind[kind]}
        members[group.pk] = sorted(found.values(), key=lambda d: (d.sort_order, d.name))
    return members


def groups_containing(department: Department) -> list[int]:
    """Ids of the groups ``department`` belongs to (listed, or by its kind)."""
    return [
        group.pk
        for group in DepartmentGroup.objects.prefetch_related("departments")
        if department.kind in group.kinds or department in group.departments.all()
    ]


def tasks_of_department(department: Department) -> QuerySet[Task]:
    """Tasks naming the department, directly or through one of its groups."""
    return Task.objects.filter(
        Q(units__department=department) | Q(units__group_id__in=groups_containing(department))
    ).distinct()


def tasks_for_user(user) -> QuerySet[Task]:
    """The back office's task list: all for the office, the own department's for its staff."""
    if not permissions.can_view_tasks(user):
        return Task.objects.none()
    if permissions.sees_all_tasks(user):
        return Task.objects.all()
    department = Department.objects.filter(pk=user_department_id(user)).first()
    return tasks_of_department(department) if department else Task.objects.none()


# --- task rows ---------------------------------------------------------------------------


@dataclass
class DepartmentProgress:
    department: Department
    role: str
    latest: ProgressReport | None


@dataclass
class TaskRow:
    """A task with what its pages show: units, departments with their latest report, state."""

    task: Task
    units: list[TaskUnit]
    departments: list[DepartmentProgress]
    state: TaskState
    findings: list[Finding] = field(default_factory=list)

    @property
    def lead_ids(self) -> set[int]:
        return {d.department.pk for d in self.departments if d.role == UnitRole.LEAD}

    def concerns(self, department_id: int | None) -> bool:
        return any(d.department.pk == department_id for d in self.departments)


def _unit_departments(units: list[TaskUnit], members: dict[int, list[Department]]):
    """(department, role) for each department the units name, first mention first."""
    found: dict[int, tuple[Department, str]] = {}
    for unit in units:
        named = [unit.department] if unit.department else members.get(unit.group_id, [])
        for department in named:
            found.setdefault(department.pk, (department, unit.role))
    return list(found.values())


def _latest_reports(tasks: list[Task]) -> dict[tuple[int, int], ProgressReport]:
    latest: dict[tuple[int, int], ProgressReport] = {}
    reports = ProgressReport.objects.filter(task__in=tasks).order_by("reported_on", "id")
    for report in reports:
        latest[(report.task_id, report.department_id)] = report
    return latest


def _findings(tasks: list[Task], public: bool) -> dict[int, list[Finding]]:
    findings = Finding.objects.filter(task__in=tasks)
    if public:
        findings = findings.filter(published=True)
    by_task: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_task[finding.task_id].append(finding)
    return by_task


def _state(task: Task, departments, latest, today: date) -> TaskState:
    accountable = [d.pk for d, role in departments if role in _ACCOUNTABLE_ROLES]
    accountable = accountable or [d.pk for d, _role in departments]
    reports = {
        d.pk: Progress(r.status, r.percent)
        for d, _role in departments
        if (r := latest.get((task.pk, d.pk)))
    }
    return task_state(accountable, reports, task.due_on, today)


def task_rows(tasks: QuerySet[Task], *, today: date, public: bool = False) -> list[TaskRow]:
    """Rows for ``tasks`` in a constant number of queries. ``public`` keeps published
    findings only and masks personal data in what the public sees."""
    tasks = list(tasks.select_related("plan").prefetch_related(_units()))
    members = group_members(u.group_id for t in tasks for u in t.units.all() if u.group_id)
    latest = _latest_reports(tasks)
    findings = _findings(tasks, public)
    rows = []
    for task in tasks:
        units = list(task.units.all())
        departments = _unit_departments(units, members)
        row = TaskRow(
            task=task,
            units=units,
            departments=[
                DepartmentProgress(d, role, latest.get((task.pk, d.pk))) for d, role in departments
            ],
            state=_state(task, departments, latest, today),
            findings=findings.get(task.pk, []),
        )
        rows.append(_masked(row) if public else row)
    return rows


def _units() -> Prefetch:
    return Prefetch("units", queryset=TaskUnit.objects.select_related("department", "group"))


def _masked(row: TaskRow) -> TaskRow:
    """Personal data never reaches a public page (invariant 4): mask the free texts."""
    for entry in row.departments:
        if entry.latest:
            entry.latest.text = mask_personal_data(entry.latest.text)
    for finding in row.findings:
        for name in ("problem", "measures", "result", "accountability"):
            setattr(finding, name, mask_personal_data(getattr(finding, name)))
    return row


# --- plans -------------------------------------------------------------------------------


def public_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(status=PlanStatus.PUBLISHED).select_related(
        "document", "lead_department"
    )


def public_plan(pk: int) -> Plan | None:
    return public_plans().filter(pk=pk).first()


@dataclass
class Section:
    title: str
    rows: list[TaskRow]


def sections(rows: list[TaskRow]) -> list[Section]:
    """Rows grouped under their section headings, in plan order."""
    grouped: list[Section] = []
    for row in rows:
        if not grouped or grouped[-1].title != row.task.section:
            grouped.append(Section(row.task.section, []))
        grouped[-1].rows.append(row)
    return grouped


def department_progress(rows: list[TaskRow]) -> list[tuple[Department, int, int]]:
    """(department, mean percent over its tasks, number of tasks) for every department the
    plan names, a task not reported on counting 0%."""
    percents: dict[int, list[int]] = defaultdict(list)
    departments: dict[int, Department] = {}
    for row in rows:
        for entry in row.departments:
            departments[entry.department.pk] = entry.department
            percents[entry.department.pk].append(entry.latest.percent if entry.latest else 0)
    # The administrator's department order, then the plan's order of first mention.
    ordered = sorted(departments.values(), key=lambda d: d.sort_order)
    return [
        (d, round(sum(percents[d.pk]) / len(percents[d.pk])), len(percents[d.pk])) for d in ordered
    ]


def plan_rows(plan: Plan, *, today: date, public: bool = False) -> list[TaskRow]:
    return task_rows(plan.tasks.all(), today=today, public=public)


# --- staff views -------------------------------------------------------------------------


def visible_reports(user, row: TaskRow) -> QuerySet[ProgressReport]:
    """Every report on the task for the office; for a lead unit its partners' too; for other
    departments their own."""
    reports = (
        ProgressReport.objects.filter(task=row.task)
        .select_related("department", "reported_by")
        .prefetch_related("evidence")
    )
    if permissions.sees_all_tasks(user):
        return reports
    department_id = user_department_id(user)
    if department_id in row.lead_ids:
        return reports
    return reports.filter(department_id=department_id)


def dashboard_rows(user, *, today: date, days: int = DUE_SOON_DAYS) -> list[TaskRow]:
    """The user's tasks that are overdue or due within ``days`` and not completed."""
    horizon = today + timedelta(days=days)
    tasks = tasks_for_user(user).filter(due_on__lte=horizon).order_by("due_on", "id")
    rows = task_rows(tasks, today=today)
    return [row for row in rows if row.state.overdue or _due_soon(row, today, days)]


def _due_soon(row: TaskRow, today: date, days: int) -> bool:
    return bool(row.state.pending) and is_due_soon(row.task.due_on, today, days)


def overdue_rows(*, today: date) -> list[TaskRow]:
    """Every overdue task: past its due date and not completed by all responsible units."""
    tasks = Task.objects.filter(due_on__lt=today).order_by("due_on", "id")
    return [row for row in task_rows(tasks, today=today) if row.state.overdue]


def pending_proposals() -> QuerySet[UnitProposal]:
    return UnitProposal.objects.filter(status=ProposalStatus.PROPOSED).select_related("plan")
