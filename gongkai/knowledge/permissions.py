"""Who may act on an entry of the 政策问答库: model permissions come from the role groups
(apps.py); these narrow them to the user's department (the office acts for every one)."""

from __future__ import annotations

from gongkai.core.permissions import acts_for_department


def can_promote(user, message) -> bool:
    """Make an entry of a reply of the department's (the office: of any department)."""
    return user.has_perm("knowledge.add_policyanswer") and acts_for_department(
        user, message.department_id
    )


def can_review(user, answer) -> bool:
    return user.has_perm("knowledge.review_policyanswer") and acts_for_department(
        user, answer.department_id
    )
