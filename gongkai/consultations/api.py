"""决策预公开 in the API: the public list of consultations (open, upcoming, closed and waiting
for their adoption report with the working days waited, reported), a consultation with its
clauses and published comments (names masked as on the portal, never personal data), and its
published adoption report, served from the page cache like the portal's pages; for the drafting
department's staff (token), the export of every comment and the list of dispositions.

Mounted by gongkai/api/api.py (``api.add_router("", "gongkai.consultations.api.router")`` and
``api.add_router("/staff", "gongkai.consultations.api.staff_router")``).
"""

from datetime import date, datetime, time, timedelta
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view

from gongkai.accounts.selectors import public_name
from gongkai.api.auth import BearerTokenAuth
from gongkai.api.csv_export import csv_response
from gongkai.api.documents import CSV_RESPONSE, ListFormat
from gongkai.api.errors import NOT_FOUND, ApiError
from gongkai.api.pagination import Page, PageParams, paginate
from gongkai.api.schemas import Detail, DocumentRef, IsoDateTime, ObjectId, Ref, absolute
from gongkai.consultations import exports, permissions, rules, selectors
from gongkai.consultations.models import PHASE_LABELS, CommentStatus, Consultation, Disposition
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Department
from gongkai.core.pagecache import expire_at, list_tag, obj_tag, public_page, tag

router = Router(tags=["consultations 意见征集"])
staff_router = Router(auth=BearerTokenAuth(), tags=["staff 工作人员"])

PhaseCode = Literal[tuple(phase.value for phase in rules.Phase)]  # type: ignore[valid-type]
DispositionCode = Literal[tuple(Disposition.values)]  # type: ignore[valid-type]


# --- public ----------------------------------------------------------------------------------


class ConsultationListParams(Schema):
    phase: PhaseCode | None = Field(
        None,
        description="状态 phase: open 正在征求意见, upcoming 即将开始, closed 已结束、待反馈"
        "（等待意见采纳情况说明，等待最久的在前 longest waiting first）, reported 已反馈",
    )
    department: ObjectId | None = Field(None, description="起草部门 id drafting department")
    modified_since: IsoDateTime | None = Field(
        None,
        description="草案本身此时刻以后更新的（新公开的意见不改变它）the draft itself updated at "
        "or after (a newly published comment does not change it)",
    )
    format: ListFormat = Field("json", description="csv: 下载全部结果 download every match as CSV")


class ConsultationOut(Schema):
    """A published consultation as listed; ``phase`` and the day counts are as of today."""

    id: int
    title: str
    department: Ref = Field(description="起草部门 drafting department")
    is_major_decision: bool = Field(description="重大行政决策")
    starts_on: date = Field(description="开始日期")
    ends_on: date = Field(description="截止日期")
    period_days: int = Field(description="征求意见期限（日，含首尾）calendar days, both ends")
    short_period_reason: str = Field(
        description="期限少于30日的理由（否则为空）reason for a period under 30 days, else empty"
    )
    phase: PhaseCode
    phase_label: str
    days_left: int = Field(description="还剩天数（含今日；结束后为 0）calendar days left")
    days_waited: int | None = Field(
        description="已等待反馈的工作日数（仅 closed）working days waited for the adoption "
        "report since the period closed (closed only, else null)"
    )
    published_comments: int = Field(description="已公开意见数")
    report_published_at: datetime | None = Field(
        description="意见采纳情况说明首次发布时间 adoption report first published"
    )
    updated_at: datetime
    url: str = Field(description="门户网页 portal page")

    @staticmethod
    def resolve_phase_label(obj) -> str:
        return str(PHASE_LABELS[obj.timing.phase])

    @staticmethod
    def resolve_phase(obj) -> str:
        return obj.timing.phase.value

    @staticmethod
    def resolve_days_left(obj) -> int:
        return obj.timing.days_left

    @staticmethod
    def resolve_days_waited(obj) -> int | None:
        return obj.timing.days_waited

    @staticmethod
    def resolve_short_period_reason(obj) -> str:
        return obj.short_period_reason if obj.is_shortened else ""

    @staticmethod
    def resolve_published_comments(obj) -> int:
        return obj.published_comment_count

    @staticmethod
    def resolve_report_published_at(obj) -> datetime | None:
        report = _live_report(obj)
        return report.first_published_at if report else None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


