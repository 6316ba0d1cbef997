from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class SignOffRecord(models.Model):
    """审签: the openness office reviewer's three checks on one revision of a document.

    ``overrides`` keeps each blocking pre-publication problem the reviewer published over,
    with the reviewer's written reason.
    """

    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="sign_offs"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    political = models.BooleanField(_("政治关"))
    policy = models.BooleanField(_("政策关"))
    content = models.BooleanField(_("内容关"))
    comment = models.TextField(_("审签意见"), blank=True)
    overrides = models.JSONField(_("越过的检查"), default=list, blank=True)
    override_reason = models.TextField(_("越过理由"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "审签记录")
        verbose_name_plural = pgettext_lazy("models", "审签记录")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.document} — {self.created_at:%Y-%m-%d}"


@register_setting(icon="cog")
class OpennessSettings(BaseGenericSetting):
    """政务公开设置: rules an administrator can change without a release."""

    forbidden_words = models.TextField(
        _("禁用词"),
        blank=True,
        help_text=_("每行一个。发布前检查正文和附件。"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "政务公开设置")

    def forbidden_word_list(self) -> list[str]:
        return [line.strip() for line in self.forbidden_words.splitlines() if line.strip()]
