"""What the office and the portal read: the overdue queue, public decisions with filters,
item-list versions and their changes, and statistics per department and year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.urls import reverse

from gongkai.core.models import Department
from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments
from gongkai.enforcement.models import (
    Decision,
    Feedback,
    InspectionPlan,
    Item,
    ItemListVersion,
    Kind,
    PlanStatus,
    Status,
)

ITEM_FIELDS = (
    "code",
    "name",
    "kind",
    "legal_basis",
    "acting_body",
    "procedure",
    "time_limit",
    "remedy",
    "random_inspection",
)


def for_user(queryset: QuerySet, user) -> QuerySet:
    """Narrow a queryset with a ``department`` to what ``user`` acts for."""
    if user.is_superuser or sees_all_departments(user):
        return queryset
    return queryset.filter(department_id=user_department_id(user))


# --- the office's queue ------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    action: str  # "publish", "withdraw", "reply"
    department: Department
    due: date
    late: bool
    label: str
    url: str

    def line(self) -> str:
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        state = "已逾期 late" if self.late else "即将到期 due soon"
        return f"- [{state}] {self.label}，期限 due {self.due:%Y-%m-%d}，{base}{self.url}"


def queue(*, today: date, due_by: date | None = None, user=None) -> list[QueueRow]:
    """Decisions to publish, withdrawals to complete and feedback to answer, due by ``due_by``
    (default: already late), late first."""
    due_by = due_by or today
    decisions = Decision.objects.select_related("department")
    feedback = Feedback.objects.select_related("decision__department")
    if user is not None:
        decisions = for_user(decisions, user)
        feedback = feedback.filter(decision__in=for_user(Decision.objects.all(), user))
    rows = []
    for d in decisions.filter(status=Status.DRAFT, publication_due__lte=due_by):
        url = reverse("enforcement_admin:decision", args=[d.pk])
        rows.append(
            QueueRow("publish", d.department, d.publication_due, today > d.publication_due,
                     f"待公开 to publish {d.number}", url)
        )  # fmt: skip
    pending = decisions.filter(
        status=Status.PUBLISHED, withdrawal_event_on__isnull=False, withdrawal_due__lte=due_by
    )
    for d in pending:
        url = reverse("enforcement_admin:decision", args=[d.pk])
        rows.append(
            QueueRow("withdraw", d.department, d.withdrawal_due, today > d.withdrawal_due,
                     f"待撤回 to withdraw {d.number}", url)
        )  # fmt: skip
    for f in feedback.filter(replied_at__isnull=True, reply_due__lte=due_by):
        url = reverse("enforcement_admin:feedback", args=[f.pk])
        rows.append(
            QueueRow("reply", f.decision.department, f.reply_due, today > f.reply_due,
                     f"待答复反馈 feedback on {f.decision.number}", url)
        )  # fmt: skip
    return sorted(rows, key=lambda r: (not r.late, r.due, r.label))


# --- the portal --------------------------------------------------------------------------------


def public_decisions(
    *, department: int | None = None, kind: str = "", year: int | None = None, q: str = ""
) -> QuerySet:
    decisions = Decision.objects.filter(status=Status.PUBLISHED)
    if department:
        decisions = decisions.filter(department_id=department)
    if kind:
        decisions = decisions.filter(kind=kind)
    if year:
        decisions = decisions.filter(
            decided_on__gte=date(year, 1, 1), decided_on__lte=date(year, 12, 31)
        )
    if q:
        decisions = decisions.filter(text_match(q))
    return decisions.select_related("department").only(
        "pk", "number", "kind", "decided_on", "public_target_name", "department__name",
        "department__name_en", "published_at",
    )  # fmt: skip


# Past this many decisions containing the text (a word most names have, 有限公司), reading the
# list newest first finds a page sooner than collecting every match from the trigram index
# (bench/enforcement_bench.py, "word in every name").
FREQUENT_MATCHES = 20_000
SQLITE_MATCH = (
    "SELECT rowid FROM enforcement_decision_text WHERE enforcement_decision_text MATCH %s"
)
SQLITE_MATCHES_UP_TO = f"SELECT count(*) FROM ({SQLITE_MATCH} LIMIT %s)"  # noqa: S608 (constant)


def text_match(q: str) -> Q:
    """Decisions whose number or public (masked) target name contains ``q``, case-insensitive,
    through an index: trigrams (pg_trgm GIN on PostgreSQL, whose planner weighs it against the
    list's order itself; an FTS5 trigram table on SQLite, migration 0003). SQLite's trigrams
    cannot find fewer than three characters, and a frequent text is found sooner in the list's
    order: those read the list in order, as every query did before."""
    if connection.vendor == "sqlite" and len(q) >= 3:
        phrase = '"' + q.replace('"', '""') + '"'
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_MATCHES_UP_TO, [phrase, FREQUENT_MATCHES + 1])
            (matches,) = cursor.fetchone()
        if matches <= FREQUENT_MATCHES:
            return Q(pk__in=RawSQL(SQLITE_MATCH, [phrase]))  # noqa: S611 (q is a parameter)
    return Q(number__icontains=q) | Q(public_target_name__icontains=q)


def public_decision_departments() -> QuerySet:
    """The departments with a published decision, for the list's filter: one index probe each
    (a join over the decisions with DISTINCT read every published decision)."""
    published = Decision.objects.filter(department=OuterRef("pk"), status=Status.PUBLISHED)
    return Department.objects.filter(Exists(published)).order_by("name")


def departments_with_lists() -> QuerySet:
    return Department.objects.filter(enforcement_lists__isnull=False).distinct().order_by("name")


def list_versions(department: Department) -> list[ItemListVersion]:
    return list(ItemListVersion.objects.filter(department=department).order_by("-number"))


@dataclass(frozen=True)
class Change:
    action: str  # "added", "removed", "changed"
    name: str
    fields: tuple[str, ...] = ()


def changes(old: list[Item], new: list[Item]) -> list[Change]:
    """What changed from one version of a list to the next, item by item (matched by name)."""
    before = {item.name: item for item in old}
    after = {item.name: item for item in new}
    found = [Change("added", name) for name in after if name not in before]
    found += [Change("removed", name) for name in before if name not in after]
    for name in after.keys() & before.keys():
        fields = tuple(
            f for f in ITEM_FIELDS if getattr(after[name], f) != getattr(before[name], f)
        )
        if fields:
            found.append(Change("changed", name, fields))
    return sorted(found, key=lambda c: (c.action, c.name))


def public_plans() -> QuerySet:
    return InspectionPlan.objects.exclude(status=PlanStatus.DRAFT).select_related("department")


# --- statistics --------------------------------------------------------------------------------

REPORTED_KINDS = (Kind.LICENCE, Kind.PENALTY, Kind.COERCION)


def statistics(*, year: int, department: Department | None = None) -> list[dict]:
    """Per department and kind, decisions made in ``year``: how many, published, withdrawn,
    published late, and the penalties' total (行政执法统计年报)."""
    decisions = Decision.objects.filter(
        decided_on__gte=date(year, 1, 1), decided_on__lte=date(year, 12, 31)
    )
    if department is not None:
        decisions = decisions.filter(department=department)
    shown = [Status.PUBLISHED, Status.WITHDRAWN, Status.EXPIRED]
    return list(
        decisions.values("department_id", "department__name", "kind")
        .annotate(
            total=Count("pk"),
            published=Count("pk", filter=Q(status__in=shown)),
            withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN)),
            amount=Sum("penalty_amount"),
        )
        .order_by("department__name", "kind")
    )


def report_counts(*, year: int, department_ids: list[int] | None = None) -> dict[str, int]:
    """Decisions of ``year`` by kind, for the annual report's table 二 (行政许可、行政处罚、
    行政强制): every decision made that year, public or not."""
    decisions = Decision.objects.filter(
        decided_on__gte=date(year, 1, 1), decided_on__lte=date(year, 12, 31),
        kind__in=REPORTED_KINDS,
    )  # fmt: skip
    if department_ids is not None:
        decisions = decisions.filter(department_id__in=department_ids)
    counts = dict(decisions.values_list("kind").annotate(n=Count("pk")))
    return {kind: counts.get(kind, 0) for kind in REPORTED_KINDS}
