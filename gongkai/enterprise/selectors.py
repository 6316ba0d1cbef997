"""Reading 政策通: one enterprise's matches with explanations, a policy's lists, programmes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from gongkai.enterprise import explain, rules, services
from gongkai.enterprise.models import (
    CLOSING_SOON,
    Enterprise,
    FundedProject,
    Programme,
    SupportPolicy,
)
from gongkai.enterprise.rules import Outcome

ORDER = {Outcome.MET: 0, Outcome.UNKNOWN: 1, Outcome.NEAR: 2, Outcome.NOT_MET: 3}


@dataclass
class PolicyVerdict:
    policy: SupportPolicy
    outcome: Outcome
    explanations: list
    programme: Programme | None  # the next window still to close

    @property
    def closes_at(self):
        return self.programme.closes_at if self.programme else None


def enterprise_of(user) -> Enterprise | None:
    account = getattr(user, "public_account", None)
    return getattr(account, "enterprise", None) if account else None


def matchable_policies():
    return (
        SupportPolicy.objects.filter(active=True)
        .exclude(rule={})
        .select_related("document", "department")
    )


def next_programmes(now=None) -> dict[int, Programme]:
    now = now or timezone.now()
    found = {}
    for programme in Programme.objects.filter(live=True, closes_at__gte=now).order_by("closes_at"):
        found.setdefault(programme.policy_id, programme)
    return found


def matches(enterprise: Enterprise, *, as_of: dt.date | None = None, include_not_met=False):
    """Every active policy judged for one enterprise, explained condition by condition, most
    likely eligible first, then by closing date."""
    as_of = as_of or timezone.localdate()
    facts = services.facts_of(enterprise)
    windows = next_programmes()
    verdicts = []
    for policy in matchable_policies():
        node = policy.parsed_rule()
        outcome = rules.outcome(node, facts, as_of)
        if outcome is Outcome.NOT_MET and not include_not_met:
            continue
        explained = explain.explain(node, facts, as_of)
        verdicts.append(PolicyVerdict(policy, outcome, explained, windows.get(policy.pk)))
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    verdicts.sort(key=lambda v: (ORDER[v.outcome], v.closes_at or far, v.policy.pk))
    return verdicts


class DocumentReasons:
    """Why published documents concern the enterprises of some accounts: for a user and a
    document, the support policies resting on the document that the user's enterprise meets,
    explained condition by condition in the language active when asked. Reads the database
    once, when made (a batch of messages makes one)."""

    def __init__(self, user_ids, document_ids, *, as_of: dt.date | None = None):
        self.as_of = as_of or timezone.localdate()
        self._policies = defaultdict(list)
        for policy in matchable_policies().filter(document_id__in=list(document_ids)):
            self._policies[policy.document_id].append(policy)
        self._facts = {}
        if self._policies:
            found = (
                Enterprise.objects.filter(account__user_id__in=list(user_ids))
                .select_related("account")
                .prefetch_related("figures", "qualifications")
            )
            self._facts = {e.account.user_id: services.facts_of(e) for e in found}

    def of(self, user_id: int, document_id: int) -> list[PolicyVerdict]:
        facts = self._facts.get(user_id)
        if facts is None:
            return []
        verdicts = []
        for policy in self._policies.get(document_id, ()):
            node = policy.parsed_rule()
            if rules.outcome(node, facts, self.as_of) is Outcome.MET:
                explained = explain.explain(node, facts, self.as_of)
                verdicts.append(PolicyVerdict(policy, Outcome.MET, explained, None))
        return verdicts


def policy_enterprises(policy: SupportPolicy, outcome: str):
    """The enterprises stored as meeting / nearly meeting / lacking data for a policy."""
    match = getattr(policy, "match", None)
    if match is None:
        return Enterprise.objects.none()
    return Enterprise.objects.filter(pk__in=match.ids(outcome).tolist())


def programmes(*, state: str = "", department=None, now=None):
    now = now or timezone.now()
    found = Programme.objects.filter(live=True).select_related("department", "policy")
    if department is not None:
        found = found.filter(department=department)
    if state == "open":
        found = found.filter(opens_at__lte=now, closes_at__gte=now)
    elif state == "closing":
        found = found.filter(opens_at__lte=now, closes_at__gte=now,
                             closes_at__lte=now + CLOSING_SOON)  # fmt: skip
    elif state == "upcoming":
        found = found.filter(opens_at__gt=now)
    return found.order_by("closes_at")


def next_programme_change(now=None):
    """The next moment any public programme changes state: the calendar's lists and states
    hold until then."""
    now = now or timezone.now()
    unclosed = Programme.objects.filter(live=True, closes_at__gte=now).only("opens_at", "closes_at")
    return min(filter(None, (p.next_change(now) for p in unclosed)), default=None)


def programmes_in_month(year: int, month: int):
    start = dt.datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return programmes().filter(Q(opens_at__lt=end) & Q(closes_at__gte=start))


def matched_programmes(enterprise: Enterprise):
    """The programmes of the policies an enterprise meets or may meet (data missing)."""
    wanted = {Outcome.MET, Outcome.UNKNOWN, Outcome.NEAR}
    ids = [v.policy.pk for v in matches(enterprise) if v.outcome in wanted]
    return programmes().filter(policy_id__in=ids)


def public_projects(query: str = ""):
    found = FundedProject.objects.filter(public=True).select_related(
        "programme", "enterprise", "programme__policy"
    )
    if query:
        found = found.filter(
            Q(title__icontains=query)
            | Q(enterprise__name__icontains=query)
            | Q(programme__title__icontains=query)
        )
    return found
