from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

_READ = ["interaction.view_message", "interaction.view_messagecategory"]
_HANDLE = [*_READ, "interaction.change_message", "interaction.view_replytemplate"]
_SET_UP = [
    f"interaction.{action}_{model}"
    for model in ("messagecategory", "routingrule", "replytemplate")
    for action in ("add", "change", "view")
]
_OFFICE = [*_HANDLE, *_SET_UP, "interaction.assign_message", "interaction.publish_reply"]
# Departments answer the messages they hold (editors draft and transfer, heads approve and
# publish the reply: narrowed by department in gongkai.interaction.permissions); the openness
# office sets up categories, routing rules and templates, routes by hand and may act for every
# department; assessors read.
INTERACTION_PERMISSIONS = {
    Role.EDITOR: _HANDLE,
    Role.HEAD: [*_HANDLE, "interaction.publish_reply"],
    Role.REVIEWER: _OFFICE,
    Role.ASSESSOR: [*_READ, "interaction.view_routingrule", "interaction.view_replytemplate"],
    Role.ADMIN: [*_OFFICE, "interaction.delete_replytemplate", "interaction.delete_routingrule"],
}


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    label = "interaction"
    verbose_name = _("政民互动")

    def ready(self):
        from gongkai.accounts.my_items import register_provider
        from gongkai.core.roles import ROLE_PERMISSIONS
        from gongkai.core.schedule import register_daily
        from gongkai.interaction.selectors import my_messages
        from gongkai.interaction.tasks import remind_message_deadlines

        for role, names in INTERACTION_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
        register_provider("interaction", _("我的留言"), my_messages, order=20)
        register_daily(remind_message_deadlines, at="08:30")
