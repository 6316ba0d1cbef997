"""Run the site's own health check (网站自查) and keep its findings; score the indicators
(考核指标) per department and period, and record assessors' adjustments; commit and draw spot
checks (抽查), record their findings and follow each to closure (整改、销号)."""

from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.request
from collections import deque
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

from gongkai.assessment import health, indicator_rows, sampling, scoring, selectors
from gongkai.assessment.models import (
    Adjustment,
    AssessmentSettings,
    ColumnRule,
    FindingKind,
    FindingStatus,
    HealthCheck,
    HealthFinding,
    Indicator,
    IndicatorResult,
    Scope,
    Severity,
    SpotCheck,
    SpotCheckFinding,
    SpotCheckItem,
    SpotCheckStatus,
)
from gongkai.core import audit, draw, pagecache
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.permissions import require_department, user_department_id
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
        # Named as a robot, so that its visits are not counted as views (浏览量).
        self.client = Client(
            HTTP_HOST=host, HTTP_USER_AGENT=USER_AGENT, raise_request_exception=False
        )

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
            # Read to the end (empty for HEAD): the test client's wrapper then closes the response
            # without request_finished closing this process's database connection, which a bare
            # response.close() does (and so broke the rest of a check run inside a transaction).
            deque(response.streaming_content, maxlen=0)
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
    """Score every indicator in use (在用) for every department in ``period`` and store the
    results with their items and weight (an indicator taken out of use keeps the results it had) (adjustments are kept; a closed period's results keep their weight,
    ``scoring.applied_weight``). Returns the results written."""
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
        for indicator in Indicator.objects.filter(active=True):
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
                stored = None if result is None else result.weight
                if result is None:
                    result = IndicatorResult(
                        indicator=indicator, department_id=dept, period=period.key
                    )
                    new.append(result)
                else:
                    changed.append(result)
                result.weight = scoring.applied_weight(
                    period, as_of=as_of, stored=stored, current=indicator.weight
                )
                result.score, result.total, result.failing = score.score, score.total, score.failing
                result.items = [item.as_json() for item in score.items]
                result.computed_at = now
        IndicatorResult.objects.bulk_create(new, batch_size=500)
        IndicatorResult.objects.bulk_update(
            changed,
            ["score", "total", "failing", "items", "weight", "computed_at"],
            batch_size=500,
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


# What assessors may change of an indicator; its code and scoring direction are its rule.
INDICATOR_FIELDS = (
    "name",
    "name_en",
    "definition",
    "definition_en",
    "weight",
    "deduction",
    "pass_mark",
    "active",
    "published",
    "position",
)


@transaction.atomic
def indicator_update(*, indicator: Indicator, user, **values) -> Indicator:
    """An assessor (or administrator) changes an indicator's published definition, weight,
    deduction, pass mark, use (在用), publication or order; audited with the values before and
    after. The totals of the periods still moving follow a new weight at their next computation
    and leave an indicator taken out of use at once; a closed period keeps the weights it was
    computed with and the indicators it counted (``scoring.applied_weight``, ``scoring.counted``)."""
    _require(user, "assessment.change_indicator")
    unknown = set(values) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    stored = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = {
        name: getattr(stored, name) for name in values if getattr(stored, name) != values[name]
    }
    for name, value in values.items():
        setattr(stored, name, value)
    stored.full_clean()
    if before:
        stored.save(update_fields=list(before))
        audit.record(
            actor=user,
            action="assessment.indicator.update",
            obj=stored,
            before=before,
            after={name: getattr(stored, name) for name in before},
        )
        pagecache.invalidate(list_tag(Indicator))
    return stored


@transaction.atomic
def notice_threshold_set(*, threshold: int, user) -> AssessmentSettings:
    """An assessor (or administrator) sets the 通报 line (``AssessmentSettings``), 0–100;
    audited with the line before and after. Who is listed follows at once on the staff board,
    the public board (its cached pages are dropped) and the draft notice, which all read the
    line when they are shown; no score changes."""
    _require(user, "assessment.change_assessmentsettings")
    stored = AssessmentSettings.objects.select_for_update().get(pk=AssessmentSettings.load().pk)
    before = stored.notice_threshold
    stored.notice_threshold = threshold
    stored.full_clean()
    if threshold != before:
        stored.save(update_fields=["notice_threshold"])
        audit.record(
            actor=user,
            action="assessment.notice_threshold.update",
            obj=stored,
            before={"notice_threshold": before},
            after={"notice_threshold": threshold},
        )
        pagecache.invalidate(list_tag(AssessmentSettings))
    return stored


# --- spot checks (抽查) ------------------------------------------------------------------


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied


def _spot_check_changed(check: SpotCheck) -> None:
    pagecache.invalidate(obj_tag(check), list_tag(SpotCheck))


@transaction.atomic
def spot_check_commit(*, name: str, scope: str, sample_size: int, user) -> SpotCheck:
    """Take each department's population of ``scope`` now and publish it with its hash and a
    commitment to a fresh secret seed (steps 1–2 of docs/verifiable-draw.md)."""
    _require(user, "assessment.add_spotcheck")
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写抽查名称。")})
    if scope not in Scope.values:
        raise ValidationError({"scope": _("请选择抽查范围。")})
    if not 1 <= sample_size <= 100:
        raise ValidationError({"sample_size": _("每个部门抽取数须在 1 到 100 之间。")})
    candidates = selectors.spot_check_candidates(scope)
    objects = {(c.department_id, c.entity): [c.model, c.pk] for c in candidates}
    population = sampling.population(candidates)
    if not population:
        raise ValidationError(_("抽查范围内还没有可抽取的对象。"))
    names = Department.objects.in_bulk(population)
    seed = draw.new_seed()
    check = SpotCheck.objects.create(
        name=name,
        scope=scope,
        sample_size=sample_size,
        population=[
            {
                "department_id": dept,
                "department": names[dept].name,
                "entities": list(entities),
                "entity_list_sha256": draw.list_hash(entities),
                "objects": [objects[dept, entity] for entity in entities],
            }
            for dept, entities in population.items()
        ],
        seed=seed,
        seed_commitment=draw.commitment(seed),
        committed_by=user,
    )
    audit.record(
        actor=user,
        action="assessment.spot_check.commit",
        obj=check,
        after={
            "seed_commitment": check.seed_commitment,
            "entity_list_sha256": {
                part["department"]: part["entity_list_sha256"] for part in check.population
            },
        },
    )
    _spot_check_changed(check)
    return check


@transaction.atomic
def spot_check_draw(*, spot_check: SpotCheck, user) -> SpotCheck:
    """Reveal the seed and draw each department's sample (step 3); once."""
    _require(user, "assessment.add_spotcheck")
    check = SpotCheck.objects.select_for_update().get(pk=spot_check.pk)
    if check.is_drawn:
        raise ValidationError(_("这次抽查已经抽取过了。"))
    drawn = sampling.sample(
        {part["department_id"]: part["entities"] for part in check.population},
        check.sample_size,
        check.seed,
    )
    types = {}
    items = []
    for part in check.population:
        objects = dict(zip(part["entities"], part["objects"], strict=True))
        for position, entity in enumerate(drawn[part["department_id"]], start=1):
            model, pk = objects[entity]
            if model not in types:
                types[model] = ContentType.objects.get_by_natural_key(*model.split("."))
            items.append(
                SpotCheckItem(
                    spot_check=check,
                    department_id=part["department_id"],
                    position=position,
                    entity=entity,
                    object_type=types[model],
                    object_id=pk,
                )
            )
    SpotCheckItem.objects.bulk_create(items)
    check.status = SpotCheckStatus.DRAWN
    check.drawn_at = timezone.now()
    check.drawn_by = user
    check.save(update_fields=["status", "drawn_at", "drawn_by"])
    audit.record(
        actor=user,
        action="assessment.spot_check.draw",
        obj=check,
        after={"seed": check.seed, "items": [item.entity for item in items]},
    )
    _spot_check_changed(check)
    return check


def spot_check_export(check: SpotCheck) -> dict:
    """The published record anyone can verify (scripts/verify_draw.py, ``gongkai spotchecks
    verify``): one ``gongkai-draw/1`` record per department under ``draws``; the seed and the
    items drawn only after the draw."""
    drawn: dict[int, list[str]] = {}
    if check.is_drawn:
        for dept, entity in check.items.order_by("position").values_list("department_id", "entity"):
            drawn.setdefault(dept, []).append(entity)
    seed = check.seed if check.is_drawn else ""
    record = {
        "format": draw.FORMAT,
        "spot_check": check.pk,
        "name": check.name,
        "scope": check.scope,
        "sample_size": check.sample_size,
        "committed_at": check.committed_at.isoformat(),
        "seed_commitment": check.seed_commitment,
    }
    if seed:
        record |= {"seed": seed, "drawn_at": check.drawn_at.isoformat()}
    record["draws"] = [
        sampling.department_record(
            part["department"],
            part["entities"],
            check.sample_size,
            entity_list_sha256=part["entity_list_sha256"],
            commitment=check.seed_commitment,
            seed=seed,
            drawn=drawn.get(part["department_id"], []),
        )
        for part in check.population
    ]
    return record


def spot_check_verify(check: SpotCheck) -> list[sampling.DepartmentCheck]:
    return sampling.verify(spot_check_export(check))


def _finding_state(finding: SpotCheckFinding) -> dict:
    return {
        "status": finding.status,
        "severity": finding.severity,
        "owner": finding.owner_id,
        "deadline": finding.deadline.isoformat(),
        "rectified_on": finding.rectified_on.isoformat() if finding.rectified_on else None,
    }


@transaction.atomic
def spot_finding_record(
    *, item: SpotCheckItem, user, description: str, severity: str, owner, deadline: dt.date
) -> SpotCheckFinding:
    """A reviewer records a problem on an item drawn, with who rectifies it (a member of the
    item's department) and by when."""
    _require(user, "assessment.add_spotcheckfinding")
    description = description.strip()
    errors = {}
    if not description:
        errors["description"] = _("请填写发现的问题。")
    if severity not in Severity.values:
        errors["severity"] = _("请选择严重程度。")
    if owner is None or not owner.is_active or user_department_id(owner) != item.department_id:
        errors["owner"] = _("整改责任人须是该部门的工作人员。")
    if deadline < timezone.localdate():
        errors["deadline"] = _("整改期限不能早于今天。")
    if errors:
        raise ValidationError(errors)
    finding = SpotCheckFinding.objects.create(
        item=item,
        description=description,
        severity=severity,
        owner=owner,
        deadline=deadline,
        created_by=user,
    )
    audit.record(
        actor=user,
        action="assessment.spot_finding.record",
        obj=finding,
        after={**_finding_state(finding), "description": description},
    )
    _spot_check_changed(item.spot_check)
    return finding


@transaction.atomic
def spot_finding_rectify(*, finding: SpotCheckFinding, user, rectification: str):
    """The department reports what it did (整改情况); rectified today."""
    _require(user, "assessment.rectify_spotcheckfinding")
    finding = SpotCheckFinding.objects.select_for_update().get(pk=finding.pk)
    require_department(user, finding.item.department_id)
    if finding.status != FindingStatus.OPEN:
        raise ValidationError(_("只有待整改的问题可以报告整改情况。"))
    rectification = rectification.strip()
    if not rectification:
        raise ValidationError({"rectification": _("请写明整改情况。")})
    before = _finding_state(finding)
    finding.status = FindingStatus.RECTIFIED
    finding.rectification = rectification
    finding.rectified_on = timezone.localdate()
    finding.save(update_fields=["status", "rectification", "rectified_on"])
    audit.record(
        actor=user,
        action="assessment.spot_finding.rectify",
        obj=finding,
        before=before,
        after={**_finding_state(finding), "rectification": rectification},
    )
    _spot_check_changed(finding.item.spot_check)
    return finding


@transaction.atomic
def spot_finding_close(*, finding: SpotCheckFinding, user, note: str):
    """The assessor accepts the rectification and closes the finding (销号), with a note."""
    _require(user, "assessment.close_spotcheckfinding")
    finding = SpotCheckFinding.objects.select_for_update().get(pk=finding.pk)
    if finding.status != FindingStatus.RECTIFIED:
        raise ValidationError(_("问题整改后才能销号。"))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("请写明销号意见。")})
    before = _finding_state(finding)
    finding.status = FindingStatus.CLOSED
    finding.closure_note = note
    finding.closed_at = timezone.now()
    finding.save(update_fields=["status", "closure_note", "closed_at"])
    audit.record(
        actor=user,
        action="assessment.spot_finding.close",
        obj=finding,
        before=before,
        after=_finding_state(finding),
        reason=note,
    )
    _spot_check_changed(finding.item.spot_check)
    return finding
