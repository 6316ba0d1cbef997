"""答复、收费通知 and the editable letter templates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.disclosure.models.choices import (
    OUTCOME_CHOICES,
    OUTCOME_GROUP_CHOICES,
    DeliveredVia,
)
from gongkai.disclosure.models.requests import DisclosureRequest


class Reply(models.Model):
    """答复: the outcome (one of the 21 codes), its basis and reasons, and the letter (告知书)."""

    request = models.OneToOneField(
        DisclosureRequest, on_delete=models.CASCADE, related_name="reply"
    )
    outcome = models.CharField(_("处理结果 outcome"), max_length=40, choices=OUTCOME_CHOICES)
    legal_basis = models.CharField(_("法律依据 legal basis"), max_length=300, blank=True)
    reasons = models.TextField(_("理由 reasons"), blank=True, max_length=20000)
    letter_text = models.TextField(_("告知书正文 letter text"))
    replied_on = models.DateField(_("答复日期 replied on"))
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivered_via = models.CharField(
        _("送达方式 delivered via"), max_length=20, choices=DeliveredVia.choices, blank=True
    )
    delivered_on = models.DateField(_("送达日期 delivered on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("答复 reply")
        verbose_name_plural = _("答复 replies")

    def __str__(self):
        return f"{self.request} {self.outcome}"


class FeeNotice(models.Model):
    """收费通知 (国办函〔2020〕109号): the quote, and when it was paid."""

    request = models.OneToOneField(
        DisclosureRequest, on_delete=models.CASCADE, related_name="fee_notice"
    )
    method = models.CharField(
        _("计费方式 method"),
        max_length=20,
        choices=[("per_request", _("按件计收")), ("per_volume", _("按量计收"))],
    )
    pages = models.PositiveIntegerField(_("页数 pages"), null=True, blank=True)
    items = models.PositiveIntegerField(_("件数 items"), default=1)
    requests_this_month = models.PositiveIntegerField(
        _("本月累计件数 requests this month"), null=True, blank=True
    )
    quote = models.JSONField(_("计费明细 breakdown"), default=dict)
    amount = models.DecimalField(_("金额（元）amount (yuan)"), max_digits=12, decimal_places=2)
    notified_on = models.DateField(_("通知日期 notified on"))
    paid_on = models.DateField(_("缴费日期 paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("收费通知 fee notice")
        verbose_name_plural = _("收费通知 fee notices")

    def __str__(self):
        return f"{self.request} {self.amount}"


class ReplyTemplate(models.Model):
    """告知书模板 for one group of outcomes, edited in the back office (a Wagtail snippet).

    Placeholders ``$name`` (Python ``string.Template``): see ``gongkai.disclosure.letters``.
    """

    group = models.CharField(
        _("适用的处理结果 outcome group"), max_length=20, choices=OUTCOME_GROUP_CHOICES, unique=True
    )
    title = models.CharField(_("告知书标题 letter title"), max_length=200)
    body = models.TextField(
        _("正文 body"),
        help_text=_(
            "可用占位符：$body_name $tracking_number $applicant_name $received_on $description "
            "$outcome $legal_basis $reasons $replied_on $department"
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("告知书模板 reply letter template")
        verbose_name_plural = _("告知书模板 reply letter templates")
        ordering = ["group"]

    def __str__(self):
        return f"{self.get_group_display()}：{self.title}"
