"""Rules of 回应关切 without the database: how old an open concern is, who is first responsible
for answering it, and when a sensitive document may be published.

The seed (一.3): the department concerned answers first (谁主管谁负责); a concern involving
several departments is answered by the 管委会 as first responsible, its departments working as
a committee; before a document touching the public's immediate interests is issued, its
department assesses the risk of public reaction (舆情风险评估) and writes a response plan
(应对处置预案).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.core.workdays import WorkCalendar

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 10000
REASON_MAX_LENGTH = 1000
OPEN = "open"


@dataclass(frozen=True)
class Age:
    """How long a concern has waited: calendar days and working days since it was raised."""

    days: int
    working_days: int


def age(raised_on: date, today: date, calendar: WorkCalendar) -> Age:
    """Days from the day the concern was raised (day 0) to ``today``; 0 for a date ahead."""
    if today <= raised_on:
        return Age(0, 0)
    return Age((today - raised_on).days, calendar.working_days_between(raised_on, today))


def committee(lead_id: int, supporting_ids) -> list[int]:
    """The supporting departments (配合部门) of a concern: each once, never the lead one."""
    return sorted({pk for pk in supporting_ids if pk != lead_id})


def may_approve_assessment(*, assessor_id: int | None, approver_id: int) -> bool:
    """An assessment is approved by someone other than the one who wrote it."""
    return assessor_id != approver_id


@dataclass(frozen=True)
class Link:
    """One line of a response's links: a portal address of a document or an interpretation
    (``kind`` "document" / "interpretation" with ``pk``), else a 索引号 or 发文字号 (``kind``
    "number" with ``text``)."""

    kind: str
    text: str
    pk: int | None = None


_PORTAL_ADDRESS = re.compile(r"(?:^|/)(documents|interpretations)/(\d+)/?(?:[?#].*)?$")
_KINDS = {"documents": "document", "interpretations": "interpretation"}


def parse_links(raw: str) -> list[Link]:
    """The links a response names, one a line, blanks and repeated lines skipped."""
    links: list[Link] = []
    for line in (raw or "").splitlines():
        text = line.strip()
        if not text:
            continue
        found = _PORTAL_ADDRESS.search(text)
        link = (
            Link(_KINDS[found.group(1)], text, int(found.group(2)))
            if found
            else Link("number", text)
        )
        if link not in links:
            links.append(link)
    return links
