"""Who may act on a consultation: its drafting department's editors and heads, and the openness
office (adoption reports, like consultations, are published only by the sign-off workflow).
Model permissions come from the role groups (apps.py); this narrows them to the user's
department."""

from __future__ import annotations

from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments


def _in_department(user, consultation) -> bool:
    if user.is_superuser or sees_all_departments(user):
        return True
    department_id = user_department_id(user)
    return department_id is not None and department_id == consultation.department_id


def can_view(user, consultation) -> bool:
    return user.has_perm("consultations.view_comment") and _in_department(user, consultation)


def can_moderate(user, consultation) -> bool:
    """Approve, refuse and dispose of comments, draft the adoption report."""
    return user.has_perm("consultations.moderate_comment") and _in_department(user, consultation)


def can_block_accounts(user) -> bool:
    return user.has_perm("accounts.change_publicaccount")
