"""Reads of consultations shared by the portal, the API, the back office and "my items"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.my_items import MyItem
from gongkai.accounts.selectors import public_name
from gongkai.consultations import rules
from gongkai.consultations.models import Comment, CommentStatus, Consultation
from gongkai.core.calendar import current_calendar
from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments


def public_consultations() -> QuerySet[Consultation]:
    """Consultations the portal shows: signed off and published."""
    return Consultation.objects.filter(live=True).select_related("department", "report")


def public_consultation(pk: int) -> Consultation | None:
    return (
        public_consultations()
        .prefetch_related("clauses", "attachments")
        .select_related("final_document")
        .filter(pk=pk)
        .first()
    )


def filter_by_phase(consultations, phase: str, today: date) -> QuerySet[Consultation]:
    if phase == rules.Phase.OPEN:
        return consultations.filter(starts_on__lte=today, ends_on__gte=today)
    if phase == rules.Phase.UPCOMING:
        return consultations.filter(starts_on__gt=today)
    if phase == rules.Phase.CLOSED:
        return consultations.filter(ends_on__lt=today).filter(
            Q(report__isnull=True) | Q(report__live=False)
        )
    if phase == rules.Phase.REPORTED:
        return consultations.filter(report__live=True)
    return consultations


def api_consultations(
    *, phase: str, department: int | None, modified_since, today: date
) -> QuerySet[Consultation]:
    """The API's list: published consultations in ``phase`` ('' for all), the newest first, or
    the longest waiting first for the closed ones (waiting for their adoption report), with
    the number of published comments of each."""
    consultations = filter_by_phase(public_consultations(), phase, today).annotate(
        published_comment_count=Count(
            "comments", filter=Q(comments__status=CommentStatus.PUBLISHED)
        )
    )
    if department is not None:
        consultations = consultations.filter(department_id=department)
    if modified_since is not None:
        consultations = consultations.filter(updated_at__gte=modified_since)
    if phase == rules.Phase.CLOSED:
        consultations = consultations.order_by("ends_on", "pk")
    return consultations


@dataclass(frozen=True)
class Timing:
    """Where a consultation stands today: its phase, the calendar days left to comment, and
    the working days it has waited for its adoption report since it closed (None unless
    closed and waiting)."""

    phase: rules.Phase
    days_left: int
    days_waited: int | None


def timing(consultation: Consultation, today: date, calendar) -> Timing:
    phase = consultation.phase(today)
    waited = None
    if phase == rules.Phase.CLOSED:
        waited = rules.working_days_waited(consultation.ends_on, today, calendar)
    return Timing(phase, rules.days_left(today, consultation.ends_on), waited)


def published_comments(consultation: Consultation) -> list[Comment]:
    return list(
        consultation.comments.filter(status=CommentStatus.PUBLISHED).select_related("account")
    )


@dataclass(frozen=True)
class ClauseRow:
    clause: object
    comments: list


def detail_context(consultation: Consultation, *, preview: bool = False, report=None) -> dict:
    """What the public page of a consultation shows: its adoption report once signed off, as
    published (a newer version waiting for sign-off is not shown). Also the previews in the back
    office of the consultation and of a ``report``'s draft."""
    today = timezone.localdate()
    comments = published_comments(consultation) if consultation.pk else []
    by_clause: dict[int | None, list] = {}
    for comment in comments:
        comment.author = public_name(comment.account)
        by_clause.setdefault(comment.clause_id, []).append(comment)
    clauses = list(consultation.clauses.all())
    if report is None:
        report = getattr(consultation, "report", None) if consultation.pk else None
        report = report if report is not None and report.live else None
    return {
        "consultation": consultation,
        "phase": consultation.phase(today),
        "days_left": rules.days_left(today, consultation.ends_on),
        "working_days": rules.working_days_open(
            consultation.starts_on, consultation.ends_on, current_calendar()
        ),
        "clause_rows": [ClauseRow(c, by_clause.get(c.pk, [])) for c in clauses],
        "general_comments": by_clause.get(None, []),
        "comment_count": len(comments),
        "report": report,
        "preview": preview,
        "section": "consultations",
    }


@dataclass(frozen=True)
class Waiting:
    consultation: Consultation
    working_days: int
    comment_count: int


def awaiting_reports(today: date | None = None) -> list[Waiting]:
    """公开列表: closed consultations still without a published report, longest waiting first."""
    today = today or timezone.localdate()
    closed = filter_by_phase(public_consultations(), rules.Phase.CLOSED, today).annotate(
        reportable=Count(
            "comments",
            filter=Q(comments__status__in=[CommentStatus.PUBLISHED, CommentStatus.HIDDEN]),
        )
    )
    calendar = current_calendar()
    return [
        Waiting(c, rules.working_days_waited(c.ends_on, today, calendar), c.reportable)
        for c in closed.order_by("ends_on", "pk")
    ]


def consultations_for_user(user) -> QuerySet[Consultation]:
    consultations = Consultation.objects.all()
    if user.is_superuser or sees_all_departments(user):
        return consultations
    department_id = user_department_id(user)
    if department_id is None:
        return consultations.none()
    return consultations.filter(department_id=department_id)


def moderation_queue(user) -> QuerySet[Comment]:
    """Comments waiting for review (pending, or hidden after reports) the user may moderate."""
    return (
        Comment.objects.filter(
            consultation__in=consultations_for_user(user),
            status__in=[CommentStatus.PENDING, CommentStatus.HIDDEN],
        )
        .select_related("consultation", "clause", "account")
        .order_by("created_at", "pk")
    )


def staff_comments(consultation: Consultation, status: str = "") -> QuerySet[Comment]:
    comments = consultation.comments.select_related("clause", "account").order_by(
        "clause__sort_order", "created_at", "pk"
    )
    if status:
        comments = comments.filter(status=status)
    return comments


def disposition_rows(consultation: Consultation, disposition: str | None) -> QuerySet[Comment]:
    """The comments the adoption report answers (published, or hidden after reports), by
    clause; with ``disposition`` only those so disposed of ('none': not yet)."""
    comments = staff_comments(consultation).filter(
        status__in=[CommentStatus.PUBLISHED, CommentStatus.HIDDEN]
    )
    if disposition == "none":
        return comments.filter(disposition="")
    if disposition:
        return comments.filter(disposition=disposition)
    return comments


def disposition_stats(consultation: Consultation) -> rules.DispositionStats:
    return rules.disposition_stats(
        consultation.comments.filter(
            status__in=[CommentStatus.PUBLISHED, CommentStatus.HIDDEN]
        ).values_list("disposition", flat=True)
    )


def consultations_with_pending(user) -> QuerySet[Consultation]:
    return consultations_for_user(user).annotate(
        pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING))
    )


def my_comments(user) -> list[MyItem]:
    """The "my items" provider: the user's comments, with why one was not published."""
    comments = (
        Comment.objects.filter(account__user=user)
        .select_related("consultation")
        .prefetch_related(Prefetch("consultation__report"))
        .order_by("-created_at", "-pk")
    )
    return [_my_item(comment) for comment in comments]


def _my_item(comment: Comment) -> MyItem:
    status = comment.get_status_display()
    note = ""
    if comment.status == CommentStatus.REJECTED:
        note = _("未公开原因：%(reason)s") % {"reason": comment.refusal_reason}
    elif comment.disposition and comment.consultation.report_published:
        status = comment.get_disposition_display()
        note = comment.disposition_reason
    return MyItem(
        title=comment.consultation.title,
        url=comment.consultation.get_absolute_url(),
        status=status,
        when=comment.created_at,
        reference=comment.tracking_number,
        note=note,
    )
