"""Every change of state of consultations: validate, write, audit, invalidate pages, mail.

Publishing a consultation itself is the sign-off workflow's (Wagtail); ``consultation_published``
runs after it. The audit log names comments by tracking number, never their authors.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts import selectors as accounts
from gongkai.accounts import tokens
from gongkai.accounts.mail import absolute_url, mail_account
from gongkai.accounts.models import ParticipationSettings
from gongkai.consultations import permissions, reports, rules
from gongkai.consultations.models import (
    AdoptionReport,
    Comment,
    CommentReport,
    CommentStatus,
    Consultation,
    Disposition,
)
from gongkai.core import audit, pagecache
from gongkai.core.pagecache import list_tag, obj_tag

REASON_MAX_LENGTH = 300


def _refresh_pages(consultation: Consultation, *, lists: bool = False) -> None:
    tags = [obj_tag(consultation)]
    if lists:
        tags.append(list_tag(Consultation))
    pagecache.invalidate(*tags)


def consultation_published(*, consultation: Consultation, user) -> None:
    """After the sign-off put a consultation (or a new version of it) live."""
    audit.record(
        actor=user,
        action="consultation.publish",
        obj=consultation,
        after={"starts_on": str(consultation.starts_on), "ends_on": str(consultation.ends_on)},
    )
    _refresh_pages(consultation, lists=True)


def consultation_unpublished(*, consultation: Consultation, user) -> None:
    audit.record(actor=user, action="consultation.unpublish", obj=consultation)
    _refresh_pages(consultation, lists=True)


# --- comments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """An acknowledged comment; ``created`` is False for a repeated submit of the same form."""

    comment: Comment
    created: bool


def comment_submit(
    *, consultation: Consultation, user, text: str, nonce: str, clause_id: int | None = None
) -> Submission:
    """提交意见: committed before it is acknowledged; pre-moderated unless it holds a blocked
    word, in which case it is refused at once and the commenter told why."""
    if not tokens.NONCE_PATTERN.fullmatch(nonce or ""):
        raise ValidationError(_("表单已失效，请刷新页面后重新提交。"), code="bad_nonce")
    key_hash = tokens.digest(f"comment:{nonce}")
    repeated = Comment.objects.filter(submit_key_hash=key_hash).first()
    if repeated is not None:
        return Submission(repeated, created=False)
    account = _checked_author(user)
    _check_open(consultation)
    text = _checked_text(text)
    clause = _checked_clause(consultation, clause_id)
    try:
        with transaction.atomic():
            comment = _create_comment(consultation, account, clause, text, key_hash)
    except IntegrityError:
        repeated = Comment.objects.filter(submit_key_hash=key_hash).first()
        if repeated is None:
            raise
        return Submission(repeated, created=False)
    return Submission(comment, created=True)


def _checked_author(user):
    refusal = accounts.participation_refusal(user)
    if refusal:
        raise PermissionDenied(refusal)
    return accounts.account_of(user)


def _check_open(consultation: Consultation) -> None:
    if not consultation.live or consultation.phase() != rules.Phase.OPEN:
        raise ValidationError(_("该草案当前不在征求意见期内。"), code="closed")


def _checked_text(text: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError(_("请填写意见内容。"), code="empty")
    if len(text) > rules.TEXT_MAX_LENGTH:
        raise ValidationError(
            _("意见内容不能超过 %(limit)s 字。") % {"limit": rules.TEXT_MAX_LENGTH}, code="long"
        )
    return text


def _checked_clause(consultation: Consultation, clause_id: int | None):
    if clause_id is None:
        return None
    clause = consultation.clauses.filter(pk=clause_id).first()
    if clause is None:
        raise ValidationError(_("所选条款不存在。"), code="clause")
    return clause


def _create_comment(consultation, account, clause, text, key_hash) -> Comment:
    blocked = rules.blocked_words_in(text, ParticipationSettings.load().blocked_word_list())
    comment = Comment.objects.create(
        consultation=consultation,
        clause=clause,
        account=account,
        text=text,
        tracking_number=_new_tracking_number(),
        submit_key_hash=key_hash,
        status=CommentStatus.REJECTED if blocked else CommentStatus.PENDING,
        refusal_reason=_("含有不宜公开的词语。") if blocked else "",
    )
    audit.record(
        actor=account.user,
        action="comment.submit",
        obj=comment,
        after={"consultation": consultation.pk, "clause": clause.pk if clause else None},
        reason="blocked word" if blocked else "",
    )
    if blocked:
        _mail_refusal(comment)
    return comment


def _new_tracking_number() -> str:
    """YJ + date + six random characters: not guessable, so a number reveals nothing."""
    return f"YJ{timezone.localdate():%Y%m%d}{secrets.token_hex(3).upper()}"


def _mail_refusal(comment: Comment) -> None:
    context = {
        "title": comment.consultation.title,
        "tracking_number": comment.tracking_number,
        "reason": comment.refusal_reason,
        "link": absolute_url(comment.consultation.get_absolute_url()),
    }
    mail_account(comment.account.user_id, "consultations/mail/refused", context)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您没有处理该征求意见的权限。"))


@transaction.atomic
def comment_approve(*, comment: Comment, user) -> Comment:
    """审核通过: the comment appears on the consultation's page at once."""
    _require(permissions.can_moderate(user, comment.consultation))
    before = comment.status
    comment.status = CommentStatus.PUBLISHED
    comment.refusal_reason = ""
    comment.report_count = 0
    _moderated(comment, user, before)
    comment.reports.all().delete()
    return comment


