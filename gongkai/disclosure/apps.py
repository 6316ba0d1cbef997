from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_HANDLE = [
    "disclosure.view_disclosurerequest",
    "disclosure.change_disclosurerequest",
    "disclosure.add_disclosurerequest",
    "disclosure.view_replytemplate",
]
_OFFICE = [
    *_HANDLE,
    "disclosure.approve_extension",
    "disclosure.add_replytemplate",
    "disclosure.change_replytemplate",
    "disclosure.view_reconsiderationorlawsuit",
    "disclosure.add_reconsiderationorlawsuit",
    "disclosure.change_reconsiderationorlawsuit",
]
# Role -> permissions (gongkai.core.roles.ROLE_PERMISSIONS, granted after every migrate).
ROLE_GRANTS = {
    "editor": _HANDLE,
    "head": _HANDLE,
    "reviewer": _OFFICE,
    "assessor": ["disclosure.view_disclosurerequest", "disclosure.view_reconsiderationorlawsuit"],
    "admin": [*_OFFICE, "disclosure.delete_reconsiderationorlawsuit"],
}


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    label = "disclosure"
    verbose_name = _("依申请公开")

    def ready(self):
        from gongkai.accounts.my_items import register_provider
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily
        from gongkai.core.signals import holiday_arrangement_changed
        from gongkai.disclosure import receivers, selectors, tasks

        for role, names in ROLE_GRANTS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        holiday_arrangement_changed.connect(
            receivers.recompute_provisional_dates, dispatch_uid="disclosure.provisional"
        )
        register_daily(tasks.send_deadline_reminders, at="07:00")
        register_provider("disclosure", _("政府信息公开申请"), selectors.my_items, order=30)
