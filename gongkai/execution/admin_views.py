"""Back office (Wagtail admin, menu 执行公开): dashboard, plans (从文件生成任务, publish),
tasks with their units and reports, the progress form, findings and unit proposals. Every
write goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.fileserve import file_response
from gongkai.core.models import Department
from gongkai.core.permissions import user_department_id
from gongkai.execution import permissions, selectors, services
from gongkai.execution.forms import (
    FindingForm,
    FindingUpdateForm,
    PlanConfirmForm,
    PlanSourceForm,
    ProgressReportForm,
    ProposalDecisionForm,
    TaskForm,
    tasks_digest,
)
from gongkai.execution.models import Evidence, Finding, Plan, Task, UnitProposal
from gongkai.execution.selectors import TaskRow


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _form_page(request, form, *, title: str, subtitle: str = "", submit: str, multipart=False):
    return TemplateResponse(
        request,
        "execution/admin/form.html",
        {
            "form": form,
            "title": title,
            "subtitle": subtitle,
            "submit": submit,
            "multipart": multipart,
        },
    )


# --- dashboard ---------------------------------------------------------------------------


def dashboard(request):
    """逾期和即将到期的任务 of the user's scope."""
    _require(permissions.can_view_tasks(request.user))
    rows = selectors.dashboard_rows(request.user, today=timezone.localdate())
    return TemplateResponse(request, "execution/admin/dashboard.html", {"rows": rows})


# --- plans -------------------------------------------------------------------------------


def plan_list(request):
    _require(request.user.has_perm("execution.view_plan"))
    plans = Plan.objects.select_related("document", "lead_department").order_by(
        "-period_start", "-id"
    )
    return TemplateResponse(
        request,
        "execution/admin/plan_list.html",
        {"plans": plans, "can_create": permissions.can_create_plans(request.user)},
    )


def plan_new(request):
    """从文件生成任务: choose the document (step 1), confirm the tasks found (step 2)."""
    _require(permissions.can_create_plans(request.user))
    data = request.POST if request.method == "POST" else None
    initial = {"document": request.GET.get("document")} if request.GET.get("document") else None
    source = PlanSourceForm(data, initial=initial)
    if data is None or not source.is_valid():
        return _form_page(
            request,
            source,
            title=_("从文件生成任务"),
            submit=_("识别任务"),
        )
    document = source.cleaned_data["document"]
    tasks, text = selectors.proposed_tasks(document)
    period_end = source.cleaned_data["period_end"] or selectors.default_period(document)[1]
    confirm = PlanConfirmForm(
        data if "digest" in data else None,
        tasks=tasks,
        default_due=period_end,
        initial={**source.cleaned_data, "digest": tasks_digest(tasks)},
    )
    if "digest" in data and confirm.is_valid():
        response = _create_plan(request, confirm, text)
        if response is not None:
            return response
    return _confirm_page(request, confirm, document, tasks)


def _create_plan(request, form: PlanConfirmForm, text: str):
    data = form.cleaned_data
    try:
        plan = services.plan_create_from_document(
            document=data["document"],
            tasks=form.chosen_tasks(),
            user=request.user,
            title=data["title"] or None,
            period_start=data["period_start"],
            period_end=data["period_end"],
            lead_department=data["lead_department"],
            text=text,
        )
    except ValidationError as error:
        _errors(form, error)
        return None
    messages.success(
        request,
        _("已生成 %(count)s 项任务。") % {"count": plan.tasks.count()},
    )
    return redirect("execution_admin:plan", plan.pk)


def _confirm_page(request, form: PlanConfirmForm, document, tasks):
    directory = selectors.unit_directory()
    matches = [[(unit, directory.match(unit.name)) for unit in task.units] for task in tasks]
    return TemplateResponse(
        request,
        "execution/admin/plan_confirm.html",
        {"form": form, "document": document, "rows": list(zip(form.rows(), matches, strict=True))},
    )


def plan_detail(request, pk: int):
    _require(request.user.has_perm("execution.view_plan"))
    plan = get_object_or_404(Plan.objects.select_related("document", "lead_department"), pk=pk)
    rows = selectors.plan_rows(plan, today=timezone.localdate())
    if not permissions.sees_all_tasks(request.user):
        rows = [row for row in rows if row.concerns(user_department_id(request.user))]
    context = {
        "plan": plan,
        "sections": selectors.sections(rows),
        "proposals": plan.proposals.all(),
        "can_publish": permissions.can_publish_plans(request.user) and not plan.is_published,
    }
    return TemplateResponse(request, "execution/admin/plan.html", context)


@require_POST
def plan_publish(request, pk: int):
    plan = get_object_or_404(Plan.objects.select_related("document"), pk=pk)
    try:
        services.plan_publish(plan=plan, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("执行情况已公开。"))
    return redirect("execution_admin:plan", plan.pk)


# --- tasks -------------------------------------------------------------------------------


def task_list(request):
    _require(permissions.can_view_tasks(request.user))
    tasks = selectors.tasks_for_user(request.user).order_by("plan", "sort_order", "id")
    rows = selectors.task_rows(tasks, today=timezone.localdate())
    return TemplateResponse(request, "execution/admin/task_list.html", {"rows": rows})


