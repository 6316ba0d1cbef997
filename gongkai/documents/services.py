"""Every change of state of documents and interpretations: validate, write, audit, enqueue."""

from collections.abc import Collection
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish import UnpublishAction
from wagtail.models import TaskState

from gongkai.core import audit, pagecache, versiontokens
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.roles import Role, has_role
from gongkai.documents import signed_off
from gongkai.documents.citations import citations_on_published, citations_resolve_to
from gongkai.documents.models import (
    DepartmentHeadReviewTask,
    Document,
    DocumentAttachment,
    DocumentKind,
    DocumentRelation,
    ImportedField,
    ImportRecord,
    IndexNumberCounter,
    Interpretation,
    RelationKind,
    SignOffRecord,
    SignOffTask,
    Topic,
    Validity,
)
from gongkai.documents.pagetags import documents_shown_with, related_document_ids
from gongkai.documents.prepublication import blocking, not_overridable
from gongkai.documents.publication import revision_to_publish
from gongkai.documents.selectors import PUBLIC_DOCUMENTS_VERSION, publication_problems
from gongkai.documents.signals import validity_changed
from gongkai.documents.workflow_names import as_stored

RELATION_EFFECTS = {
    RelationKind.REPEALS: Validity.REPEALED,
    RelationKind.AMENDS: Validity.AMENDED,
}


def document_snapshot(document: Document) -> dict:
    """The fields worth keeping in the audit log's before/after."""
    return {
        "title": document.title,
        "doc_number": document.doc_number,
        "index_number": document.index_number,
        "live": document.live,
        "validity": document.validity,
        "disclosure": document.disclosure,
        "is_sensitive": document.is_sensitive,
        "published_on": document.published_on,
        "withdrawn_at": document.withdrawn_at,
    }


def next_index_number(*, department, year: int) -> str:
    """The next 索引号 of ``department`` for ``year``, unique by construction."""
    with transaction.atomic():
        counter, _ = IndexNumberCounter.objects.select_for_update().get_or_create(
            department=department, year=year
        )
        IndexNumberCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db()
    return settings.INDEX_NUMBER_PATTERN.format(dept=department.code, year=year, seq=counter.last)


@transaction.atomic
def document_attach_listed(
    *, document: Document, title: str, file_name: str, data: bytes, kind: str, text: str, user
) -> None:
    """Attach a file a later import supplied as the listed attachment ``title`` of
    ``document``: in its latest draft, and in the document itself while it is not live (a
    published document gets it when the draft is signed off)."""
    draft = document.get_latest_revision_as_object()
    attachment = DocumentAttachment(
        document=draft,
        title=title,
        kind=kind,
        size=len(data),
        text=text,
        sort_order=max((item.sort_order or 0 for item in draft.attachments.all()), default=0) + 1,
    )
    attachment.file.save(file_name, ContentFile(data), save=False)
    draft.attachments.add(attachment)
    if not document.live:
        draft.save()
    draft.save_revision(user=user)
    audit.record(
        actor=user,
        action="document.attach_listed",
        obj=document,
        after={"title": title, "file": attachment.file.name, "live": document.live},
    )


def document_created(*, document: Document, user) -> None:
    """After a document's first save: give it its 索引号 and audit the creation."""
    if not document.index_number:
        year = (document.written_on or timezone.localdate()).year
        document.index_number = next_index_number(department=document.department, year=year)
        Document.objects.filter(pk=document.pk).update(index_number=document.index_number)
    # Citations waiting for this document's number point at it (import helper, issue 3).
    citations_resolve_to(documents=[document])
    audit.record(
        actor=user, action="document.create", obj=document, after=document_snapshot(document)
    )


def document_edited(*, document: Document, user) -> None:
    audit.record(
        actor=user, action="document.edit", obj=document, after=document_snapshot(document)
    )
    if document.live:
        _drop_pages(document)


@transaction.atomic
def sign_off_approve(
    *,
    task_state,
    user,
    political: bool,
    policy: bool,
    content: bool,
    comment: str = "",
    override_reason: str = "",
    **_ignored,
) -> SignOffRecord | None:
    """Record the reviewer's three checks and approve the sign-off task.

    Blocking problems of the revision that goes live (the latest, which may hold the reviewer's
    own edits) need ``override_reason``; each one overridden is kept on the record and in the
    audit log.
    """
    if not (political and policy and content):
        raise ValidationError(_("政治关、政策关、内容关须全部通过。"))
    revision = revision_to_publish(task_state)
    obj = revision.as_object()
    problems = blocking(publication_problems(obj))
    if fixed := not_overridable(problems):
        raise ValidationError([_("存在不能越过的问题，须先解决："), *[p.message for p in fixed]])
    if problems and not override_reason.strip():
        raise ValidationError(_("存在未解决的发布前问题，需填写越过理由。"))
    record = None
    if isinstance(obj, Document):
        record = SignOffRecord.objects.create(
            document_id=obj.pk,
            revision=revision,
            reviewer=user,
            political=political,
            policy=policy,
            content=content,
            comment=comment,
            overrides=[{"code": p.code, "message": p.message} for p in problems],
            override_reason=override_reason.strip() if problems else "",
        )
    audit.record(
        actor=user,
        action="sign_off.approve",
        obj=obj,
        after={
            "political": political,
            "policy": policy,
            "content": content,
            "comment": comment,
            "overridden": [p.code for p in problems],
        },
        reason=override_reason.strip() if problems else "",
    )
    task_state.approve(user=user, comment=comment)
    return record


