"""Back office (Wagtail admin, menu 网站自查): the latest check's findings by department, with
a link to fix each one, and a check run on demand (on the worker)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder

from gongkai.assessment import selectors
from gongkai.assessment.tasks import run_health_check_now


def findings(request):
    if not request.user.has_perm("assessment.view_healthcheck"):
        raise PermissionDenied
    check = selectors.latest_check()
    groups = []
    if check is not None:
        found = list(selectors.findings_for_user(request.user, check))
        finder = AdminURLFinder(request.user)
        for finding in found:
            target = finding.object
            finding.fix_url = finder.get_edit_url(target) if target is not None else None
        groups = selectors.grouped_by_department(found)
    return TemplateResponse(
        request,
        "assessment/admin/findings.html",
        {
            "check": check,
            "groups": groups,
            "can_run": request.user.has_perm("assessment.add_healthcheck"),
        },
    )


@require_POST
def run(request):
    if not request.user.has_perm("assessment.add_healthcheck"):
        raise PermissionDenied
    run_health_check_now.enqueue(request.user.pk)
    messages.success(request, _("已开始自查，完成后刷新本页查看结果。"))
    return redirect("assessment_admin:findings")
