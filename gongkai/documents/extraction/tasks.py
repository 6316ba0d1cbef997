"""Tasks of an implementation plan (实施方案, 工作要点, 任务分工) for 执行公开.

A plan numbers its parts 一、 > （一） > 1. (also １． and 1、) > （1）. Its task
section(s) (三、工作任务, 主要任务, 重点工作 …) hold the tasks; the sections around them
(指导思想, 目标要求, 保障措施 …) do not. A task is an innermost numbered item of a task
section; its units come from its own responsibility mark or, failing that, from the
nearest enclosing item's. A task-division table (任务分工表: 序号 | 工作任务 | 责任单位 |
完成时限, one row a line with tab-separated cells as the readers produce) is the
authoritative division where a plan has one. Hand-written: plan drafting conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from gongkai.documents.extraction.dates import find_deadline
from gongkai.documents.extraction.text import clean_lines, fold
from gongkai.documents.extraction.units import (
    FIRST_LEADS,
    LEAD,
    MARK_LINE,
    RESPONSIBLE,
    SUPPORTING,
    Marks,
    UnitRef,
    find_marks,
    split_units,
    without_spans,
)

_CN = "一二三四五六七八九十"
_LEVELS = (
    (1, re.compile(rf"(?P<n>[{_CN}]{{1,3}})\s*、\s*(?P<rest>.*)")),
    (2, re.compile(rf"\(\s*(?P<n>[{_CN}]{{1,3}})\s*\)\s*(?P<rest>.*)")),
    (4, re.compile(r"\(\s*(?P<n>\d{1,2})\s*\)\s*(?P<rest>.*)")),
    (3, re.compile(r"(?P<n>\d{1,2})\s*[.、](?!\d)\s*(?P<rest>.*)")),
)
_HEADING_STARTS = frozenset(_CN + "(0123456789")
_LABEL_FORMAT = {1: "{}、", 2: "({})", 3: "{}", 4: "({})"}
_TASK_SECTION = re.compile(
    r"任务|重点|工作措施|主要措施|具体措施|工作内容|主要内容|具体工作|工作安排|分工"
)
_OTHER_SECTION = re.compile(
    r"指导思想|总体要求|目标要求|工作目标|主要目标|总体目标|基本原则|保障|组织领导|工作要求"
    r"|实施步骤|进度安排|时间安排|步骤安排|附则|总体思路|适用范围|编制依据|有关要求|其他事项"
)
_PLAN_END = re.compile(r"附\s*件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?::.*)?")
_HEADING_TEXT_MAX = 60
_SECTION_HEADING_MAX = 20
_FIRST_SENTENCE = re.compile(r"[。；;\n]")

# Task-division table columns, by header words.
_COLUMNS = {
    "number": re.compile(r"^(序号|编号)$"),
    "task": re.compile(r"任务|措施|事项|工作内容|具体内容|内容"),
    "lead": re.compile(r"牵头"),
    "supporting": re.compile(r"配合|协助|参与|协办"),
    "responsible": re.compile(r"责任|负责|落实"),
    "due": re.compile(r"时限|时间|期限|节点"),
}
_COLUMN_ROLE = {"lead": LEAD, "supporting": SUPPORTING, "responsible": RESPONSIBLE}


@dataclass
class ExtractedTask:
    """One task: where it stands in the plan (heading path such as "(三)1" and its first
    sentence), its text, its units with their roles, and its deadline when stated."""

    heading: str
    heading_text: str
    text: str
    units: list[UnitRef] = field(default_factory=list)
    section: str = ""
    due_text: str | None = None
    due_on: date | None = None

    @property
    def unit_names(self) -> list[str]:
        return [unit.name for unit in self.units]


@dataclass
class _Item:
    level: int
    label: str
    lines: list[str]
    parent: _Item | None = None
    children: list[_Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# --- numbered structure -------------------------------------------------------------------


def _heading(folded: str) -> tuple[int, str, int] | None:
    """(level, label, start of the text after the number) for a numbered line."""
    if not folded or folded[0] not in _HEADING_STARTS:
        return None
    for level, pattern in _LEVELS:
        match = pattern.fullmatch(folded)
        if match:
            return level, _LABEL_FORMAT[level].format(match["n"]), match.start("rest")
    return None


def _parse_items(lines: list[str]) -> list[_Item]:
    """The numbered items of a plan as a forest, up to its attachments."""
    roots: list[_Item] = []
    stack: list[_Item] = []
    for line in lines:
        folded = fold(line)
        if _PLAN_END.fullmatch(folded):
            break
        found = _heading(folded)
        if found is None:
            if stack:
                stack[-1].lines.append(line)
            continue
        level, label, rest = found
        while stack and stack[-1].level >= level:
            stack.pop()
        item = _Item(level, label, [line[rest:].strip()], stack[-1] if stack else None)
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots


_HEADING_END = re.compile(r"[。，,；;：:]")


def _section_title(item: _Item) -> str:
    """A part's heading: its first words up to the first stop or comma, so a part that
    only mentions 任务 in its text is not a task section."""
    return _HEADING_END.split(fold(item.lines[0]), maxsplit=1)[0]


def _task_sections(roots: list[_Item]) -> tuple[list[_Item], bool]:
    """The top-level items that hold tasks: those named as tasks if any are (True), otherwise
    all but the framing ones (指导思想, 保障措施 …) (False)."""
    top = [item for item in roots if item.level == 1]
    if not top:
        return roots, False
    not_framing = [item for item in top if not _OTHER_SECTION.search(_section_title(item))]
    named = [item for item in not_framing if _is_task_heading(_section_title(item))]
    return (named, True) if named else (not_framing, False)


def _is_task_heading(title: str) -> bool:
    return len(title) <= _SECTION_HEADING_MAX and bool(_TASK_SECTION.search(title))


def _leaves(item: _Item) -> list[_Item]:
    if not item.children:
        return [item]
    return [leaf for child in item.children for leaf in _leaves(child)]


def _path(item: _Item, section: _Item | None, several_sections: bool) -> str:
    """The numbering from below the task section down to the item: "(三)1"; with several
    task sections the section's numeral leads: "三(三)1"."""
    labels = []
    node: _Item | None = item
    while node is not None and not (node is section and node is not item and not several_sections):
        labels.append(node.label.rstrip("、"))
        node = node.parent
    return "".join(reversed(labels))


