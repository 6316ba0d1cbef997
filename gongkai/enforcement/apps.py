from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_FOLLOW = [
    "enforcement.view_itemlistversion",
    "enforcement.view_decision",
    "enforcement.view_feedback",
    "enforcement.view_inspectionplan",
]
_ENTER = [
    *_FOLLOW,
    "enforcement.add_itemlistversion",
    "enforcement.add_decision",
    "enforcement.change_decision",
    "enforcement.change_feedback",
    "enforcement.add_inspectionplan",
    "enforcement.change_inspectionplan",
]
_PUBLISH = [*_ENTER, "enforcement.publish_decision", "enforcement.draw_inspectionplan"]
# Departments enter their lists, decisions and plans; heads and the openness office publish,
# withdraw and draw (department-scoped through gongkai.core.permissions); assessors read.
ENFORCEMENT_PERMISSIONS = {
    Role.EDITOR: _ENTER,
    Role.HEAD: _PUBLISH,
    Role.REVIEWER: _PUBLISH,
    Role.ASSESSOR: _FOLLOW,
    Role.ADMIN: [*_PUBLISH, "enforcement.delete_decision", "enforcement.delete_inspectionplan"],
}


class EnforcementConfig(AppConfig):
    name = "gongkai.enforcement"
    label = "enforcement"
    verbose_name = _("行政执法公示")

    def ready(self):
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily
        from gongkai.core.signals import holiday_arrangement_changed
        from gongkai.enforcement import receivers
        from gongkai.enforcement.tasks import (
            remind_enforcement_deadlines,
            take_down_expired_decisions,
        )

        for role, names in ENFORCEMENT_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        holiday_arrangement_changed.connect(
            receivers.recompute_deadlines, dispatch_uid="enforcement.deadlines"
        )
        register_daily(take_down_expired_decisions, at="00:05")
        register_daily(remind_enforcement_deadlines, at="07:40")
