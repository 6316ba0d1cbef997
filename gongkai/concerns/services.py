"""Every change of state of 回应关切: validate, write, audit, drop the public pages it changes.

A concern is recorded and answered by its lead department (the openness office may act for
every department); its responses are drafted, then published by the department's head or the
office. A risk assessment is written by the document's department and approved by someone else
(the head or the office); only an approved one lets a sensitive document through sign-off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.concerns import permissions, rules
from gongkai.concerns.models import (
    Channel,
    ConcernResponse,
    ConcernState,
    PublicConcern,
    RiskAssessment,
    RiskLevel,
)
from gongkai.core import audit, pagecache
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.permissions import acts_for_department, require_department
from gongkai.documents.selectors import public_documents, public_interpretations


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _is_public(concern: PublicConcern) -> bool:
    return concern.responses.filter(published_at__isnull=False).exists()


def _drop_pages(concern: PublicConcern) -> None:
    pagecache.invalidate(obj_tag(concern), list_tag(PublicConcern))


# --- concerns --------------------------------------------------------------------------------


@dataclass
class ConcernFields:
    """What staff record about a concern (the form's cleaned data)."""

    title: str
    description: str
    channel: str
    raised_on: date
    lead_department: Department
    owner: object
    source_url: str = ""
    source_note: str = ""
    supporting_departments: list[Department] = field(default_factory=list)


def _checked(fields: ConcernFields, *, today: date) -> ConcernFields:
    if not fields.title.strip() or not fields.description.strip():
        raise ValidationError(_("请填写关切事项和具体情况。"))
    if fields.channel not in Channel.values:
        raise ValidationError(_("请选择来源渠道。"))
    if fields.raised_on > today:
        raise ValidationError(_("提出日期不能晚于今天。"))
    owner = fields.owner
    if getattr(owner, "staff_profile", None) is None or not owner.is_active:
        raise ValidationError(_("责任人须为在职工作人员。"))
    if not acts_for_department(owner, fields.lead_department.pk):
        raise ValidationError(_("责任人须为牵头部门或政务公开办的工作人员。"))
    return fields


def _snapshot(concern: PublicConcern) -> dict:
    return {
        "title": concern.title,
        "channel": concern.channel,
        "raised_on": concern.raised_on,
        "lead_department": concern.lead_department_id,
        "supporting_departments": sorted(d.pk for d in concern.supporting_departments.all()),
        "owner": concern.owner_id,
        "state": concern.state,
    }


def _write(concern: PublicConcern, fields: ConcernFields) -> None:
    concern.title = fields.title.strip()
    concern.description = fields.description.strip()
    concern.channel = fields.channel
    concern.source_url = fields.source_url
    concern.source_note = fields.source_note.strip()
    concern.raised_on = fields.raised_on
    concern.lead_department = fields.lead_department
    concern.owner = fields.owner
    concern.save()
    concern.supporting_departments.set(
        rules.committee(fields.lead_department.pk, [d.pk for d in fields.supporting_departments])
    )


@transaction.atomic
def concern_record(*, user, fields: ConcernFields) -> PublicConcern:
    """登记关切事项 for a department the user acts for."""
    _require(user.has_perm("concerns.add_publicconcern"), _("您没有登记关切事项的权限。"))
    require_department(user, fields.lead_department.pk)
    _checked(fields, today=timezone.localdate())
    concern = PublicConcern(created_by=user)
    _write(concern, fields)
    audit.record(actor=user, action="concern.record", obj=concern, after=_snapshot(concern))
    return concern


@transaction.atomic
def concern_edit(*, concern: PublicConcern, user, fields: ConcernFields) -> PublicConcern:
    """Correct the record; moving it to another department needs to act for that one too."""
    _require(permissions.can_change(user, concern), _("您没有修改该关切事项的权限。"))
    require_department(user, fields.lead_department.pk)
    _checked(fields, today=timezone.localdate())
    before = _snapshot(concern)
    _write(concern, fields)
    audit.record(
        actor=user, action="concern.edit", obj=concern, before=before, after=_snapshot(concern)
    )
    if _is_public(concern):
        _drop_pages(concern)
    return concern


@transaction.atomic
def concern_close(*, concern: PublicConcern, user) -> PublicConcern:
    """办结: the concern needs nothing more; its published responses stay on the portal."""
    _require(permissions.can_change(user, concern), _("您没有办结该关切事项的权限。"))
    if concern.state == ConcernState.CLOSED:
        raise ValidationError(_("该关切事项已办结。"))
    before = _snapshot(concern)
    concern.state = ConcernState.CLOSED
    concern.closed_at = timezone.now()
    concern.save(update_fields=["state", "closed_at"])
    audit.record(
        actor=user, action="concern.close", obj=concern, before=before, after=_snapshot(concern)
    )
    if _is_public(concern):
        _drop_pages(concern)
    return concern


# --- responses -------------------------------------------------------------------------------


def _checked_response(
    concern: PublicConcern, *, text: str, responded_on: date, documents, interpretations
) -> tuple[str, set[int], set[int]]:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError(_("请填写回应内容。"))
    if len(text) > rules.TEXT_MAX_LENGTH:
        raise ValidationError(_("回应内容过长。"))
    if responded_on < concern.raised_on:
        raise ValidationError(_("回应日期不能早于提出日期。"))
    document_ids = {d.pk for d in documents}
    interpretation_ids = {i.pk for i in interpretations}
    if public_documents().filter(pk__in=document_ids).count() != len(document_ids) or (
        public_interpretations().filter(pk__in=interpretation_ids).count()
        != len(interpretation_ids)
    ):
        raise ValidationError(_("只能关联已公开的文件和解读。"))
    return text, document_ids, interpretation_ids


@transaction.atomic
def response_save(
    *,
    concern: PublicConcern,
    user,
    text: str,
    responded_on: date,
    documents=(),
    interpretations=(),
) -> ConcernResponse:
    """Draft a response, linking the published documents and interpretations it rests on."""
    _require(permissions.can_change(user, concern), _("您没有回应该关切事项的权限。"))
    text, document_ids, interpretation_ids = _checked_response(
        concern,
        text=text,
        responded_on=responded_on,
        documents=documents,
        interpretations=interpretations,
    )
    response = ConcernResponse.objects.create(
        concern=concern, text=text, responded_on=responded_on, created_by=user
    )
    response.documents.set(document_ids)
    response.interpretations.set(interpretation_ids)
    audit.record(
        actor=user,
        action="concern.response_save",
        obj=concern,
        after={"response": response.pk, "responded_on": responded_on},
    )
    return response


def _locked_draft(response: ConcernResponse) -> ConcernResponse:
    """The response read again under a row lock: a publication and an edit never cross."""
    response = ConcernResponse.objects.select_for_update().get(pk=response.pk)
    if response.is_published:
        raise ValidationError(_("该回应已发布，不能再修改或退回。"))
    return response


def _response_snapshot(response: ConcernResponse) -> dict:
    return {
        "response": response.pk,
        "text": response.text,
        "responded_on": response.responded_on,
        "documents": sorted(response.documents.values_list("pk", flat=True)),
        "interpretations": sorted(response.interpretations.values_list("pk", flat=True)),
        "return_reason": response.return_reason,
    }


@transaction.atomic
def response_edit(
    *,
    response: ConcernResponse,
    user,
    text: str,
    responded_on: date,
    documents=(),
    interpretations=(),
) -> ConcernResponse:
    """修改回应草稿: the lead department edits a draft before it is published; a draft sent
    back is thereby resubmitted (its return is cleared) for the head or the office."""
    concern = response.concern
    _require(permissions.can_change(user, concern), _("您没有回应该关切事项的权限。"))
    response = _locked_draft(response)
    text, document_ids, interpretation_ids = _checked_response(
        concern,
        text=text,
        responded_on=responded_on,
        documents=documents,
        interpretations=interpretations,
    )
    before = _response_snapshot(response)
    response.text, response.responded_on = text, responded_on
    response.returned_at, response.return_reason = None, ""
    response.save(update_fields=["text", "responded_on", "returned_at", "return_reason"])
    response.documents.set(document_ids)
    response.interpretations.set(interpretation_ids)
    audit.record(
        actor=user,
        action="concern.response_edit",
        obj=concern,
        before=before,
        after=_response_snapshot(response),
    )
    return response


@transaction.atomic
def response_return(*, response: ConcernResponse, user, reason: str) -> ConcernResponse:
    """退回修改: the head or the office sends a draft back with the reason; it cannot be
    published until the department has edited it."""
    concern = response.concern
    _require(permissions.can_publish(user, concern), _("您没有审核回应的权限。"))
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError(_("请填写退回理由。"))
    if len(reason) > rules.REASON_MAX_LENGTH:
        raise ValidationError(_("退回理由过长。"))
    response = _locked_draft(response)
    response.returned_at, response.return_reason = timezone.now(), reason
    response.save(update_fields=["returned_at", "return_reason"])
    audit.record(
        actor=user,
        action="concern.response_return",
        obj=concern,
        after={"response": response.pk, "reason": reason},
    )
    return response


@transaction.atomic
def response_publish(*, response: ConcernResponse, user) -> ConcernResponse:
    """发布回应: on the portal at once; an open concern becomes responded."""
    concern = response.concern
    _require(permissions.can_publish(user, concern), _("您没有发布回应的权限。"))
    response = ConcernResponse.objects.select_for_update().get(pk=response.pk)
    if response.is_published:
        raise ValidationError(_("该回应已发布。"))
    if response.is_returned:
        raise ValidationError(_("该回应已退回修改，须由起草部门修改后重新提交。"))
    response.published_at = timezone.now()
    response.published_by = user
    response.save(update_fields=["published_at", "published_by"])
    before = _snapshot(concern)
    if concern.state == ConcernState.OPEN:
        concern.state = ConcernState.RESPONDED
        concern.save(update_fields=["state"])
    audit.record(
        actor=user,
        action="concern.response_publish",
        obj=concern,
        before=before,
        after={**_snapshot(concern), "response": response.pk},
    )
    _drop_pages(concern)
    return response


# --- risk assessments ------------------------------------------------------------------------


@transaction.atomic
def assessment_save(
    *,
    user,
    document,
    risk_level: str,
    analysis: str,
    response_plan: str,
    assessed_on: date,
    assessment: RiskAssessment | None = None,
) -> RiskAssessment:
    """舆情风险评估 of a document by its department; a changed assessment needs approving
    again."""
    _require(permissions.can_assess(user, document), _("您没有评估该文件的权限。"))
    if assessment is not None and assessment.document_id != document.pk:
        raise ValidationError(_("风险评估与文件不符。"))
    if risk_level not in RiskLevel.values:
        raise ValidationError(_("请选择风险等级。"))
    if not (analysis or "").strip() or not (response_plan or "").strip():
        raise ValidationError(_("请填写风险研判和应对处置预案。"))
    if assessed_on > timezone.localdate():
        raise ValidationError(_("评估日期不能晚于今天。"))
    before = _assessment_snapshot(assessment) if assessment else None
    assessment = assessment or RiskAssessment(document=document)
    assessment.risk_level = risk_level
    assessment.analysis = analysis.strip()
    assessment.response_plan = response_plan.strip()
    assessment.assessed_on = assessed_on
    assessment.assessor = user
    assessment.approved_by = None
    assessment.approved_at = None
    assessment.save()
    audit.record(
        actor=user,
        action="risk_assessment.save",
        obj=assessment,
        before=before,
        after=_assessment_snapshot(assessment),
    )
    return assessment


@transaction.atomic
def assessment_approve(*, assessment: RiskAssessment, user) -> RiskAssessment:
    """审核: by the department's head or the office, never by its own assessor."""
    _require(permissions.can_approve(user, assessment), _("您没有审核该风险评估的权限。"))
    if assessment.is_approved:
        raise ValidationError(_("该风险评估已审核。"))
    if not rules.may_approve_assessment(assessor_id=assessment.assessor_id, approver_id=user.pk):
        raise ValidationError(_("风险评估须由评估人以外的人员审核。"))
    before = _assessment_snapshot(assessment)
    assessment.approved_by = user
    assessment.approved_at = timezone.now()
    assessment.save(update_fields=["approved_by", "approved_at"])
    audit.record(
        actor=user,
        action="risk_assessment.approve",
        obj=assessment,
        before=before,
        after=_assessment_snapshot(assessment),
    )
    return assessment


def _assessment_snapshot(assessment: RiskAssessment) -> dict:
    return {
        "document": assessment.document_id,
        "risk_level": assessment.risk_level,
        "assessor": assessment.assessor_id,
        "assessed_on": assessment.assessed_on,
        "approved_by": assessment.approved_by_id,
    }
