"""Who may act on a concern and on a risk assessment. Model permissions come from the role
groups (apps.py); this narrows them by department: a concern is its lead department's to record,
answer and close (the supporting departments see it), a risk assessment its document's
department's; the openness office acts for every department, assessors read."""

from __future__ import annotations

from gongkai.core.permissions import acts_for_department, user_department_id


def concern_departments(concern) -> set[int]:
    return {concern.lead_department_id, *(d.pk for d in concern.supporting_departments.all())}


def can_view(user, concern) -> bool:
    if not user.has_perm("concerns.view_publicconcern"):
        return False
    if acts_for_department(user, None):
        return True
    return user_department_id(user) in concern_departments(concern)


def can_change(user, concern) -> bool:
    """Edit the record, draft a response, close it."""
    return user.has_perm("concerns.change_publicconcern") and acts_for_department(
        user, concern.lead_department_id
    )


def can_publish(user, concern) -> bool:
    return user.has_perm("concerns.publish_concernresponse") and acts_for_department(
        user, concern.lead_department_id
    )


def can_assess(user, document) -> bool:
    return user.has_perm("concerns.change_riskassessment") and acts_for_department(
        user, document.department_id
    )


def can_approve(user, assessment) -> bool:
    return user.has_perm("concerns.approve_riskassessment") and acts_for_department(
        user, assessment.document.department_id
    )