def _visible_row(request, pk: int) -> TaskRow:
    _require(permissions.can_view_tasks(request.user))
    rows = selectors.task_rows(Task.objects.filter(pk=pk), today=timezone.localdate())
    if not rows:
        raise Http404
    row = rows[0]
    _require(
        permissions.sees_all_tasks(request.user) or row.concerns(user_department_id(request.user))
    )
    return row


def task_detail(request, pk: int):
    row = _visible_row(request, pk)
    user = request.user
    department_id = user_department_id(user)
    context = {
        "row": row,
        "reports": selectors.visible_reports(user, row),
        "can_edit": user.has_perm("execution.change_plan"),
        "can_report": row.concerns(department_id)
        and permissions.can_report_for(user, department_id),
        "can_add_findings": permissions.can_add_findings(user),
        "can_publish_findings": permissions.can_publish_findings(user),
    }
    return TemplateResponse(request, "execution/admin/task.html", context)


def task_edit(request, pk: int):
    """Correct a task or move its deadline (the openness office)."""
    _require(request.user.has_perm("execution.change_plan"))
    task = get_object_or_404(Task.objects.select_related("plan"), pk=pk)
    # The form validates a copy: the service records the task as it was before the change.
    form = TaskForm(request.POST or None, instance=Task.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(task=task, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("任务已更新。"))
            return redirect("execution_admin:task", task.pk)
    return _form_page(request, form, title=_("修改任务"), subtitle=str(task), submit=_("保存"))


def task_report(request, pk: int):
    """进展填报 for the user's own department."""
    row = _visible_row(request, pk)
    department = get_object_or_404(Department, pk=user_department_id(request.user) or 0)
    _require(
        row.concerns(department.pk) and permissions.can_report_for(request.user, department.pk)
    )
    if request.method != "POST":
        form = ProgressReportForm(initial={"reported_on": timezone.localdate()})
    else:
        form = ProgressReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.progress_report_submit(
                    task=row.task, department=department, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("进展已填报。"))
                return redirect("execution_admin:task", row.task.pk)
    return _form_page(
        request,
        form,
        title=_("进展填报"),
        subtitle=f"{row.task} · {department.name}",
        submit=_("提交"),
        multipart=True,
    )


def evidence_download(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    row = _visible_row(request, evidence.report.task_id)
    _require(selectors.visible_reports(request.user, row).filter(pk=evidence.report_id).exists())
    return file_response(request, evidence.file.name, filename=evidence.name, public=False)


# --- findings ----------------------------------------------------------------------------


def finding_new(request, pk: int):
    _require(permissions.can_add_findings(request.user))
    task = get_object_or_404(Task, pk=pk)
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_add(task=task, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("已记录。"))
            return redirect("execution_admin:task", task.pk)
    return _form_page(
        request,
        form,
        title=_("审计、督查发现"),
        subtitle=str(task),
        submit=_("保存"),
    )


def finding_edit(request, pk: int):
    _require(permissions.can_add_findings(request.user))
    finding = get_object_or_404(Finding.objects.select_related("task"), pk=pk)
    # The form validates a copy: the service records the finding as it was before the change.
    form = FindingUpdateForm(request.POST or None, instance=Finding.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_update(finding=finding, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("整改情况已更新。"))
            return redirect("execution_admin:task", finding.task_id)
    return _form_page(
        request,
        form,
        title=_("整改情况"),
        subtitle=str(finding.task),
        submit=_("保存"),
    )


@require_POST
def finding_publish(request, pk: int):
    finding = get_object_or_404(Finding, pk=pk)
    services.finding_publish(finding=finding, user=request.user)
    messages.success(request, _("已公开，随任务在执行公开页面显示。"))
    return redirect("execution_admin:task", finding.task_id)


# --- unit proposals ----------------------------------------------------------------------


def proposal_list(request):
    _require(request.user.has_perm("execution.view_unitproposal"))
    proposals = UnitProposal.objects.select_related("plan", "department").order_by("status", "name")
    return TemplateResponse(
        request,
        "execution/admin/proposals.html",
        {"proposals": proposals, "can_decide": permissions.can_decide_proposals(request.user)},
    )


def proposal_decide(request, pk: int):
    _require(permissions.can_decide_proposals(request.user))
    proposal = get_object_or_404(UnitProposal.objects.select_related("plan"), pk=pk)
    form = ProposalDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _decide(request, proposal, form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            return redirect("execution_admin:proposals")
    return _form_page(
        request,
        form,
        title=_("新单位确认"),
        subtitle=f"{proposal.name} · {proposal.plan}",
        submit=_("确定"),
    )


def _decide(request, proposal: UnitProposal, data: dict) -> None:
    decision = data["decision"]
    if decision == ProposalDecisionForm.REJECT:
        services.unit_proposal_reject(proposal=proposal, user=request.user, reason=data["reason"])
        messages.success(request, _("已驳回。"))
        return
    department = data["department"] if decision == ProposalDecisionForm.MAP else None
    department = services.unit_proposal_confirm(
        proposal=proposal, user=request.user, department=department, add_alias=data["add_alias"]
    )
    messages.success(request, _("已确认为 %(name)s。") % {"name": department.name})
