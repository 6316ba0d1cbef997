"""政策问答库: question–answer entries (政策问答) resting on policy documents, shared by the
portal and the 12345 hotline's system (the public API).

An entry is written by staff or promoted from a good reply to a message (留言), published
through the same sign-off workflow as documents (部门负责人审核 → 政务公开办审签), and flagged
for review (待复核) as soon as a document it rests on is repealed or expires.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from gongkai.core.models import Department
from gongkai.documents.models import Document, Topic
from gongkai.documents.models.workflow import SignedOffPublishingMixin
from gongkai.knowledge import rules


class AnswerValidity(models.TextChoices):
    EFFECTIVE = rules.EFFECTIVE, _("有效")
    NEEDS_REVIEW = rules.NEEDS_REVIEW, _("待复核")
    WITHDRAWN = rules.WITHDRAWN, _("已撤销")


class PolicyAnswer(
    SignedOffPublishingMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """政策问答: a question as the public asks it, the answer, and the documents it rests on."""

    question = models.CharField(
        pgettext_lazy("question", "问题"), max_length=rules.QUESTION_MAX_LENGTH
    )
    answer = models.TextField(pgettext_lazy("answer", "答复"), max_length=rules.ANSWER_MAX_LENGTH)
    documents = ParentalManyToManyField(
        Document,
        verbose_name=_("依据文件"),
        related_name="policy_answers",
        blank=True,
        help_text=_("依据文件被废止或失效时，该问答自动标为待复核。"),
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("主题分类"), related_name="policy_answers", blank=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("答复部门"),
        on_delete=models.PROTECT,
        related_name="policy_answers",
    )
    source_message = models.ForeignKey(
        "interaction.Message",
        verbose_name=_("来源留言"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policy_answers",
        editable=False,
    )
    validity = models.CharField(
        _("有效性"),
        max_length=20,
        choices=AnswerValidity.choices,
        default=AnswerValidity.EFFECTIVE,
        editable=False,
    )
    review_reason = models.CharField(_("复核原因"), max_length=500, blank=True, editable=False)
    flagged_at = models.DateTimeField(_("标记待复核时间"), null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The question, answer and topics segmented as the search index does (gongkai.search).
    search_tokens = models.TextField(blank=True, editable=False)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="policy_answer")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="policy_answer",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "政策问答")
        verbose_name_plural = pgettext_lazy("models", "政策问答")
        ordering = ["-published_on", "-id"]
        permissions = [("review_policyanswer", _("复核政策问答"))]
        indexes = [models.Index(fields=["live", "validity", "-published_on"])]

    # Kept from the row when a revision is restored or published: the review state belongs to
    # the entry as a whole (a document repealed while a draft waited for sign-off).
    PRESERVED_ON_REVISION = (
        "source_message_id",
        "validity",
        "review_reason",
        "flagged_at",
        "reviewed_at",
        "reviewed_by_id",
        "published_on",
        "created_at",
    )

    def __str__(self):
        return self.question

    @property
    def revisions(self):
        return self._revisions

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.PRESERVED_ON_REVISION:
            setattr(obj, field, getattr(self, field))
        return obj

    def save(self, *args, **kwargs):
        # Derived from the text, as Document.doc_number_key is: kept in step on every save.
        self.search_tokens = rules.index_tokens(self.question, self.answer)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"question", "answer"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_tokens"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("knowledge:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.live and self.validity != AnswerValidity.WITHDRAWN

    @property
    def needs_review(self) -> bool:
        return self.validity == AnswerValidity.NEEDS_REVIEW

    def get_preview_template(self, request, mode_name):
        return "knowledge/detail.html"

    def get_preview_context(self, request, mode_name):
        return {"answer": self, "documents": list(self.documents.all()), "preview": True}
