"""Names of bodies in a document: lists of them (主送机关, 联合发文) and whether a piece of
text is one (it ends like a body: 办公厅, 人民政府, 局, 委员会 …)."""

from __future__ import annotations

import re

from gongkai.documents.extraction.chrome import ORG_ENDING
from gongkai.documents.extraction.dates import date_line
from gongkai.documents.extraction.text import fold, split_outside_brackets

_ORG_MAX = 40
_PUNCT = "。;,!?；，！？"
_SEAL = re.compile(r"[(（]\s*(?:印章|盖章|章)\s*[)）]")
_SPACES = re.compile(r"\s+")


def split_names(text: str) -> list[str]:
    """Split a list of names on 、，,；; and tabs outside brackets: 各区（市、县）人民政府
    stays whole."""
    names = (name.strip(" :：。") for name in split_outside_brackets(text, "、,，;；\t"))
    return [name for name in names if name]


def is_org(text: str) -> bool:
    """Whether `text` is the name of a body: short, no sentence punctuation, a body's ending."""
    folded = fold(text).strip()
    return (
        2 <= len(folded) <= _ORG_MAX
        and not any(ch in _PUNCT for ch in folded)
        and bool(ORG_ENDING.search(folded))
        and not date_line(folded)
    )


def orgs_in_line(text: str) -> list[str]:
    """The bodies a signature line names: one, or several side by side (联合发文)."""
    text = _SEAL.sub("", text).strip()
    parts = [part for part in _SPACES.split(fold(text)) if part]
    if len(parts) > 1 and all(is_org(part) for part in parts):
        return _original_parts(text, parts)
    joined = _SPACES.sub("", text)
    return [joined] if is_org(joined) else []


def _original_parts(text: str, folded_parts: list[str]) -> list[str]:
    # fold() keeps lengths, so the folded parts locate the original ones.
    folded, start, parts = fold(text), 0, []
    for part in folded_parts:
        start = folded.index(part, start)
        parts.append(text[start : start + len(part)])
        start += len(part)
    return parts


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))
