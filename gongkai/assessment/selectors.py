"""What each member of staff sees of the health check and the scoreboard: the office
everything, a department its own findings and items."""

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder

from gongkai.assessment import notice, sampling, scoring
from gongkai.assessment.models import (
    AssessmentSettings,
    FindingKind,
    FindingStatus,
    HealthCheck,
    HealthFinding,
    Indicator,
    IndicatorResult,
    Scope,
    SpotCheck,
    SpotCheckFinding,
    SpotCheckItem,
)
from gongkai.assessment.scoring import Period
from gongkai.core.models import Department
from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments
from gongkai.disclosure.selectors import answering_body
from gongkai.documents.models import LegalCategory
from gongkai.documents.selectors import public_documents, public_interpretations


def latest_check() -> HealthCheck | None:
    return HealthCheck.objects.filter(finished_at__isnull=False).first()


def findings_for_user(user, check: HealthCheck) -> QuerySet[HealthFinding]:
    findings = check.findings.select_related("department", "object_type")
    if user.is_superuser or sees_all_departments(user):
        return findings
    department_id = user_department_id(user)
    if department_id is None:
        return findings.none()
    return findings.filter(department_id=department_id)


def grouped_by_department(findings) -> list[tuple[object, list[HealthFinding]]]:
    """Findings under their department, the office's (no department) first."""
    groups: dict[object, list[HealthFinding]] = {}
    for finding in findings:
        groups.setdefault(finding.department, []).append(finding)
    return sorted(groups.items(), key=lambda item: (item[0] is not None, str(item[0] or "")))


# --- the scoreboard (考核) --------------------------------------------------------------------


@dataclass
class BoardRow:
    """A department's line of the scoreboard: its result per indicator code, its total, and the
    indicators it has not passed (``scoring.failed_indicators``)."""

    department: Department
    results: dict[str, IndicatorResult]
    total: float | None
    failed: list[str] = field(default_factory=list)

    def cells(self, indicators) -> list[tuple[IndicatorResult | None, bool]]:
        """Each shown indicator's result, and whether the department failed it."""
        return [
            (self.results.get(indicator.code), indicator.code in self.failed)
            for indicator in indicators
        ]


def indicators(
    *, published_only: bool = False, period: Period | None = None, as_of: date | None = None
) -> list[Indicator]:
    """The indicators in use (在用); with ``period``, those its scoreboard shows and counts
    (``scoring.counted``: also those taken out of use since, in the settled periods they were
    scored in)."""
    found = Indicator.objects.all()
    if published_only:
        found = found.filter(published=True)
    if period is None:
        return list(found.filter(active=True))
    found = list(found)
    scored = set()
    if not all(indicator.active for indicator in found):
        scored = set(
            IndicatorResult.objects.filter(period=period.key)
            .order_by()
            .values_list("indicator_id", flat=True)
            .distinct()
        )
    as_of = as_of or timezone.localdate()
    return [
        indicator
        for indicator in found
        if scoring.counted(
            period, as_of=as_of, active=indicator.active, scored=indicator.pk in scored
        )
    ]


def weight_total(shown: list[Indicator]) -> int:
    """What the current weights of the indicators in use add up to."""
    return sum(indicator.weight for indicator in shown if indicator.active)


def scoreboard(period: Period, shown: list[Indicator]) -> list[BoardRow]:
    """Departments with results in ``period``, best total first; the totals weigh the final
    (adjusted) scores of the ``shown`` indicators by the weights the results were computed
    with, and each final score is held to its indicator's pass mark. One query."""
    results = (
        IndicatorResult.objects.filter(period=period.key, indicator__in=shown)
        .select_related("department", "indicator")
        .defer("items")
    )
    by_department: dict[int, BoardRow] = {}
    for result in results:
        row = by_department.setdefault(result.department_id, BoardRow(result.department, {}, None))
        row.results[result.indicator.code] = result
    pass_marks = {indicator.code: indicator.pass_mark for indicator in shown}
    for row in by_department.values():
        finals = {code: result.final_score for code, result in row.results.items()}
        weights = {code: result.weight for code, result in row.results.items()}
        row.total = scoring.weighted_total(finals, weights)
        row.failed = scoring.failed_indicators(finals, weights, pass_marks)
    return sorted(
        by_department.values(),
        key=lambda row: (row.total is None, -(row.total or 0), row.department.sort_order),
    )


