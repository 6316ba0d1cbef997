"""State changes of 政策通: profiles, verification, rules, matching, imports and programmes.

A programme goes live only when the sign-off workflow publishes it (``programme_published``
runs then): ``programme_create`` makes a draft and refuses to make a live one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit, pagecache
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.permissions import require_department
from gongkai.documents.publication import create_draft
from gongkai.enterprise import compile, rules, uscc
from gongkai.enterprise.models import (
    Enterprise,
    FundedProject,
    PolicyMatch,
    Programme,
    Qualification,
    SupportPolicy,
    YearlyFigures,
)
from gongkai.enterprise.signals import policy_matched

PROFILE_FIELDS = [
    "name",
    "industry",
    "region",
    "founded",
    "registered_capital",
    "employees",
    "tags",
]


def facts_of(enterprise: Enterprise, figures=None, qualifications=None) -> rules.Facts:
    """What the rules read of one enterprise (saved rows, or the rows given: instances or rows
    with the same attributes)."""
    figures = enterprise.figures.all() if figures is None else figures
    qualifications = enterprise.qualifications.all() if qualifications is None else qualifications
    values = {
        "founded": enterprise.founded,
        "employees": enterprise.employees,
        "registered_capital": enterprise.registered_capital,
    }
    for row in figures:
        values[f"revenue:{row.year}"] = row.revenue
        values[f"rd_spend:{row.year}"] = row.rd_spend
    return rules.Facts(
        values={
            name: float(v) if not isinstance(v, dt.date) and v is not None else v
            for name, v in values.items()
            if v is not None
        },  # fmt: skip
        industry=enterprise.industry or None,
        region=enterprise.region or None,
        qualifications={q.kind: (q.valid_from, q.valid_until) for q in qualifications},
        tags=frozenset(enterprise.tags or ()),
    )


def snapshot() -> compile.Snapshot:
    """Every enterprise as columns, in id order. Rows are read as named tuples with the fields
    ``facts_of`` reads, not as model instances: a million of those took minutes to make."""
    enterprises = list(
        Enterprise.objects.order_by("pk").values_list(
            "pk", "founded", "employees", "registered_capital", "industry", "region", "tags",
            named=True,
        )
    )  # fmt: skip
    figures, qualifications = defaultdict(list), defaultdict(list)
    for row in YearlyFigures.objects.values_list(
        "enterprise_id", "year", "revenue", "rd_spend", named=True
    ):
        figures[row.enterprise_id].append(row)
    for row in Qualification.objects.values_list(
        "enterprise_id", "kind", "valid_from", "valid_until", named=True
    ):
        qualifications[row.enterprise_id].append(row)
    facts = [facts_of(e, figures[e.pk], qualifications[e.pk]) for e in enterprises]
    return compile.build([e.pk for e in enterprises], facts)


def _pack(ids: np.ndarray) -> bytes:
    return np.asarray(ids, dtype="<i4").tobytes()


def rematch(policies=None, *, as_of: dt.date | None = None, announce_all=False) -> dict[int, int]:
    """Match the policies (every active one by default) against every enterprise, store the
    outcome per policy and tell ``policy_matched`` who newly meets which policy (with
    ``announce_all``, everyone meeting them). Returns the number of enterprises meeting each
    policy."""
    as_of = as_of or timezone.localdate()
    policies = list(SupportPolicy.objects.filter(active=True) if policies is None else policies)
    ruled = [p for p in policies if p.active and p.rule]
    snap = snapshot()
    matches = compile.match_many([p.parsed_rule() for p in ruled], snap, as_of)
    newly = defaultdict(list)
    counts = {}
    with transaction.atomic():
        stale = [p.pk for p in policies if p not in ruled]
        PolicyMatch.objects.filter(policy_id__in=stale).delete()
        previous = {m.policy_id: m for m in PolicyMatch.objects.filter(policy__in=ruled)}
        for policy, found in zip(ruled, matches, strict=True):
            met, near, unknown = (snap.ids[found.met], snap.ids[found.near],
                                  snap.ids[found.unknown])  # fmt: skip
            old = previous.get(policy.pk)
            before = old.ids("met") if old and not announce_all else np.zeros(0, "<i4")
            for enterprise_id in np.setdiff1d(met, before, assume_unique=True).tolist():
                newly[enterprise_id].append(policy)
            PolicyMatch.objects.update_or_create(
                policy=policy,
                defaults={
                    "as_of": as_of,
                    "met_ids": _pack(met),
                    "near_ids": _pack(near),
                    "unknown_ids": _pack(unknown),
                    "met_count": len(met),
                    "near_count": len(near),
                    "unknown_count": len(unknown),
                },
            )
            counts[policy.pk] = len(met)
        transaction.on_commit(lambda: _announce(newly))
    return counts


def _announce(newly):
    for enterprise in Enterprise.objects.filter(pk__in=list(newly)):
        found = newly[enterprise.pk]
        policy_matched.send(
            sender=SupportPolicy,
            enterprise=enterprise,
            policy_ids=[p.pk for p in found],
            document_ids=[p.document_id for p in found if p.document_id],
        )


def announce_document(document_id: int) -> int:
    """A library document went public: the enterprises meeting the support policies resting on
    it are told (``policy_matched``), those that met them while it was a draft included, after
    matching those policies afresh. Subscriptions deliver a document once per subscriber,
    however often it is announced. Returns the number of policies matched."""
    policies = list(
        SupportPolicy.objects.filter(document_id=document_id, active=True).exclude(rule={})
    )
    return len(rematch(policies, announce_all=True)) if policies else 0


def schedule_rematch():
    """Re-match on the worker once the current transaction commits."""
    from gongkai.enterprise.tasks import rematch_all

    transaction.on_commit(rematch_all.enqueue)


@transaction.atomic
def save_policy(*, policy: SupportPolicy, user) -> SupportPolicy:
    """Save a policy whose rule was checked (``full_clean``) and re-match on the worker; only
    into a department ``user`` acts for."""
    require_department(user, policy.department_id)
    creating = policy.pk is None
    policy.full_clean()
    policy.save()
    audit.record(actor=user, action="create" if creating else "update", obj=policy,
                 after={"rule": policy.rule, "active": policy.active})  # fmt: skip
    pagecache.invalidate(obj_tag(policy), list_tag(SupportPolicy), list_tag(Programme))
    schedule_rematch()
    return policy


def programme_snapshot(programme: Programme) -> dict:
    return {
        "title": programme.title,
        "department": programme.department_id,
        "policy": programme.policy_id,
        "opens_at": programme.opens_at.isoformat(),
        "closes_at": programme.closes_at.isoformat(),
        "live": programme.live,
    }


def _drop_programme_pages(programme: Programme) -> None:
    pagecache.invalidate(obj_tag(programme), list_tag(Programme))


@transaction.atomic
def programme_create(*, user, **fields) -> Programme:
    """A new draft programme, saved as its first revision; it goes live when signed off."""
    programme = create_draft(Programme, user=user, **fields)
    audit.record(actor=user, action="programme.create", obj=programme,
                 after=programme_snapshot(programme))  # fmt: skip
    return programme


@transaction.atomic
def programme_published(*, programme: Programme, user) -> None:
    """After the sign-off put a programme (or a new version of it) live; ``user`` signed it
    off. The calendar, its feeds and the matches' windows show it from now on."""
    audit.record(actor=user, action="programme.publish", obj=programme,
                 after=programme_snapshot(programme))  # fmt: skip
    _drop_programme_pages(programme)


