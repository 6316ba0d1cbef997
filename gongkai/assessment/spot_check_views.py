"""Back office (menu 考核 › 抽查): the spot checks, a new one (its population committed), the
draw, the items drawn with their findings, a finding recorded on an item, and the
rectification list (整改跟踪) with what is overdue marked, where a department reports its
rectification and the assessor closes it (销号)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.assessment import selectors, services
from gongkai.assessment.models import (
    FindingStatus,
    Scope,
    Severity,
    SpotCheck,
    SpotCheckFinding,
    SpotCheckItem,
)
from gongkai.core.permissions import acts_for_department


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class SpotCheckForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("抽查名称"), max_length=200)
    scope = forms.ChoiceField(label=gettext_lazy("抽查范围"), choices=Scope.choices)
    sample_size = forms.IntegerField(
        label=gettext_lazy("每个部门抽取数"), min_value=1, max_value=100, initial=3
    )


class FindingForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("问题描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    severity = forms.ChoiceField(label=gettext_lazy("严重程度"), choices=Severity.choices)
    owner = forms.ModelChoiceField(label=gettext_lazy("整改责任人"), queryset=None)
    deadline = forms.DateField(
        label=gettext_lazy("整改期限"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, item: SpotCheckItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.rectification_owners(item.department_id)


class RectifyForm(forms.Form):
    rectification = forms.CharField(
        label=gettext_lazy("整改情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("销号意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


def spot_checks(request):
    _require(request, "assessment.view_spotcheck")
    context = {
        "checks": selectors.spot_checks(),
        "can_draw": request.user.has_perm("assessment.add_spotcheck"),
    }
    return TemplateResponse(request, "assessment/admin/spot_checks.html", context)


def spot_check_new(request):
    _require(request, "assessment.add_spotcheck")
    form = SpotCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.spot_check_commit(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已公布抽查对象名录和种子承诺值，可以抽取了。"))
            return redirect("assessment_spot:detail", check.pk)
    return TemplateResponse(request, "assessment/admin/spot_check_new.html", {"form": form})


def spot_check(request, pk: int):
    _require(request, "assessment.view_spotcheck")
    check = get_object_or_404(SpotCheck, pk=pk)
    context = {
        "check": check,
        "items": selectors.spot_check_items(check, request.user),
        "can_draw": request.user.has_perm("assessment.add_spotcheck"),
        "can_record": request.user.has_perm("assessment.add_spotcheckfinding"),
    }
    return TemplateResponse(request, "assessment/admin/spot_check.html", context)


@require_POST
def spot_check_draw(request, pk: int):
    _require(request, "assessment.add_spotcheck")
    check = get_object_or_404(SpotCheck, pk=pk)
    try:
        services.spot_check_draw(spot_check=check, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已抽取。抽取结果和种子已公开，任何人都可以验证。"))
    return redirect("assessment_spot:detail", check.pk)


def finding_new(request, pk: int):
    _require(request, "assessment.add_spotcheckfinding")
    item = get_object_or_404(
        SpotCheckItem.objects.select_related("spot_check", "department"), pk=pk
    )
    form = FindingForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.spot_finding_record(item=item, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已记录问题。"))
            return redirect("assessment_spot:detail", item.spot_check_id)
    context = {"item": item, "form": form}
    return TemplateResponse(request, "assessment/admin/spot_finding_new.html", context)


def findings(request):
    _require(request, "assessment.view_spotcheckfinding")
    status = request.GET.get("status", "")
    if status not in FindingStatus.values:
        status = ""
    context = {
        "findings": selectors.spot_findings_for_user(request.user, status=status),
        "statuses": FindingStatus.choices,
        "status": status,
    }
    return TemplateResponse(request, "assessment/admin/spot_findings.html", context)


def _may_rectify(user, finding: SpotCheckFinding) -> bool:
    return user.has_perm("assessment.rectify_spotcheckfinding") and acts_for_department(
        user, finding.item.department_id
    )


def finding(request, pk: int):
    _require(request, "assessment.view_spotcheckfinding")
    found = selectors.spot_finding_for_user(request.user, pk)
    open_ = found.status == FindingStatus.OPEN
    rectified = found.status == FindingStatus.RECTIFIED
    context = {
        "finding": found,
        "rectify_form": RectifyForm() if open_ and _may_rectify(request.user, found) else None,
        "close_form": CloseForm()
        if rectified and request.user.has_perm("assessment.close_spotcheckfinding")
        else None,
    }
    return TemplateResponse(request, "assessment/admin/spot_finding.html", context)


def _act(request, pk: int, form_class, act, done: str):
    found = selectors.spot_finding_for_user(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("assessment_spot:finding", found.pk)
    try:
        act(found, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("assessment_spot:finding", found.pk)


@require_POST
def finding_rectify(request, pk: int):
    _require(request, "assessment.rectify_spotcheckfinding")
    return _act(
        request,
        pk,
        RectifyForm,
        lambda found, data: services.spot_finding_rectify(finding=found, user=request.user, **data),
        _("已报告整改情况，等待销号。"),
    )


@require_POST
def finding_close(request, pk: int):
    _require(request, "assessment.close_spotcheckfinding")
    return _act(
        request,
        pk,
        CloseForm,
        lambda found, data: services.spot_finding_close(finding=found, user=request.user, **data),
        _("已销号。"),
    )
