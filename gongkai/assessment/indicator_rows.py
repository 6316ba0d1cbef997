"""The rows each indicator is scored from, read from the apps that hold them: one query per
indicator and period, whatever the number of items (``scoring`` does the rest)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from django.db.models import Case, F, Min, Q, When
from django.utils import timezone

from gongkai.assessment import scoring
from gongkai.assessment.models import FindingKind, HealthCheck, SpotCheckItem
from gongkai.assessment.scoring import DeadlineRow, FindingRow, Period, SpotFindingRow
from gongkai.consultations.models import Consultation
from gongkai.core.models import Department
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.models.choices import Status as RequestStatus
from gongkai.documents.selectors import public_documents
from gongkai.enforcement.models import Decision
from gongkai.interaction.models import Message

# Indicator code -> the health check's finding kinds it counts.
FINDING_KINDS = {
    "columns_updated": (FindingKind.STALE_COLUMN, FindingKind.EMPTY_COLUMN),
    "dead_links": (FindingKind.DEAD_LINK, FindingKind.EXTERNAL_DEAD_LINK),
    "personal_data": (FindingKind.PERSONAL_DATA,),
}
# Adoption reports have no statutory deadline: a consultation's item is met once it is out.
UNTIMED = {"consultation_reports"}


def _local_date(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def office_id() -> int | None:
    """The openness office answers for what has no department (unassigned requests, columns)."""
    return Department.objects.filter(is_openness_office=True).values_list("pk", flat=True).first()


def interpretation_rows(period: Period, office: int | None) -> list[DeadlineRow]:
    """政策解读与文件同步发布: each public document that needs an interpretation, due the day
    it was published; done the day its first approved interpretation was."""
    documents = (
        public_documents()
        .filter(
            doc_type__needs_interpretation=True,
            published_on__range=(period.start, period.end),
        )
        .annotate(
            interpreted_on=Min(
                "interpretations__published_on", filter=Q(interpretations__live=True)
            )
        )
        .values_list("pk", "department_id", "title", "published_on", "interpreted_on")
    )
    return [
        DeadlineRow(dept or office, "documents.document", pk, title, published, interpreted)
        for pk, dept, title, published, interpreted in documents
        if dept or office
    ]


def request_rows(period: Period, office: int | None) -> list[DeadlineRow]:
    """依申请公开按时答复: requests due in the period (withdrawn and lapsed ones owed no reply)."""
    requests = (
        DisclosureRequest.objects.filter(due_on__range=(period.start, period.end))
        .exclude(status__in=[RequestStatus.WITHDRAWN, RequestStatus.LAPSED])
        .values_list("pk", "department_id", "tracking_number", "due_on", "closed_on")
    )
    return [
        DeadlineRow(dept or office, "disclosure.disclosurerequest", pk, number, due, closed)
        for pk, dept, number, due, closed in requests
        if dept or office
    ]


def enforcement_rows(period: Period, office: int | None) -> list[DeadlineRow]:
    """行政执法决定按时公开: decisions whose publication falls due in the period."""
    decisions = Decision.objects.filter(
        publication_due__range=(period.start, period.end)
    ).values_list("pk", "department_id", "number", "publication_due", "published_at")
    return [
        DeadlineRow(dept, "enforcement.decision", pk, number, due, _local_date(published))
        for pk, dept, number, due, published in decisions
    ]


def message_rows(period: Period, office: int | None) -> list[DeadlineRow]:
    """留言按期答复: messages whose reply deadline (their category's working days, set when
    they were received) falls in the period; done the day the reply was published. A message
    not yet routed is the office's."""
    messages = Message.objects.filter(due_on__range=(period.start, period.end)).values_list(
        "pk", "department_id", "tracking_number", "title", "due_on", "replied_at"
    )
    return [
        DeadlineRow(
            dept or office,
            "interaction.message",
            pk,
            f"{number} {title}",
            due,
            _local_date(replied),
        )
        for pk, dept, number, title, due, replied in messages
        if dept or office
    ]


