"""Who may see, handle and register requests, and approve extensions.

Handling staff see the applicant's personal data: the openness office (reviewers, administrators)
for every request, a department's editors and heads for their department's requests. Assessors
see every request with the personal data masked. Rights come from the role groups' model
permissions (granted in ``apps.py``), narrowed to the user's department.
"""

from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments


def _in_scope(user, request) -> bool:
    if sees_all_departments(user):
        return True
    department_id = user_department_id(user)
    return department_id is not None and request.department_id == department_id


def can_view(user, request) -> bool:
    return user.has_perm("disclosure.view_disclosurerequest") and _in_scope(user, request)


def can_handle(user, request) -> bool:
    return user.has_perm("disclosure.change_disclosurerequest") and _in_scope(user, request)


def can_register(user) -> bool:
    return user.has_perm("disclosure.add_disclosurerequest")


def can_approve_extension(user) -> bool:
    """延期须经政府信息公开工作机构负责人同意 (第三十三条第二款): the office's reviewers."""
    return user.has_perm("disclosure.approve_extension")


def visible_requests(user, queryset):
    if not user.has_perm("disclosure.view_disclosurerequest"):
        return queryset.none()
    if sees_all_departments(user):
        return queryset
    return queryset.filter(department_id=user_department_id(user))