@transaction.atomic
def programme_unpublished(*, programme: Programme, user) -> None:
    audit.record(actor=user, action="programme.unpublish", obj=programme)
    _drop_programme_pages(programme)


@transaction.atomic
def save_profile(*, enterprise: Enterprise, user, by_staff: bool = False) -> Enterprise:
    """Save an enterprise's profile. What the enterprise itself changes is self-declared again:
    a verified value it edits loses its mark."""
    if enterprise.pk and not by_staff:
        saved = Enterprise.objects.get(pk=enterprise.pk)
        enterprise.verified_fields = [
            name for name in enterprise.verified_fields
            if getattr(saved, name) == getattr(enterprise, name)
        ]  # fmt: skip
    creating = enterprise.pk is None
    enterprise.full_clean()
    enterprise.save()
    audit.record(actor=user, action="create" if creating else "update", obj=enterprise,
                 after={name: str(getattr(enterprise, name)) for name in PROFILE_FIELDS})  # fmt: skip
    # The project library shows each funded enterprise's name and industry.
    pagecache.invalidate(obj_tag(enterprise), list_tag(FundedProject))
    schedule_rematch()
    return enterprise


@transaction.atomic
def verify(*, enterprise: Enterprise, fields: list[str], user) -> Enterprise:
    """Staff mark values as verified (核实)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not a profile field: {sorted(unknown)}")
    enterprise.verified_fields = sorted(set(enterprise.verified_fields) | set(fields))
    enterprise.save(update_fields=["verified_fields", "updated_at"])
    audit.record(actor=user, action="verify", obj=enterprise, after={"fields": fields})
    return enterprise


def preview(rule_data, *, as_of: dt.date | None = None, sample: int = 10) -> dict:
    """How many enterprises a rule (not saved) meets now, nearly meets or cannot tell, and a
    sample of those meeting it. Raises RuleError for a malformed rule."""
    node = rules.parse(rule_data)
    snap = snapshot()
    [found] = compile.match_many([node], snap, as_of or timezone.localdate())
    ids = snap.ids[found.met[:sample]].tolist()
    names = dict(Enterprise.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {
        "total": len(snap),
        "met": len(found.met),
        "near": len(found.near),
        "unknown": len(found.unknown),
        "sample": [{"id": pk, "name": names[pk]} for pk in ids],
    }


def _clean_import_row(values: dict):
    """(enterprise, figures or None, errors) for one imported row."""
    from django import forms as django_forms
    from django.core.exceptions import ValidationError

    errors = []
    raw = {k: ("" if v is None else v) for k, v in values.items()}
    code = uscc.normalise(str(raw.get("uscc", "")))
    enterprise = Enterprise.objects.filter(uscc=code).first() or Enterprise(uscc=code)
    enterprise.name = str(raw.get("name") or enterprise.name).strip()
    enterprise.industry = str(raw.get("industry") or enterprise.industry).strip().upper()
    enterprise.region = str(raw.get("region") or enterprise.region).strip()
    converters = {
        "founded": django_forms.DateField(required=False),
        "registered_capital": django_forms.DecimalField(
            required=False, max_digits=14, decimal_places=2
        ),  # fmt: skip
        "employees": django_forms.IntegerField(required=False, min_value=0),
    }
    for name, field in converters.items():
        if raw.get(name) not in (None, ""):
            try:
                value = raw[name]
                value = value.date() if hasattr(value, "date") else value
                setattr(enterprise, name, field.clean(value))
            except ValidationError as error:
                errors.append(
                    f"{Enterprise._meta.get_field(name).verbose_name}：{error.messages[0]}"
                )
    if raw.get("tags"):
        enterprise.tags = [t.strip() for t in str(raw["tags"]).replace("，", ",").split(",")
                           if t.strip()]  # fmt: skip
    try:
        enterprise.full_clean(validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = Enterprise._meta.get_field(name).verbose_name if name != "__all__" else ""
            errors.extend(f"{label}：{message}" if label else message for message in messages)
    figures = None
    if raw.get("year") not in (None, ""):
        amount = django_forms.DecimalField(required=False, max_digits=14, decimal_places=2)
        try:
            figures = {
                "year": django_forms.IntegerField(min_value=1949, max_value=2100).clean(
                    raw["year"]
                ),
                "revenue": amount.clean(raw.get("revenue")),
                "rd_spend": amount.clean(raw.get("rd_spend")),
            }
        except ValidationError as error:
            errors.append(
                f"{YearlyFigures._meta.get_field('year').verbose_name}：{error.messages[0]}"
            )
    return enterprise, figures, errors


@transaction.atomic
def import_enterprises(rows, *, user) -> tuple[int, list[tuple[int, list[str]]]]:
    """Create or update enterprises (by credit code) from imported rows; a row with an error is
    left out and reported with its number. Returns (rows saved, errors by row)."""
    saved, errors, seen = [], [], {}
    for number, values in rows:
        enterprise, figures, problems = _clean_import_row(values)
        if enterprise.uscc in seen:
            problems.append(
                _("与第 %(row)s 行的统一社会信用代码重复") % {"row": seen[enterprise.uscc]}
            )
        if problems:
            errors.append((number, problems))
            continue
        seen[enterprise.uscc] = number
        enterprise.save()
        if figures:
            YearlyFigures.objects.update_or_create(
                enterprise=enterprise, year=figures.pop("year"), defaults=figures
            )
        saved.append(enterprise)
    if saved:
        changes = [(e, None, {"name": e.name, "uscc": e.uscc}) for e in saved]
        audit.record_many(actor=user, action="import", changes=changes)
        pagecache.invalidate(list_tag(FundedProject), *(obj_tag(e) for e in saved))
        schedule_rematch()
    return len(saved), errors


@transaction.atomic
def save_own_profile(*, enterprise: Enterprise, account, user, year: int, revenue, rd_spend,
                     qualifications: dict) -> Enterprise:  # fmt: skip
    """An enterprise keeps its own profile: all self-declared. Its qualifications are replaced
    by those given (kind -> (valid_from, valid_until))."""
    enterprise.account = account
    save_profile(enterprise=enterprise, user=user)
    if revenue is not None or rd_spend is not None:
        YearlyFigures.objects.update_or_create(
            enterprise=enterprise, year=year,
            defaults={"revenue": revenue, "rd_spend": rd_spend, "verified": False},
        )  # fmt: skip
    enterprise.qualifications.exclude(kind__in=list(qualifications)).delete()
    for kind, (valid_from, valid_until) in qualifications.items():
        Qualification.objects.update_or_create(
            enterprise=enterprise, kind=kind,
            defaults={"valid_from": valid_from, "valid_until": valid_until, "verified": False},
        )  # fmt: skip
    return enterprise
