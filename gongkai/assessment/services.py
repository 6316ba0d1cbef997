"""Run the site's own health check (网站自查) and keep its findings; score the indicators
(考核指标) per department and period, and record assessors' adjustments."""

from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.assessment import health, indicator_rows, scoring
from gongkai.assessment.models import (
    Adjustment,
    ColumnRule,
    FindingKind,
    HealthCheck,
    HealthFinding,
    Indicator,
    IndicatorResult,
)
from gongkai.core import audit, pagecache
from gongkai.core.calendar import current_calendar
from gongkai.core.pagecache import list_tag
from gongkai.core.pii import KIND_LABELS
from gongkai.core.siteurl import site_base_url
from gongkai.documents.models import Document, DocumentKind, Interpretation, Topic
from gongkai.documents.selectors import public_documents, publication_problems

START_PATHS = ("/", "/documents/", "/interpretations/", "/guide/", "/catalogue/")
# Pages of the portal that show one object, whose department fixes what is found on them.
OWNED_PAGES = {
    "portal:document_detail": Document,
    "portal:interpretation_detail": Interpretation,
}
_NOT_FOLLOWED = ("/admin", "/api/", "/language/", "/display/", "/account", "/search/")
# The product's own files and toggles (language, display mode) are its tests' business.
_UNCHECKED = (settings.STATIC_URL, "/language/", "/display/", "/search/")
USER_AGENT = "Gongkai-site-check/1.0 (政府网站自查; polite, a few requests per site)"


def run_health_check(
    *,
    user=None,
    max_pages: int | None = None,
    check_external: bool | None = None,
    budget: health.Budget | None = None,
) -> HealthCheck:
    """Crawl the public site as an anonymous visitor, check the library's content, and store
    the findings with the department that can fix each one."""
    started = time.perf_counter()
    today = timezone.localdate()
    max_pages = max_pages or settings.HEALTH_CHECK_MAX_PAGES
    if check_external is None:
        check_external = settings.HEALTH_CHECK_EXTERNAL_LINKS
    fetcher = _InProcessFetcher()
    result = health.crawl(
        START_PATHS,
        fetcher.fetch,
        probe=fetcher.probe,
        site_hosts=_site_hosts(),
        max_pages=max_pages,
        follow=_followed,
    )
    external = _external_statuses(result.external_links) if check_external else {}
    findings = [*health.link_findings(result, external), *health.error_findings(result)]
    for page in result.pages:
        findings += health.page_findings(page, budget or health.Budget(), today=today)
    findings += health.column_findings(_columns(), today)
    vetoes = health.veto_items(
        findings,
        home_status=result.statuses.get("/", 0),
        home_newest=_newest_publication(),
        today=today,
    )
    with transaction.atomic():
        check = HealthCheck.objects.create(
            started_by=user,
            pages=len(result.pages),
            links=len(result.found_on),
            external_links=len(external),
            vetoes=vetoes,
        )
        rows = [_row(check, finding, vetoes) for finding in findings]
        rows += _document_problem_rows(check)
        HealthFinding.objects.bulk_create(rows, batch_size=500)
        check.finished_at = timezone.now()
        check.seconds = round(time.perf_counter() - started, 2)
        check.save(update_fields=["finished_at", "seconds"])
    return check