WORKFLOW_STEPS = {DepartmentHeadReviewTask: "head_review", SignOffTask: "sign_off"}


def _workflow_object(workflow_state):
    obj = workflow_state.content_object
    return getattr(obj, "specific", obj)


def workflow_step_recorded(*, task_state, user, decision: str) -> None:
    """A step of the sign-off workflow in our audit log with the person who took it: submitted
    to a step, approved there or 退回修改 with the comment (Wagtail logs these in its own log
    only, which the chain does not cover). The sign-off's approval is recorded with its checks
    by ``sign_off_approve``."""
    step = WORKFLOW_STEPS.get(type(task_state.task.specific), "workflow_task")
    if (step, decision) == ("sign_off", "approve") or _passed_on(task_state, decision):
        return
    audit.record(
        actor=user,
        action=f"{step}.{decision}",
        obj=_workflow_object(task_state.workflow_state),
        after={"task": as_stored(task_state.task.name), "comment": task_state.get_comment()},
    )


def _passed_on(task_state, decision: str) -> bool:
    """A step started by the approval of the one before it: that approval is its record."""
    if decision != "submit":
        return False
    before = (
        TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id, pk__lt=task_state.pk
        )
        .order_by("-pk")
        .values_list("status", flat=True)
        .first()
    )
    return before == TaskState.STATUS_APPROVED


def workflow_cancelled(*, workflow_state, user) -> None:
    """撤销审核: the submitter (or an administrator) took the item out of the workflow."""
    audit.record(
        actor=user,
        action="workflow.cancel",
        obj=_workflow_object(workflow_state),
        after={"workflow": as_stored(workflow_state.workflow.name)},
    )


def on_published(*, obj, user) -> None:
    """After a sign-off put ``obj`` live; ``user`` is the reviewer who signed it off."""
    if isinstance(obj, Document):
        document_on_published(document=obj, user=user)
    elif isinstance(obj, Interpretation):
        interpretation_on_published(interpretation=obj, user=user)
    elif (model := signed_off.registered(obj)) is not None:
        model.on_published(obj=obj, user=user)


@transaction.atomic
def document_on_published(*, document: Document, user) -> None:
    """After Wagtail publishes a revision: date it, apply its relations, audit, reindex."""
    shown_before = related_document_ids(document)
    updates = {"withdrawn_at": None, "withdrawal_reason": ""}
    if not document.published_on:
        updates["published_on"] = timezone.localdate()
    Document.objects.filter(pk=document.pk).update(**updates)
    for field, value in updates.items():
        setattr(document, field, value)
    for relation in DocumentRelation.objects.filter(source=document).select_related("target"):
        _apply_relation(relation=relation, user=user)
    # Its citations follow the published text and resolve (import helper, issue 3).
    citations_on_published(document=document)
    audit.record(
        actor=user, action="document.publish", obj=document, after=document_snapshot(document)
    )
    _enqueue_reindex([document.pk])
    _drop_pages(document, also=shown_before)


def _apply_relation(*, relation: DocumentRelation, user) -> None:
    new_validity = RELATION_EFFECTS.get(relation.kind)
    source = relation.source
    if new_validity is None or relation.target.validity == Validity.REPEALED:
        return
    document_change_validity(
        document=relation.target,
        user=user,
        validity=new_validity,
        on=source.effective_on or source.published_on or timezone.localdate(),
        reason=f"{relation.get_kind_display()}：《{source.title}》{source.doc_number}",
    )


@transaction.atomic
def document_on_unpublished(*, document: Document, user) -> None:
    audit.record(
        actor=user, action="document.unpublish", obj=document, after=document_snapshot(document)
    )
    _enqueue_reindex([document.pk])
    _drop_pages(document)