class CommentOut(Schema):
    """A published comment: the author's name masked (张**, or 已注销用户), no other personal
    data; the disposition once the adoption report is published."""

    id: int
    author: str = Field(description="提交人（已隐去）masked name")
    created_at: datetime = Field(description="提交时间")
    text: str = Field(description="意见内容")
    disposition: DispositionCode | None = Field(
        description="处理意见（采纳情况说明发布后）disposition, once the report is published"
    )
    disposition_label: str | None
    disposition_reason: str | None = Field(description="理由")


class ClauseOut(Schema):
    id: int
    heading: str = Field(description="条款编号")
    text: str = Field(description="条款内容")
    comments: list[CommentOut] = Field(description="关于本条的已公开意见")


class AttachmentOut(Schema):
    title: str
    url: str


class ConsultationDetailOut(ConsultationOut):
    background: str = Field(description="起草背景")
    legal_basis: str = Field(description="法律依据")
    explanation: str = Field(description="起草说明")
    offline_channels: str = Field(description="其他提交方式（信函、电话等）offline channels")
    working_days: int = Field(description="期限内的工作日数 working days in the period")
    clauses: list[ClauseOut] = Field(description="草案条款，各附已公开意见")
    comments: list[CommentOut] = Field(description="对草案整体的已公开意见 on the whole draft")
    attachments: list[AttachmentOut] = Field(description="附件")
    final_document: DocumentRef | None = Field(description="最终发布的文件 the final document")
    report_url: str | None = Field(
        description="意见采纳情况说明（已发布时）the adoption report, once published"
    )

    @staticmethod
    def resolve_working_days(obj) -> int:
        return rules.working_days_open(obj.starts_on, obj.ends_on, current_calendar())

    @staticmethod
    def resolve_clauses(obj) -> list:
        return obj.clause_rows

    @staticmethod
    def resolve_comments(obj) -> list:
        return obj.general_comments

    @staticmethod
    def resolve_attachments(obj, context) -> list:
        return [
            {"title": a.title, "url": absolute(context, a.file.url)} for a in obj.attachments.all()
        ]

    @staticmethod
    def resolve_final_document(obj):
        final = obj.final_document
        return final if final is not None and final.is_public else None

    @staticmethod
    def resolve_report_url(obj, context) -> str | None:
        if _live_report(obj) is None:
            return None
        return absolute(context, reverse("api:consultation_report", kwargs={"id": obj.pk}))


class DispositionCountsOut(Schema):
    total: int = Field(description="须答复的意见数 comments answered by the report")
    adopted: int = Field(description="采纳")
    partly_adopted: int = Field(description="部分采纳")
    not_adopted: int = Field(description="未采纳")
    undisposed: int = Field(description="未处理")
    adoption_percent: int | None = Field(
        description="采纳（含部分采纳）占已处理的百分比 share adopted in whole or part"
    )


class ReportOut(Schema):
    """意见采纳情况说明 as signed off and published."""

    consultation: Ref = Field(description="征求意见 (name: 标题)")
    text: str = Field(description="说明正文")
    first_published_at: datetime
    last_published_at: datetime = Field(description="修订后再次发布的时间 last published")
    counts: DispositionCountsOut
    url: str = Field(description="门户网页 portal page")


@router.get("/consultations", response=Page[ConsultationOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(Consultation), list_tag(Department)))
def list_consultations(
    request: HttpRequest, params: Query[ConsultationListParams], paging: Query[PageParams]
):
    """征求意见列表: published consultations, the newest first; ``phase=closed`` lists those
    waiting for their adoption report with the working days waited, longest waiting first."""
    today = timezone.localdate()
    _expire_tomorrow(request, today)
    consultations = selectors.api_consultations(
        phase=params.phase or "", department=params.department,
        modified_since=params.modified_since, today=today,
    )  # fmt: skip
    calendar = current_calendar()
    if params.format == "csv":
        rows = _timed(consultations.iterator(chunk_size=500), today, calendar)
        return csv_response("征求意见.csv", consultation_columns(request), rows)
    page = paginate(request, consultations, paging)
    page["items"] = list(_timed(page["items"], today, calendar))
    tag(request, *(obj_tag(consultation) for consultation in page["items"]))
    return page


