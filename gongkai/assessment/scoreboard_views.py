"""Back office (menu 考核): the scoreboard of a period, the items behind a score with links to
fix them, an assessor's adjustment, a recomputation on demand (on the worker), and the draft
通报 of the departments under the threshold (.docx)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.assessment import notice_docx, selectors, services
from gongkai.assessment.models import AssessmentSettings
from gongkai.assessment.scoring import Period
from gongkai.assessment.tasks import run_indicators_now


class AdjustmentForm(forms.Form):
    points = forms.FloatField(label=gettext_lazy("调整分值"), min_value=-100, max_value=100)
    reason = forms.CharField(
        label=gettext_lazy("调整理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _period(key: str | None) -> Period:
    if not key:
        return Period.quarter_of(timezone.localdate())
    try:
        return Period.parse(key)
    except ValueError as error:
        raise Http404 from error


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _threshold_url(user, period: Period) -> str | None:
    """The back office's form of the 通报 line, for those who may change it; it comes back
    to the board of ``period``."""
    if not user.has_perm("assessment.change_assessmentsettings"):
        return None
    edit = "wagtailsnippets_assessment_assessmentsettings:edit"
    return f"{reverse(edit, args=[AssessmentSettings.load().pk])}?period={period.key}"


def scoreboard(request):
    _require(request, "assessment.view_indicatorresult")
    period = _period(request.GET.get("period"))
    shown = selectors.indicators(period=period)
    rows = selectors.scoreboard(period, shown)
    periods = selectors.periods_with_results()
    if period not in periods:
        periods.insert(0, period)
    threshold = selectors.notice_threshold()
    return TemplateResponse(
        request,
        "assessment/admin/scoreboard.html",
        {
            "period": period,
            "periods": periods,
            "indicators": shown,
            "columns": list(zip(shown, selectors.applied_weights(rows, shown), strict=True)),
            "weight_total": selectors.weight_total(shown),
            "rows": [(row, row.cells(shown)) for row in rows],
            "to_notify": selectors.to_notify(rows, threshold),
            "can_edit_indicators": request.user.has_perm("assessment.change_indicator"),
            "threshold": threshold,
            "threshold_url": _threshold_url(request.user, period),
            "can_run": request.user.has_perm("assessment.add_indicatorresult"),
        },
    )


def notice(request):
    """The draft 通报 of the period as .docx, for whoever reads the scoreboard; with nobody
    under the threshold, back to the board with a word instead of an empty document."""
    _require(request, "assessment.view_indicatorresult")
    period = _period(request.GET.get("period"))
    draft = selectors.notice_draft(period, timezone.localdate())
    if draft is None:
        messages.info(request, _("本期没有低于通报分数线的部门，无需通报。"))
        return redirect(f"{reverse('assessment_scores:board')}?period={period.key}")
    response = HttpResponse(notice_docx.notice_docx(draft), content_type=notice_docx.DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, notice_docx.filename(draft))
    return response


@require_POST
def compute(request):
    _require(request, "assessment.add_indicatorresult")
    period = _period(request.POST.get("period"))
    run_indicators_now.enqueue(period.key)
    messages.success(request, _("已开始计算，完成后刷新本页查看结果。"))
    return redirect(f"{reverse('assessment_scores:board')}?period={period.key}")


def result(request, period: str, department: int, code: str):
    _require(request, "assessment.view_indicatorresult")
    found = selectors.result_for_user(request.user, _period(period), department, code)
    can_adjust = request.user.has_perm("assessment.add_adjustment")
    form = AdjustmentForm(request.POST or None) if can_adjust else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.record_adjustment(result=found, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("已记录调整。"))
                return redirect(request.path)
    return TemplateResponse(
        request,
        "assessment/admin/result.html",
        {
            "result": found,
            "period": _period(period),
            "items": selectors.items_with_links(request.user, found),
            "form": form,
        },
    )
