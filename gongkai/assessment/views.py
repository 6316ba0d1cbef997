"""The public scoreboard (考核结果公开): the published indicators with their definitions and
weights, and each department's scores for a period; the spot checks (抽查) with the inputs
published before their draw, the items drawn, their verification and their JSON. Page-cached;
computing or adjusting scores, and each step of a spot check, drop them (``services``)."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from gongkai.assessment import selectors, services
from gongkai.assessment.models import AssessmentSettings, Indicator, IndicatorResult, SpotCheck
from gongkai.assessment.scoring import Period
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag


@public_page(
    list_tag(IndicatorResult),
    list_tag(Indicator),
    list_tag(Department),
    list_tag(AssessmentSettings),
)
def scoreboard(request):
    periods = selectors.periods_with_results()
    key = request.GET.get("period")
    try:
        period = Period.parse(key) if key else (periods[0] if periods else None)
    except ValueError as error:
        raise Http404 from error
    shown = selectors.indicators(published_only=True, period=period)
    rows = selectors.scoreboard(period, shown) if period else []
    threshold = selectors.notice_threshold()
    listed = {row.department.pk for row in selectors.to_notify(rows, threshold)}
    context = {
        "period": period,
        "periods": periods,
        "indicators": shown,
        "weight_total": selectors.weight_total(shown),
        "columns": list(zip(shown, selectors.applied_weights(rows, shown), strict=True)),
        "rows": [(row, row.cells(shown), row.department.pk in listed) for row in rows],
        "threshold": threshold,
    }
    return render(request, "assessment/scoreboard.html", context)


@require_safe
@public_page(list_tag(SpotCheck))
def spot_check_list(request):
    return render(request, "assessment/spot_checks.html", {"checks": selectors.spot_checks()})


def _spot_check(request, pk: int) -> SpotCheck:
    check = selectors.spot_checks().filter(pk=pk).first()
    if check is None:
        raise Http404
    tag(request, obj_tag(check))
    return check


@require_safe
@public_page()
def spot_check_detail(request, pk: int):
    """The inputs published before the draw (each department's list, its hash, the seed's
    commitment), and once drawn the seed, the items and how many problems each had."""
    check = _spot_check(request, pk)
    context = {
        "check": check,
        "departments": selectors.spot_check_departments(check),
    }
    return render(request, "assessment/spot_check.html", context)


@require_safe
@public_page()
def spot_check_json(request, pk: int):
    check = _spot_check(request, pk)
    body = json.dumps(services.spot_check_export(check), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spot-check-{check.pk}.json"'
    return response


@require_safe
@public_page()
def spot_check_verify(request, pk: int):
    """Re-run every department's draw from the published inputs and show each check."""
    check = _spot_check(request, pk)
    english = get_language().startswith("en")
    checks = [
        (
            found.department,
            found.check.ok,
            found.check.message_en if english else found.check.message_zh,
        )
        for found in services.spot_check_verify(check)
    ]
    context = {"check": check, "checks": checks, "all_ok": all(ok for _, ok, _ in checks)}
    return render(request, "assessment/spot_check_verify.html", context)
