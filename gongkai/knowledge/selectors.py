"""Reads of the 政策问答库 shared by the portal, the public API and the back office."""

from __future__ import annotations

from datetime import datetime

from django.core.validators import slug_unicode_re
from django.db.models import Q, QuerySet

from gongkai.core.permissions import acts_for_department, user_department_id
from gongkai.knowledge import rules
from gongkai.knowledge.models import AnswerValidity, PolicyAnswer
from gongkai.search.query import parse_query


def public_answers() -> QuerySet[PolicyAnswer]:
    """Entries the portal and the API show: live and not withdrawn (those waiting for review
    too, with a notice); the newest first."""
    return (
        PolicyAnswer.objects.filter(live=True)
        .exclude(validity=AnswerValidity.WITHDRAWN)
        .select_related("department")
        .order_by("-published_on", "-id")
    )


def public_answer(pk: int) -> PolicyAnswer | None:
    return public_answers().prefetch_related("documents", "topics").filter(pk=pk).first()


def search_answers(
    text: str | None = None,
    *,
    topic: str | None = None,
    department: int | None = None,
    modified_since: datetime | None = None,
) -> tuple[list[PolicyAnswer] | QuerySet[PolicyAnswer], tuple[str, ...]]:
    """Public entries with every word of ``text`` (segmented by the search module, as the
    portal's search does), of the topic (slug) and department, updated since; the most
    relevant first when words are given. Returns the entries and the words looked for."""
    answers = public_answers().prefetch_related("topics", "documents")
    if topic:
        # A text no slug can be (a NUL byte, say) finds nothing: PostgreSQL refuses NUL in a
        # query, and no topic could match it.
        if not slug_unicode_re.fullmatch(topic):
            return answers.none(), ()
        answers = answers.filter(topics__slug=topic)
    if department is not None:
        answers = answers.filter(department_id=department)
    if modified_since is not None:
        answers = answers.filter(updated_at__gte=modified_since)
    query = parse_query(text)
    if query.is_blank:
        return answers, ()
    if not query.terms:
        return answers.none(), ()
    for term in query.terms:
        answers = answers.filter(search_tokens__contains=f" {term} ")
    found = list(answers)
    found.sort(key=lambda answer: rules.rank(answer.search_tokens, query.terms), reverse=True)
    return found, query.terms


def answers_like(text: str, *, limit: int) -> list[PolicyAnswer]:
    """Public entries that may answer a text being typed (a message to the government), found
    by the words the search module segments: those sharing most of its words first, as the
    portal's search falls back to any of the words when no document has them all."""
    query = parse_query(text)
    if not query.terms:
        return []
    any_word = Q()
    for term in query.terms:
        any_word |= Q(search_tokens__contains=f" {term} ")
    candidates = public_answers().filter(any_word).values_list("pk", "search_tokens")
    ranked = sorted(
        candidates, key=lambda row: (rules.likeness(row[1], query.terms), row[0]), reverse=True
    )
    chosen = [pk for pk, _tokens in ranked[:limit]]
    entries = public_answers().in_bulk(chosen)
    return [entries[pk] for pk in chosen]


def answers_for_user(user) -> QuerySet[PolicyAnswer]:
    """The office and assessors see every entry; a department its own."""
    answers = PolicyAnswer.objects.select_related("department")
    if acts_for_department(user, None):
        return answers
    return answers.filter(department_id=user_department_id(user) or -1)


def review_queue(user) -> QuerySet[PolicyAnswer]:
    """待复核: entries flagged for review that the user sees, the longest waiting first."""
    return (
        answers_for_user(user)
        .filter(validity=AnswerValidity.NEEDS_REVIEW)
        .order_by("flagged_at", "pk")
    )


def ended_documents(answer: PolicyAnswer) -> list:
    """The documents the entry rests on that are no longer in force (the public notice)."""
    return [
        document
        for document in answer.documents.all()
        if document.validity in rules.ENDED_DOCUMENT_VALIDITIES
    ]


def answers_of_message(message) -> QuerySet[PolicyAnswer]:
    return PolicyAnswer.objects.filter(source_message=message).order_by("pk")