class _InProcessFetcher:
    """Fetches the site's own pages through Django in this process, as an anonymous visitor
    would get them (middleware, page cache and all), without a server or the network; the
    test client is Django's public way to run a request through the whole handler."""

    def __init__(self):
        host = urlsplit(site_base_url()).netloc or "127.0.0.1"
        self.client = Client(HTTP_HOST=host, raise_request_exception=False)

    def fetch(self, path: str) -> health.Response:
        started = time.perf_counter()
        response = self.client.get(path)
        body = b"" if response.streaming else response.content
        return health.Response(
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=body,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def probe(self, path: str) -> int:
        if path.startswith(_UNCHECKED):
            return 200
        response = self.client.head(path)
        if response.status_code == 405:  # a view that answers GET only
            response = self.client.get(path)
        if response.streaming:
            response.close()
        return response.status_code


def _followed(path: str) -> bool:
    if path.startswith(_NOT_FOLLOWED + (settings.MEDIA_URL,) + _UNCHECKED):
        return False
    query = urlsplit(path).query
    return not query or all(part.startswith("page=") for part in query.split("&"))


def _site_hosts() -> list[str]:
    hosts = [urlsplit(site_base_url()).hostname or ""]
    return [host for host in hosts + list(settings.ALLOWED_HOSTS) if host and host != "*"]


def _external_statuses(urls: Iterable[str]) -> dict[str, int]:
    """HEAD each planned external link (GET when HEAD is refused), one at a time, with a pause
    between requests to the same host."""
    statuses: dict[str, int] = {}
    last_call: dict[str, float] = {}
    for url in health.plan_external_checks(
        urls, per_host=settings.HEALTH_CHECK_EXTERNAL_PER_HOST, total=200
    ):
        host = urlsplit(url).hostname or ""
        wait = settings.HEALTH_CHECK_EXTERNAL_PAUSE - (time.monotonic() - last_call.get(host, 0))
        if wait > 0:
            time.sleep(wait)
        statuses[url] = _external_status(url)
        last_call[host] = time.monotonic()
    return statuses


def _external_status(url: str) -> int:
    if urlsplit(url).scheme not in ("http", "https"):
        return 0
    for method in ("HEAD", "GET"):
        # The scheme is http(s), checked above (S310).
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            if error.code == 405 and method == "HEAD":
                continue
            return error.code
        except (urllib.error.URLError, TimeoutError, OSError, ValueError):
            return 0
    return 0


def _columns() -> list[health.Column]:
    """The portal's columns: every 主题分类 (all are listed, with a feed each) and each 公文种类
    that has public documents (the portal lists only those); newest public item and count."""
    public = Q(documents__in=public_documents())
    rules_by_kind = dict(
        ColumnRule.objects.filter(document_kind__isnull=False).values_list(
            "document_kind_id", "max_age_days"
        )
    )
    rules_by_topic = dict(
        ColumnRule.objects.filter(topic__isnull=False).values_list("topic_id", "max_age_days")
    )
    columns = []
    for model, prefix, rules in (
        (DocumentKind, "kind", rules_by_kind),
        (Topic, "topic", rules_by_topic),
    ):
        rows = model.objects.annotate(
            newest=Max("documents__published_on", filter=public),
            count=Count("documents", filter=public, distinct=True),
        )
        for row in rows:
            if model is DocumentKind and not row.count:
                continue
            columns.append(
                health.Column(
                    key=f"{prefix}:{row.pk}",
                    label=row.name,
                    newest=row.newest,
                    count=row.count,
                    max_age_days=rules.get(row.pk, health.default_max_age(row.name)),
                )
            )
    return columns


def _newest_publication() -> dt.date | None:
    return public_documents().aggregate(newest=Max("published_on"))["newest"]


def _row(check: HealthCheck, finding: health.Finding, vetoes: list[str]) -> HealthFinding:
    owner = _page_owner(finding.path)
    label_zh, label_en = _detail(finding)
    return HealthFinding(
        check_run=check,
        kind=finding.kind,
        path=finding.path[:500],
        target=finding.target[:1000],
        detail=label_zh[:500],
        detail_en=label_en[:500],
        department_id=getattr(owner, "department_id", None),
        is_veto=_is_veto(finding, vetoes),
        object_type=ContentType.objects.get_for_model(owner) if owner else None,
        object_id=owner.pk if owner else None,
    )


def _page_owner(path: str):
    if not path.startswith("/"):
        return None
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    model = OWNED_PAGES.get(match.view_name)
    return model.objects.filter(pk=match.kwargs.get("pk")).first() if model else None


def _detail(finding: health.Finding) -> tuple[str, str]:
    if finding.kind in (health.STALE_COLUMN, health.EMPTY_COLUMN):
        if finding.target:
            return (
                f"{finding.detail}：{finding.target} 天未更新",
                f"{finding.detail}: not updated for {finding.target} days",
            )
        return finding.detail, finding.detail
    if finding.kind == health.PERSONAL_DATA:
        zh, en = KIND_LABELS.get(finding.detail, (finding.detail, finding.detail))
        return zh, en
    if finding.kind == health.OVERSIZED_PAGE:
        return f"{finding.detail} 字节", f"{finding.detail} bytes"
    if finding.kind == health.SLOW_PAGE:
        return f"{finding.detail} 毫秒", f"{finding.detail} ms"
    return finding.detail, finding.detail


def _is_veto(finding: health.Finding, vetoes: list[str]) -> bool:
    if finding.kind == health.PERSONAL_DATA:
        return True
    if finding.kind in (health.STALE_COLUMN, health.EMPTY_COLUMN):
        return health.VETO_COLUMNS_NOT_UPDATED in vetoes
    return finding.kind == health.PAGE_ERROR and finding.path == "/"


def _document_problem_rows(check: HealthCheck) -> list[HealthFinding]:
    """Published documents that would not pass the pre-publication checks today: missing
    metadata, a missing interpretation (the same rules as sign-off)."""
    document_type = ContentType.objects.get_for_model(Document)
    rows = []
    documents = public_documents().select_related("doc_type").prefetch_related("issuers")
    for document in documents.iterator(chunk_size=500):
        for problem in publication_problems(document):
            rows.append(
                HealthFinding(
                    check_run=check,
                    kind=FindingKind.DOCUMENT_PROBLEM,
                    path=document.get_absolute_url(),
                    target=document.title[:1000],
                    detail=problem.message_zh[:500],
                    detail_en=problem.message_en[:500],
                    department_id=document.department_id,
                    object_type=document_type,
                    object_id=document.pk,
                )
            )
    return rows


def finding_counts(check: HealthCheck) -> dict[str, int]:
    rows = check.findings.values("kind").annotate(n=Count("pk")).order_by("kind")
    return {row["kind"]: row["n"] for row in rows}


def compute_indicators(period: scoring.Period, *, as_of: dt.date | None = None) -> int:
    """Score every indicator for every department in ``period`` and store the results with
    their items (adjustments are kept). Returns the results written."""
    as_of = as_of or timezone.localdate()
    calendar = current_calendar()
    office = indicator_rows.office_id()
    departments = indicator_rows.department_ids()
    now = timezone.now()
    with transaction.atomic():
        existing = {
            (result.indicator_id, result.department_id): result
            for result in IndicatorResult.objects.filter(period=period.key).defer("items")
        }
        new, changed = [], []
        for indicator in Indicator.objects.all():
            scores = indicator_rows.score(
                indicator,
                period,
                as_of=as_of,
                calendar=calendar,
                office=office,
                departments=departments,
            )
            stale = {dept for (ind, dept) in existing if ind == indicator.pk} - set(scores)
            for dept in stale:  # no longer applies (e.g. a request moved to another department)
                scores[dept] = scoring.Score(dept, None)
            for dept, score in scores.items():
                result = existing.get((indicator.pk, dept))
                if result is None:
                    result = IndicatorResult(
                        indicator=indicator, department_id=dept, period=period.key
                    )
                    new.append(result)
                else:
                    changed.append(result)
                result.score, result.total, result.failing = score.score, score.total, score.failing
                result.items = [item.as_json() for item in score.items]
                result.computed_at = now
        IndicatorResult.objects.bulk_create(new, batch_size=500)
        IndicatorResult.objects.bulk_update(
            changed, ["score", "total", "failing", "items", "computed_at"], batch_size=500
        )
        pagecache.invalidate(list_tag(IndicatorResult))
    return len(new) + len(changed)


def compute_recent_indicators(today: dt.date | None = None) -> int:
    """The daily job: the periods still moving (``scoring.periods_to_compute``)."""
    today = today or timezone.localdate()
    return sum(
        compute_indicators(period, as_of=today) for period in scoring.periods_to_compute(today)
    )


def record_adjustment(*, result: IndicatorResult, points: float, reason: str, user) -> Adjustment:
    """An assessor adds ``points`` (+ or −) to a score, with the reason; audited, shown beside
    the score, kept when the score is recomputed."""
    if not user.has_perm("assessment.add_adjustment"):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请写明调整理由。")})
    if not -100 <= points <= 100 or points == 0:
        raise ValidationError({"points": _("调整分值须在 -100 到 100 之间且不为 0。")})
    with transaction.atomic():
        result = IndicatorResult.objects.select_for_update().get(pk=result.pk)
        before = result.adjustment
        adjustment = Adjustment.objects.create(
            result=result, points=points, reason=reason, created_by=user
        )
        result.adjustment = before + points
        result.save(update_fields=["adjustment"])
        audit.record(
            actor=user,
            action="assessment.adjust",
            obj=result,
            before={"adjustment": before, "score": result.score},
            after={"adjustment": result.adjustment, "points": points},
            reason=reason,
        )
        pagecache.invalidate(list_tag(IndicatorResult))
    return adjustment
