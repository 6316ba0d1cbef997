"""答复、收费通知 and the editable letter templates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.disclosure.models.choices import (
    OUTCOME_CHOICES,
    OUTCOME_GROUP_CHOICES,
    DeliveredVia,
)
from gongkai.disclosure.models.fields import EncryptedTextField
from gongkai.disclosure.models.requests import DisclosureRequest


class Reply(models.Model):
    """答复: the outcome (one of the 21 codes), its basis and reasons, and the letter (告知书)."""

    request = models.OneToOneField(
        DisclosureRequest, on_delete=models.CASCADE, related_name="reply"
    )
    outcome = models.CharField(_("处理结果"), max_length=40, choices=OUTCOME_CHOICES)
    legal_basis = models.CharField(_("法律依据"), max_length=300, blank=True)
    reasons = models.TextField(_("理由"), blank=True, max_length=20000)
    # Addressed to the applicant by name: encrypted like the name itself.
    letter_text = EncryptedTextField(_("告知书正文"))
    replied_on = models.DateField(_("答复日期"))
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivered_via = models.CharField(
        _("送达方式"), max_length=20, choices=DeliveredVia.choices, blank=True
    )
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "答复")
        verbose_name_plural = pgettext_lazy("models", "答复")

    def __str__(self):
        return f"{self.request} {self.outcome}"


class FeeNotice(models.Model):
    """收费通知 (国办函〔2020〕109号): the quote, and when it was paid."""

    request = models.OneToOneField(
        DisclosureRequest, on_delete=models.CASCADE, related_name="fee_notice"
    )
    method = models.CharField(
        _("计费方式"),
        max_length=20,
        choices=[("per_request", _("按件计收")), ("per_volume", _("按量计收"))],
    )
    pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    items = models.PositiveIntegerField(_("件数"), default=1)
    requests_this_month = models.PositiveIntegerField(_("本月累计件数"), null=True, blank=True)
    quote = models.JSONField(_("计费明细"), default=dict)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    notified_on = models.DateField(_("通知日期"))
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "收费通知")
        verbose_name_plural = pgettext_lazy("models", "收费通知")

    def __str__(self):
        return f"{self.request} {self.amount}"


class ReplyTemplate(models.Model):
    """告知书模板 for one group of outcomes, edited in the back office (a Wagtail snippet).

    Placeholders ``$name`` (Python ``string.Template``): see ``gongkai.disclosure.letters``.
    """

    group = models.CharField(
        _("适用的处理结果"), max_length=20, choices=OUTCOME_GROUP_CHOICES, unique=True
    )
    title = models.CharField(_("告知书标题"), max_length=200)
    body = models.TextField(
        _("正文"),
        help_text=_(
            "可用占位符：$body_name $reconsideration_body $court $tracking_number $applicant_name "
            "$received_on $description $outcome $legal_basis $reasons $replied_on $department。"
            "最后一段（空行之后，不超过三行）为落款，右对齐。"
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "告知书模板")
        verbose_name_plural = pgettext_lazy("models", "告知书模板")
        ordering = ["group"]

    def __str__(self):
        return f"{self.get_group_display()}：{self.title}"
