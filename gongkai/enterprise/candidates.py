"""Candidate conditions read out of a document's 申报条件 text, for an editor to confirm.

Only suggestions: each carries the sentence it was read from and the clause (第五条（二）) it
sits in; a rule changes only when an editor adds a candidate to it. A region named in words
(注册在福州市) comes without its division code, which the editor fills in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"(\d+(?:\.\d+)?)"
_CN_DIGITS = "零一二三四五六七八九十百"
ARTICLE = re.compile(rf"第[{_CN_DIGITS}]+条")
ITEM = re.compile(rf"[（(][{_CN_DIGITS}]+[)）]")
SENTENCE = re.compile(r"[^。；;\n]+")

AMOUNT_FIELDS = (
    ("revenue", re.compile(r"(?:营业|销售|主营业务)收入")),
    ("rd_spend", re.compile(r"研发(?:投入|费用|经费)")),
    ("registered_capital", re.compile(r"注册资本")),
)
AMOUNT = re.compile(rf"{NUMBER}\s*(万元|亿元)")
AT_MOST = re.compile(r"不超过|不高于|以下|以内|(?<!不)低于|(?<!不)少于|未满")
PEOPLE = re.compile(rf"(?:从业人员|职工|员工)[^。；]*?{NUMBER}\s*人")
YEARS = re.compile(rf"成立[^。；]*?{NUMBER}\s*(?:个)?(?:周)?年")
REGION = re.compile(r"(?:注册在|注册地(?:在|为|位于)?|在)([\u4e00-\u9fff]{2,12}?(?:省|市|区|县))")
QUALIFICATIONS = (
    ("little_giant", re.compile(r"专精特新[“\"]?小巨人")),
    ("specialised", re.compile(r"专精特新(?![“\"]?小巨人)")),
    ("high_tech", re.compile(r"高新技术企业")),
    ("sme_tech", re.compile(r"科技型中小企业")),
    ("gazelle", re.compile(r"瞪羚")),
)


@dataclass(frozen=True)
class Candidate:
    condition: dict
    quote: str
    complete: bool = True  # False: the editor must fill something in (a region's code)


def _clause(text: str, position: int) -> str:
    article = None
    for found in ARTICLE.finditer(text, 0, position):
        article = found
    if article is None:
        return ""
    items = [item.group() for item in ITEM.finditer(text, article.end(), position)]
    return article.group() + (items[-1] if items else "")


def _amount(sentence: str, start: int):
    """The first amount after ``start`` and the words between: (value, words) or None."""
    found = AMOUNT.search(sentence, start)
    if not found:
        return None
    value = float(found.group(1)) * (10000 if found.group(2) == "亿元" else 1)
    return (int(value) if value.is_integer() else value), sentence[start : found.end() + 2]


def _op(sentence: str) -> str:
    return "<=" if AT_MOST.search(sentence) else ">="


def extract(text: str) -> list[Candidate]:
    """Candidates in reading order, one per finding, without duplicates."""
    found: list[Candidate] = []
    seen = set()

    def add(condition, quote, complete=True):
        key = (condition["field"], condition["op"], str(condition["value"]), condition.get("place"))
        if key not in seen:
            seen.add(key)
            found.append(Candidate(condition, quote.strip(), complete))

    for sentence in SENTENCE.finditer(text):
        quote, clause = sentence.group(), _clause(text, sentence.end())
        for name, pattern in AMOUNT_FIELDS:
            if (keyword := pattern.search(quote)) and (amount := _amount(quote, keyword.end())):
                value, words = amount
                add({"field": name, "op": _op(words), "value": value, "clause": clause}, quote)
        if people := PEOPLE.search(quote):
            value = int(float(people.group(1)))
            words = quote[people.start() : people.end() + 2]
            add({"field": "employees", "op": _op(words), "value": value, "clause": clause}, quote)
        if years := YEARS.search(quote):
            words = quote[years.start() : years.end() + 2]
            op = "within_years" if AT_MOST.search(words) else "at_least_years"
            value = int(float(years.group(1)))
            add({"field": "founded", "op": op, "value": value, "clause": clause}, quote)
        for kind, pattern in QUALIFICATIONS:
            if pattern.search(quote):
                add(
                    {"field": "qualification", "op": "held", "value": kind, "clause": clause}, quote
                )
        if region := REGION.search(quote):
            condition = {"field": "region", "op": "in", "value": [], "clause": clause}
            add({**condition, "place": region.group(1)}, quote, complete=False)
    return found