def consultation_rows(period: Period, office: int | None) -> list[DeadlineRow]:
    """征求意见采纳情况公开: public consultations that closed in the period, answered when their
    adoption report was signed off and is live (a draft or one taken off line does not count)."""
    consultations = (
        Consultation.objects.filter(live=True, ends_on__range=(period.start, period.end))
        .annotate(published=Case(When(report__live=True, then=F("report__first_published_at"))))
        .values_list("pk", "department_id", "title", "ends_on", "published")
    )
    return [
        DeadlineRow(dept, "consultations.consultation", pk, title, ends, _local_date(published))
        for pk, dept, title, ends, published in consultations
    ]


DEADLINE_ROWS: dict[str, Callable[[Period, int | None], list[DeadlineRow]]] = {
    "interpretations": interpretation_rows,
    "requests_on_time": request_rows,
    "enforcement_on_time": enforcement_rows,
    "messages_on_time": message_rows,
    "consultation_reports": consultation_rows,
}


def latest_check_in(period: Period, as_of: date) -> HealthCheck | None:
    """The period's last finished health check (up to ``as_of``): its findings are scored."""
    last_day = min(period.end, as_of)
    return (
        HealthCheck.objects.filter(finished_at__isnull=False)
        .filter(finished_at__date__range=(period.start, last_day))
        .first()
    )


def finding_rows(code: str, check: HealthCheck, office: int | None) -> list[FindingRow]:
    findings = check.findings.filter(kind__in=FINDING_KINDS[code]).values_list(
        "department_id",
        "path",
        "target",
        "kind",
        "object_type__app_label",
        "object_type__model",
        "object_id",
    )
    found_on = _local_date(check.finished_at)
    rows = []
    for dept, path, target, kind, app_label, model, object_id in findings:
        if not (dept or office):
            continue
        label = f"{path} → {target}" if target and kind != FindingKind.PERSONAL_DATA else path
        linked = f"{app_label}.{model}" if model else ""
        rows.append(FindingRow(dept or office, linked, object_id, label, kind, found_on))
    return rows


def spot_check_rows(period: Period, as_of: date) -> tuple[set[int], list[SpotFindingRow]]:
    """抽查: the departments with items drawn by spot checks in the period (up to ``as_of``),
    and the problems found on those items; one query."""
    items = SpotCheckItem.objects.filter(
        spot_check__drawn_at__date__range=(period.start, min(period.end, as_of))
    ).values_list(
        "department_id",
        "entity",
        "findings__pk",
        "findings__description",
        "findings__deadline",
        "findings__rectified_on",
    )
    departments, rows = set(), []
    for dept, entity, pk, description, deadline, rectified_on in items:
        departments.add(dept)
        if pk is not None:
            label = f"{entity}：{description[:100]}"
            rows.append(SpotFindingRow(dept, pk, label, deadline, rectified_on))
    return departments, rows


def department_ids() -> list[int]:
    return list(Department.objects.values_list("pk", flat=True))


def score(indicator, period: Period, *, as_of: date, calendar, office, departments):
    """Score ``indicator`` (a model instance) for ``period``: {department id: scoring.Score}."""
    if indicator.code == "spot_checks":
        drawn, rows = spot_check_rows(period, as_of)
        return scoring.score_spot_findings(
            rows, drawn, deduction=indicator.deduction, as_of=as_of, calendar=calendar
        )
    if indicator.code in FINDING_KINDS:
        check = latest_check_in(period, as_of)
        if check is None:
            return {}
        rows = finding_rows(indicator.code, check, office)
        return scoring.score_findings(rows, departments, deduction=indicator.deduction)
    return scoring.score_deadlines(
        DEADLINE_ROWS[indicator.code](period, office),
        period,
        as_of=as_of,
        calendar=calendar,
        timely=indicator.code not in UNTIMED,
    )
