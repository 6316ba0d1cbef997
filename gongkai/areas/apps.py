from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_READ = ["areas.view_serviceguide", "areas.view_certificateitem"]
_EDIT = [
    *_READ,
    "areas.add_serviceguide",
    "areas.change_serviceguide",
    "areas.add_certificateitem",
    "areas.change_certificateitem",
]
# Departments keep their own guides and certificate list (department-scoped by the permission
# policy and the services); administrators may also delete; assessors read.
AREAS_PERMISSIONS = {
    Role.EDITOR: _EDIT,
    Role.HEAD: _EDIT,
    Role.REVIEWER: _EDIT,
    Role.ASSESSOR: _READ,
    Role.ADMIN: [*_EDIT, "areas.delete_serviceguide", "areas.delete_certificateitem"],
}


class AreasConfig(AppConfig):
    name = "gongkai.areas"
    label = "areas"
    verbose_name = _("重点领域")

    def ready(self):
        from gongkai.areas import receivers  # noqa: F401
        from gongkai.core.roles import ROLE_PERMISSIONS

        for role, names in AREAS_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
