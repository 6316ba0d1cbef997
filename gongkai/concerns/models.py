"""回应关切: concerns the public raised (关切事项), the risk assessment a sensitive policy
document needs before it is issued (舆情风险评估 and 应对处置预案), and the published responses.

A concern has a lead department (牵头部门) and, when several are involved, supporting
departments that answer with it as a committee (the 管委会 is then first responsible), and a
named owner (责任人) on the staff. Its responses are drafted, then published on the portal.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.concerns import rules
from gongkai.core.models import Department
from gongkai.documents.models import Document, Interpretation


class Channel(models.TextChoices):
    """Where the concern was raised (来源渠道)."""

    ONLINE = "online", _("网络舆情")
    MEDIA = "media", _("媒体报道")
    HOTLINE = "hotline", _("12345热线")
    MESSAGE = "message", _("留言")
    DEPUTIES = "deputies", _("人大建议/政协提案")
    OTHER = "other", _("其他")


class ConcernState(models.TextChoices):
    OPEN = rules.OPEN, _("待回应")
    RESPONDED = "responded", _("已回应")
    CLOSED = "closed", _("已办结")


class PublicConcern(models.Model):
    """关切事项: an issue the public raised, who answers it and how far it is."""

    title = models.CharField(_("关切事项"), max_length=rules.TITLE_MAX_LENGTH)
    description = models.TextField(_("具体情况"), max_length=rules.TEXT_MAX_LENGTH)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    source_url = models.URLField(_("来源链接"), max_length=500, blank=True)
    source_note = models.CharField(
        _("来源说明"),
        max_length=300,
        blank=True,
        help_text=_("如报道媒体、热线工单号、建议提案编号。"),
    )
    raised_on = models.DateField(_("提出日期"))
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("牵头部门"),
        on_delete=models.PROTECT,
        related_name="led_concerns",
        help_text=_("涉事责任部门，第一责任主体。"),
    )
    supporting_departments = models.ManyToManyField(
        Department,
        verbose_name=_("配合部门"),
        blank=True,
        related_name="supported_concerns",
        help_text=_("涉及多个部门时选择；管委会作为第一责任主体组织回应。"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人"),
        on_delete=models.PROTECT,
        related_name="owned_concerns",
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=ConcernState.choices, default=ConcernState.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "关切事项")
        verbose_name_plural = pgettext_lazy("models", "关切事项")
        ordering = ["-raised_on", "-id"]
        permissions = [("publish_concernresponse", _("发布回应"))]
        indexes = [models.Index(fields=["state", "raised_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("concerns:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == ConcernState.OPEN


class ConcernResponse(models.Model):
    """回应: what the government answered, with the documents and interpretations it rests on;
    shown on the portal once published."""

    concern = models.ForeignKey(
        PublicConcern,
        verbose_name=_("关切事项"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    text = models.TextField(_("回应内容"), max_length=rules.TEXT_MAX_LENGTH)
    responded_on = models.DateField(_("回应日期"))
    documents = models.ManyToManyField(
        Document, verbose_name=_("相关文件"), blank=True, related_name="concern_responses"
    )
    interpretations = models.ManyToManyField(
        Interpretation, verbose_name=_("相关解读"), blank=True, related_name="concern_responses"
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True, editable=False)
    return_reason = models.TextField(
        _("退回理由"), max_length=rules.REASON_MAX_LENGTH, blank=True, editable=False
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "回应")
        verbose_name_plural = pgettext_lazy("models", "回应")
        ordering = ["responded_on", "id"]

    def __str__(self):
        return f"{self.concern} {self.responded_on}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_returned(self) -> bool:
        """退回修改: the head or the office sent the draft back; it is edited and resubmitted
        before it can be published."""
        return self.returned_at is not None


class RiskLevel(models.TextChoices):
    LOW = "low", _("低")
    MEDIUM = "medium", _("中")
    HIGH = "high", _("高")


class RiskAssessment(models.Model):
    """舆情风险评估: for a document marked sensitive (涉及公众切身利益、社会关注), the risk of
    public reaction, its analysis and the response plan (应对处置预案), written before the
    document is issued; the document cannot be published until one is approved."""

    document = models.ForeignKey(
        Document,
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="risk_assessments",
    )
    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices)
    analysis = models.TextField(_("风险研判"), max_length=rules.TEXT_MAX_LENGTH)
    response_plan = models.TextField(_("应对处置预案"), max_length=rules.TEXT_MAX_LENGTH)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评估人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_on = models.DateField(_("评估日期"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "舆情风险评估")
        verbose_name_plural = pgettext_lazy("models", "舆情风险评估")
        ordering = ["-assessed_on", "-id"]
        permissions = [("approve_riskassessment", _("审核风险评估"))]

    def __str__(self):
        return f"{self.document} {self.get_risk_level_display()}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None
