"""The second factor's pages in the back office and its entry in the account settings."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from gongkai.secondfactor import views


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("second-factor/", views.status, name="secondfactor_status"),
        path("second-factor/enrol/", views.enrol, name="secondfactor_enrol"),
        path("second-factor/backup-codes/", views.backup_codes, name="secondfactor_backup_codes"),
        path("second-factor/verify/", views.verify, name="secondfactor_verify"),
    ]


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    return {
        "url": reverse("secondfactor_status"),
        "label": _("两步验证"),
        "help_text": _("用手机上的身份验证器在密码之外再确认一次身份。"),
    }
