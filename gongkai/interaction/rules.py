"""Rules of 政民互动 without the database: routing a message, its reply clock, what the public
sees of it, and the statistics per department.

The reply deadline is counted in working days on the official calendar (gongkai.core.workdays)
from the day the message is received (day 0), as every other office clock; a transfer does not
restart it, so a message passed around still shows as late to the department that answers it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.accounts.masking import mask_name
from gongkai.core.workdays import WorkCalendar

DEFAULT_REPLY_DAYS = 5
TITLE_MAX_LENGTH = 100
BODY_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 500
RATINGS = range(1, 6)
OPEN_STATES = frozenset({"received", "assigned", "transferred"})
_KEYWORD_SEPARATORS = re.compile(r"[\s,，、;；]+")


def parse_keywords(raw: str) -> tuple[str, ...]:
    """The keywords of a routing rule, in order, without blanks or repeats."""
    words = (word.strip() for word in _KEYWORD_SEPARATORS.split(raw or ""))
    return tuple(dict.fromkeys(word for word in words if word))


@dataclass(frozen=True)
class KeywordRule:
    keywords: tuple[str, ...]
    department_id: int


def route(
    *,
    text: str,
    addressee_id: int | None,
    category_department_id: int | None,
    keyword_rules: Sequence[KeywordRule],
) -> int | None:
    """The department a new message goes to: the one it is addressed to, else its category's,
    else the first rule with a keyword in the text (case folded), else None (the office routes
    it by hand)."""
    if addressee_id is not None:
        return addressee_id
    if category_department_id is not None:
        return category_department_id
    folded = (text or "").casefold()
    for rule in keyword_rules:
        if any(keyword.casefold() in folded for keyword in rule.keywords):
            return rule.department_id
    return None


class Clock(StrEnum):
    OPEN = "open"  # within its deadline
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    REPLIED_ON_TIME = "replied_on_time"
    REPLIED_LATE = "replied_late"


def clock(
    *,
    due_on: date,
    today: date,
    replied_on: date | None,
    calendar: WorkCalendar,
    warn_days: int = 1,
) -> Clock:
    """Where a message stands against its deadline; due soon within ``warn_days`` working days."""
    if replied_on is not None:
        return Clock.REPLIED_ON_TIME if replied_on <= due_on else Clock.REPLIED_LATE
    if today > due_on:
        return Clock.OVERDUE
    if due_on <= calendar.add_working_days(today, warn_days):
        return Clock.DUE_SOON
    return Clock.OPEN


def fill_template(text: str, *, title: str, received_on: date) -> str:
    """A reply template with its placeholders filled; any other brace is left as written."""
    return text.replace("{title}", title).replace("{date}", received_on.isoformat())


def writer_name(name: str, *, deleted: bool) -> str | None:
    """What the public sees of the writer: the masked name (张**), None once the account is
    deleted (the page says 已注销用户)."""
    return None if deleted else mask_name(name)


class Privacy(StrEnum):
    PUBLIC = ""
    ASKED = "asked"  # the writer asked for it
    PERSONAL_DATA = "personal_data"  # the message or its reply holds personal data


def privacy(*, wants_private: bool, has_personal_data: bool) -> Privacy:
    if wants_private:
        return Privacy.ASKED
    if has_personal_data:
        return Privacy.PERSONAL_DATA
    return Privacy.PUBLIC


class TransferRefusal(StrEnum):
    NOT_OPEN = "not_open"
    NOT_HOLDER = "not_holder"
    SAME = "same"
    NO_REASON = "no_reason"


def transfer_refusal(
    *,
    state: str,
    holder_id: int | None,
    user_department_id: int | None,
    office_wide: bool,
    target_id: int,
    reason: str,
) -> TransferRefusal | None:
    """Only the department holding an open message, or the office, transfers it, elsewhere,
    with a reason."""
    if state not in OPEN_STATES:
        return TransferRefusal.NOT_OPEN
    if not office_wide and (holder_id is None or holder_id != user_department_id):
        return TransferRefusal.NOT_HOLDER
    if target_id == holder_id:
        return TransferRefusal.SAME
    if not (reason or "").strip():
        return TransferRefusal.NO_REASON
    return None


# --- statistics ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageFacts:
    department_id: int | None
    received_on: date
    due_on: date
    replied_on: date | None = None
    rating: int | None = None
    solved: bool | None = None


@dataclass(frozen=True)
class DepartmentStats:
    """统计: received, replied, replied on time, overdue (late or still open past the deadline),
    average working days to reply, average rating (1–5) and the share rated as solved."""

    received: int
    replied: int
    on_time: int
    overdue: int
    average_days: float | None
    satisfaction: float | None
    solved_share: float | None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.replied if self.replied else None


def department_stats(
    facts: Iterable[MessageFacts], *, today: date, calendar: WorkCalendar
) -> dict[int | None, DepartmentStats]:
    grouped: dict[int | None, list[MessageFacts]] = defaultdict(list)
    for fact in facts:
        grouped[fact.department_id].append(fact)
    return {key: _stats(rows, today, calendar) for key, rows in grouped.items()}


def _stats(rows: list[MessageFacts], today: date, calendar: WorkCalendar) -> DepartmentStats:
    replied = [r for r in rows if r.replied_on is not None]
    on_time = sum(1 for r in replied if r.replied_on <= r.due_on)
    late = len(replied) - on_time
    open_overdue = sum(1 for r in rows if r.replied_on is None and today > r.due_on)
    days = [calendar.working_days_between(r.received_on, r.replied_on) for r in replied]
    ratings = [r.rating for r in rows if r.rating is not None]
    solved = [r.solved for r in rows if r.solved is not None]
    return DepartmentStats(
        received=len(rows),
        replied=len(replied),
        on_time=on_time,
        overdue=late + open_overdue,
        average_days=_mean(days),
        satisfaction=_mean(ratings),
        solved_share=_mean([1 if s else 0 for s in solved]),
    )


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None
