"""The public 执行公开 pages: the published plans, and each plan with its tasks, progress,
a progress chart per department and the published audit and inspection findings.

Both pages are cached (gongkai.core.pagecache) under PLAN_PAGES: every service of the app that
changes what they show drops them, so does a change of a document or a department, and the worker drops them
after midnight (a task becomes overdue by the date alone)."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import public_page
from gongkai.execution import selectors
from gongkai.execution.pagetags import PLAN_PAGES
from gongkai.reports.charts import horizontal_bars


@require_safe
@public_page(*PLAN_PAGES)
def plan_list(request):
    plans = (
        selectors.public_plans()
        .annotate(task_count=Count("tasks"))
        .order_by("-period_start", "-id")
    )
    return render(request, "execution/plan_list.html", {"plans": plans})


@require_safe
@public_page(*PLAN_PAGES)
def plan_detail(request, pk: int):
    plan = selectors.public_plan(pk)
    if plan is None:
        raise Http404
    rows = selectors.plan_rows(plan, today=timezone.localdate(), public=True)
    progress = selectors.department_progress(rows)
    chart = horizontal_bars(
        f"plan-{plan.pk}-progress",
        _("各部门任务平均完成进度（%）"),
        [(department.name, percent) for department, percent, _count in progress],
    )
    context = {
        "plan": plan,
        "sections": selectors.sections(rows),
        "progress": progress,
        "chart": chart,
        "task_count": len(rows),
    }
    return render(request, "execution/plan_detail.html", context)
