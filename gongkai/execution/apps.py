from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_FOLLOW = [
    "execution.view_plan",
    "execution.view_task",
    "execution.view_progressreport",
    "execution.view_finding",
]
_REPORT = [*_FOLLOW, "execution.add_progressreport"]
_OFFICE = [
    *_FOLLOW,
    "execution.add_plan",
    "execution.change_plan",
    "execution.publish_plan",
    "execution.add_finding",
    "execution.change_finding",
    "execution.publish_finding",
    "execution.view_unitproposal",
]
# Departments report on their tasks; the openness office sets plans up, records audit and
# inspection findings and publishes; only administrators decide on unknown unit names, since
# confirming one creates or renames a department (gongkai.core.roles.ROLE_PERMISSIONS).
EXECUTION_PERMISSIONS = {
    Role.EDITOR: _REPORT,
    Role.HEAD: _REPORT,
    Role.REVIEWER: _OFFICE,
    Role.ASSESSOR: _FOLLOW,
    Role.ADMIN: [*_OFFICE, "execution.change_unitproposal", "execution.delete_plan"],
}


class ExecutionConfig(AppConfig):
    name = "gongkai.execution"
    label = "execution"
    verbose_name = _("执行公开")

    def ready(self):
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily
        from gongkai.execution.tasks import refresh_plan_pages, remind_overdue_tasks

        for role, names in EXECUTION_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        register_daily(remind_overdue_tasks, at="07:30")
        register_daily(refresh_plan_pages, at="00:01")