@router.get("/consultations/{id}", response={200: ConsultationDetailOut, 404: Detail})
@decorate_view(public_page())
def get_consultation(request: HttpRequest, id: Path[ObjectId]):
    """征求意见详情: the draft's clauses, each with its published comments, the comments on the
    whole draft, attachments, the final document once published, and the report's address."""
    consultation = _public(id)
    today = timezone.localdate()
    consultation.timing = selectors.timing(consultation, today, current_calendar())
    if consultation.timing.phase != rules.Phase.REPORTED:
        _expire_tomorrow(request, today)
    tag(request, obj_tag(consultation), obj_tag(consultation.department))
    if consultation.final_document_id:
        tag(request, obj_tag(consultation.final_document))
    comments = _comments(request, consultation)
    consultation.published_comment_count = len(comments)
    consultation.clause_rows = [
        {"id": c.pk, "heading": c.heading, "text": c.text, "comments": []}
        for c in consultation.clauses.all()
    ]
    by_clause = {row["id"]: row["comments"] for row in consultation.clause_rows}
    consultation.general_comments = []
    for comment in comments:
        by_clause.get(comment["clause_id"], consultation.general_comments).append(comment)
    return consultation


@router.get(
    "/consultations/{id}/report",
    response={200: ReportOut, 404: Detail},
    url_name="consultation_report",
)
@decorate_view(public_page())
def get_report(request: HttpRequest, id: Path[ObjectId]):
    """意见采纳情况说明: the published adoption report of a consultation, with the counts of
    its dispositions; 404 until it is signed off and published."""
    consultation = _public(id)
    report = _live_report(consultation)
    if report is None:
        raise ApiError(404, "意见采纳情况说明尚未发布", "The adoption report is not published yet")
    stats = selectors.disposition_stats(consultation)
    return {
        "consultation": {"id": consultation.pk, "name": consultation.title},
        "text": report.text,
        "first_published_at": report.first_published_at,
        "last_published_at": report.last_published_at,
        "counts": _counts(stats),
        "url": request.build_absolute_uri(consultation.get_absolute_url() + "#report-heading"),
    }


def _public(pk: int) -> Consultation:
    consultation = selectors.public_consultation(pk)
    if consultation is None:
        raise ApiError(404, *NOT_FOUND)
    return consultation


def _live_report(consultation: Consultation):
    report = getattr(consultation, "report", None)
    return report if report is not None and report.live else None


def _timed(consultations, today: date, calendar):
    for consultation in consultations:
        consultation.timing = selectors.timing(consultation, today, calendar)
        yield consultation


def _expire_tomorrow(request: HttpRequest, today: date) -> None:
    """Phases and day counts move at midnight: the stored page is not served after it."""
    tomorrow = datetime.combine(today + timedelta(days=1), time.min)
    expire_at(request, timezone.make_aware(tomorrow))


def _comments(request: HttpRequest, consultation: Consultation) -> list[dict]:
    """The published comments (every moderation drops the consultation's tag), tagged with
    their authors' accounts too (a deleted account shows as 已注销用户)."""
    reported = _live_report(consultation) is not None
    comments = selectors.published_comments(consultation)
    tag(request, *(obj_tag(comment.account) for comment in comments))
    rows = []
    for comment in comments:
        answered = reported and bool(comment.disposition)
        rows.append(
            {
                "id": comment.pk,
                "clause_id": comment.clause_id,
                "author": public_name(comment.account),
                "created_at": comment.created_at,
                "text": comment.text,
                "disposition": comment.disposition if answered else None,
                "disposition_label": str(comment.get_disposition_display()) if answered else None,
                "disposition_reason": comment.disposition_reason if answered else None,
            }
        )
    return rows


def _counts(stats: rules.DispositionStats) -> dict:
    return {
        "total": stats.total,
        "adopted": stats.adopted,
        "partly_adopted": stats.partly_adopted,
        "not_adopted": stats.not_adopted,
        "undisposed": stats.undisposed,
        "adoption_percent": stats.adoption_percent,
    }


def consultation_columns(request: HttpRequest):
    return [
        ("id", lambda c: c.pk),
        ("标题 title", lambda c: c.title),
        ("起草部门 drafting department", lambda c: c.department.name),
        ("重大行政决策 major decision", lambda c: c.is_major_decision),
        ("开始日期 starts on", lambda c: c.starts_on),
        ("截止日期 ends on", lambda c: c.ends_on),
        ("状态 phase", lambda c: PHASE_LABELS[c.timing.phase]),
        ("还剩天数 days left", lambda c: c.timing.days_left),
        ("已等待工作日 working days waited", lambda c: c.timing.days_waited),
        ("已公开意见 published comments", lambda c: c.published_comment_count),
        ("说明发布时间 report published", ConsultationOut.resolve_report_published_at),
        ("网址 URL", lambda c: request.build_absolute_uri(c.get_absolute_url())),
    ]


# --- staff ---------------------------------------------------------------------------------

_NOT_YOURS = ("只能查看本部门的征求意见", "Only your own department's consultations")

FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "JSON；format=csv 或 xlsx 时为全部意见的文件（与后台导出同列）JSON, or "
            "with format=csv or xlsx every comment as a file, the back office export's columns",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                exports.XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }
}
StatusCode = Literal[tuple(CommentStatus.values)]  # type: ignore[valid-type]


class CommentListParams(Schema):
    status: StatusCode | None = Field(
        None,
        description="状态 pending 待审核, published 已公开, rejected 不予公开, hidden 因举报隐藏",
    )
    format: Literal["json", "csv", "xlsx"] = Field(
        "json", description="csv、xlsx: 下载全部结果 download every match as a file"
    )


class ClauseRef(Schema):
    id: int
    heading: str


class DispositionOut(Schema):
    """A comment the adoption report answers (published, or hidden after reports) and its
    disposition; no personal data."""

    id: int
    tracking_number: str = Field(description="意见编号")
    clause: ClauseRef | None = Field(description="条款；null 为对草案整体 null: the whole draft")
    text: str = Field(description="意见内容")
    status: StatusCode = Field(description="状态 published 已公开, hidden 因举报隐藏")
    disposition: DispositionCode | None = Field(description="处理意见；未处理为 null")
    disposition_label: str | None
    disposition_reason: str = Field(description="理由")
    disposed_at: datetime | None = Field(description="处理时间")

    @staticmethod
    def resolve_disposition(obj) -> str | None:
        return obj.disposition or None

    @staticmethod
    def resolve_disposition_label(obj) -> str | None:
        return str(obj.get_disposition_display()) if obj.disposition else None


class StaffCommentOut(DispositionOut):
    """A comment of any status as the drafting department sees it, with its author's name and
    e-mail."""

    author: str = Field(description="提交人（已注销的为“已注销用户”）author's name")
    email: str | None = Field(description="电子邮箱")
    created_at: datetime = Field(description="提交时间")
    status: StatusCode = Field(description="状态")
    status_label: str
    refusal_reason: str = Field(description="不予公开的原因")

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.account.name or str(public_name(None))

    @staticmethod
    def resolve_email(obj) -> str | None:
        return obj.account.email

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class DispositionParams(Schema):
    disposition: DispositionCode | Literal["none"] | None = Field(
        None, description="处理意见；none 为尚未处理 disposition; none: not yet disposed of"
    )
    format: ListFormat = Field("json", description="csv: 下载全部结果 download every match as CSV")


class DispositionPage(Page[DispositionOut]):
    counts: DispositionCountsOut = Field(description="全部须答复意见的处理情况 all dispositions")


def _staff_consultation(request: HttpRequest, pk: int, allowed) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("department"), pk=pk)
    if not allowed(request.user, consultation):
        raise ApiError(403, *_NOT_YOURS)
    return consultation


@staff_router.get(
    "/consultations/{id}/comments",
    response={200: Page[StaffCommentOut], 403: Detail, 404: Detail},
    openapi_extra=FILE_RESPONSE,
)
def list_comments(
    request: HttpRequest,
    id: Path[ObjectId],
    params: Query[CommentListParams],
    paging: Query[PageParams],
):
    """全部意见: every comment of one's own department's consultation, of any status, with the
    author's name and e-mail; as CSV or XLSX the back office's export, column for column."""
    consultation = _staff_consultation(request, id, permissions.can_moderate)
    comments = selectors.staff_comments(consultation, params.status or "")
    if params.format == "xlsx":
        return exports.comments_xlsx(consultation, comments)
    if params.format == "csv":
        return exports.comments_csv(consultation, comments.iterator())
    return paginate(request, comments, paging)


@staff_router.get(
    "/consultations/{id}/dispositions",
    response={200: DispositionPage, 403: Detail, 404: Detail},
    openapi_extra=CSV_RESPONSE,
)
def list_dispositions(
    request: HttpRequest,
    id: Path[ObjectId],
    params: Query[DispositionParams],
    paging: Query[PageParams],
):
    """处理意见列表: the comments the adoption report answers, by clause, with their
    dispositions and the counts; for the staff of the consultation's department."""
    consultation = _staff_consultation(request, id, permissions.can_view)
    rows = selectors.disposition_rows(consultation, params.disposition)
    if params.format == "csv":
        return csv_response(
            f"{consultation.title}-处理意见.csv", exports.disposition_columns(), rows.iterator()
        )
    page = paginate(request, rows, paging)
    page["counts"] = _counts(selectors.disposition_stats(consultation))
    return page
