"""Verdicts explained condition by condition, in words, in the reader's language:
"2025年营业收入 1,800万元，要求不低于 2,000万元，差 200万元"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from gongkai.core.language import is_english
from gongkai.enterprise import rules
from gongkai.enterprise.rules import Condition, Kind


def number(value: float) -> str:
    """1,800 or 1,800.5: thousands separated, at most two decimals."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


STATE_LABELS = {
    "met": pgettext_lazy("condition", "符合"),
    "not_met": gettext_lazy("不符合"),
    "unknown": gettext_lazy("待补充"),
}


class Words:
    """Every template and label of the explanations in one language, looked up once: a
    thousand policies explained condition by condition asked gettext for them again and again
    (most of the matches API's time, issue 11)."""

    def __init__(self):
        self.english = is_english()
        self.wan, self.people = _("%(n)s万元"), _("%(n)s人")
        self.yearly = _("%(year)s年%(label)s")
        self.labels = {name: str(spec.label) for name, spec in rules.FIELDS.items()}
        self.qualifications = {kind: str(name) for kind, name in rules.QUALIFICATIONS.items()}
        self.between_missing = _("%(label)s未填报，要求在 %(low)s 至 %(high)s 之间")
        self.between = _("%(label)s %(value)s，要求在 %(low)s 至 %(high)s 之间")
        self.requirements = {
            ">=": _("要求不低于 %(threshold)s"),
            ">": _("要求高于 %(threshold)s"),
            "<=": _("要求不高于 %(threshold)s"),
            "<": _("要求低于 %(threshold)s"),
            "within_years": _("要求成立不超过 %(n)s 年（%(bound)s 及以后）"),
            "at_least_years": _("要求成立满 %(n)s 年（%(bound)s 及以前）"),
            "on_or_after": _("要求不早于 %(bound)s"),
            "on_or_before": _("要求不晚于 %(bound)s"),
        }
        self.missing = _("%(label)s未填报，%(requirement)s")
        self.given = _("%(label)s %(value)s，%(requirement)s")
        self.short = _("%(label)s %(value)s，%(requirement)s，差 %(gap)s")
        self.over = _("%(label)s %(value)s，%(requirement)s，超出 %(gap)s")
        self.codes_missing = _("%(label)s未填报，要求属于 %(codes)s")
        self.codes_coarse = _("%(label)s %(value)s，不够细，无法判断是否属于 %(codes)s")
        self.codes_in = _("%(label)s %(value)s，属于 %(codes)s")
        self.codes_out = _("%(label)s %(value)s，不属于要求的 %(codes)s")
        self.not_held = _("%(label)s：未持有，要求在 %(at)s 持有")
        self.open_ended = _("长期")
        self.held = _("%(label)s：有效期 %(from)s 至 %(until)s，%(at)s 有效")
        self.lapsed = _("%(label)s：有效期 %(from)s 至 %(until)s，要求在 %(at)s 有效")
        self.tag_held, self.tag_missing = _("标签“%(tag)s”：有"), _("标签“%(tag)s”：无")

    def quantity(self, value: float, unit: str) -> str:
        if unit == "wan":
            return f"¥{number(value * 10000)}" if self.english else self.wan % {"n": number(value)}
        if unit == "people":
            return self.people % {"n": number(value)}
        return number(value)

    def label(self, condition: Condition, as_of: dt.date) -> str:
        if condition.spec.yearly:
            year = condition.year or as_of.year - 1
            return self.yearly % {"year": year, "label": self.labels[condition.field]}
        if condition.spec.kind is Kind.QUALIFICATION:
            return self.qualifications[condition.value]
        return self.labels[condition.field]


_words: dict[str, Words] = {}


def words() -> Words:
    """The active language's words, made at its first explanation."""
    language = get_language()
    found = _words.get(language)
    if found is None:
        found = _words[language] = Words()
    return found


@receiver(setting_changed)
def _forget_words(*, setting, **kwargs):
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _words.clear()


