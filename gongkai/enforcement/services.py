"""Every change of state of enforcement publicity: validate, write, audit, invalidate pages, mail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gongkai.core import audit, draw, pagecache
from gongkai.core.calendar import current_calendar
from gongkai.core.identity import validate_uscc
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.permissions import require_department
from gongkai.core.workdays import add_working_days, notice_reach
from gongkai.enforcement import deadlines, masking
from gongkai.enforcement.models import (
    Decision,
    Feedback,
    InspectionPlan,
    InspectionResult,
    Item,
    ItemListVersion,
    PlanStatus,
    Status,
    TargetKind,
)

FEEDBACK_REPLY_DAYS = 10  # working days; our own service standard, no national rule


def _refresh(*objs, lists=()) -> None:
    pagecache.invalidate(*(obj_tag(o) for o in objs), *(list_tag(m) for m in lists))


def _retention_rules() -> dict[tuple[str, str], int]:
    configured = getattr(settings, "ENFORCEMENT_RETENTION_YEARS", None)
    return dict(configured) if configured else dict(deadlines.DEFAULT_RETENTION_YEARS)


# --- decisions ---------------------------------------------------------------------------------


def target_code_errors(target_kind: str, code: str) -> list[str]:
    """The target's identifier: a valid 统一社会信用代码 for an organisation (required), a
    resident ID number for a natural person (optional, never public)."""
    code = code.strip()
    if target_kind in (TargetKind.LEGAL, TargetKind.OTHER):
        if not code:
            return [_("法人和其他组织须填写统一社会信用代码。")]
        if not validate_uscc(code).ok:
            return [_("统一社会信用代码有误（校验位不符或格式不对）。")]
    return []


def fill_public_version(decision: Decision) -> None:
    """Fill the empty public fields from the full ones by the masking rules; staff may then
    edit them, and the pre-publication check reads what they finally say."""
    natural = decision.target_kind == TargetKind.NATURAL
    target = decision.target_name if natural else ""
    others = tuple(decision.other_names.splitlines())

    def masked(text: str) -> str:
        return masking.mask_text(text, target_name=target, other_names=others)

    if not decision.public_target_name:
        decision.public_target_name = (
            masking.mask_name(decision.target_name) if natural else decision.target_name
        )
    for public, full in (
        ("public_facts", "facts"),
        ("public_legal_basis", "legal_basis"),
        ("public_conclusion", "conclusion"),
    ):
        if not getattr(decision, public):
            setattr(decision, public, masked(getattr(decision, full)))


def compute_clock(decision: Decision) -> None:
    decision.publication_due = deadlines.publication_deadline(
        decision.kind, decision.decided_on, current_calendar()
    ).date
    if decision.target_kind == TargetKind.NATURAL:
        born = masking.birth_date(decision.target_code)
        decision.minor = decision.minor or masking.is_minor(born, decision.decided_on)


def publication_problems(decision: Decision) -> list[masking.Problem]:
    """What blocks publication: a minor, and personal data left in the public version."""
    names = [*decision.other_names.splitlines()]
    if decision.target_kind == TargetKind.NATURAL:
        names.append(decision.target_name)
    texts = [
        decision.public_target_name,
        decision.public_facts,
        decision.public_legal_basis,
        decision.public_conclusion,
    ]
    return masking.problems(texts, natural_names=tuple(names), minor=decision.minor)


def explain_deadline(decision: Decision):
    return deadlines.publication_deadline(decision.kind, decision.decided_on, current_calendar())


@transaction.atomic
def decision_save(decision: Decision, *, user) -> Decision:
    """Create or edit a decision (not yet public): check the target, compute the deadline and
    the minor flag, fill the public version, audit."""
    require_department(user, decision.department_id)
    errors = target_code_errors(decision.target_kind, decision.target_code)
    if errors:
        raise ValidationError({"target_code": errors})
    if decision.item_id and decision.item.version.department_id != decision.department_id:
        raise ValidationError({"item": _("执法事项不属于该部门。")})
    created = decision.pk is None
    compute_clock(decision)
    fill_public_version(decision)
    decision.save()
    audit.record(
        actor=user,
        action="enforcement.decision." + ("create" if created else "edit"),
        obj=decision,
        after={"publication_due": str(decision.publication_due), "kind": decision.kind},
    )
    if decision.is_public:
        _refresh(decision, lists=[Decision])
    return decision


@transaction.atomic
def decision_publish(decision: Decision, *, user) -> Decision:
    require_department(user, decision.department_id)
    if decision.status != Status.DRAFT:
        raise ValidationError(_("只能公开尚未公开的决定。"))
    problems = publication_problems(decision)
    if problems:
        raise ValidationError([p.message_en if _is_english() else p.message_zh for p in problems])
    decision.status = Status.PUBLISHED
    decision.published_at = timezone.now()
    decision.takedown_on = deadlines.takedown_on(
        decision.kind, decision.target_kind, decision.decided_on, _retention_rules()
    )
    decision.save()
    late = timezone.localdate() > decision.publication_due
    audit.record(
        actor=user,
        action="enforcement.decision.publish",
        obj=decision,
        after={"publication_due": str(decision.publication_due), "late": late},
    )
    _refresh(decision, decision.department, lists=[Decision])
    return decision


def _is_english() -> bool:
    return (get_language() or "").startswith("en")


@transaction.atomic
def decision_revoke(
    decision: Decision, *, user, reason: str, event_on: date, note: str = "", take_down=True
) -> Decision:
    """Record that a published decision was revoked, changed, annulled or must be remade: the
    3-working-day withdrawal clock starts from ``event_on``; ``take_down`` removes it from the
    platform now (else the overdue queue follows it until ``decision_take_down``)."""
    require_department(user, decision.department_id)
    if decision.status != Status.PUBLISHED:
        raise ValidationError(_("只能撤回已公开的决定。"))
    if event_on > timezone.localdate():
        raise ValidationError(_("撤销等决定的日期不能晚于今天。"))
    decision.withdrawal_reason = reason
    decision.withdrawal_event_on = event_on
    decision.withdrawal_due = deadlines.withdrawal_deadline(event_on, current_calendar()).date
    decision.withdrawal_note = note
    decision.save()
    audit.record(
        actor=user,
        action="enforcement.decision.revoked",
        obj=decision,
        after={"reason": reason, "event_on": str(event_on), "due": str(decision.withdrawal_due)},
    )
    if take_down:
        decision_take_down(decision, user=user)
    return decision


@transaction.atomic
def decision_take_down(decision: Decision, *, user) -> Decision:
    require_department(user, decision.department_id)
    if decision.status != Status.PUBLISHED or not decision.withdrawal_event_on:
        raise ValidationError(_("先登记撤销、变更等情况，再撤回。"))
    decision.status = Status.WITHDRAWN
    decision.withdrawn_at = timezone.now()
    decision.save()
    late = timezone.localdate() > decision.withdrawal_due
    audit.record(
        actor=user,
        action="enforcement.decision.withdraw",
        obj=decision,
        after={"withdrawal_due": str(decision.withdrawal_due), "late": late},
    )
    _refresh(decision, decision.department, lists=[Decision])
    return decision


@transaction.atomic
def expired_take_down(*, today: date | None = None) -> int:
    """The retention rule, run daily: published decisions past their 公开截止日期 leave the
    platform; each removal audited. Returns how many."""
    today = today or timezone.localdate()
    expired = list(
        Decision.objects.select_for_update().filter(status=Status.PUBLISHED, takedown_on__lte=today)
    )
    if not expired:
        return 0
    Decision.objects.filter(pk__in=[d.pk for d in expired]).update(
        status=Status.EXPIRED, updated_at=timezone.now()
    )
    audit.record_many(
        actor=None,
        action="enforcement.decision.expire",
        changes=[(d, None, {"takedown_on": str(d.takedown_on)}) for d in expired],
        reason="retention",
    )
    pagecache.invalidate(list_tag(Decision), *(obj_tag(d) for d in expired))
    return len(expired)


@transaction.atomic
def deadlines_recompute(*, year: int | None = None) -> int:
    """After a holiday arrangement is entered: recompute the publication deadline of every
    decision not yet published, the withdrawal deadline of every pending withdrawal and the
    reply deadline of every unanswered feedback (a published decision keeps the deadline it
    was published against, an answered feedback the one it was answered against). With
    ``year``, only the deadlines whose counted days meet the days that year's notice may change
    are looked at: the others cannot move. Returns how many deadlines moved."""
    drafts = Decision.objects.filter(status=Status.DRAFT)
    short_kinds = sorted(deadlines.SHORT_PERIOD_KINDS)
    short, general = drafts.filter(kind__in=short_kinds), drafts.exclude(kind__in=short_kinds)
    withdrawing = Decision.objects.filter(
        status=Status.PUBLISHED, withdrawal_event_on__isnull=False
    )
    unanswered = Feedback.objects.filter(replied_at__isnull=True)
    clocks = (
        (short, "decided_on", "publication_due", deadlines.SHORT_PERIOD_DAYS),
        (general, "decided_on", "publication_due", deadlines.GENERAL_PERIOD_DAYS),
        (withdrawing, "withdrawal_event_on", "withdrawal_due", deadlines.WITHDRAWAL_DAYS),
        # counted from the local day it was submitted on, as feedback_submit does
        (unanswered, "created_at__date", "reply_due", FEEDBACK_REPLY_DAYS),
    )
    calendar = current_calendar()
    return sum(_clock_recompute(*clock, calendar=calendar, year=year) for clock in clocks)


def _clock_recompute(rows, start: str, due: str, days: int, *, calendar, year) -> int:
    """Set ``due`` to ``days`` working days after the day ``start`` on ``rows``. A deadline
    depends only on its start day and its number of working days, so this runs one UPDATE per
    distinct start day, whatever the number of rows."""
    if year is not None:
        first, last = notice_reach(year)
        rows = rows.filter(**{f"{start}__lt": last, f"{due}__gte": first})
    changed = 0
    for day in rows.values_list(start, flat=True).distinct().order_by():
        moved = calendar.add_working_days(day, days)
        changed += rows.filter(**{start: day}).exclude(**{due: moved}).update(**{due: moved})
    return changed


# --- reminders ---------------------------------------------------------------------------------


def reminders_send(*, today: date | None = None, warn_days: int = 2) -> int:
    """E-mail each department its decisions due to be published within ``warn_days`` working
    days or already late, its late withdrawals and its unanswered feedback. Returns e-mails sent."""
    from gongkai.enforcement import selectors
    from gongkai.execution.notices import recipients

    today = today or timezone.localdate()
    soon = add_working_days(today, warn_days, current_calendar())
    by_department: dict[int, list[str]] = {}
    departments = {}
    for row in selectors.queue(today=today, due_by=soon):
        departments[row.department.pk] = row.department
        by_department.setdefault(row.department.pk, []).append(row.line())
    addresses = recipients(list(departments.values()))
    sent = 0
    for pk, lines in by_department.items():
        if addresses.get(pk):
            subject = f"执法公示期限提醒 Enforcement publicity deadlines: {departments[pk].name}"
            body = (
                "以下执法决定即将到期或已逾期，请及时公开、撤回或答复：\n"
                "These enforcement items are due soon or late; please publish, withdraw or reply:"
                "\n\n" + "\n".join(lines) + "\n"
            )
            sent += send_mail(subject, body, None, addresses[pk])
    return sent


# --- feedback ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    feedback: Feedback
    created: bool


def feedback_submit(
    *, decision: Decision, kind: str, text: str, name: str, contact: str, nonce: str
) -> Submission:
    """Public feedback on a published decision; a second submission with the same form nonce
    (double click, reload) returns the first."""
    if not decision.is_public:
        raise ValidationError(_("该决定未公开，不能反馈。"))
    existing = Feedback.objects.filter(nonce=nonce).first()
    if existing:
        return Submission(existing, False)
    reply_due = add_working_days(timezone.localdate(), FEEDBACK_REPLY_DAYS, current_calendar())
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                decision=decision,
                kind=kind,
                text=text,
                name=name,
                contact=contact,
                nonce=nonce,
                reply_due=reply_due,
            )
            audit.record(actor=None, action="enforcement.feedback.submit", obj=feedback)
    except IntegrityError:
        return Submission(Feedback.objects.get(nonce=nonce), False)
    return Submission(feedback, True)


@transaction.atomic
def feedback_reply(feedback: Feedback, *, user, reply: str) -> Feedback:
    require_department(user, feedback.decision.department_id)
    if not reply.strip():
        raise ValidationError(_("请填写答复。"))
    feedback.reply = reply.strip()
    feedback.replied_at = timezone.now()
    feedback.save(update_fields=["reply", "replied_at"])
    audit.record(actor=user, action="enforcement.feedback.reply", obj=feedback)
    return feedback


# --- item lists --------------------------------------------------------------------------------


@transaction.atomic
def item_list_publish(*, department, rows: Iterable[dict], note: str, user) -> ItemListVersion:
    """A new version of the department's item list with ``rows`` (fields of ``Item``; a
    ``basis_documents`` key holds document ids)."""
    require_department(user, department.pk)
    last = ItemListVersion.objects.filter(department=department).order_by("-number").first()
    version = ItemListVersion.objects.create(
        department=department, number=(last.number + 1) if last else 1, note=note
    )
    for position, row in enumerate(rows, start=1):
        row = dict(row)
        documents = row.pop("basis_documents", [])
        item = Item.objects.create(version=version, position=position, **row)
        if documents:
            item.basis_documents.set(documents)
    audit.record(
        actor=user,
        action="enforcement.items.publish",
        obj=version,
        after={"items": version.items.count(), "note": note},
    )
    _refresh(department, lists=[ItemListVersion])
    return version


# --- inspections -------------------------------------------------------------------------------


def _inputs(plan: InspectionPlan) -> draw.Inputs:
    return draw.Inputs.of(
        plan.entities,
        plan.inspectors,
        [tuple(pair) for pair in plan.exclusions],
        plan.entity_count,
        plan.inspectors_per_entity,
    )


@transaction.atomic
def plan_save(plan: InspectionPlan, *, user) -> InspectionPlan:
    require_department(user, plan.department_id)
    if plan.pk and InspectionPlan.objects.filter(pk=plan.pk).exclude(status=PlanStatus.DRAFT):
        raise ValidationError(_("承诺公布后，名录和人员库不能再修改。"))
    inputs = _inputs(plan)
    plan.entities, plan.inspectors = list(inputs.entities), list(inputs.inspectors)
    plan.exclusions = [list(pair) for pair in inputs.exclusions]
    if plan.entity_count > len(plan.entities):
        raise ValidationError({"entity_count": _("抽取对象数超过名录中的对象数。")})
    created = plan.pk is None
    plan.save()
    audit.record(
        actor=user, action="enforcement.plan." + ("create" if created else "edit"), obj=plan
    )
    return plan


@transaction.atomic
def plan_commit(plan: InspectionPlan, *, user) -> InspectionPlan:
    """Publish the lists' hashes and the commitment to a fresh secret seed (step 2)."""
    require_department(user, plan.department_id)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("承诺已经公布。"))
    if not plan.entities or not plan.inspectors:
        raise ValidationError(_("名录和人员库都不能为空。"))
    for key, value in _inputs(plan).hashes.items():
        setattr(plan, key, value)
    plan.seed = draw.new_seed()
    plan.seed_commitment = draw.commitment(plan.seed)
    plan.committed_at = timezone.now()
    plan.status = PlanStatus.COMMITTED
    plan.save()
    audit.record(
        actor=user,
        action="enforcement.plan.commit",
        obj=plan,
        after={"seed_commitment": plan.seed_commitment, **_inputs(plan).hashes},
    )
    _refresh(plan, lists=[InspectionPlan])
    return plan


