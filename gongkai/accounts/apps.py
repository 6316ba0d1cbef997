from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Role

# The openness office may block and unblock public accounts; administrators also change the
# participation settings (gongkai.core.roles.ROLE_PERMISSIONS).
ACCOUNT_PERMISSIONS = {
    Role.REVIEWER: ["accounts.view_publicaccount", "accounts.change_publicaccount"],
    Role.ADMIN: [
        "accounts.view_publicaccount",
        "accounts.change_publicaccount",
        "accounts.change_participationsettings",
    ],
}


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = _("公众账号")

    def ready(self):
        from gongkai.core.roles import ROLE_PERMISSIONS

        for role, names in ACCOUNT_PERMISSIONS.items():
            granted = ROLE_PERMISSIONS.setdefault(role, [])
            granted.extend(name for name in names if name not in granted)
