"""The public 政策通 pages: an enterprise's profile and its matches (its own, not cached), the
project calendar with iCal feeds and the project library (cached public pages)."""

from __future__ import annotations

import datetime as dt

import pydantic
from django.contrib import messages
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.accounts.selectors import account_of
from gongkai.accounts.views import public_account_required
from gongkai.api.pagination import PageParams, paginate
from gongkai.core.models import Department
from gongkai.core.pagecache import expire_at, list_tag, obj_tag, public_page, tag
from gongkai.core.siteurl import site_base_url
from gongkai.documents.models import Document
from gongkai.enterprise import calendar_feeds, selectors, services
from gongkai.enterprise.forms import ProfileForm
from gongkai.enterprise.models import Enterprise, FundedProject, Programme
from gongkai.subscriptions import selectors as subscription_selectors

STATES = ["open", "closing", "upcoming"]
# Each process keeps the last enterprises' matches.json pages (about 15 kB each at 20 policies)
# up to this many bytes.
KEPT_MATCHES = selectors.KeptAnswers(budget=32 * 1024 * 1024)


def clause_link(document, explanation) -> str:
    """The policy document at the clause (a text fragment: no anchors needed)."""
    if document is None or not document.is_public:
        return ""
    url = document.get_absolute_url()
    clause = explanation.condition.clause
    return f"{url}#:~:{urlencode({'text': clause})}" if clause else url


@public_account_required
def profile(request):
    account = account_of(request.user)
    enterprise = getattr(account, "enterprise", None) or Enterprise()
    form = ProfileForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enterprise = form.save(commit=False)
        enterprise.tags = data["tags_text"]
        services.save_own_profile(
            enterprise=enterprise, account=account, user=request.user, year=data["year"],
            revenue=data["revenue"], rd_spend=data["rd_spend"],
            qualifications=form.qualifications(),
        )  # fmt: skip
        messages.success(request, _("企业档案已保存，匹配结果稍后更新。"))
        return redirect("enterprise:matches")
    return render(request, "enterprise/profile.html", {"form": form, "section": "enterprise"})


@public_account_required
def my_matches(request):
    enterprise = selectors.enterprise_of(request.user)
    if enterprise is None:
        return redirect("enterprise:profile")
    verdicts = selectors.matches(enterprise)
    documents = Document.objects.in_bulk({v.policy.document_id for v in verdicts} - {None})
    for verdict in verdicts:
        document = documents.get(verdict.policy.document_id)
        verdict.lines = [(e, clause_link(document, e)) for e in verdict.explanations]
    context = {
        "enterprise": enterprise,
        "verdicts": verdicts,
        "feed_url": site_base_url(request)
        + f"/enterprise/feeds/{calendar_feeds.feed_token(enterprise)}.ics",
        "mails_new_matches": subscription_selectors.mails_new_matches(request.user),
        "section": "enterprise",
    }
    return render(request, "enterprise/matches.html", context)


@require_safe
def my_matches_json(request):
    """The matches of the signed-in enterprise, one page at a time as every list of the API:
    ``limit`` (1–100, 20 by default) with ``offset`` or ``page``; the answer carries ``total``
    and the URLs of the next and previous pages, and explains only the policies of its page.
    The answer is kept (in this process) under a key naming everything it rests on (this
    enterprise and its facts, the policy revision, the windows, the day, the language, the
    page): asked again unchanged, it is not computed again. Private to the enterprise: the key
    starts with its id."""
    enterprise = selectors.enterprise_of(request.user)
    if enterprise is None:
        return JsonResponse({"error": _("请先登录并填写企业档案。")}, status=401)
    try:
        params = PageParams.model_validate(request.GET.dict())
    except pydantic.ValidationError:
        return JsonResponse({"error": _("分页参数有误：limit 为 1 至 100，offset 不小于 0，page 不小于 1。")},
                            status=422)  # fmt: skip
    matching = selectors.EnterpriseMatching(enterprise)
    page = request.build_absolute_uri()  # the page and the links to its neighbours
    key = f"enterprise:{enterprise.pk}:matches:{matching.key(get_language())}:{page}"
    body = KEPT_MATCHES.get(key)
    if body is None:
        found = paginate(request, matching.ranked(), params)
        items = found.pop("items")
        body = JsonResponse({"enterprise": enterprise.pk, **found, "matches": [
            {
                "policy": v.policy.pk,
                "title": v.policy.title,
                "outcome": v.outcome.value,
                "closes_at": v.closes_at.isoformat() if v.closes_at else None,
                "conditions": [e.as_dict() for e in v.explanations],
            }
            for v in matching.explained(items)
        ]}).content  # fmt: skip
        KEPT_MATCHES.put(key, body)
    return HttpResponse(body, content_type="application/json")


