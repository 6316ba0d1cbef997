"""Every change of state of the 政策问答库: validate, write, audit, drop the cached pages.

Entries are created and edited in Wagtail's snippet views (saved into the user's department
by the permission policy) and published only by the sign-off workflow; these services run
after those views, promote a message's reply to a draft entry, flag the entries resting on a
document that ceased to be in force, and record the staff's review of a flagged entry.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, pagecache
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.documents.models import Document, Validity
from gongkai.knowledge import permissions, rules
from gongkai.knowledge.models import AnswerValidity, PolicyAnswer


def _snapshot(answer: PolicyAnswer) -> dict:
    return {
        "live": answer.live,
        "validity": answer.validity,
        "department": answer.department_id,
        "source_message": answer.source_message_id,
    }


def _refresh_pages(*answers: PolicyAnswer) -> None:
    """The entries' pages and every list of entries (the portal's list and the API's)."""
    pagecache.invalidate(*(obj_tag(answer) for answer in answers), list_tag(PolicyAnswer))


# --- after Wagtail's views ----------------------------------------------------------------


@transaction.atomic
def answer_saved(*, answer: PolicyAnswer, user, created: bool) -> None:
    """After the snippet views saved an entry (a draft, unless it is live: a live entry's
    row changes only when a new revision is signed off)."""
    audit.record(
        actor=user,
        action="policy_answer.create" if created else "policy_answer.edit",
        obj=answer,
        after=_snapshot(answer),
    )
    if answer.live:
        _refresh_pages(answer)


@transaction.atomic
def answer_published(*, answer: PolicyAnswer, user) -> None:
    """After the sign-off put an entry (or a new version of it) live; ``user`` signed it off."""
    if answer.published_on is None:
        answer.published_on = timezone.localdate()
        PolicyAnswer.objects.filter(pk=answer.pk).update(published_on=answer.published_on)
    audit.record(actor=user, action="policy_answer.publish", obj=answer, after=_snapshot(answer))
    _refresh_pages(answer)


@transaction.atomic
def answer_unpublished(*, answer: PolicyAnswer, user) -> None:
    audit.record(actor=user, action="policy_answer.unpublish", obj=answer)
    _refresh_pages(answer)


# --- promotion from a message ----------------------------------------------------------------


PROMOTABLE_STATES = ("replied", "closed")


@transaction.atomic
def answer_promote(*, message, user) -> PolicyAnswer:
    """把优秀答复转为政策问答: a draft entry of the department that answered, its question from
    the message and its answer from the published reply, the writer's personal data masked
    (name, identity and phone numbers, addresses). Staff edit it, choose the documents it
    rests on and submit it for sign-off."""
    if not permissions.can_promote(user, message):
        raise PermissionDenied(_("您没有将该留言转为政策问答的权限。"))
    if message.state not in PROMOTABLE_STATES or not message.reply:
        raise ValidationError(_("只有已答复的留言可以转为政策问答。"), code="not_replied")
    if message.wants_private:
        raise ValidationError(_("留言人要求不公开，该留言不能转为政策问答。"), code="private")
    names = [message.account.name]
    answer = PolicyAnswer(
        question=rules.promoted_question(title=message.title, body=message.body, names=names),
        answer=rules.masked(message.reply, names=names)[: rules.ANSWER_MAX_LENGTH],
        department=message.department,
        source_message=message,
        live=False,
    )
    answer.save()
    answer.save_revision(user=user)
    audit.record(
        actor=user,
        action="policy_answer.promote",
        obj=answer,
        after={**_snapshot(answer), "message": message.tracking_number},
    )
    return answer


# --- review -------------------------------------------------------------------------------


@transaction.atomic
def answers_flag_for_document(*, document: Document, before: str, user) -> int:
    """待复核: the entries resting on ``document`` once it is repealed or expires, at once (the
    public page shows a notice until staff review it). Returns how many were flagged."""
    if not rules.calls_for_review(before=before, after=document.validity):
        return 0
    answers = list(
        PolicyAnswer.objects.filter(documents=document, validity=AnswerValidity.EFFECTIVE)
    )
    if not answers:
        return 0
    reason = f"依据文件《{document.title}》{Validity(document.validity).label}"
    now = timezone.now()
    PolicyAnswer.objects.filter(pk__in=[a.pk for a in answers]).update(
        validity=AnswerValidity.NEEDS_REVIEW,
        review_reason=reason[: rules.NOTE_MAX_LENGTH],
        flagged_at=now,
        updated_at=now,  # the hotline's system syncs by modified_since
    )
    for answer in answers:
        audit.record(
            actor=user,
            action="policy_answer.flag",
            obj=answer,
            before={"validity": AnswerValidity.EFFECTIVE},
            after={"validity": AnswerValidity.NEEDS_REVIEW, "document": document.pk},
            reason=reason,
        )
    _refresh_pages(*answers)
    return len(answers)


REVIEW_OUTCOMES = (AnswerValidity.EFFECTIVE, AnswerValidity.WITHDRAWN)


@transaction.atomic
def answer_review(*, answer: PolicyAnswer, user, outcome: str, note: str = "") -> PolicyAnswer:
    """复核: staff of the entry's department (or the office) confirm that the answer still holds
    (有效; edit it first through sign-off when it needs new words) or withdraw it from the
    portal and the API (已撤销, a reason required)."""
    if not permissions.can_review(user, answer):
        raise PermissionDenied(_("您没有复核该政策问答的权限。"))
    if answer.validity != AnswerValidity.NEEDS_REVIEW:
        raise ValidationError(_("该政策问答不在待复核状态。"), code="not_flagged")
    if outcome not in REVIEW_OUTCOMES:
        raise ValidationError(_("请选择复核结果。"), code="outcome")
    note = (note or "").strip()[: rules.NOTE_MAX_LENGTH]
    if outcome == AnswerValidity.WITHDRAWN and not note:
        raise ValidationError(_("撤销政策问答须填写理由。"), code="no_reason")
    before = _snapshot(answer)
    answer.validity, answer.review_reason = outcome, note
    answer.reviewed_at, answer.reviewed_by = timezone.now(), user
    PolicyAnswer.objects.filter(pk=answer.pk).update(
        validity=outcome,
        review_reason=note,
        reviewed_at=answer.reviewed_at,
        reviewed_by=user,
        updated_at=answer.reviewed_at,
    )
    audit.record(
        actor=user,
        action="policy_answer.review",
        obj=answer,
        before=before,
        after=_snapshot(answer),
        reason=note,
    )
    _refresh_pages(answer)
    return answer