def applied_weights(rows: list[BoardRow], shown: list[Indicator]) -> list[int]:
    """Each shown indicator's weight in the board's totals: the weight its results were
    computed with, or its current weight when it has no result in the period."""
    applied = []
    for indicator in shown:
        found = (row.results[indicator.code] for row in rows if indicator.code in row.results)
        result = next(found, None)
        applied.append(indicator.weight if result is None else result.weight)
    return applied


def notice_threshold() -> int:
    """The 通报 line in force (``AssessmentSettings``)."""
    return AssessmentSettings.load().notice_threshold


def to_notify(rows: list[BoardRow], threshold: int) -> list[BoardRow]:
    """通报: departments whose total is under ``threshold`` (the 通报 line) or that failed an
    indicator's pass mark (``scoring.to_notify``), lowest first."""
    by_department = {row.department.pk: row for row in rows}
    low = scoring.to_notify(
        {pk: row.total for pk, row in by_department.items()},
        {pk: row.failed for pk, row in by_department.items()},
        threshold,
    )
    return [by_department[pk] for pk, _ in low]


def notice_draft(period: Period, written_on: date) -> notice.Notice | None:
    """The draft 通报 of ``period`` from the scoreboard's rows, signed by the body that signs
    reply letters (``answering_body``); None when no department is under the threshold."""
    shown = indicators(period=period)
    rows = scoreboard(period, shown)
    threshold = notice_threshold()
    low = to_notify(rows, threshold)
    if not low:
        return None
    return notice.draft(
        body=answering_body(),
        period=period,
        threshold=threshold,
        indicators=[
            (indicator.name, weight)
            for indicator, weight in zip(shown, applied_weights(rows, shown), strict=True)
        ],
        assessed=sum(row.total is not None for row in rows),
        low=[
            notice.DepartmentScores(
                name=row.department.name,
                total=row.total,
                scores=[
                    notice.IndicatorScore(
                        name=result.indicator.name,
                        weight=result.weight,
                        score=result.final_score,
                        total=result.total,
                        failing=result.failing,
                        pass_mark=result.indicator.pass_mark if code in row.failed else None,
                    )
                    for code, result in row.results.items()
                ],
            )
            for row in low
        ],
        written_on=written_on,
    )


def periods_with_results() -> list[Period]:
    keys = IndicatorResult.objects.order_by().values_list("period", flat=True).distinct()
    return sorted((Period.parse(key) for key in keys), reverse=True)


def result_for_user(user, period: Period, department_id: int, code: str) -> IndicatorResult:
    """One score with its adjustments, if ``user`` may read its items (a department its own)."""
    sees_all = user.is_superuser or sees_all_departments(user)
    if not sees_all and user_department_id(user) != department_id:
        raise PermissionDenied
    return get_object_or_404(
        IndicatorResult.objects.select_related("department", "indicator").prefetch_related(
            "adjustments__created_by"
        ),
        period=period.key,
        department_id=department_id,
        indicator__code=code,
    )


def items_with_links(user, result: IndicatorResult) -> list[dict]:
    """The result's items, each with the back office page that fixes it (``fix_url``) when
    ``user`` may open it: one query per kind of object."""
    items = [dict(item) for item in result.items]
    wanted: dict[str, set[int]] = {}
    for item in items:
        if item["model"] and item["pk"]:
            wanted.setdefault(item["model"], set()).add(item["pk"])
    objects = {}
    for label, pks in wanted.items():
        model = apps.get_model(label)
        objects.update({(label, pk): obj for pk, obj in model.objects.in_bulk(pks).items()})
    finder = AdminURLFinder(user)
    for item in items:
        target = objects.get((item["model"], item["pk"]))
        item["fix_url"] = finder.get_edit_url(target) if target is not None else None
        item["kind_label"] = _finding_label(item["detail"])
    return items