@transaction.atomic
def document_withdraw(*, document: Document, user, reason: str) -> Document:
    """撤回: take a published document off the portal; its page then shows the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写撤回理由。"))
    if not document.live:
        raise ValidationError(_("该文件未发布，无法撤回。"))
    _require_office(user)
    before = document_snapshot(document)
    UnpublishAction(document, user=user, log_action="wagtail.unpublish").execute(
        skip_permission_checks=True
    )
    document.withdrawn_at = timezone.now()
    document.withdrawal_reason = reason
    Document.objects.filter(pk=document.pk).update(
        withdrawn_at=document.withdrawn_at, withdrawal_reason=reason
    )
    audit.record(
        actor=user,
        action="document.withdraw",
        obj=document,
        before=before,
        after=document_snapshot(document),
        reason=reason,
    )
    _enqueue_reindex([document.pk])
    _drop_pages(document)
    return document


@transaction.atomic
def document_change_validity(
    *, document: Document, user, validity: str, on: date | None = None, reason: str = ""
) -> Document:
    """有效性变更 (废止, 修订, 失效): the document stays published with a banner."""
    if validity not in Validity.values:
        raise ValidationError(_("无效的有效性。"))
    before = document_snapshot(document)
    document.validity = validity
    document.validity_changed_on = on or timezone.localdate()
    Document.objects.filter(pk=document.pk).update(
        validity=validity, validity_changed_on=document.validity_changed_on
    )
    audit.record(
        actor=user,
        action="document.validity",
        obj=document,
        before=before,
        after=document_snapshot(document),
        reason=reason,
    )
    _enqueue_reindex([document.pk])
    _drop_pages(document)
    validity_changed.send(sender=Document, document=document, before=before["validity"], user=user)
    return document


@transaction.atomic
def classification_saved(*, term: DocumentKind | Topic, user) -> None:
    """A 公文种类 or 主题分类 created or renamed: drop the cached pages showing it."""
    audit.record(actor=user, action="classification.save", obj=term, after={"name": term.name})
    pagecache.invalidate(obj_tag(term), list_tag(type(term)))


@transaction.atomic
def document_add_views(*, counts: dict[int, int]) -> None:
    """浏览量: add the views the page cache counted (``{document id: views}``) since its last write."""
    for pk, views in counts.items():
        Document.objects.filter(pk=pk).update(view_count=F("view_count") + views)


@transaction.atomic
def interpretation_add_views(*, counts: dict[int, int]) -> None:
    for pk, views in counts.items():
        Interpretation.objects.filter(pk=pk).update(view_count=F("view_count") + views)


@transaction.atomic
def interpretation_on_published(*, interpretation: Interpretation, user) -> None:
    if not interpretation.published_on:
        interpretation.published_on = timezone.localdate()
        Interpretation.objects.filter(pk=interpretation.pk).update(
            published_on=interpretation.published_on
        )
    audit.record(actor=user, action="interpretation.publish", obj=interpretation)
    _drop_interpretation_pages(interpretation)


@transaction.atomic
def interpretation_on_unpublished(*, interpretation: Interpretation, user) -> None:
    audit.record(actor=user, action="interpretation.unpublish", obj=interpretation)
    _drop_interpretation_pages(interpretation)


def _drop_interpretation_pages(interpretation: Interpretation) -> None:
    """Its page, the lists, and the pages of the documents it interprets (they link to it)."""
    documents = interpretation.documents.values_list("pk", flat=True)
    pagecache.invalidate(
        obj_tag(interpretation),
        list_tag(Interpretation),
        *(obj_tag(Document, pk) for pk in documents),
    )


def _drop_pages(document: Document, *, also: set[int] = frozenset()) -> None:
    """Drop the cached pages showing ``document`` (drop_document_pages), and those of the
    documents in ``also`` (it was shown with them before the change)."""
    drop_document_pages({document.pk}, also=also)


def drop_document_pages(document_ids: Collection[int], *, also: set[int] = frozenset()) -> None:
    """Drop the cached pages showing these documents: their own, the lists, and the pages of
    the documents they relate to or cite and that cite them (they show their titles and the
    links); and what is built from all public documents (the portal's filter options). Also
    for documents published together without a service call each (an import with --publish)."""
    shown = {*document_ids, *documents_shown_with(document_ids), *also}
    pagecache.invalidate(list_tag(Document), *(obj_tag(Document, pk) for pk in shown))
    versiontokens.bump(PUBLIC_DOCUMENTS_VERSION)


def _require_office(user) -> None:
    if not (has_role(user, Role.REVIEWER) or has_role(user, Role.ADMIN)):
        raise PermissionDenied(
            "只有政务公开办可以执行此操作。Only the openness office may do this."
        )


def _enqueue_reindex(document_ids: list[int]) -> None:
    from gongkai.search.tasks import refresh_documents

    transaction.on_commit(lambda: refresh_documents.enqueue(document_ids))


def import_review_record(*, document_id: int, checks: dict, final: dict[str, str]) -> int:
    """Keep, for a document imported through the form, each reviewed field as extraction
    found it and as the editor saved it (ImportedField). Returns how many fields the
    editor corrected."""
    record = ImportRecord.objects.filter(document_id=document_id).order_by("-pk").first()
    if record is None:
        raise ValidationError(_("找不到该文件的导入记录。"))
    ImportedField.objects.bulk_create(
        ImportedField(
            record=record,
            name=name,
            extracted=check.extracted,
            final=final.get(name, ""),
            confidence=check.confidence,
            source=check.source[:100],
        )
        for name, check in checks.items()
    )
    return sum(1 for name, check in checks.items() if check.extracted != final.get(name, ""))
