"""Pure rules of 政策订阅 (no ORM): which subscriptions a published document satisfies, one
delivery per subscriber and channel however many of them match, digest grouping, and the
retry schedule of failed deliveries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

# Criterion kinds (see models.Criterion).
DEPARTMENT, TOPIC, DOC_TYPE, REGION, SEARCH, EVERYTHING, MATCHED = (
    "department",
    "topic",
    "doc_type",
    "region",
    "search",
    "everything",
    "matched",
)
# Frequencies, fastest first (see models.Frequency).
FREQUENCY_ORDER = ("immediate", "daily", "weekly")

# Minutes to wait before each retry of a failed delivery; the last figure repeats.
BACKOFF_MINUTES = (1, 5, 15, 60, 120, 240, 360)
MAX_ATTEMPTS = 12


@dataclass(frozen=True)
class DocumentFacts:
    """What a subscription can match in a published document."""

    id: int
    department_id: int | None = None
    topic_ids: frozenset[int] = frozenset()  # the document's topics and their ancestors
    doc_type_id: int | None = None
    region: str = ""
    text: str = ""  # title, number, keywords, summary and body, for a saved search


@dataclass(frozen=True)
class Criterion:
    """One subscription as the rules see it."""

    id: int
    user_id: int
    kind: str
    channel: str
    frequency: str
    department_id: int | None = None
    topic_id: int | None = None
    doc_type_id: int | None = None
    value: str = ""  # the region or the saved search


def query_terms(query: str) -> list[str]:
    return [term.casefold() for term in query.replace("，", " ").replace(",", " ").split()]


def query_matches(query: str, text: str) -> bool:
    """A saved search matches a text holding every one of its terms (case-insensitive)."""
    terms = query_terms(query)
    folded = text.casefold()
    return bool(terms) and all(term in folded for term in terms)


def satisfies(criterion: Criterion, document: DocumentFacts, *, reported_match=False) -> bool:
    """Whether a newly published document is one ``criterion`` asks for. "New policies I
    match" is not decided here: it holds when the enterprise matching reported the document
    for the subscriber (``reported_match``)."""
    kind = criterion.kind
    if kind == MATCHED:
        return reported_match
    if kind == EVERYTHING:
        return True
    if kind == DEPARTMENT:
        return criterion.department_id is not None and criterion.department_id == (
            document.department_id
        )
    if kind == TOPIC:
        return criterion.topic_id in document.topic_ids
    if kind == DOC_TYPE:
        return criterion.doc_type_id is not None and criterion.doc_type_id == (document.doc_type_id)
    if kind == REGION:
        wanted = criterion.value.strip()
        return bool(wanted) and wanted in document.region
    if kind == SEARCH:
        return query_matches(criterion.value, document.text)
    return False


def faster(a: str, b: str) -> str:
    return a if FREQUENCY_ORDER.index(a) <= FREQUENCY_ORDER.index(b) else b


@dataclass(frozen=True)
class PlannedDelivery:
    user_id: int
    channel: str
    frequency: str
    subscription_ids: tuple[int, ...]


def plan(
    criteria: Iterable[Criterion], document: DocumentFacts, *, reported_match: bool = False
) -> list[PlannedDelivery]:
    """One delivery per (subscriber, channel) among the criteria the document satisfies, at the
    fastest frequency asked, naming every subscription that asked for it."""
    return merge_plans(
        PlannedDelivery(c.user_id, c.channel, c.frequency, (c.id,))
        for c in criteria
        if satisfies(c, document, reported_match=reported_match)
    )


def merge_plans(planned: Iterable[PlannedDelivery]) -> list[PlannedDelivery]:
    """Merge plans made in parts: one per (subscriber, channel), the fastest frequency."""
    chosen: dict[tuple[int, str], tuple[str, set[int]]] = {}
    for p in planned:
        key = (p.user_id, p.channel)
        if key in chosen:
            frequency, ids = chosen[key]
            chosen[key] = (faster(frequency, p.frequency), ids | set(p.subscription_ids))
        else:
            chosen[key] = (p.frequency, set(p.subscription_ids))
    return [
        PlannedDelivery(user, channel, frequency, tuple(sorted(ids)))
        for (user, channel), (frequency, ids) in sorted(chosen.items())
    ]


@dataclass
class Digest:
    """The deliveries one message carries: one subscriber, one channel."""

    user_id: int
    channel: str
    delivery_ids: list[int] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)


def group_digests(rows: Iterable[tuple[int, int, str, int]]) -> list[Digest]:
    """(delivery id, user id, channel, document id) rows → one digest per subscriber and
    channel, deliveries in the order given, a document at most once."""
    digests: dict[tuple[int, str], Digest] = {}
    for delivery_id, user_id, channel, document_id in rows:
        digest = digests.get((user_id, channel))
        if digest is None:
            digest = digests[(user_id, channel)] = Digest(user_id, channel)
        digest.delivery_ids.append(delivery_id)
        if document_id not in digest.document_ids:
            digest.document_ids.append(document_id)
    return list(digests.values())


def backoff(attempts: int) -> timedelta | None:
    """The wait after the ``attempts``-th failed attempt, or None when it was the last."""
    if attempts >= MAX_ATTEMPTS:
        return None
    index = min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1
    return timedelta(minutes=BACKOFF_MINUTES[index])


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    wait = backoff(attempts)
    return None if wait is None else now + wait


def digest_frequencies(day: date) -> tuple[str, ...]:
    """The digests sent on ``day``'s morning run: daily ones, and weekly ones on Mondays."""
    return ("daily", "weekly") if day.weekday() == 0 else ("daily",)