@transaction.atomic
def plan_draw(plan: InspectionPlan, *, user) -> InspectionPlan:
    """Reveal the seed and draw (step 3)."""
    require_department(user, plan.department_id)
    if plan.status != PlanStatus.COMMITTED:
        raise ValidationError(_("须先公布承诺，且只能抽取一次。"))
    inputs = _inputs(plan)
    if inputs.hashes["entity_list_sha256"] != plan.entity_list_sha256:
        raise ValidationError(_("名录在承诺后被改动，不能抽取。"))
    plan.result = draw.draw(inputs, plan.seed).as_rows()
    plan.drawn_at = timezone.now()
    plan.status = PlanStatus.DRAWN
    plan.save()
    audit.record(
        actor=user, action="enforcement.plan.draw", obj=plan, after={"result": plan.result}
    )
    _refresh(plan, lists=[InspectionPlan])
    return plan


def plan_export(plan: InspectionPlan) -> dict:
    """The published record anyone can verify (scripts/verify_draw.py); the seed only after
    the draw."""
    record = {
        "format": draw.FORMAT,
        "plan": plan.pk,
        "title": plan.title,
        "department": plan.department.name,
        "entities": plan.entities,
        "inspectors": plan.inspectors,
        "exclusions": plan.exclusions,
        "entity_count": plan.entity_count,
        "inspectors_per_entity": plan.inspectors_per_entity,
        "entity_list_sha256": plan.entity_list_sha256,
        "inspector_pool_sha256": plan.inspector_pool_sha256,
        "exclusions_sha256": plan.exclusions_sha256,
        "seed_commitment": plan.seed_commitment,
    }
    if plan.status == PlanStatus.DRAWN:
        record |= {"seed": plan.seed, "result": plan.result}
    return record


def plan_verify(plan: InspectionPlan) -> list[draw.Check]:
    return draw.verify(plan_export(plan))


@transaction.atomic
def result_record(
    plan: InspectionPlan, *, user, entity: str, outcome: str, follow_up: str, inspected_on: date
) -> InspectionResult:
    require_department(user, plan.department_id)
    if entity not in {row["entity"] for row in plan.result}:
        raise ValidationError(_("该对象未被抽中。"))
    result, _created = InspectionResult.objects.update_or_create(
        plan=plan,
        entity=entity,
        defaults={
            "outcome": outcome,
            "follow_up": follow_up,
            "public_follow_up": masking.mask_text(follow_up),
            "inspected_on": inspected_on,
            "published_at": timezone.now(),
        },
    )
    audit.record(actor=user, action="enforcement.inspection.result", obj=result)
    _refresh(plan)
    return result
