"""Reading 政策通: one enterprise's matches with explanations, a policy's lists, programmes."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import uuid
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q
from django.utils import timezone

from gongkai.enterprise import explain, rules, services
from gongkai.enterprise.models import (
    CLOSING_SOON,
    Enterprise,
    FundedProject,
    PolicyRevision,
    Programme,
    SupportPolicy,
)
from gongkai.enterprise.rules import Outcome

ORDER = {Outcome.MET: 0, Outcome.UNKNOWN: 1, Outcome.NEAR: 2, Outcome.NOT_MET: 3}
FAR = dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class CompiledPolicy:
    """What matching one enterprise reads of an active support policy, its rule parsed."""

    pk: int
    title: str
    document_id: int | None
    node: object


@dataclass
class PolicyVerdict:
    policy: SupportPolicy | CompiledPolicy
    outcome: Outcome
    explanations: list
    programme: Programme | None  # the next window still to close

    @property
    def closes_at(self):
        return self.programme.closes_at if self.programme else None


def enterprise_of(user) -> Enterprise | None:
    """The enterprise of a signed-in account (one at most: no ordering needed)."""
    if not user.is_authenticated:
        return None
    try:
        return Enterprise.objects.get(account__user=user)
    except Enterprise.DoesNotExist:
        return None


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


def policy_revision() -> str:
    """The token of the support policies and programmes as they are now (made at the first
    read of a database whose policies were all written without signals: bulk_create)."""
    token = PolicyRevision.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        made, _created = PolicyRevision.objects.get_or_create(
            pk=1, defaults={"token": uuid.uuid4().hex}
        )
        token = made.token
    return token


class CompiledPolicies:
    """Every active policy's rule parsed and compiled (``rules.Plan``) once per policy
    revision, and the next windows of their programmes (the same until the soonest of them
    closes)."""

    def __init__(self, token: str):
        self.token = token
        self.policies = [
            CompiledPolicy(pk, title, document_id, rules.parse(rule))
            for pk, title, document_id, rule in matchable_policies()
            .order_by("pk")
            .values_list("pk", "title", "document_id", "rule")
        ]
        self.plan = rules.Plan([policy.node for policy in self.policies])
        self._windows, self._windows_until = {}, None
        self._lock = threading.Lock()

    def windows(self, now: dt.datetime) -> tuple[dict[int, Programme], dt.datetime | None]:
        """The next programme of each policy still to close at ``now``, and until when that
        holds (None: none left to close)."""
        with self._lock:
            until = self._windows_until
            if until is None or until < now:
                self._windows = next_programmes(now)
                closes = [programme.closes_at for programme in self._windows.values()]
                self._windows_until = until = min(closes, default=FAR)
            return self._windows, (None if until is FAR else until)


_compiled: CompiledPolicies | None = None


def compiled_policies() -> CompiledPolicies:
    """The active policies compiled under the current policy revision (one query when this
    process has them already)."""
    global _compiled
    token = policy_revision()
    found = _compiled
    if found is None or found.token != token:
        found = _compiled = CompiledPolicies(token)
    return found


class EnterpriseMatching:
    """One enterprise against every active policy on one day: what decides the outcome (its
    facts, the policy revision, the windows, the date) is read once: the policy revision, the
    windows and the date when made, the facts when first needed (a kept answer needs only the
    enterprise's row)."""

    def __init__(self, enterprise: Enterprise, *, as_of: dt.date | None = None):
        self.enterprise = enterprise
        self.as_of = as_of or timezone.localdate()
        self.compiled = compiled_policies()
        self.windows, self.windows_until = self.compiled.windows(timezone.now())

    @cached_property
    def facts(self) -> rules.Facts:
        return services.facts_of(self.enterprise)

    def key(self, language: str) -> str:
        """Names the matches in ``language`` exactly: the same key, the same answer. The
        enterprise's own fields name its facts with the token its figures and qualifications
        move (receivers.facts_changed), so the key reads no other row."""
        own = services.facts_of(self.enterprise, figures=(), qualifications=())
        decided = (
            self.enterprise.pk,
            sorted(own.values.items()),
            own.industry,
            own.region,
            sorted(own.tags),
            self.enterprise.facts_token,
            self.compiled.token,
            self.windows_until,
            self.as_of,
            language,
        )
        return hashlib.blake2b(repr(decided).encode(), digest_size=16).hexdigest()

    def ranked(self, *, include_not_met=False) -> list[tuple[CompiledPolicy, Outcome]]:
        """Every active policy with its outcome (those not met only when asked), most likely
        eligible first, then by closing date; nothing explained yet."""
        outcomes = self.compiled.plan.outcomes(self.facts, self.as_of)
        windows = self.windows
        found = [
            (policy, outcome)
            for policy, outcome in zip(self.compiled.policies, outcomes, strict=True)
            if include_not_met or outcome is not Outcome.NOT_MET
        ]

        def order(pair):
            programme = windows.get(pair[0].pk)
            return ORDER[pair[1]], programme.closes_at if programme else FAR, pair[0].pk

        found.sort(key=order)
        return found

    def explained(self, ranked) -> list[PolicyVerdict]:
        """The policies of ``ranked`` (or of a page of it) explained condition by condition."""
        explainer, windows = explain.Explainer(self.facts, self.as_of), self.windows
        return [
            PolicyVerdict(policy, outcome, explainer.explain(policy.node), windows.get(policy.pk))
            for policy, outcome in ranked
        ]

    def verdicts(self, *, include_not_met=False) -> list[PolicyVerdict]:
        return self.explained(self.ranked(include_not_met=include_not_met))


class KeptAnswers:
    """Answers kept by this process, the least recently asked dropped first beyond ``budget``
    bytes. Not the shared cache: its entries (the rate limits') are not to be pushed out by
    large answers, and a key naming everything an answer rests on needs no invalidation
    across processes."""

    def __init__(self, budget: int):
        self.budget, self.used = budget, 0
        self._answers: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: str, answer: bytes) -> None:
        with self._lock:
            previous = self._answers.pop(key, None)
            self.used += len(answer) - (len(previous) if previous is not None else 0)
            self._answers[key] = answer
            while self.used > self.budget and self._answers:
                _key, dropped = self._answers.popitem(last=False)
                self.used -= len(dropped)


def matches(enterprise: Enterprise, *, as_of: dt.date | None = None, include_not_met=False):
    """Every active policy judged for one enterprise, explained condition by condition, most
    likely eligible first, then by closing date."""
    return EnterpriseMatching(enterprise, as_of=as_of).verdicts(include_not_met=include_not_met)


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