@transaction.atomic
def comment_refuse(*, comment: Comment, user, reason: str) -> Comment:
    """不予公开: the commenter is told why by mail and on their items page."""
    _require(permissions.can_moderate(user, comment.consultation))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写不予公开的原因。"), code="reason")
    before = comment.status
    comment.status = CommentStatus.REJECTED
    comment.refusal_reason = reason[:REASON_MAX_LENGTH]
    _moderated(comment, user, before, reason=comment.refusal_reason)
    _mail_refusal(comment)
    return comment


def _moderated(comment: Comment, user, before: str, reason: str = "") -> None:
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    comment.save(
        update_fields=["status", "refusal_reason", "report_count", "moderated_at", "moderated_by"]
    )
    audit.record(
        actor=user,
        action="comment.moderate",
        obj=comment,
        before={"status": before},
        after={"status": comment.status},
        reason=reason,
    )
    _refresh_pages(comment.consultation)


@transaction.atomic
def comment_report(*, comment: Comment, user) -> Comment:
    """举报: once per account; another's published comment is hidden for review at the
    configured number of reports."""
    account = _checked_author(user)
    if comment.account_id == account.pk or comment.status != CommentStatus.PUBLISHED:
        raise ValidationError(_("不能举报这条意见。"), code="report")
    _report, created = CommentReport.objects.get_or_create(comment=comment, account=account)
    if not created:
        return comment
    comment.report_count = comment.reports.count()
    threshold = ParticipationSettings.load().reports_to_hide
    fields = ["report_count"]
    if rules.hidden_by_reports(comment.report_count, threshold):
        comment.status = CommentStatus.HIDDEN
        fields.append("status")
        _refresh_pages(comment.consultation)
    comment.save(update_fields=fields)
    audit.record(
        actor=account.user, action="comment.report", obj=comment, after={"status": comment.status}
    )
    return comment


@transaction.atomic
def comments_dispose(
    *, consultation: Consultation, comment_ids: list[int], user, disposition: str, reason: str
) -> int:
    """处理意见 in bulk for similar comments: 采纳, 部分采纳 or 未采纳 with the reason; only once
    the period has closed and before the report is published."""
    _require(permissions.can_moderate(user, consultation))
    if disposition not in Disposition.values:
        raise ValidationError(_("请选择处理意见。"), code="disposition")
    reason = (reason or "").strip()
    if disposition != Disposition.ADOPTED and not reason:
        raise ValidationError(_("部分采纳或未采纳的意见须说明理由。"), code="reason")
    if consultation.phase() != rules.Phase.CLOSED:
        raise ValidationError(_("征求意见期结束后、采纳情况说明发布前才能处理意见。"), code="phase")
    comments = list(_reportable(consultation).filter(pk__in=comment_ids).select_for_update())
    if not comments:
        raise ValidationError(_("请至少选择一条意见。"), code="none")
    now = timezone.now()
    for comment in comments:
        comment.disposition, comment.disposition_reason = disposition, reason
        comment.disposed_at, comment.disposed_by = now, user
    Comment.objects.bulk_update(
        comments, ["disposition", "disposition_reason", "disposed_at", "disposed_by"]
    )
    audit.record_many(
        actor=user,
        action="comment.dispose",
        changes=[(c, None, {"disposition": disposition}) for c in comments],
        reason=reason,
    )
    return len(comments)


