"""Back-office views of annual reports: create and edit through the services, review, refresh,
publish, download.

Create and edit are Wagtail's snippet views with their saving routed through
gongkai.reports.services; review/publish and download are plain views under the snippet's URLs.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views import snippets

from gongkai.core.permissions import DepartmentPermissionPolicy
from gongkai.reports import services
from gongkai.reports.forms import LiveFiguresForm, PublishForm
from gongkai.reports.models import AnnualReport
from gongkai.reports.selectors import live_report, report_page_context, report_problems
from gongkai.reports.views import export_response

permission_policy = DepartmentPermissionPolicy(AnnualReport)
URL_NAMESPACE = "wagtailsnippets_reports_annualreport"


def review_url(report: AnnualReport) -> str:
    return reverse(f"{URL_NAMESPACE}:review", args=[report.pk])


class ServiceErrorsOnTheForm:
    """A ValidationError raised by a service (e.g. a request record the tables cannot count)
    is shown on the form instead of failing the request."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class IndexView(snippets.IndexView):
    """The list of reports, with a button to the running figures of the current year."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("本年实时数据"), url=reverse(f"{URL_NAMESPACE}:live"), icon_name="table"
            ),
        ]


class CreateView(ServiceErrorsOnTheForm, snippets.CreateView):
    """新建草稿 through ``annual_report_create_draft``, then straight to its edit form.

    No preview here: the report's tables are computed once the draft exists."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.preview_enabled = False

    def save_instance(self):
        data = self.form.cleaned_data
        return services.annual_report_create_draft(
            year=data["year"], department=data.get("department"), user=self.request.user
        )

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])


class EditView(ServiceErrorsOnTheForm, snippets.EditView):
    """Sections and table 二 figures through ``annual_report_update``; a published report is
    read-only, so its edit URL leads to the review page."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.is_published:
            messages.info(request, _("该报告已发布，不能再修改。"))
            return redirect(review_url(self.object))
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        data = self.form.cleaned_data
        return services.annual_report_update(
            report=self.object,
            user=self.request.user,
            overview=data["overview"],
            problems=data["problems"],
            other_matters=data["other_matters"],
            entered=self.form.entered(),
        )


class DeleteView(snippets.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.is_published:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _report_for(request, pk: int, action: str) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("department"), pk=pk)
    actions = ["change", "view"] if action == "view" else [action]
    if not permission_policy.user_has_any_permission_for_instance(request.user, actions, report):
        raise PermissionDenied
    return report


def review(request, pk: int):
    """核对与发布: the report as it will be published, its problems, refresh and publish."""
    report = _report_for(request, pk, "view")
    form = PublishForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "refresh":
            return _refresh(request, _report_for(request, pk, "change"))
        if action == "publish":
            form = PublishForm(request.POST)
            response = _publish(request, _report_for(request, pk, "publish"), form)
            if response is not None:
                return response
    user = request.user
    context = report_page_context(report, preview=not report.is_published)
    context.update(
        form=form,
        problems=[] if report.is_published else report_problems(report),
        can_refresh=not report.is_published
        and permission_policy.user_has_permission_for_instance(user, "change", report),
        can_publish=not report.is_published
        and permission_policy.user_has_permission_for_instance(user, "publish", report),
        downloads=[
            (label, reverse(f"{URL_NAMESPACE}:download", args=[report.pk, fmt]))
            for fmt, label in (("docx", "Word (.docx)"), ("xlsx", "Excel (.xlsx)"))
        ],
        edit_url=reverse(f"{URL_NAMESPACE}:edit", args=[report.pk]),
        list_url=reverse(f"{URL_NAMESPACE}:list"),
    )
    return TemplateResponse(request, "reports/admin/review.html", context)


def _refresh(request, report: AnnualReport):
    try:
        services.annual_report_refresh(report=report, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已重新统计。"))
    return redirect(review_url(report))


def _publish(request, report: AnnualReport, form: PublishForm):
    """Publish, or None to show the review page again with the form's or the checks' errors."""
    if not form.is_valid():
        return None
    try:
        services.annual_report_publish(report=report, user=request.user)
    except services.PublishRefused:
        messages.error(
            request,
            _("发布前检查未通过，报告未发布。"),
        )
        return None
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("年度报告已发布。"))
    return redirect(review_url(report))


def download(request, pk: int, fmt: str):
    """The report (a draft too, for circulating it before publication) as .docx or .xlsx."""
    return export_response(_report_for(request, pk, "view"), fmt)


def live(request):
    """实时数据: a year's tables (the current year's by default, which is not over) computed now
    from the current data, for a body the user may read; nothing is saved."""
    if not permission_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    today = timezone.localdate()
    form = LiveFiguresForm(request.GET or None, user=request.user, today=today)
    bodies = form.fields["department"]
    year, department = today.year, bodies.queryset.first() if bodies.required else None
    if form.is_bound and form.is_valid():
        year, department = form.cleaned_data["year"], form.cleaned_data["department"]
    if not permission_policy.user_has_permission_for_instance(
        request.user, "view", AnnualReport(year=year, department=department)
    ):
        raise PermissionDenied
    figures = live_report(year=year, department=department)
    context = report_page_context(figures.report, preview=True)
    context.update(form=form, saved=figures.saved, list_url=reverse(f"{URL_NAMESPACE}:list"))
    return TemplateResponse(request, "reports/admin/live.html", context)
