"""Back office (Wagtail admin, menu 回应关切): the open concerns with their age, a concern with
its responses and the actions its reader may take (edit, draft a response, publish it, close),
and the risk assessments of sensitive documents. Every write goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.concerns import permissions, rules, selectors, services
from gongkai.concerns.forms import (
    AssessmentForm,
    ConcernForm,
    ResponseForm,
    ReturnForm,
    response_initial,
)
from gongkai.concerns.models import ConcernResponse, ConcernState, PublicConcern, RiskAssessment
from gongkai.core.models import Department
from gongkai.documents.models import Document


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _report(request, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def concern_list(request):
    """待回应的关切: oldest first, with the days and working days each has waited."""
    _require(request.user.has_perm("concerns.view_publicconcern"))
    raw = request.GET.get("department", "")
    department_id = int(raw) if raw.isdigit() else None
    rows = selectors.with_age(selectors.open_concerns(request.user, department_id)[:500])
    context = {
        "rows": rows,
        "department_id": department_id,
        "departments": Department.objects.order_by("sort_order", "name"),
        "can_record": request.user.has_perm("concerns.add_publicconcern"),
    }
    return TemplateResponse(request, "concerns/admin/list.html", context)


def concern_new(request):
    _require(request.user.has_perm("concerns.add_publicconcern"))
    form = ConcernForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_record(user=request.user, fields=form.fields_for_service())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("关切事项已登记。"))
            return redirect("concerns_admin:concern", concern.pk)
    return TemplateResponse(request, "concerns/admin/form.html", {"form": form})


def _concern(user, pk: int) -> PublicConcern:
    concern = get_object_or_404(
        PublicConcern.objects.select_related("lead_department", "owner"), pk=pk
    )
    _require(permissions.can_view(user, concern))
    return concern


def concern_edit(request, pk: int):
    concern = _concern(request.user, pk)
    _require(permissions.can_change(request.user, concern))
    form = ConcernForm(
        request.POST or None, user=request.user, initial=ConcernForm.initial_of(concern)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_edit(
                concern=concern, user=request.user, fields=form.fields_for_service()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("关切事项已保存。"))
            return redirect("concerns_admin:concern", concern.pk)
    return TemplateResponse(request, "concerns/admin/form.html", {"form": form, "concern": concern})


def concern_detail(request, pk: int, response_form: ResponseForm | None = None):
    concern = _concern(request.user, pk)
    user = request.user
    can_change = permissions.can_change(user, concern)
    context = {
        "concern": concern,
        "age": selectors.with_age([concern])[0].age,
        "responses": selectors.concern_responses(concern),
        "can_change": can_change,
        "can_respond": can_change and concern.state != ConcernState.CLOSED,
        "can_publish": permissions.can_publish(user, concern),
        "response_form": response_form or ResponseForm(),
        "reason_max_length": rules.REASON_MAX_LENGTH,
    }
    return TemplateResponse(request, "concerns/admin/concern.html", context)


@require_POST
def concern_respond(request, pk: int):
    """起草回应: a draft the head or the office publishes."""
    concern = _concern(request.user, pk)
    _require(permissions.can_change(request.user, concern))
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return concern_detail(request, pk, response_form=form)
    try:
        services.response_save(
            concern=concern,
            user=request.user,
            text=form.cleaned_data["text"],
            responded_on=form.cleaned_data["responded_on"],
            documents=form.documents,
            interpretations=form.interpretations,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return concern_detail(request, pk, response_form=form)
    messages.success(request, _("回应草稿已保存，待审核发布。"))
    return redirect("concerns_admin:concern", concern.pk)


def _draft(user, pk: int) -> ConcernResponse:
    response = get_object_or_404(ConcernResponse.objects.select_related("concern"), pk=pk)
    _require(permissions.can_view(user, response.concern))
    return response


def response_edit(request, pk: int):
    """修改回应草稿: edited (and, when it was sent back, resubmitted) before it is published."""
    response = _draft(request.user, pk)
    concern = response.concern
    _require(permissions.can_change(request.user, concern))
    if response.is_published:
        messages.error(request, _("该回应已发布，不能再修改或退回。"))
        return redirect("concerns_admin:concern", concern.pk)
    form = ResponseForm(request.POST or None, initial=response_initial(response))
    if request.method == "POST" and form.is_valid():
        try:
            services.response_edit(
                response=response,
                user=request.user,
                text=form.cleaned_data["text"],
                responded_on=form.cleaned_data["responded_on"],
                documents=form.documents,
                interpretations=form.interpretations,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("回应草稿已修改，重新提交审核发布。"))
            return redirect("concerns_admin:concern", concern.pk)
    context = {"form": form, "concern": concern, "response": response}
    return TemplateResponse(request, "concerns/admin/response_form.html", context)


@require_POST
def response_return(request, pk: int):
    response = _draft(request.user, pk)
    concern = response.concern
    _require(permissions.can_publish(request.user, concern))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写退回理由。"))
        return redirect("concerns_admin:concern", concern.pk)
    try:
        services.response_return(
            response=response, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("回应已退回起草部门修改。"))
    return redirect("concerns_admin:concern", concern.pk)


@require_POST
def response_publish(request, pk: int):
    response = get_object_or_404(ConcernResponse.objects.select_related("concern"), pk=pk)
    concern = response.concern
    _require(permissions.can_publish(request.user, concern))
    try:
        services.response_publish(response=response, user=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("回应已发布，并在网站公开。"))
    return redirect("concerns_admin:concern", concern.pk)


@require_POST
def concern_close(request, pk: int):
    concern = _concern(request.user, pk)
    _require(permissions.can_change(request.user, concern))
    try:
        services.concern_close(concern=concern, user=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("关切事项已办结。"))
    return redirect("concerns_admin:concern", concern.pk)


# --- risk assessments ------------------------------------------------------------------------


def assessment_list(request):
    """舆情风险评估: the sensitive documents the user may see and their assessments."""
    _require(request.user.has_perm("concerns.view_riskassessment"))
    documents = list(selectors.sensitive_documents(request.user)[:500])
    for document in documents:
        assessments = list(document.risk_assessments.all())
        document.assessment = assessments[0] if assessments else None
        document.can_assess = permissions.can_assess(request.user, document)
        document.can_approve = bool(
            document.assessment
            and not document.assessment.is_approved
            and permissions.can_approve(request.user, document.assessment)
        )
    return TemplateResponse(request, "concerns/admin/assessments.html", {"documents": documents})


def assess(request, pk: int):
    """Write the assessment of a document, or change its latest one (approved again after)."""
    document = get_object_or_404(Document, pk=pk)
    _require(permissions.can_assess(request.user, document))
    latest = document.risk_assessments.order_by("-assessed_on", "-pk").first()
    initial = (
        {
            "risk_level": latest.risk_level,
            "analysis": latest.analysis,
            "response_plan": latest.response_plan,
            "assessed_on": latest.assessed_on,
        }
        if latest
        else {}
    )
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                user=request.user, document=document, assessment=latest, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("风险评估已保存，待审核。"))
            return redirect("concerns_admin:assessments")
    context = {"form": form, "document": document, "assessment": latest}
    return TemplateResponse(request, "concerns/admin/assess.html", context)


@require_POST
def assessment_approve(request, pk: int):
    assessment = get_object_or_404(RiskAssessment.objects.select_related("document"), pk=pk)
    _require(permissions.can_approve(request.user, assessment))
    try:
        services.assessment_approve(assessment=assessment, user=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("风险评估已审核通过。"))
    return redirect("concerns_admin:assessments")