def _month(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        return timezone.localdate().replace(day=1)


@require_safe
@public_page(list_tag(Programme), list_tag(Department))
def calendar_page(request):
    """项目日历: the list view by state, or the month view (?month=2026-12)."""
    now = timezone.now()
    state = request.GET.get("state", "")
    if "month" in request.GET:
        month = _month(request.GET["month"])
        found = selectors.programmes_in_month(month.year, month.month)
        previous = (month - dt.timedelta(days=1)).replace(day=1)
        following = (month + dt.timedelta(days=32)).replace(day=1)
        context = {"month": month, "previous": previous, "following": following}
    else:
        state = state if state in STATES else ""
        found = selectors.programmes(state=state, now=now)
        if not state:
            found = found.filter(closes_at__gte=now)
        context = {"state": state}
    expire_at(request, selectors.next_programme_change(now))
    rows = [(programme, programme.state(now)) for programme in found]
    context.update(rows=rows, section="enterprise",
                   departments=Department.objects.filter(programmes__live=True).distinct())  # fmt: skip
    return render(request, "enterprise/calendar.html", context)


@require_safe
@public_page(list_tag(Programme))
def programme(request, pk: int):
    found = get_object_or_404(Programme.objects.select_related("policy__document", "department"),
                              pk=pk, live=True)  # fmt: skip
    tag(request, obj_tag(found.department))
    if found.policy.document is not None:  # linked while it is public
        tag(request, obj_tag(found.policy.document))
    now = timezone.now()
    expire_at(request, found.next_change(now))
    context = {"programme": found, "state": found.state(now), "section": "enterprise"}
    return render(request, "enterprise/programme.html", context)


def _ics(programmes, name: str, request) -> HttpResponse:
    body = calendar_feeds.calendar(programmes, name=name, base_url=site_base_url(request))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_safe
@public_page(list_tag(Programme))
def programme_ics(request, pk: int):
    found = get_object_or_404(Programme, pk=pk, live=True)
    return _ics([found], found.title, request)


@require_safe
@public_page(list_tag(Programme))
def department_ics(request, pk: int):
    department = get_object_or_404(Department, pk=pk)
    tag(request, obj_tag(department))
    return _ics(selectors.programmes(department=department), department.name, request)


@require_safe
def enterprise_ics(request, token: str):
    """An enterprise's private feed: the programmes of the policies it (may) meet."""
    enterprise = Enterprise.objects.filter(pk=calendar_feeds.enterprise_of_token(token)).first()
    if enterprise is None:
        raise Http404
    return _ics(selectors.matched_programmes(enterprise), enterprise.name, request)


@require_safe
@public_page(list_tag(FundedProject), list_tag(Programme))
def projects(request):
    """已入库项目: searchable, with totals by programme, year and industry."""
    query = request.GET.get("q", "").strip()[:100]
    found = selectors.public_projects(query)
    totals = {
        "programme": found.values("programme__title").annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by("-amount"),
        "year": found.values("year").annotate(n=Count("pk"), amount=Sum("amount")).order_by("-year"),
        "industry": found.values("enterprise__industry").annotate(n=Count("pk"),
                                                                  amount=Sum("amount"))
        .order_by("-amount"),
    }  # fmt: skip
    overall = found.aggregate(n=Count("pk"), amount=Sum("amount"))
    context = {"projects": found[:200], "query": query, "totals": totals, "overall": overall,
               "section": "enterprise"}  # fmt: skip
    return render(request, "enterprise/projects.html", context)
