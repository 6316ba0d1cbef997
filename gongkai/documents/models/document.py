from django.contrib.contenttypes.fields import GenericRelation
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
from gongkai.core.uploads import detect_kind
from gongkai.core.urlpaths import reverse_id
from gongkai.documents.models.classification import DocumentKind, Topic
from gongkai.documents.models.workflow import SignedOffPublishingMixin
from gongkai.documents.validators import validate_attachment_file, validate_doc_number


class Disclosure(models.TextChoices):
    """公开属性."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Validity(models.TextChoices):
    """有效性."""

    IN_FORCE = "in_force", _("有效")
    AMENDED = "amended", _("已修订")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class LegalCategory(models.TextChoices):
    """规章 and 行政规范性文件 are counted in the annual report's table 二."""

    OTHER = "other", _("其他文件")
    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")


class RelationKind(models.TextChoices):
    """Typed relations between documents; each reads from the citing document."""

    BASED_ON = "based_on", _("依据")
    AMENDS = "amends", _("修订")
    REPEALS = "repeals", _("废止")


REVERSE_RELATION_LABELS = {
    RelationKind.BASED_ON: _("被依据"),
    RelationKind.AMENDS: _("被修订"),
    RelationKind.REPEALS: _("被废止"),
}


class Document(
    SignedOffPublishingMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """政策文件 / 公文: a document of the policy library, signed off before it is published."""

    title = models.CharField(_("标题"), max_length=300)
    title_en = models.CharField(_("英文标题"), max_length=500, blank=True)
    doc_number = models.CharField(
        _("发文字号"),
        max_length=100,
        blank=True,
        validators=[validate_doc_number],
        help_text=_("例如 筑高新办函〔2019〕23号。"),
    )
    doc_number_key = models.CharField(max_length=100, blank=True, db_index=True, editable=False)
    index_number = models.CharField(
        _("索引号"), max_length=60, unique=True, null=True, blank=True, editable=False
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("起草部门"),
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("谁起草、谁解读：起草部门负责解读。"),
    )
    issuers = ParentalManyToManyField(
        Department,
        verbose_name=_("发文机关"),
        related_name="issued_documents",
        help_text=_("联合发文时选择多个。"),
    )
    recipients = models.CharField(_("主送机关"), max_length=500, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    doc_type = models.ForeignKey(
        DocumentKind,
        verbose_name=_("公文种类"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    legal_category = models.CharField(
        _("文件类别"),
        max_length=20,
        choices=LegalCategory.choices,
        default=LegalCategory.OTHER,
        help_text=_("规章、行政规范性文件计入年度报告。"),
    )
    is_sensitive = models.BooleanField(
        _("涉及公众切身利益、社会关注"),
        default=False,
        help_text=_("须先做舆情风险评估、制定应对处置预案，评估经审核后才能发布。"),
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("主题分类"), related_name="documents", blank=True
    )
    disclosure = models.CharField(
        _("公开属性"),
        max_length=20,
        choices=Disclosure.choices,
        default=Disclosure.PROACTIVE,
    )
    withheld_reason = models.TextField(
        _("不予公开理由"),
        blank=True,
        help_text=_("公开属性为不予公开时必填。"),
    )
    region = models.CharField(_("适用地区"), max_length=100, blank=True)
    keywords = models.CharField(
        _("关键词"),
        max_length=300,
        blank=True,
        help_text=_("以空格、逗号或顿号分隔。"),
    )
    summary = models.TextField(_("内容概述"), blank=True, max_length=2000)
    body = RichTextField(_("正文"), blank=True)
    summary_en = models.TextField(_("英文概述"), blank=True, max_length=4000)
    body_en = RichTextField(_("英文正文"), blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    listed_attachments = models.JSONField(
        _("文件所列附件"),
        default=list,
        blank=True,
        help_text=_("正文末尾“附件：”所列的附件名称，依次为附件1、附件2……"),
    )
    validity = models.CharField(
        _("有效性"),
        max_length=20,
        choices=Validity.choices,
        default=Validity.IN_FORCE,
        editable=False,
    )
    validity_changed_on = models.DateField(
        _("有效性变更日期"), null=True, blank=True, editable=False
    )
    expires_on = models.DateField(_("失效日期"), null=True, blank=True)
    view_count = models.PositiveIntegerField(_("浏览量"), default=0, editable=False)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="document")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="document",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "政策文件")
        verbose_name_plural = pgettext_lazy("models", "政策文件")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["live", "disclosure", "-published_on"]),
            models.Index(fields=["department", "-published_on"]),
        ]
        permissions = [("sign_off_document", _("可以审签政策文件"))]

    def __str__(self):
        return self.title

    # Kept from the row when a revision is restored or published: they belong to the document
    # as a whole (numbering, counters, withdrawal, validity changes made by other documents).
    PRESERVED_ON_REVISION = (
        "index_number",
        "view_count",
        "withdrawn_at",
        "withdrawal_reason",
        "validity",
        "validity_changed_on",
        "created_at",
    )

    @property
    def revisions(self):
        return self._revisions

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.PRESERVED_ON_REVISION:
            setattr(obj, field, getattr(self, field))
        return obj

    def clean(self):
        super().clean()
        from gongkai.core.docnumbers import normalize_doc_number

        self.doc_number_key = normalize_doc_number(self.doc_number) if self.doc_number else ""

    @property
    def keyword_list(self) -> list[str]:
        from gongkai.documents.metadata import split_keywords

        return split_keywords(self.keywords)

    @property
    def is_public(self) -> bool:
        """Shown on the portal: published, not withdrawn, and proactively disclosed."""
        return self.live and self.withdrawn_at is None and self.disclosure == Disclosure.PROACTIVE

    @property
    def body_text(self) -> str:
        return strip_tags(self.body or "")

    def get_absolute_url(self):
        return reverse_id("portal:document_detail", self.pk)

    def get_preview_template(self, request, mode_name):
        return "portal/document_detail.html"

    def get_preview_context(self, request, mode_name):
        from gongkai.portal.selectors import document_page_context

        return document_page_context(self, preview=True)


def attachment_upload_to(instance, filename):
    return f"attachments/{instance.document_id or 'new'}/{filename}"


# A listed attachment's name becomes the title of the attachment that supplies it.
LISTED_NAME_MAX_LENGTH = 300


class DocumentAttachment(Orderable):
    """附件: a file attached to a document, with its title; its text is checked for personal data."""

    document = ParentalKey(Document, related_name="attachments", on_delete=models.CASCADE)
    title = models.CharField(_("附件标题"), max_length=LISTED_NAME_MAX_LENGTH)
    file = models.FileField(
        _("文件"),
        upload_to=attachment_upload_to,
        max_length=300,
        validators=[validate_attachment_file],
        help_text=_("pdf、doc/docx、xls/xlsx、ofd、jpg/png、zip，最大 50 MB。"),
    )
    kind = models.CharField(_("类型"), max_length=10, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("大小"), default=0, editable=False)
    text = models.TextField(_("提取的文本"), blank=True, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("model", "附件")
        verbose_name_plural = pgettext_lazy("models", "附件")

    def __str__(self):
        return self.title

    def clean(self):
        """A file uploaded in the back office gets its kind and size, shown with its link."""
        super().clean()
        if self.file and not self.file._committed:
            upload = self.file.file
            self.size = upload.size
            upload.seek(0)
            kind = detect_kind(upload.read(), self.file.name)
            upload.seek(0)
            self.kind = (kind or "")[: self._meta.get_field("kind").max_length]


class DocumentRelation(Orderable):
    """依据 / 修订 / 废止: ``source`` is based on, amends or repeals ``target``."""

    source = ParentalKey(Document, related_name="relations", on_delete=models.CASCADE)
    kind = models.CharField(_("关系"), max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        Document,
        verbose_name=_("相关文件"),
        related_name="incoming_relations",
        on_delete=models.CASCADE,
    )

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("model", "文件关系")
        verbose_name_plural = pgettext_lazy("models", "文件关系")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="document_relation_unique"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def reverse_label(self):
        return REVERSE_RELATION_LABELS[self.kind]


class IndexNumberCounter(models.Model):
    """The last 索引号 sequence number given per department and year."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="index_counter_unique")
        ]

    def __str__(self):
        return f"{self.department_id}/{self.year}: {self.last}"
