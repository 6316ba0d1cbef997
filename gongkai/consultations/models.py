"""决策预公开: consultations on draft decisions, the public's comments on them, and the adoption
report (意见采纳情况说明) that answers them.

A consultation is drafted by its department and published through the same sign-off workflow
as policy documents (部门负责人审核 → 政务公开办审签); comments are pre-moderated, disposed of
after the period closes, and the report is generated from the dispositions, edited, signed off
by the openness office and published on the consultation's page.
"""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from gongkai.accounts.models import PublicAccount
from gongkai.consultations import rules
from gongkai.core.models import Department
from gongkai.documents.models import Document
from gongkai.documents.models.workflow import SignedOffModel, SignedOffPublishingMixin
from gongkai.documents.validators import validate_attachment_file


class Consultation(
    SignedOffPublishingMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """征求意见: a draft decision published for public comment, with its background, basis,
    clauses, explanation and period."""

    title = models.CharField(_("标题"), max_length=300)
    department = models.ForeignKey(
        Department,
        verbose_name=_("起草部门"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    is_major_decision = models.BooleanField(
        _("重大行政决策"),
        default=False,
        help_text=_("重大行政决策草案须公开征求意见，并公布意见采纳情况说明后才能发布决策文件。"),
    )
    background = models.TextField(_("起草背景"), max_length=20000)
    legal_basis = models.TextField(_("法律依据"), max_length=20000)
    explanation = models.TextField(_("起草说明"), max_length=50000, blank=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("截止日期"))
    short_period_reason = models.TextField(
        _("征求意见期限少于30日的理由"),
        max_length=2000,
        blank=True,
        help_text=_("期限少于30日时必须填写，并向公众公开。"),
    )
    offline_channels = models.TextField(
        _("其他提交方式"),
        max_length=2000,
        help_text=_("信函地址、电话、传真、电子邮箱等，供不使用网络的公众提交意见。"),
    )
    final_document = models.ForeignKey(
        Document,
        verbose_name=_("最终发布的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="consultation")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="consultation",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "征求意见")
        verbose_name_plural = pgettext_lazy("models", "征求意见")
        ordering = ["-starts_on", "-id"]
        permissions = [("moderate_comment", _("审核和处理意见"))]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.pk])

    def phase(self, today: date | None = None) -> rules.Phase:
        return rules.phase(
            today=today or timezone.localdate(),
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            report_published=self.report_published,
        )

    @property
    def report_published(self) -> bool:
        report = getattr(self, "report", None) if self.pk else None
        return report is not None and report.live

    @property
    def is_shortened(self) -> bool:
        return rules.is_shortened(self.starts_on, self.ends_on)

    @property
    def period_days(self) -> int:
        return rules.period_days(self.starts_on, self.ends_on)

    def get_preview_template(self, request, mode_name):
        return "consultations/detail.html"

    def get_preview_context(self, request, mode_name):
        from gongkai.consultations.selectors import detail_context

        return detail_context(self, preview=True)


class Clause(Orderable):
    """One clause (条款) of the draft, commented on by itself."""

    consultation = ParentalKey(Consultation, related_name="clauses", on_delete=models.CASCADE)
    heading = models.CharField(_("条款编号"), max_length=100, help_text=_("例如：第一条"))
    text = models.TextField(_("条款内容"), max_length=20000)

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("model", "条款")
        verbose_name_plural = pgettext_lazy("models", "条款")

    def __str__(self):
        return self.heading


def attachment_upload_to(instance, filename):
    return f"consultations/{instance.consultation_id or 'new'}/{filename}"


class ConsultationAttachment(Orderable):
    consultation = ParentalKey(Consultation, related_name="attachments", on_delete=models.CASCADE)
    title = models.CharField(_("附件标题"), max_length=300)
    file = models.FileField(
        _("文件"),
        upload_to=attachment_upload_to,
        max_length=300,
        validators=[validate_attachment_file],
        help_text=_("pdf、doc/docx、xls/xlsx、ofd、jpg/png、zip，最大 50 MB。"),
    )

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("model", "附件")
        verbose_name_plural = pgettext_lazy("models", "附件")

    def __str__(self):
        return self.title


PHASE_LABELS = {
    rules.Phase.UPCOMING: _("即将开始"),
    rules.Phase.OPEN: _("正在征求意见"),
    rules.Phase.CLOSED: _("已结束，待反馈"),
    rules.Phase.REPORTED: _("已反馈"),
}


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    REJECTED = "rejected", _("不予公开")
    HIDDEN = "hidden", _("因举报隐藏")


class Disposition(models.TextChoices):
    ADOPTED = rules.Disposition.ADOPTED.value, _("采纳")
    PARTLY_ADOPTED = rules.Disposition.PARTLY_ADOPTED.value, _("部分采纳")
    NOT_ADOPTED = rules.Disposition.NOT_ADOPTED.value, _("未采纳")


class Comment(models.Model):
    """意见: a public account's comment on the whole draft or on one clause."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("条款"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    account = models.ForeignKey(
        PublicAccount, on_delete=models.PROTECT, related_name="consultation_comments"
    )
    text = models.TextField(_("意见内容"), max_length=rules.TEXT_MAX_LENGTH)
    tracking_number = models.CharField(_("意见编号"), max_length=20, unique=True, editable=False)
    # Hash of the form's one-time key: a repeated submit finds the comment it made.
    submit_key_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    refusal_reason = models.CharField(_("不予公开的原因"), max_length=300, blank=True)
    report_count = models.PositiveIntegerField(_("举报数"), default=0)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disposition = models.CharField(
        _("处理意见"), max_length=20, choices=Disposition.choices, blank=True
    )
    disposition_reason = models.TextField(_("理由"), max_length=2000, blank=True)
    disposed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "意见")
        verbose_name_plural = pgettext_lazy("models", "意见")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"])]

    def __str__(self):
        return self.tracking_number


class CommentReport(models.Model):
    """举报: another public account flags a published comment (once per account)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    account = models.ForeignKey(PublicAccount, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "举报")
        verbose_name_plural = pgettext_lazy("models", "举报")
        constraints = [
            models.UniqueConstraint(fields=["comment", "account"], name="one_report_per_account")
        ]

    def __str__(self):
        return f"{self.comment} #{self.pk}"


class AdoptionReport(SignedOffModel):
    """意见采纳情况说明: generated from the dispositions, edited by the drafting department and
    published only through the sign-off workflow (部门负责人审核 → 政务公开办审签); an edit of a
    published report waits for sign-off again while the public keeps the published text."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="report", editable=False
    )
    text = models.TextField(_("说明正文"), max_length=100000)
    updated_at = models.DateTimeField(auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="adoption_report")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="adoption_report",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "意见采纳情况说明")
        verbose_name_plural = pgettext_lazy("models", "意见采纳情况说明")

    def __str__(self):
        # Kept in each revision as it is written (Wagtail's titles read it back): no label in
        # one language; the back office names the model beside it.
        return str(self.consultation)

    def get_absolute_url(self):
        return self.consultation.get_absolute_url()

    def get_preview_template(self, request, mode_name):
        return "consultations/detail.html"

    def get_preview_context(self, request, mode_name):
        from gongkai.consultations.selectors import detail_context

        return detail_context(self.consultation, preview=True, report=self)
