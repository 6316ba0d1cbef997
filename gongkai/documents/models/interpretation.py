from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from gongkai.core.models import Department
from gongkai.core.urlpaths import reverse_id
from gongkai.documents.models.document import Document
from gongkai.documents.models.workflow import SignedOffPublishingMixin
from gongkai.documents.validators import validate_interpretation_file


class InterpreterKind(models.TextChoices):
    DRAFTING_HEAD = "drafting_head", _("起草部门负责人")
    EXPERT = "expert", _("专家")
    QA = "qa", _("政策问答")
    ONLINE_INTERVIEW = "online_interview", _("在线访谈")
    MEDIA_INTERVIEW = "media_interview", _("媒体访问")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")


class InterpretationFormKind(models.TextChoices):
    TEXT = "text", _("文字")
    CHART = "chart", _("图解")
    AUDIO = "audio", _("音频")
    VIDEO = "video", _("视频")
    ANIMATION = "animation", _("动漫")


class Interpretation(
    SignedOffPublishingMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """政策解读: the drafting department's interpretation of one or more documents.

    It is approved through the same workflow as documents; the portal shows it only once one of
    its documents is public too, so a document and its interpretation go live together (同步发布).
    """

    title = models.CharField(_("标题"), max_length=300)
    title_en = models.CharField(_("英文标题"), max_length=500, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("解读部门"),
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    documents = ParentalManyToManyField(
        Document, verbose_name=_("解读的文件"), related_name="interpretations"
    )
    interpreter_kind = models.CharField(
        _("解读主体"), max_length=30, choices=InterpreterKind.choices
    )
    interpreter_name = models.CharField(_("解读人"), max_length=100, blank=True)
    summary = models.TextField(_("摘要"), blank=True, max_length=2000)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    view_count = models.PositiveIntegerField(_("浏览量"), default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="interpretation")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="interpretation",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "政策解读")
        verbose_name_plural = pgettext_lazy("models", "政策解读")
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def is_public(self) -> bool:
        """Shown on the portal: approved, and one of its documents is public (同步发布)."""
        from gongkai.documents.selectors import public_interpretations

        return self.live and public_interpretations().filter(pk=self.pk).exists()

    def get_absolute_url(self):
        return reverse_id("portal:interpretation_detail", self.pk)

    def get_preview_template(self, request, mode_name):
        return "portal/interpretation_detail.html"

    def get_preview_context(self, request, mode_name):
        from gongkai.portal.selectors import interpretation_page_context

        return interpretation_page_context(self, preview=True)


def interpretation_upload_to(instance, filename):
    return f"interpretations/{instance.interpretation_id or 'new'}/{filename}"


class InterpretationForm(Orderable):
    """One form of an interpretation: 文字, 图解, 音频, 视频 or 动漫, with its text or file."""

    interpretation = ParentalKey(Interpretation, related_name="forms", on_delete=models.CASCADE)
    kind = models.CharField(_("形式"), max_length=20, choices=InterpretationFormKind.choices)
    text = RichTextField(_("文字内容"), blank=True)
    file = models.FileField(
        _("文件"),
        upload_to=interpretation_upload_to,
        blank=True,
        max_length=300,
        validators=[validate_interpretation_file],
        help_text=_("图片、音频、视频或 PDF。"),
    )
    caption = models.CharField(
        _("说明"),
        max_length=300,
        blank=True,
        help_text=_("图解、音频、视频的文字说明（无障碍）。"),
    )

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("model", "解读形式")
        verbose_name_plural = pgettext_lazy("models", "解读形式")

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        if self.kind == InterpretationFormKind.TEXT and not strip_tags(self.text or "").strip():
            raise ValidationError({"text": _("文字解读须填写内容。")})
        if self.kind != InterpretationFormKind.TEXT and not self.file:
            raise ValidationError({"file": _("请上传文件。")})
        if self.kind != InterpretationFormKind.TEXT and not self.caption.strip():
            raise ValidationError({"caption": _("请填写文字说明，供无法看图或收听的读者使用。")})
