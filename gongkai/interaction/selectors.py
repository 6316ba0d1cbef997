"""Reads of messages shared by the portal, the back office and "my items"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from gongkai.accounts.my_items import MyItem
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Department
from gongkai.core.permissions import acts_for_department, user_department_id
from gongkai.interaction import rules
from gongkai.interaction.models import Message, MessageState
from gongkai.search.types import SearchQuery

SUGGESTIONS = 5
ANSWER_SUGGESTIONS = 3


def public_messages(category_id: int | None = None) -> QuerySet[Message]:
    """Messages the portal shows: answered, and neither kept private by their writer nor
    holding personal data; newest reply first."""
    messages = (
        Message.objects.filter(
            is_public=True, state__in=[MessageState.REPLIED, MessageState.CLOSED]
        )
        .select_related("category", "department", "account")
        .order_by("-replied_at", "-id")
    )
    if category_id is not None:
        messages = messages.filter(category_id=category_id)
    return messages


def public_message(pk: int) -> Message | None:
    return public_messages().filter(pk=pk).first()


def timeline(message: Message) -> list:
    return list(message.events.select_related("department"))


def messages_for_user(user) -> QuerySet[Message]:
    """The office and assessors see every message; a department its own."""
    messages = Message.objects.select_related("category", "department", "account")
    if acts_for_department(user, None):
        return messages
    return messages.filter(department_id=user_department_id(user) or -1)


def overdue(user, today: date | None = None) -> QuerySet[Message]:
    """逾期未答复: open messages past their deadline, the oldest deadline first."""
    today = today or timezone.localdate()
    return (
        messages_for_user(user)
        .filter(state__in=rules.OPEN_STATES, due_on__lt=today)
        .order_by("due_on", "pk")
    )


def with_clock(messages, today: date | None = None) -> list[Message]:
    today = today or timezone.localdate()
    calendar = current_calendar()
    rows = list(messages)
    for message in rows:
        replied_on = timezone.localdate(message.replied_at) if message.replied_at else None
        message.clock = rules.clock(
            due_on=message.due_on, today=today, replied_on=replied_on, calendar=calendar
        )
    return rows


@dataclass(frozen=True)
class StatsRow:
    department: Department | None  # None: not yet routed (the office's queue)
    stats: rules.DepartmentStats


def department_stats(today: date | None = None, since: date | None = None) -> list[StatsRow]:
    """统计 per department that holds messages (received since ``since``)."""
    today = today or timezone.localdate()
    messages = Message.objects.all()
    if since is not None:
        messages = messages.filter(received_at__date__gte=since)
    fields = ("department_id", "received_at", "due_on", "replied_at", "rating", "solved")
    facts = [
        rules.MessageFacts(
            department_id=department_id,
            received_on=timezone.localdate(received_at),
            due_on=due_on,
            replied_on=timezone.localdate(replied_at) if replied_at else None,
            rating=rating,
            solved=solved,
        )
        for department_id, received_at, due_on, replied_at, rating, solved in messages.values_list(
            *fields
        )
    ]
    grouped = rules.department_stats(facts, today=today, calendar=current_calendar())
    departments = Department.objects.in_bulk([pk for pk in grouped if pk is not None])
    rows = [StatsRow(departments.get(pk) if pk else None, stats) for pk, stats in grouped.items()]
    return sorted(rows, key=lambda row: (row.department is None, -row.stats.received))


def my_messages(user) -> list[MyItem]:
    """我的留言, for the account's "my items" page."""
    from gongkai.accounts.selectors import account_of

    account = account_of(user)
    if account is None:
        return []
    messages = Message.objects.filter(account=account).order_by("-received_at")
    return [
        MyItem(
            title=message.title,
            url=reverse("interaction:mine", args=[message.pk]),
            status=message.get_state_display(),
            when=message.received_at,
            reference=message.tracking_number,
        )
        for message in messages
    ]


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    kind: str  # SUGGESTION_KINDS

    @property
    def label(self) -> str:
        return str(SUGGESTION_KINDS[self.kind])


SUGGESTION_KINDS = {
    "answer": pgettext_lazy("suggestion kind", "政策问答"),
    "document": pgettext_lazy("suggestion kind", "政策文件"),
}


def suggestions(text: str) -> list[Suggestion]:
    """What may already answer what a writer is typing: public 政策问答 entries first, then
    public documents (the portal's search)."""
    from gongkai.knowledge.selectors import answers_like
    from gongkai.portal.selectors import search_documents
    from gongkai.search.query import clean_text

    text = clean_text(text)
    if not text:
        return []
    answers = [
        Suggestion(answer.question, answer.get_absolute_url(), "answer")
        for answer in answers_like(text, limit=ANSWER_SUGGESTIONS)
    ]
    page = search_documents(SearchQuery(text=text, page_size=SUGGESTIONS, with_facets=False))
    return answers + [Suggestion(item.document.title, item.url, "document") for item in page.items]
