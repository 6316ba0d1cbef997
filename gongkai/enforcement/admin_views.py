"""Back office (Wagtail admin, menu 行政执法公示): the queue of what is due, decisions (the full
record beside its public version, publish, revoke and withdraw), imports, item lists, feedback,
inspection plans (commitment, draw, results) and statistics. Department-scoped; every write goes
through ``services``."""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import audit
from gongkai.core.permissions import acts_for_department
from gongkai.core.roles import sees_all_departments
from gongkai.enforcement import selectors, services, spreadsheets
from gongkai.enforcement.forms import (
    DecisionForm,
    DecisionImportForm,
    ItemListImportForm,
    PlanForm,
    ReplyForm,
    ResultForm,
    RevokeForm,
)
from gongkai.enforcement.models import (
    Decision,
    Feedback,
    InspectionPlan,
    ItemListVersion,
    Kind,
    PlanStatus,
    Status,
)

PAGE_SIZE = 50


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _scoped(user, obj) -> None:
    _require(acts_for_department(user, obj.department_id))


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _form_page(request, form, *, title, submit, multipart=False, status=200):
    context = {"form": form, "title": title, "submit": submit, "multipart": multipart}
    return TemplateResponse(request, "enforcement/admin/form.html", context, status=status)


# --- queue -------------------------------------------------------------------------------------


def queue(request):
    """逾期和即将到期: decisions to publish, withdrawals, feedback to answer."""
    _require(request.user.has_perm("enforcement.view_decision"))
    today = timezone.localdate()
    rows = selectors.queue(today=today, due_by=today + timedelta(days=7), user=request.user)
    return TemplateResponse(request, "enforcement/admin/queue.html", {"rows": rows})


# --- decisions ---------------------------------------------------------------------------------


def decision_list(request):
    _require(request.user.has_perm("enforcement.view_decision"))
    decisions = selectors.for_user(Decision.objects.select_related("department"), request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        decisions = decisions.filter(status=status)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "status": status, "statuses": Status.choices}
    return TemplateResponse(request, "enforcement/admin/decision_list.html", context)


def decision_edit(request, pk: int | None = None):
    decision = get_object_or_404(Decision, pk=pk) if pk else Decision()
    if pk:
        _scoped(request.user, decision)
        _require(request.user.has_perm("enforcement.change_decision"))
        if decision.status != Status.DRAFT:
            messages.error(request, _("已公开的决定不能修改；如有变更，请先撤回。"))
            return redirect("enforcement_admin:decision", pk)
    else:
        _require(request.user.has_perm("enforcement.add_decision"))
    form = DecisionForm(request.POST or None, instance=decision, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_save(form.save(commit=False), user=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("执法决定已保存。"))
            return redirect("enforcement_admin:decision", decision.pk)
    context = {"form": form, "decision": decision if pk else None}
    return TemplateResponse(request, "enforcement/admin/decision_form.html", context)


def decision_detail(request, pk: int):
    decision = get_object_or_404(Decision.objects.select_related("department", "item"), pk=pk)
    _scoped(request.user, decision)
    _require(request.user.has_perm("enforcement.view_decision"))
    english = get_language().startswith("en")
    explanation = services.explain_deadline(decision)
    context = {
        "decision": decision,
        "explanation": explanation.lines("en" if english else "zh"),
        "summary": explanation.summary("en" if english else "zh", start_label=_("决定")),
        "problems": services.publication_problems(decision)
        if decision.status == Status.DRAFT
        else [],
        "can_publish": request.user.has_perm("enforcement.publish_decision"),
        "revoke_form": RevokeForm(initial={"event_on": timezone.localdate()}),
        "feedback": decision.feedback.all(),
        "history": audit.history(decision),
        "english": english,
    }
    return TemplateResponse(request, "enforcement/admin/decision.html", context)


def _decision_action(request, pk: int, act, success: str):
    """Run ``act(decision)`` for a publisher of the decision's department; its refusal
    (ValidationError) is shown as messages."""
    decision = get_object_or_404(Decision, pk=pk)
    _scoped(request.user, decision)
    _require(request.user.has_perm("enforcement.publish_decision"))
    try:
        act(decision)
        messages.success(request, success)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("enforcement_admin:decision", pk)


@require_POST
def decision_publish(request, pk: int):
    def publish(decision):
        services.decision_publish(decision, user=request.user)

    return _decision_action(request, pk, publish, _("执法决定已公开。"))


@require_POST
def decision_revoke(request, pk: int):
    def revoke(decision):
        form = RevokeForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("请填写撤回原因和日期。"))
        services.decision_revoke(decision, user=request.user, **form.cleaned_data)

    return _decision_action(request, pk, revoke, _("已登记撤销情况。"))


