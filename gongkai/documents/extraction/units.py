"""Responsibility marks in plans: who leads, who supports, who is responsible, and by when.

Plans write them as (责任单位：A、B), （牵头单位：A；配合单位：B、C）, a line 责任部门：A
under the item, (A负责), (A牵头，B、C配合), or in running text 由A牵头、B配合; and the
deadline as (完成时限：2019年12月底前). Unit lists are split on 、，,；; and on 和/及 only
where both sides are whole unit names (住房和城乡建设局 is one name). Hand-written: these
are drafting conventions, not a format a library reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.documents.extraction.text import fold, split_outside_brackets

LEAD, SUPPORTING, RESPONSIBLE = "lead", "supporting", "responsible"

_ROLE_OF_WORD = {
    "牵头": LEAD, "主办": LEAD, "配合": SUPPORTING, "协助": SUPPORTING, "参与": SUPPORTING,
    "协办": SUPPORTING, "责任": RESPONSIBLE, "落实": RESPONSIBLE, "负责": RESPONSIBLE,
}  # fmt: skip
_ROLE_WORD = r"牵头|主办|配合|协助|参与|协办|责任|落实"
_UNIT_SUFFIX = r"(?:单位|部门|主体|处室|科室)"
_UNIT_LABEL = rf"(?:主要)?(?P<word>{_ROLE_WORD}){_UNIT_SUFFIX}"
_DUE_LABEL = r"(?:完成时限|完成时间|时间节点|时限要求|时限|完成期限)"
_ANY_LABEL = rf"(?:(?:主要)?(?:{_ROLE_WORD}){_UNIT_SUFFIX}|{_DUE_LABEL})"
MARK_LINE = re.compile(rf"{_ANY_LABEL}\s*:")
# A value runs to the next label, so （牵头单位：A，配合单位：B） splits right.
_SEGMENT = re.compile(
    rf"(?:{_UNIT_LABEL}|(?P<due>{_DUE_LABEL}))\s*:\s*"
    rf"(?P<value>(?:(?!{_ANY_LABEL}\s*:)[^;。])*)"
)
# (A负责) (A牵头，B、C配合) (A、B按职责分工负责)
_VERB_MARK = re.compile(
    r"(?P<lead>[^()]{2,120}?)(?P<verb>牵头|负责)(?:\s*[,，;；]\s*(?P<sup>[^()]{2,200}?)(?:配合|参与|协助))?"
)
# 由A牵头，B、C配合 / 由A负责 in running text.
_BY_MARK = re.compile(
    r"由(?P<lead>[^,，。;；:：()]{2,60}?)(?P<verb>牵头|负责)"
    r"(?:\s*[,，、]\s*(?P<sup>[^,，。;；:：()]{2,100}?)(?:配合|参与|协助))?"
)
# A parenthesised aside, which may itself hold one level of brackets: (责任单位：各区(市、县)政府);
# some plans put the mark in square brackets: [牵头单位：区卫健局；责任单位：…].
_PARENS = re.compile(r"[(\[【]((?:[^()\[\]【】]|\([^()]*\)){2,400})[)\]】]")
_NAME_NOISE = re.compile(r"^(?:由|请)|(?:按职责分工|按照职责|按职责|分别|共同|等单位|等部门|等)$")
UNIT_ENDING = re.compile(
    r"(办公厅|办公室|人民政府|政府|委员会|管委会|委|局|厅|部|部门|办|中心|院|所|站|队|会|处|科|社|署"
    r"|公司|集团|党工委|党委|支队|大队|单位|机构|企业|学校|医院|街道|社区|乡镇|镇|乡|园区|区|科室|处室|村"
    r"|機關|機構|單位|部門)$"
)
_CONJUNCTION = re.compile(r"以及|及|和")
# A plan's note on how to read its unit lists: "排在第一位的部门为牵头部门", "列第一位的为
# 牵头单位，其他为配合单位", "第一个单位为牵头单位". Not a mark itself.
FIRST_LEADS = re.compile(
    r"(?:排在|列|排名|位列)?(?:第一位|第一个|首位|首个|第一)(?:的)?(?:部门|单位)?(?:为|是)牵头(?:部门|单位)"
)


@dataclass(frozen=True)
class UnitRef:
    """A unit named in a responsibility mark and its role: lead (牵头), supporting (配合)
    or responsible (责任单位, 负责)."""

    name: str
    role: str


@dataclass
class Marks:
    """The marks found in a text: units with roles, the deadline as written, and the spans
    of the marks, to cut them from the task's text."""

    units: list[UnitRef]
    due: str | None
    spans: list[tuple[int, int]]