def _heading_text(text: str) -> str:
    return _FIRST_SENTENCE.split(text, maxsplit=1)[0].strip()[:_HEADING_TEXT_MAX]


def _own_marks(item: _Item) -> tuple[Marks, str]:
    """An item's responsibility marks (in its text, or on lines of their own such as
    责任部门：…) and its text without the marks."""
    text_lines, mark_lines = [], []
    for line in item.lines:
        (mark_lines if MARK_LINE.match(fold(line)) else text_lines).append(line)
    text = "\n".join(text_lines)
    marks = find_marks(text)
    for line in mark_lines:
        extra = find_marks(line)
        known = {unit.name for unit in marks.units}
        marks.units += [unit for unit in extra.units if unit.name not in known]
        marks.due = extra.due or marks.due
    return marks, without_spans(text, marks.spans)


def _marks(item: _Item) -> tuple[Marks, str]:
    """The item's marks, or where it has no units its nearest ancestor's units."""
    marks, text = _own_marks(item)
    node = item.parent
    while not marks.units and node is not None:
        inherited, _ = _own_marks(node)
        marks.units, marks.due = inherited.units, marks.due or inherited.due
        node = node.parent
    return marks, text


def _task_from_item(item: _Item, heading: str, section: str, year: int | None) -> ExtractedTask:
    marks, text = _marks(item)
    deadline = find_deadline(marks.due, year, is_value=True) if marks.due else None
    deadline = deadline or find_deadline(text, year)
    return ExtractedTask(
        heading=heading,
        heading_text=_heading_text(text),
        text=text,
        units=marks.units,
        section=section,
        due_text=deadline[0] if deadline else None,
        due_on=deadline[1] if deadline else None,
    )


def _text_tasks(lines: list[str], year: int | None) -> list[ExtractedTask]:
    sections, named = _task_sections(_parse_items(lines))
    several = len(sections) > 1
    tasks = []
    for section in sections:
        top = section if section.level == 1 else None
        title = _section_title(section) if top else ""
        found = [
            _task_from_item(leaf, _path(leaf, top, several), title, year)
            for leaf in _leaves(section)
            if not (leaf is top and _TASK_SECTION.search(title))  # a bare task heading
        ]
        # Without a section named for tasks, numbered parts are tasks only if the text
        # assigns them to units: a 决定书's 一、二、 are not a plan, nor the covering
        # notice's instructions above the plan it issues.
        if named or any(task.units for task in found):
            tasks += found
    return tasks


# --- task-division tables ----------------------------------------------------------------


def _columns(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        for name, pattern in _COLUMNS.items():
            if name not in found and pattern.search(fold(cell)):
                found[name] = index
                break
    has_units = any(name in found for name in _COLUMN_ROLE)
    return found if "task" in found and has_units else None


def _row_task(cells: list[str], columns: dict[str, int], row_number: int, year: int | None):
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    units = [
        UnitRef(name, role)
        for column, role in _COLUMN_ROLE.items()
        for name in split_units(cell(column))
    ]
    deadline = find_deadline(cell("due"), year, is_value=True) if cell("due") else None
    text = cell("task")
    return ExtractedTask(
        heading=cell("number") or str(row_number),
        heading_text=_heading_text(text),
        text=text,
        units=units,
        section="任务分工表",
        due_text=deadline[0] if deadline else (cell("due") or None),
        due_on=deadline[1] if deadline else None,
    )


def _table_tasks(lines: list[str], year: int | None) -> list[ExtractedTask]:
    tasks: list[ExtractedTask] = []
    columns: dict[str, int] | None = None
    width = 0
    for line in lines:
        cells = line.split("\t")
        if len(cells) < 2:
            columns = None
            continue
        if columns is None:
            columns, width = _columns(cells), len(cells)
            continue
        if len(cells) == width and cells[columns["task"]].strip():
            tasks.append(_row_task(cells, columns, len(tasks) + 1, year))
    return tasks


_OTHERS_SUPPORT = re.compile(r"(?:其他|其余|其它)(?:的)?(?:部门|单位)?(?:为|是)(?:配合|协助|参与)")


def _apply_lead_convention(text: str, tasks: list[ExtractedTask]) -> None:
    """Where the plan says its first-named unit leads, a task whose units carry no role of
    their own (责任单位：A、B) gets A as lead, and the others as supporting where the plan
    says so."""
    folded = fold(text)
    if not FIRST_LEADS.search(folded):
        return
    others = SUPPORTING if _OTHERS_SUPPORT.search(folded) else RESPONSIBLE
    for task in tasks:
        if task.units and all(unit.role == RESPONSIBLE for unit in task.units):
            first, *rest = task.units
            task.units = [UnitRef(first.name, LEAD), *(UnitRef(u.name, others) for u in rest)]


def extract_tasks(text: str, *, year: int | None = None) -> list[ExtractedTask]:
    """The tasks of a plan. `year` dates deadlines written without one ("9月底前")."""
    lines = clean_lines(text)
    tasks = _table_tasks(lines, year) or _text_tasks(lines, year)
    _apply_lead_convention(text, tasks)
    return tasks
