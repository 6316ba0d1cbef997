"""Who may see and report what in 执行公开.

A department's editors and heads see the tasks their department is responsible for and
report progress for their own department only. A lead unit (牵头单位) of a task also sees its
partners' reports on it. The openness office, assessors and administrators see everything;
nobody reports on another department's behalf. Rights come from the role groups' model
permissions (granted in ``apps.py``), narrowed here to the user's department.
"""

from __future__ import annotations

from gongkai.core.permissions import user_department_id
from gongkai.core.roles import Role, has_role, sees_all_departments

REPORTING_ROLES = (Role.EDITOR, Role.HEAD)


def can_view_tasks(user) -> bool:
    return user.has_perm("execution.view_task")


def can_report_for(user, department_id: int | None) -> bool:
    """The user is an editor or head of ``department_id`` allowed to report progress."""
    return (
        department_id is not None
        and user.has_perm("execution.add_progressreport")
        and any(has_role(user, role) for role in REPORTING_ROLES)
        and user_department_id(user) == department_id
    )


def sees_all_tasks(user) -> bool:
    return user.is_superuser or sees_all_departments(user)


def can_create_plans(user) -> bool:
    return user.has_perm("execution.add_plan")


def can_publish_plans(user) -> bool:
    return user.has_perm("execution.publish_plan")


def can_add_findings(user) -> bool:
    return user.has_perm("execution.add_finding")


def can_publish_findings(user) -> bool:
    return user.has_perm("execution.publish_finding")


def can_decide_proposals(user) -> bool:
    return user.has_perm("execution.change_unitproposal")