def _finding_label(kind: str) -> str:
    return FindingKind(kind).label if kind in FindingKind.values else ""


# --- spot checks (抽查) ------------------------------------------------------------------


def spot_check_candidates(scope: str) -> list[sampling.Candidate]:
    """What a spot check of ``scope`` may draw: the public 行政规范性文件, or every public page
    a department owns (its documents and interpretations), each with its published line."""
    documents = public_documents()
    if scope == Scope.NORMATIVE:
        documents = documents.filter(legal_category=LegalCategory.NORMATIVE)
    sources = [(documents, "documents.document", "portal:document_detail")]
    if scope == Scope.PAGES:
        sources.append(
            (public_interpretations(), "documents.interpretation", "portal:interpretation_detail")
        )
    candidates = []
    for queryset, model, route in sources:
        rows = queryset.order_by().values_list("pk", "department_id", "title")
        candidates += [
            sampling.Candidate(
                dept, sampling.entity_line(reverse(route, args=[pk]), title), model, pk
            )
            for pk, dept, title in rows
        ]
    return candidates


def spot_checks() -> QuerySet[SpotCheck]:
    return SpotCheck.objects.annotate(
        drawn_items=Count("items", distinct=True), findings=Count("items__findings")
    )


def spot_check_items(check: SpotCheck, user=None) -> list[SpotCheckItem]:
    """The items drawn, by department, with their findings; a department's staff see their own
    department's only (``user`` None: everything, the public page's counts)."""
    items = check.items.select_related("department").prefetch_related(
        Prefetch("findings", queryset=SpotCheckFinding.objects.select_related("owner"))
    )
    if user is not None and not (user.is_superuser or sees_all_departments(user)):
        items = items.filter(department_id=user_department_id(user) or 0)
    return list(items)


def spot_findings_for_user(user, *, status: str | None = None) -> QuerySet[SpotCheckFinding]:
    """The rectification list (整改跟踪): the office everything, a department its own."""
    findings = SpotCheckFinding.objects.select_related(
        "item__spot_check", "item__department", "owner"
    ).order_by("status", "deadline", "pk")
    if status:
        findings = findings.filter(status=status)
    if user.is_superuser or sees_all_departments(user):
        return findings
    return findings.filter(item__department_id=user_department_id(user) or 0)


def spot_finding_for_user(user, pk: int) -> SpotCheckFinding:
    return get_object_or_404(spot_findings_for_user(user), pk=pk)


@dataclass
class SpotCheckDepartment:
    """A department's part of a spot check as its public page shows it."""

    name: str
    entities: list[str]
    entity_list_sha256: str
    sample: int
    items: list[SpotCheckItem]


def spot_check_departments(check: SpotCheck) -> list[SpotCheckDepartment]:
    """Each department's published list and hash, and once drawn its items, each with how many
    problems were found on it (``found``) and how many of those are rectified (``settled``)."""
    drawn: dict[int, list[SpotCheckItem]] = {}
    if check.is_drawn:
        settled = Q(findings__status__in=[FindingStatus.RECTIFIED, FindingStatus.CLOSED])
        items = check.items.annotate(
            found=Count("findings"), settled=Count("findings", filter=settled)
        ).order_by("position")
        for item in items:
            drawn.setdefault(item.department_id, []).append(item)
    return [
        SpotCheckDepartment(
            name=part["department"],
            entities=part["entities"],
            entity_list_sha256=part["entity_list_sha256"],
            sample=min(check.sample_size, len(part["entities"])),
            items=drawn.get(part["department_id"], []),
        )
        for part in check.population
    ]


def rectification_owners(department_id: int) -> QuerySet:
    """Who may be made 整改责任人 of a finding of the department: its active staff."""
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_profile__department_id=department_id)
        .order_by("last_name", "first_name", "username")
    )