@dataclass(frozen=True)
class Explanation:
    condition: Condition
    verdict: bool | None
    text: str

    @property
    def state(self) -> str:
        return {True: "met", False: "not_met", None: "unknown"}[self.verdict]

    @property
    def state_label(self) -> str:
        """符合 / 不符合 / 待补充, in the active language (the page, the mail)."""
        return str(STATE_LABELS[self.state])

    def as_dict(self) -> dict:
        return {"state": self.state, "text": self.text, "clause": self.condition.clause}


def _number_text(w: Words, condition, value, verdict, as_of):
    unit = condition.spec.unit
    op, target = condition.op, condition.value
    parts = {"label": w.label(condition, as_of)}
    if op == "between":
        parts["low"], parts["high"] = w.quantity(target[0], unit), w.quantity(target[1], unit)
        if value is None:
            return w.between_missing % parts
        parts["value"] = w.quantity(value, unit)
        return w.between % parts
    parts["threshold"] = w.quantity(target, unit)
    requirement = w.requirements[op] % parts
    if value is None:
        return w.missing % {**parts, "requirement": requirement}
    parts.update(value=w.quantity(value, unit), requirement=requirement)
    if verdict:
        return w.given % parts
    parts["gap"] = w.quantity(abs(value - target), unit)
    return (w.short if op in {">=", ">"} else w.over) % parts


def _date_text(w: Words, condition, value, as_of):
    bound = condition.date_bound(as_of)
    parts = {"label": w.label(condition, as_of), "n": condition.value, "bound": bound.isoformat()}
    requirement = w.requirements[condition.op] % parts
    if value is None:
        return w.missing % {**parts, "requirement": requirement}
    parts.update(value=value.isoformat(), requirement=requirement)
    return w.given % parts


def _code_text(w: Words, condition, value, verdict, as_of):
    parts = {"label": w.label(condition, as_of), "codes": "、".join(condition.value)}
    if value is None:
        return w.codes_missing % parts
    parts["value"] = value
    if verdict is None:
        return w.codes_coarse % parts
    return (w.codes_in if verdict else w.codes_out) % parts


def _qualification_text(w: Words, condition, value, verdict, as_of):
    parts = {"label": w.label(condition, as_of), "at": (condition.at or as_of).isoformat()}
    if value is None:
        return w.not_held % parts
    start, end = value
    parts["from"] = start.isoformat()
    parts["until"] = end.isoformat() if end else w.open_ended
    return (w.held if verdict else w.lapsed) % parts


class Explainer:
    """Explanations for one enterprise at one date, in the active language: each distinct
    requirement is judged and worded once, however many rules repeat it."""

    def __init__(self, facts: rules.Facts, as_of: dt.date, judge: rules.Judge | None = None):
        self.facts, self.as_of = facts, as_of
        self.judge = judge or rules.Judge(facts, as_of)
        self.words = words()
        self._texts = {}

    def condition(self, condition: Condition) -> Explanation:
        verdict = self.judge.condition(condition)
        key = condition.requirement
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._text(condition, verdict)
        return Explanation(condition, verdict, text)

    def explain(self, node) -> list[Explanation]:
        """One explanation per condition of the rule, in reading order."""
        return [self.condition(leaf) for leaf in rules.conditions(node)]

    def _text(self, condition: Condition, verdict) -> str:
        w, as_of = self.words, self.as_of
        value = rules.leaf_value(condition, self.facts, as_of)
        kind = condition.spec.kind
        if kind is Kind.NUMBER:
            return _number_text(w, condition, value, verdict, as_of)
        if kind is Kind.DATE:
            return _date_text(w, condition, value, as_of)
        if kind in {Kind.INDUSTRY, Kind.REGION}:
            return _code_text(w, condition, value, verdict, as_of)
        if kind is Kind.QUALIFICATION:
            return _qualification_text(w, condition, value, verdict, as_of)
        return (w.tag_held if verdict else w.tag_missing) % {"tag": condition.value}


def explain(node, facts: rules.Facts, as_of: dt.date) -> list[Explanation]:
    """One explanation per condition of the rule, in reading order."""
    return Explainer(facts, as_of).explain(node)
