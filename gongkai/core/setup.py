"""Idempotent set-up run after every migrate: the role groups and their permissions."""

from django.contrib.auth.models import Group, Permission

from gongkai.core.roles import ROLE_GROUP_NAMES, ROLE_PERMISSIONS


def ensure_role_groups() -> dict[str, Group]:
    groups = {}
    for role, name in ROLE_GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(ROLE_PERMISSIONS.get(role, [])))
        groups[role] = group
    return groups


def _permissions(names: list[str]) -> list[Permission]:
    pairs = {tuple(name.split(".", 1)) for name in names}
    wanted = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in pairs},
        codename__in={codename for _, codename in pairs},
    ).select_related("content_type")
    return [perm for perm in wanted if (perm.content_type.app_label, perm.codename) in pairs]
