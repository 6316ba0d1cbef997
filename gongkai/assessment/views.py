"""The public scoreboard (考核结果公开): the published indicators with their definitions and
weights, and each department's scores for a period. Page-cached; computing or adjusting
scores drops it (``services``)."""

from django.http import Http404
from django.shortcuts import render

from gongkai.assessment import selectors
from gongkai.assessment.models import Indicator, IndicatorResult
from gongkai.assessment.scoring import Period
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, public_page


@public_page(list_tag(IndicatorResult), list_tag(Indicator), list_tag(Department))
def scoreboard(request):
    periods = selectors.periods_with_results()
    key = request.GET.get("period")
    try:
        period = Period.parse(key) if key else (periods[0] if periods else None)
    except ValueError as error:
        raise Http404 from error
    shown = selectors.indicators(published_only=True)
    rows = selectors.scoreboard(period, shown) if period else []
    context = {
        "period": period,
        "periods": periods,
        "indicators": shown,
        "rows": [(row, row.cells(shown)) for row in rows],
    }
    return render(request, "assessment/scoreboard.html", context)
