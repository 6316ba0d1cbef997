"""Staff roles. Each role is a Django group of the same name; a user's department is on their profile."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    EDITOR = "editor", _("信息员")
    HEAD = "head", _("部门负责人")
    REVIEWER = "reviewer", _("审签")
    ASSESSOR = "assessor", pgettext_lazy("role", "考核")
    ADMIN = "admin", _("管理员")


ROLE_GROUP_NAMES = {
    Role.EDITOR: "信息员",
    Role.HEAD: "部门负责人",
    Role.REVIEWER: "审签",
    Role.ASSESSOR: "考核",
    Role.ADMIN: "管理员",
}

# Roles that see every department's content rather than only their own.
OFFICE_WIDE_ROLES = frozenset({Role.REVIEWER, Role.ASSESSOR, Role.ADMIN})


def user_roles(user) -> set[str]:
    """The role codes of ``user``, cached on the instance for the request."""
    if not user or not user.is_authenticated:
        return set()
    cached = getattr(user, "_gongkai_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role, group in ROLE_GROUP_NAMES.items() if group in names}
        if user.is_superuser:
            cached.add(Role.ADMIN)
        user._gongkai_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in user_roles(user)


def sees_all_departments(user) -> bool:
    return bool(user_roles(user) & OFFICE_WIDE_ROLES)


_LIBRARY_EDIT = [
    "documents.add_document",
    "documents.change_document",
    "documents.view_document",
    "documents.add_interpretation",
    "documents.change_interpretation",
    "documents.view_interpretation",
    "documents.view_documentkind",
    "documents.view_topic",
    "core.view_department",
]
_VIEW_ALL = [
    "documents.view_document",
    "documents.view_interpretation",
    "documents.view_signoffrecord",
    "core.view_department",
    "core.view_departmentgroup",
    "core.view_auditevent",
]

# What each role's group may do, as "app_label.codename"; granted on every migrate.
# Apps add their own entries to ROLE_PERMISSIONS in their AppConfig.ready().
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: ["wagtailadmin.access_admin", *_LIBRARY_EDIT],
    Role.HEAD: ["wagtailadmin.access_admin", *_LIBRARY_EDIT],
    Role.REVIEWER: [
        "wagtailadmin.access_admin",
        *_LIBRARY_EDIT,
        *_VIEW_ALL,
        "documents.sign_off_document",
        # Wagtail publishes with the permissions of whoever approves the last workflow step.
        "documents.publish_document",
        "documents.publish_interpretation",
    ],
    Role.ASSESSOR: ["wagtailadmin.access_admin", *_VIEW_ALL],
    Role.ADMIN: [
        "wagtailadmin.access_admin",
        *_LIBRARY_EDIT,
        *_VIEW_ALL,
        "documents.publish_document",
        "documents.publish_interpretation",
        "documents.delete_document",
        "documents.delete_interpretation",
        "documents.add_documentkind",
        "documents.change_documentkind",
        "documents.add_topic",
        "documents.change_topic",
        "documents.change_opennesssettings",
        "core.add_department",
        "core.change_department",
        "core.add_departmentgroup",
        "core.change_departmentgroup",
        "core.add_staffprofile",
        "core.change_staffprofile",
        "core.view_staffprofile",
        "core.add_holidayarrangement",
        "core.change_holidayarrangement",
        "core.view_holidayarrangement",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
    ],
}
