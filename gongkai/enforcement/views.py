"""The public 行政执法公示 pages: decisions (list with filters, one decision, the withdrawal
notice left in place of a withdrawn one), item lists with their versions and changes, inspection
plans with their published inputs, draw, verification and results (cached pages, tagged for
exact invalidation), and the feedback form (not cached: it carries a CSRF token)."""

import json

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from gongkai.accounts import tokens
from gongkai.accounts.views import rate_limited
from gongkai.core.addresses import client_address
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag
from gongkai.core.paging import BoundedPaginator
from gongkai.enforcement import limits, selectors, services, spreadsheets
from gongkai.enforcement.forms import FeedbackForm
from gongkai.enforcement.models import (
    Decision,
    InspectionPlan,
    ItemListVersion,
    Kind,
    Status,
)

PAGE_SIZE = 20
SECTION = "enforcement"


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_safe
@public_page(list_tag(Decision), list_tag(Department))
def decision_list(request):
    filters = {
        "department": _int(request.GET.get("department")),
        "kind": request.GET.get("kind", "") if request.GET.get("kind") in Kind.values else "",
        "year": _int(request.GET.get("year")),
        "q": request.GET.get("q", "").strip()[:100],
    }
    decisions = selectors.public_decisions(**filters)
    number = _int(request.GET.get("page"))
    page = BoundedPaginator(decisions, PAGE_SIZE, number=number).get_page(number)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page_obj": page,
        "filters": filters,
        "query": query.urlencode(),
        "kinds": Kind.choices,
        "departments": selectors.public_decision_departments(),
        "section": SECTION,
    }
    return render(request, "enforcement/decision_list.html", context)


@require_safe
@public_page()
def decision_detail(request, pk: int):
    decision = get_object_or_404(
        Decision.objects.select_related("department"),
        pk=pk,
        status__in=[Status.PUBLISHED, Status.WITHDRAWN],
    )
    tag(request, obj_tag(decision), obj_tag(decision.department))
    if decision.status == Status.WITHDRAWN:
        context = {"decision": decision, "section": SECTION}
        return render(request, "enforcement/decision_withdrawn.html", context, status=410)
    return render(request, "enforcement/decision.html", {"decision": decision, "section": SECTION})


@never_cache
def feedback(request, pk: int):
    decision = get_object_or_404(Decision, pk=pk, status=Status.PUBLISHED)
    context = {"decision": decision, "section": SECTION}
    if request.method != "POST":
        context["form"] = FeedbackForm(initial={"nonce": tokens.new_nonce()})
        return render(request, "enforcement/feedback.html", context)
    subject = client_address(request)
    if not limits.FEEDBACK.allowed(subject):
        return rate_limited(request, limits.FEEDBACK)
    form = context["form"] = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "enforcement/feedback.html", context, status=400)
    try:
        submission = services.feedback_submit(decision=decision, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, " ".join(error.messages))
        return render(request, "enforcement/feedback.html", context, status=400)
    if submission.created:
        limits.FEEDBACK.count(subject)
    context["feedback"] = submission.feedback
    return render(request, "enforcement/feedback_done.html", context)


@require_safe
@public_page(list_tag(ItemListVersion), list_tag(Department))
def item_departments(request):
    context = {"departments": selectors.departments_with_lists(), "section": SECTION}
    return render(request, "enforcement/item_departments.html", context)


def _version(request, department_id: int) -> tuple[Department, list, ItemListVersion]:
    department = get_object_or_404(Department, pk=department_id)
    versions = selectors.list_versions(department)
    if not versions:
        raise Http404
    number = _int(request.GET.get("version"))
    chosen = next((v for v in versions if v.number == number), versions[0])
    return department, versions, chosen


@require_safe
@public_page(list_tag(ItemListVersion))
def items(request, department_id: int):
    department, versions, version = _version(request, department_id)
    tag(request, obj_tag(department))
    current = list(version.items.prefetch_related("basis_documents"))
    # Each item links its basis documents by title: a retitled or withdrawn one drops the page.
    tag(request, *(obj_tag(doc) for item in current for doc in item.basis_documents.all()))
    previous = next((v for v in versions if v.number < version.number), None)
    changes = selectors.changes(list(previous.items.all()), current) if previous else []
    context = {
        "department": department,
        "versions": versions,
        "version": version,
        "items": current,
        "previous": previous,
        "changes": changes,
        "section": SECTION,
    }
    return render(request, "enforcement/items.html", context)


@require_safe
@public_page(list_tag(ItemListVersion))
def items_export(request, department_id: int, fmt: str):
    department, _versions, version = _version(request, department_id)
    tag(request, obj_tag(department))
    rows = version.items.all()
    name = f"enforcement-items-{department.code}-v{version.number}"
    if fmt == "xlsx":
        response = HttpResponse(
            spreadsheets.items_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "csv":
        response = HttpResponse(
            spreadsheets.items_csv(rows), content_type="text/csv; charset=utf-8"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_safe
@public_page(list_tag(InspectionPlan), list_tag(Department))
def plan_list(request):
    context = {"plans": selectors.public_plans(), "section": SECTION}
    return render(request, "enforcement/plan_list.html", context)


def _public_plan(request, pk: int) -> InspectionPlan:
    plan = selectors.public_plans().filter(pk=pk).first()
    if plan is None:
        raise Http404
    tag(request, obj_tag(plan), obj_tag(plan.department))
    return plan


@require_safe
@public_page()
def plan_detail(request, pk: int):
    plan = _public_plan(request, pk)
    context = {"plan": plan, "results": plan.results.all(), "section": SECTION}
    return render(request, "enforcement/plan.html", context)


@require_safe
@public_page()
def plan_json(request, pk: int):
    plan = _public_plan(request, pk)
    body = json.dumps(services.plan_export(plan), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.json"'
    return response


@require_safe
@public_page()
def plan_verify(request, pk: int):
    """Re-run the draw from the published inputs and show each check."""
    plan = _public_plan(request, pk)
    english = get_language().startswith("en")
    checks = [
        (check.ok, check.message_en if english else check.message_zh)
        for check in services.plan_verify(plan)
    ]
    context = {"plan": plan, "checks": checks, "section": SECTION}
    context["all_ok"] = all(ok for ok, _message in checks)
    return render(request, "enforcement/verify.html", context)
