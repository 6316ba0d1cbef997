"""Public accounts (公众账号): citizens and enterprises who comment, write and apply online.

A public account is a Django user with a ``PublicAccount`` profile and nothing else: no group,
no staff profile, no permission, so Wagtail's back office refuses it, and the public login
refuses any user without this profile. Staff log in at /admin/ only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

NAME_MAX_LENGTH = 100


class AccountKind(models.TextChoices):
    CITIZEN = "citizen", _("个人")
    ENTERPRISE = "enterprise", _("企业或其他组织")


class PublicAccount(models.Model):
    """A registered member of the public. Deleting an account empties it and keeps the row, so
    what its owner published stays, signed 已注销用户."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="public_account"
    )
    kind = models.CharField(_("账号类型"), max_length=20, choices=AccountKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=NAME_MAX_LENGTH, blank=True)
    # Lower-cased; unique among live accounts (emptied to NULL when the account is deleted).
    email = models.EmailField(_("电子邮箱"), unique=True, null=True, blank=True)
    email_verified_at = models.DateTimeField(_("邮箱验证时间"), null=True, blank=True)
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    mobile_verified_at = models.DateTimeField(_("手机验证时间"), null=True, blank=True)
    mobile_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    mobile_code_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    language = models.CharField(_("通知语言"), max_length=10, default="zh-hans")
    registration_key_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    blocked_at = models.DateTimeField(_("限制发言时间"), null=True, blank=True)
    blocked_reason = models.CharField(_("限制发言原因"), max_length=200, blank=True)
    deleted_at = models.DateTimeField(_("注销时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "公众账号")
        verbose_name_plural = pgettext_lazy("models", "公众账号")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None


@register_setting(icon="group")
class ParticipationSettings(BaseGenericSetting):
    """公众参与设置: moderation rules shared by comments and messages, changed without a release."""

    blocked_words = models.TextField(
        _("拦截词"),
        blank=True,
        help_text=_("每行一个。含有这些词语的意见、留言不予公开，并告知提交人原因。"),
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        _("隐藏所需举报数"),
        default=3,
        help_text=_("被其他用户举报达到此数的内容自动隐藏，等待重新审核。"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "公众参与设置")

    def blocked_word_list(self) -> list[str]:
        return [line.strip() for line in self.blocked_words.splitlines() if line.strip()]
