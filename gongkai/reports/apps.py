from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_EDIT = ["reports.add_annualreport", "reports.change_annualreport", "reports.view_annualreport"]

# A department's editor drafts its report and its head publishes it; the openness office does
# both for every department and for the whole government (the permission policy sets the scope).
REPORT_PERMISSIONS = {
    Role.EDITOR: _EDIT,
    Role.HEAD: [*_EDIT, "reports.publish_annualreport"],
    Role.REVIEWER: [*_EDIT, "reports.publish_annualreport"],
    Role.ASSESSOR: ["reports.view_annualreport"],
    Role.ADMIN: [*_EDIT, "reports.publish_annualreport", "reports.delete_annualreport"],
}


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = _("年度报告")

    def ready(self):
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily
        from gongkai.reports.tasks import remind_annual_reports

        for role, permissions in REPORT_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend([p for p in permissions if p not in granted])
        register_daily(remind_annual_reports, at="08:00")
