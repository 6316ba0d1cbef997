"""Progress rules of 执行公开 (no Django imports): whether a report is consistent, and the
state of a task from its responsible departments' latest reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

NOT_STARTED, IN_PROGRESS, COMPLETED, DELAYED = "not_started", "in_progress", "completed", "delayed"
STATUS_LABELS = {
    NOT_STARTED: ("未开始", "Not started"),
    IN_PROGRESS: ("进行中", "In progress"),
    COMPLETED: ("已完成", "Completed"),
    DELAYED: ("滞后", "Behind schedule"),
}
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class Progress:
    """One department's latest report on a task."""

    status: str
    percent: int


@dataclass(frozen=True)
class TaskState:
    """A task as its departments' latest reports leave it. ``pending`` are the responsible
    departments (ids) that have not reported it completed."""

    status: str
    percent: int
    overdue: bool
    completed: int
    total: int
    pending: tuple[int, ...]


def report_problems(status: str, percent: int) -> list[tuple[str, str]]:
    """(zh, en) reasons a report is refused: the percentage must fit the status."""
    if not 0 <= percent <= 100:
        return [("完成进度须在0到100之间。", "The percentage must be between 0 and 100.")]
    if status == COMPLETED and percent != 100:
        return [("状态为已完成时，进度应为100%。", "A completed task is at 100%.")]
    if status == NOT_STARTED and percent != 0:
        return [("状态为未开始时，进度应为0%。", "A task not started is at 0%.")]
    if status != COMPLETED and percent == 100:
        return [("进度为100%时，状态应为已完成。", "At 100% the status is Completed.")]
    return []


def task_state(
    responsible: Sequence[int], latest: Mapping[int, Progress], due_on: date | None, today: date
) -> TaskState:
    """The task's state: completed when every responsible department has completed it;
    behind (滞后) when it is overdue or a department says so; otherwise in progress once
    anyone has started. The percentage is the mean over the responsible departments, a
    department that has not reported counting 0."""
    reports = [latest.get(department) for department in responsible]
    pending = tuple(
        department
        for department, report in zip(responsible, reports, strict=True)
        if report is None or report.status != COMPLETED
    )
    overdue = bool(pending) and due_on is not None and due_on < today
    percents = [report.percent if report else 0 for report in reports]
    percent = round(sum(percents) / len(percents)) if percents else 0
    return TaskState(
        status=_overall(reports, pending, overdue),
        percent=percent,
        overdue=overdue,
        completed=len(responsible) - len(pending),
        total=len(responsible),
        pending=pending,
    )


def _overall(reports: list[Progress | None], pending: tuple[int, ...], overdue: bool) -> str:
    if reports and not pending:
        return COMPLETED
    if overdue or any(report and report.status == DELAYED for report in reports):
        return DELAYED
    if any(report and report.status != NOT_STARTED for report in reports):
        return IN_PROGRESS
    return NOT_STARTED


def is_due_soon(due_on: date | None, today: date, days: int = DUE_SOON_DAYS) -> bool:
    """Due today or within ``days`` calendar days (a plan's own deadline, not a statutory one)."""
    return due_on is not None and today <= due_on <= today + timedelta(days=days)
