from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_READ = [
    "enterprise.view_enterprise",
    "enterprise.view_supportpolicy",
    "enterprise.view_programme",
    "enterprise.view_fundedproject",
]
_EDIT = [
    *_READ,
    "enterprise.add_enterprise",
    "enterprise.change_enterprise",
    "enterprise.add_supportpolicy",
    "enterprise.change_supportpolicy",
    "enterprise.add_programme",
    "enterprise.change_programme",
    "enterprise.add_fundedproject",
    "enterprise.change_fundedproject",
]
# Departments run their policies, programmes and funded projects and keep enterprise profiles;
# administrators may also delete; assessors read.
ENTERPRISE_PERMISSIONS = {
    Role.EDITOR: _EDIT,
    Role.HEAD: _EDIT,
    Role.REVIEWER: _EDIT,
    Role.ASSESSOR: _READ,
    Role.ADMIN: [
        *_EDIT,
        "enterprise.delete_enterprise",
        "enterprise.delete_supportpolicy",
        "enterprise.delete_programme",
        "enterprise.delete_fundedproject",
    ],
}


class EnterpriseConfig(AppConfig):
    name = "gongkai.enterprise"
    label = "enterprise"
    verbose_name = _("政策通")

    def ready(self):
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily
        from gongkai.enterprise import receivers  # noqa: F401
        from gongkai.enterprise.tasks import rematch_all

        for role, names in ENTERPRISE_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        register_daily(rematch_all, at="00:05")
