from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecondFactorConfig(AppConfig):
    """两步验证: TOTP (django-otp) after the password at the back office's sign-in."""

    name = "gongkai.secondfactor"
    label = "secondfactor"
    verbose_name = _("两步验证")
