"""Rules of 决策预公开 without the database: the comment period, the phase of a consultation,
moderation by blocked words and reports, and the statistics of dispositions.

The period (征求意见期限) is counted in calendar days as 《重大行政决策程序暂行条例》 art. 15 and
《优化营商环境条例》 art. 62 write it ("一般不少于30日"); a shorter period needs a reason, shown
publicly. How long a closed consultation has waited for its adoption report is counted in
working days on the official calendar (gongkai.core.workdays), as every other office clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gongkai.core.workdays import WorkCalendar, working_days_between

MIN_PERIOD_DAYS = 30
TEXT_MAX_LENGTH = 5000


class Phase(StrEnum):
    UPCOMING = "upcoming"  # published, not yet open
    OPEN = "open"
    CLOSED = "closed"  # waiting for its adoption report
    REPORTED = "reported"


class Disposition(StrEnum):
    ADOPTED = "adopted"  # 采纳
    PARTLY_ADOPTED = "partly_adopted"  # 部分采纳
    NOT_ADOPTED = "not_adopted"  # 未采纳


def default_end(starts_on: date) -> date:
    """The last day of a period of the statutory minimum that begins on ``starts_on``."""
    return starts_on + timedelta(days=MIN_PERIOD_DAYS - 1)


def period_days(starts_on: date, ends_on: date) -> int:
    """Days open, both ends included."""
    return (ends_on - starts_on).days + 1


def is_shortened(starts_on: date, ends_on: date) -> bool:
    return period_days(starts_on, ends_on) < MIN_PERIOD_DAYS


def period_problems(starts_on: date | None, ends_on: date | None, reason: str) -> list[str]:
    """Codes of what is wrong with a period: ``missing``, ``order`` (ends before it starts),
    ``reason`` (shorter than the minimum without a reason)."""
    if starts_on is None or ends_on is None:
        return ["missing"]
    if ends_on < starts_on:
        return ["order"]
    if is_shortened(starts_on, ends_on) and not reason.strip():
        return ["reason"]
    return []


def phase(*, today: date, starts_on: date, ends_on: date, report_published: bool) -> Phase:
    if report_published:
        return Phase.REPORTED
    if today < starts_on:
        return Phase.UPCOMING
    if today <= ends_on:
        return Phase.OPEN
    return Phase.CLOSED


def days_left(today: date, ends_on: date) -> int:
    """Calendar days left to comment, today included (0 once closed)."""
    return max(0, (ends_on - today).days + 1)


def working_days_open(starts_on: date, ends_on: date, calendar: WorkCalendar | None = None) -> int:
    """Working days in the period, both ends included (shown beside the calendar days)."""
    return working_days_between(starts_on - timedelta(days=1), ends_on, calendar)


def working_days_waited(ends_on: date, today: date, calendar: WorkCalendar | None = None) -> int:
    """Working days since the period closed, the day after ``ends_on`` to ``today`` included."""
    if today <= ends_on:
        return 0
    return working_days_between(ends_on, today, calendar)


def blocked_words_in(text: str, words: Iterable[str]) -> list[str]:
    """The configured blocked words ``text`` contains (case-insensitive), in the given order."""
    folded = text.casefold()
    return [word for word in words if word and word.casefold() in folded]


def hidden_by_reports(report_count: int, threshold: int) -> bool:
    """Hide a published comment once ``threshold`` other users reported it (0: never)."""
    return threshold > 0 and report_count >= threshold


@dataclass(frozen=True)
class DispositionStats:
    total: int
    adopted: int
    partly_adopted: int
    not_adopted: int

    @property
    def disposed(self) -> int:
        return self.adopted + self.partly_adopted + self.not_adopted

    @property
    def undisposed(self) -> int:
        return self.total - self.disposed

    @property
    def adoption_percent(self) -> int | None:
        """Share of disposed comments adopted in whole or in part, rounded; None with none."""
        if not self.disposed:
            return None
        return round(100 * (self.adopted + self.partly_adopted) / self.disposed)


def disposition_stats(dispositions: Iterable[str]) -> DispositionStats:
    """Statistics of the dispositions of every comment to report on ('' when not yet disposed)."""
    counts = Counter(dispositions)
    return DispositionStats(
        total=sum(counts.values()),
        adopted=counts[Disposition.ADOPTED],
        partly_adopted=counts[Disposition.PARTLY_ADOPTED],
        not_adopted=counts[Disposition.NOT_ADOPTED],
    )
