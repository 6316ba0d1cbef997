"""The draft 通报 (notice naming the departments listed for it) of a period, as text,
without the database: its title, paragraphs and table rows, for ``notice_docx`` to lay out.

An official document in Chinese whatever the reader's language; the editor completes it in
Word (the rectification deadline is left blank for them) before it is signed and issued.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.assessment.scoring import Period

QUARTERS = "一二三四"
BLANK_DATE = "____年__月__日"
BLANK_BODY = "________"  # no body named in the settings: the editor writes it in
MOST_LOST = 3  # indicators named per department
TABLE_HEADER = ("序号", "部门", "总分", "主要失分指标", "未达标事项（项）")


@dataclass(frozen=True)
class IndicatorScore:
    """A department's (adjusted) score on one indicator; ``score`` None: it does not apply;
    ``pass_mark``: the mark it fell under (未达标), None when it passed or has none."""

    name: str
    weight: int
    score: float | None
    total: int = 0
    failing: int = 0
    pass_mark: int | None = None


@dataclass(frozen=True)
class DepartmentScores:
    name: str
    total: float
    scores: Sequence[IndicatorScore]


@dataclass(frozen=True)
class Notice:
    title: str
    addressee: str
    paragraphs: list[tuple[str, bool]]  # (text, is_heading) before the table
    table: list[tuple[str, ...]]  # header first
    closing: list[tuple[str, bool]]
    issuer: str
    signed_on: str


def period_words(period: Period) -> str:
    """2026年第三季度, 2026年度: how an official title names the period."""
    if period.quarter:
        return f"{period.year}年第{QUARTERS[period.quarter - 1]}季度"
    return f"{period.year}年度"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def number(value: float) -> str:
    """A score as the board shows it, one decimal at most (50, 31.2)."""
    return f"{round(value, 1):g}"


def lost_points(scores: Sequence[IndicatorScore]) -> list[tuple[IndicatorScore, float]]:
    """The points each applicable indicator took off the weighted total (their sum is 100 less
    the total), most first; indicators that took nothing off are left out."""
    applicable = [s for s in scores if s.score is not None and s.weight]
    weight = sum(s.weight for s in applicable)
    if not weight:
        return []
    lost = [(s, (100 - s.score) * s.weight / weight) for s in applicable]
    lost = [(s, round(points, 1)) for s, points in lost if round(points, 1) > 0]
    return sorted(lost, key=lambda pair: (-pair[1], pair[0].name))


def _most_lost(department: DepartmentScores) -> str:
    """The indicators that cost the department most, and every one it fell under the pass mark
    of (低于达标分), however little it cost."""
    lost = lost_points(department.scores)
    named = [pair for rank, pair in enumerate(lost) if rank < MOST_LOST or pair[0].pass_mark]
    parts = [
        f"{s.name}：得分{number(s.score)}，失{number(points)}分"
        + (f"，低于达标分{s.pass_mark}分" if s.pass_mark is not None else "")
        + (f"（未达标{s.failing}项/共{s.total}项）" if s.total else "")
        for s, points in named
    ]
    return "；\n".join(parts) or "—"


def draft(
    *,
    body: str,
    period: Period,
    threshold: float,
    indicators: Sequence[tuple[str, int]],
    assessed: int,
    low: Sequence[DepartmentScores],
    written_on: date,
) -> Notice:
    """The draft notice of ``period``: ``indicators`` are (name, weight) as published,
    ``assessed`` the departments scored, ``low`` those listed (not empty): under
    ``threshold``, or under an indicator's pass mark."""
    if not low:
        raise ValueError("a notice names at least one department")
    body = body or BLANK_BODY
    when = period_words(period)
    weights = "、".join(f"{name}（权重{weight}）" for name, weight in indicators)
    low = sorted(low, key=lambda d: (d.total, d.name))
    names = "、".join(d.name for d in low)
    failed = any(s.pass_mark is not None for d in low for s in d.scores)
    reason = f"总分低于{number(threshold)}分" + ("或单项指标得分低于达标分" if failed else "")
    paragraphs = [
        (
            f"为推动政务公开工作落实，根据《中华人民共和国政府信息公开条例》和政务公开工作考核的有关要求，"
            f"{body}对各部门{when}政务公开工作进行了考核。现将有关情况通报如下。",
            False,
        ),
        ("一、考核方法", True),
        (
            f"考核依据政务公开平台记录的数据按日自动计分，共设{len(indicators)}项指标：{weights}。"
            "按期完成类指标以期内到期事项的按时完成比例计分，发现问题类指标按发现的问题扣分，"
            "各项指标均为0至100分；部门总分为其适用指标得分按权重的加权平均，"
            "本期没有事项的指标不计入总分。考核人员的调整均附理由记录在案。"
            "各项得分所依据的事项可在考核系统中逐项核对。",
            False,
        ),
        ("二、考核结果", True),
        (
            f"本期共考核{assessed}个部门，其中{len(low)}个部门{reason}，"
            f"予以通报：{names}。具体情况如下：",
            False,
        ),
    ]
    table = [TABLE_HEADER]
    for index, department in enumerate(low, start=1):
        failing = sum(s.failing for s in department.scores if s.score is not None)
        table.append(
            (
                str(index),
                department.name,
                number(department.total),
                _most_lost(department),
                str(failing),
            )
        )
    closing = [
        ("三、整改要求", True),
        (
            "请被通报部门高度重视，对照失分指标和所列事项逐项查找原因、落实整改，"
            f"于{BLANK_DATE}前将整改情况书面报送{body}。"
            "其他部门要引以为鉴，举一反三，切实做好政务公开工作。",
            False,
        ),
    ]
    return Notice(
        title=f"关于{when}政务公开工作考核情况的通报",
        addressee="各部门：",
        paragraphs=paragraphs,
        table=table,
        closing=closing,
        issuer=body,
        signed_on=chinese_date(written_on),
    )