def _reportable(consultation: Consultation):
    """The comments the report answers: every one published or hidden after reports (a refused
    comment was not an opinion on the draft)."""
    return consultation.comments.filter(status__in=[CommentStatus.PUBLISHED, CommentStatus.HIDDEN])


# --- the adoption report -------------------------------------------------------------------
# Published only through the sign-off workflow (部门负责人审核 → 政务公开办审签): the department
# generates and edits a draft and submits it; ``report_published`` runs once it is signed off.


@transaction.atomic
def report_generate(*, consultation: Consultation, user) -> AdoptionReport:
    """Draft (or redraft) the report's text from the dispositions, every comment needing one,
    as a new revision; refused once it is published (an edit of a published report goes
    through the editor and sign-off) or while it is under review."""
    _require(permissions.can_moderate(user, consultation))
    report = AdoptionReport.objects.select_for_update().filter(consultation=consultation).first()
    if report is not None and report.live:
        raise ValidationError(
            _("采纳情况说明已发布，不能重新生成；修改须重新送审。"), code="published"
        )
    if report is not None and report.workflow_in_progress:
        raise ValidationError(_("采纳情况说明正在审核中，不能重新生成。"), code="in_review")
    comments = list(_reportable(consultation).select_related("clause"))
    if any(not c.disposition for c in comments):
        raise ValidationError(_("还有意见未处理，请全部处理后再生成说明。"), code="undisposed")
    text = reports.draft_text(
        title=consultation.title,
        department=consultation.department.name,
        starts_on=consultation.starts_on,
        ends_on=consultation.ends_on,
        comments=[_answered(comment) for comment in comments],
    )
    created = report is None
    report = report or AdoptionReport(consultation=consultation, live=False)
    report.text = text
    report.save()
    report.save_revision(user=user)
    return report_saved(report=report, user=user, created=created)


def _answered(comment: Comment) -> reports.Answered:
    clause = comment.clause
    return reports.Answered(
        clause=clause.heading if clause else "",
        clause_order=clause.sort_order if clause and clause.sort_order is not None else 10**6,
        tracking_number=comment.tracking_number,
        text=comment.text,
        disposition=comment.disposition,
        reason=comment.disposition_reason,
    )


def _report_snapshot(report: AdoptionReport) -> dict:
    return {"consultation": report.consultation_id, "live": report.live, "length": len(report.text)}


@transaction.atomic
def report_saved(*, report: AdoptionReport, user, created: bool = False) -> AdoptionReport:
    """After a report's draft is generated or edited (``report_generate``, the back office's
    editor): a draft, unless the report is live (then the public keeps the published text until
    the new version is signed off). Audited in the name of the editor."""
    _require(permissions.can_moderate(user, report.consultation))
    action = "adoption_report.generate" if created else "adoption_report.edit"
    audit.record(actor=user, action=action, obj=report, after=_report_snapshot(report))
    return report


@transaction.atomic
def report_published(*, report: AdoptionReport, user) -> None:
    """After the sign-off put a report (or a new version of it) live on the consultation's
    page; ``user`` signed it off. Every commenter is told by mail at its first publication."""
    audit.record(
        actor=user, action="adoption_report.publish", obj=report, after=_report_snapshot(report)
    )
    consultation = report.consultation
    _refresh_pages(consultation, lists=True)
    if report.first_published_at == report.last_published_at:
        _mail_commenters(consultation)


@transaction.atomic
def report_unpublished(*, report: AdoptionReport, user) -> None:
    audit.record(actor=user, action="adoption_report.unpublish", obj=report)
    _refresh_pages(report.consultation, lists=True)


def _mail_commenters(consultation: Consultation) -> None:
    context = {
        "title": consultation.title,
        "link": absolute_url(consultation.get_absolute_url()),
    }
    user_ids = set(
        consultation.comments.exclude(status=CommentStatus.REJECTED).values_list(
            "account__user_id", flat=True
        )
    )
    for user_id in sorted(user_ids):
        mail_account(user_id, "consultations/mail/report_published", context)