def _split_on_conjunction(name: str) -> list[str]:
    """A和B / A及B is two units only if both sides are whole unit names."""
    for match in _CONJUNCTION.finditer(name):
        left, right = name[: match.start()], name[match.end() :]
        if UNIT_ENDING.search(left) and UNIT_ENDING.search(right):
            return [left, *_split_on_conjunction(right)]
    return [name]


def _clean_name(name: str) -> str:
    previous = None
    while previous != name:
        previous, name = name, _NAME_NOISE.sub("", name.strip(" .。:：")).strip()
    return name


def split_units(text: str) -> list[str]:
    """Unit names in a list as written (、，,；; and 和/及 between whole names), outside
    brackets: 各区（市、县）人民政府 stays one name."""
    units = []
    for name in split_outside_brackets(text, "、,，;；/ \t"):
        units.extend(_split_on_conjunction(_clean_name(name)))
    return [name for name in (_clean_name(n) for n in units) if len(name) >= 2]


def _labelled(content: str, original: str) -> tuple[list[UnitRef], str | None] | None:
    """Units and deadline from 'label：value' segments, or None if `content` has none."""
    units: list[UnitRef] = []
    due = None
    found = False
    for match in _SEGMENT.finditer(content):
        found = True
        value = original[match.start("value") : match.end("value")]
        if match["due"]:
            due = value.strip()
            continue
        role = _ROLE_OF_WORD[match["word"]]
        units.extend(UnitRef(name, role) for name in split_units(value))
    return (units, due) if found else None


def _verb_units(match: re.Match[str], original: str) -> list[UnitRef]:
    role = LEAD if match["verb"] == "牵头" else RESPONSIBLE
    units = [UnitRef(n, role) for n in split_units(original[slice(*match.span("lead"))])]
    if match["sup"]:
        units += [UnitRef(n, SUPPORTING) for n in split_units(original[slice(*match.span("sup"))])]
    return units


def _plausible(units: list[UnitRef]) -> bool:
    """A verb mark names units, not a clause: every name is short and none is a sentence."""
    return bool(units) and all(len(u.name) <= 30 and "，" not in u.name for u in units)


def find_marks(text: str) -> Marks:
    """Every responsibility mark in an item's text, with the spans to cut from it."""
    folded = fold(text)
    units: list[UnitRef] = []
    due = None
    spans: list[tuple[int, int]] = []
    for paren in _PARENS.finditer(folded):
        start, end = paren.span(1)
        if FIRST_LEADS.search(folded[start:end]):
            continue
        labelled = _labelled(folded[start:end], text[start:end])
        if labelled is not None:
            units += labelled[0]
            due = labelled[1] or due
            spans.append(paren.span())
            continue
        verb = _VERB_MARK.fullmatch(folded[start:end])
        if verb and _plausible(found := _verb_units(verb, text[start:end])):
            units += found
            spans.append(paren.span())
    if not units:
        labelled = _labelled(folded, text) if MARK_LINE.match(folded) else None
        if labelled is not None:
            units, due = labelled
            spans.append((0, len(text)))
    if not units:
        for match in _BY_MARK.finditer(folded):
            if _plausible(found := _verb_units(match, text)):
                units += found
    return Marks(_unique_units(units), due, spans)


def _unique_units(units: list[UnitRef]) -> list[UnitRef]:
    seen: dict[str, UnitRef] = {}
    for unit in units:
        seen.setdefault(unit.name, unit)
    return list(seen.values())


def without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + text[end:]
    return text.strip()
