"""The first draft of an adoption report (意见采纳情况说明), written from the dispositions.

An official text, so in Chinese whatever the editor's interface language; the department edits
it before the office signs it off. Comments with the same clause, disposition and reason are
answered together, as similar comments are disposed of in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from gongkai.consultations.rules import Disposition, disposition_stats

DISPOSITION_WORDS = {
    Disposition.ADOPTED: "采纳",
    Disposition.PARTLY_ADOPTED: "部分采纳",
    Disposition.NOT_ADOPTED: "未采纳",
}
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Answered:
    """One disposed comment as the report needs it."""

    clause: str  # the clause heading, "" for the whole draft
    clause_order: int  # the clause's position; whole-draft comments come last
    tracking_number: str
    text: str
    disposition: str
    reason: str


def draft_text(
    *, title: str, department: str, starts_on: date, ends_on: date, comments: Sequence[Answered]
) -> str:
    stats = disposition_stats(c.disposition for c in comments)
    lines = [
        f"关于《{title}》公开征求意见采纳情况的说明",
        "",
        f"{_day(starts_on)}至{_day(ends_on)}，{department}就《{title}》公开征求社会公众意见，"
        f"共收到有效意见{stats.total}条。经认真研究，采纳{stats.adopted}条，"
        f"部分采纳{stats.partly_adopted}条，未采纳{stats.not_adopted}条。具体情况如下：",
    ]
    if not comments:
        lines[-1] = (
            f"{_day(starts_on)}至{_day(ends_on)}，{department}就《{title}》公开征求社会公众意见，"
            "征求意见期间未收到意见。"
        )
    ordered = sorted(comments, key=lambda c: (c.clause_order, c.tracking_number))
    for index, (clause, group) in enumerate(groupby(ordered, key=lambda c: c.clause)):
        lines += ["", f"{_numeral(index)}、关于{clause or '草案整体'}"]
        lines += list(_answers(group))
    return "\n".join(lines)


def _answers(comments: Iterable[Answered]) -> Iterable[str]:
    by_answer = sorted(comments, key=lambda c: (c.disposition, c.reason, c.tracking_number))
    for number, ((disposition, reason), group) in enumerate(
        groupby(by_answer, key=lambda c: (c.disposition, c.reason)), start=1
    ):
        group = list(group)
        numbers = "、".join(c.tracking_number for c in group)
        gist = "；".join(_gist(c.text) for c in group)
        answer = DISPOSITION_WORDS[Disposition(disposition)]
        yield f"{number}. 意见（{numbers}）：{gist}"
        yield f"   处理：{answer}。" + (f"理由：{reason}" if reason else "")


def _gist(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _numeral(index: int) -> str:
    if index < 10:
        return _NUMERALS[index]
    tens, ones = divmod(index + 1, 10)
    return (_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (_NUMERALS[ones - 1] if ones else "")