@require_POST
def decision_take_down(request, pk: int):
    def take_down(decision):
        services.decision_take_down(decision, user=request.user)

    return _decision_action(request, pk, take_down, _("执法决定已从公示平台撤回。"))


def decision_import(request):
    _require(request.user.has_perm("enforcement.add_decision"))
    form = DecisionImportForm(request.POST or None, request.FILES or None, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        department = form.cleaned_data["department"]
        _require(acts_for_department(request.user, department.pk))
        result = spreadsheets.read_decisions(
            form.cleaned_data["file"], department=department, user=request.user
        )
        if not result.errors:
            messages.success(
                request, _("已导入 %(count)s 个执法决定。") % {"count": len(result.rows)}
            )
            return redirect("enforcement_admin:decisions")
    context = {
        "form": form,
        "result": result,
        "title": _("导入执法决定"),
        "columns": [(label, _(label)) for _n, label in spreadsheets.DECISION_COLUMNS],
    }
    return TemplateResponse(request, "enforcement/admin/import.html", context)


# --- feedback ----------------------------------------------------------------------------------


def feedback_reply(request, pk: int):
    feedback = get_object_or_404(Feedback.objects.select_related("decision"), pk=pk)
    _scoped(request.user, feedback.decision)
    _require(request.user.has_perm("enforcement.change_feedback"))
    form = ReplyForm(request.POST or None, initial={"reply": feedback.reply})
    if request.method == "POST" and form.is_valid():
        services.feedback_reply(feedback, user=request.user, reply=form.cleaned_data["reply"])
        messages.success(request, _("答复已保存。"))
        return redirect("enforcement_admin:decision", feedback.decision_id)
    context = {"form": form, "feedback": feedback}
    return TemplateResponse(request, "enforcement/admin/feedback.html", context)


# --- item lists --------------------------------------------------------------------------------


def item_lists(request):
    _require(request.user.has_perm("enforcement.view_itemlistversion"))
    versions = selectors.for_user(
        ItemListVersion.objects.select_related("department"), request.user
    )
    context = {
        "versions": versions,
        "can_add": request.user.has_perm("enforcement.add_itemlistversion"),
    }
    return TemplateResponse(request, "enforcement/admin/item_lists.html", context)


def item_list_import(request):
    _require(request.user.has_perm("enforcement.add_itemlistversion"))
    form = ItemListImportForm(request.POST or None, request.FILES or None, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        result = spreadsheets.read_items(form.cleaned_data["file"])
        if not result.errors:
            version = services.item_list_publish(
                department=form.cleaned_data["department"],
                rows=result.rows,
                note=form.cleaned_data["note"],
                user=request.user,
            )
            messages.success(
                request,
                _("已发布第 %(number)s 版，共 %(count)s 项。")
                % {"number": version.number, "count": len(result.rows)},
            )
            return redirect("enforcement_admin:item_lists")
    context = {
        "form": form,
        "result": result,
        "title": _("导入执法事项清单"),
        "columns": [(label, _(label)) for _n, label in spreadsheets.ITEM_COLUMNS],
    }
    return TemplateResponse(request, "enforcement/admin/import.html", context)


# --- inspection plans --------------------------------------------------------------------------


def plan_list(request):
    _require(request.user.has_perm("enforcement.view_inspectionplan"))
    plans = selectors.for_user(InspectionPlan.objects.select_related("department"), request.user)
    context = {"plans": plans, "can_add": request.user.has_perm("enforcement.add_inspectionplan")}
    return TemplateResponse(request, "enforcement/admin/plan_list.html", context)


def plan_edit(request, pk: int | None = None):
    plan = get_object_or_404(InspectionPlan, pk=pk) if pk else InspectionPlan()
    if pk:
        _scoped(request.user, plan)
        _require(request.user.has_perm("enforcement.change_inspectionplan"))
    else:
        _require(request.user.has_perm("enforcement.add_inspectionplan"))
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_save(form.save(commit=False), user=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("抽查计划已保存。"))
            return redirect("enforcement_admin:plan", plan.pk)
    title = _("修改抽查计划") if pk else _("新建抽查计划")
    return _form_page(request, form, title=title, submit=_("保存"))


def plan_detail(request, pk: int):
    plan = get_object_or_404(InspectionPlan.objects.select_related("department"), pk=pk)
    _scoped(request.user, plan)
    _require(request.user.has_perm("enforcement.view_inspectionplan"))
    drawn = [row["entity"] for row in plan.result]
    context = {
        "plan": plan,
        "checks": services.plan_verify(plan) if plan.status == PlanStatus.DRAWN else [],
        "can_draw": request.user.has_perm("enforcement.draw_inspectionplan"),
        "result_form": ResultForm(entities=drawn) if drawn else None,
        "results": plan.results.all(),
        "english": get_language().startswith("en"),
    }
    return TemplateResponse(request, "enforcement/admin/plan.html", context)


@require_POST
def plan_action(request, pk: int, action: str):
    plan = get_object_or_404(InspectionPlan, pk=pk)
    _scoped(request.user, plan)
    _require(request.user.has_perm("enforcement.draw_inspectionplan"))
    step = {"commit": services.plan_commit, "draw": services.plan_draw}.get(action)
    if step is None:
        raise PermissionDenied
    try:
        step(plan, user=request.user)
        messages.success(request, _("承诺已公布。") if action == "commit" else _("已完成抽取。"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("enforcement_admin:plan", pk)


@require_POST
def plan_result(request, pk: int):
    plan = get_object_or_404(InspectionPlan, pk=pk)
    _scoped(request.user, plan)
    _require(request.user.has_perm("enforcement.change_inspectionplan"))
    form = ResultForm(request.POST, entities=[row["entity"] for row in plan.result])
    if form.is_valid():
        services.result_record(plan, user=request.user, **form.cleaned_data)
        messages.success(request, _("检查结果已公开。"))
    else:
        messages.error(request, _("请完整填写检查结果。"))
    return redirect("enforcement_admin:plan", pk)


def plan_export(request, pk: int):
    plan = get_object_or_404(InspectionPlan.objects.select_related("department"), pk=pk)
    _scoped(request.user, plan)
    _require(request.user.has_perm("enforcement.view_inspectionplan"))
    body = json.dumps(services.plan_export(plan), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.json"'
    return response


# --- statistics --------------------------------------------------------------------------------


def statistics(request):
    _require(request.user.has_perm("enforcement.view_decision"))
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year - 1
    rows = selectors.statistics(year=year)
    if not (request.user.is_superuser or sees_all_departments(request.user)):
        rows = [r for r in rows if acts_for_department(request.user, r["department_id"])]
    labels = dict(Kind.choices)
    for row in rows:
        row["kind_label"] = labels.get(row["kind"], row["kind"])
    context = {"rows": rows, "year": year}
    return TemplateResponse(request, "enforcement/admin/statistics.html", context)
