"""Verdicts explained condition by condition, in words, in the reader's language:
"2025年营业收入 1,800万元，要求不低于 2,000万元，差 200万元"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gongkai.core.language import is_english
from gongkai.enterprise import rules
from gongkai.enterprise.rules import Condition, Kind


def number(value: float) -> str:
    """1,800 or 1,800.5: thousands separated, at most two decimals."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def quantity(value: float, unit: str) -> str:
    if unit == "wan":
        return (
            f"¥{number(value * 10000)}" if is_english() else _("%(n)s万元") % {"n": number(value)}
        )
    if unit == "people":
        return _("%(n)s人") % {"n": number(value)}
    return number(value)


def label(condition: Condition, as_of: dt.date) -> str:
    if condition.spec.yearly:
        year = condition.year or as_of.year - 1
        return _("%(year)s年%(label)s") % {"year": year, "label": condition.spec.label}
    if condition.spec.kind is Kind.QUALIFICATION:
        return str(rules.QUALIFICATIONS[condition.value])
    return str(condition.spec.label)


STATE_LABELS = {
    "met": pgettext_lazy("condition", "符合"),
    "not_met": gettext_lazy("不符合"),
    "unknown": gettext_lazy("待补充"),
}


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


def _number_text(condition, value, as_of):
    unit = condition.spec.unit
    op, target = condition.op, condition.value
    parts = {"label": label(condition, as_of)}
    if op == "between":
        parts["low"], parts["high"] = quantity(target[0], unit), quantity(target[1], unit)
        if value is None:
            return _("%(label)s未填报，要求在 %(low)s 至 %(high)s 之间") % parts
        parts["value"] = quantity(value, unit)
        return _("%(label)s %(value)s，要求在 %(low)s 至 %(high)s 之间") % parts
    parts["threshold"] = quantity(target, unit)
    requirement = {
        ">=": _("要求不低于 %(threshold)s"),
        ">": _("要求高于 %(threshold)s"),
        "<=": _("要求不高于 %(threshold)s"),
        "<": _("要求低于 %(threshold)s"),
    }[op] % parts
    if value is None:
        return _("%(label)s未填报，%(requirement)s") % {**parts, "requirement": requirement}
    parts.update(value=quantity(value, unit), requirement=requirement)
    met = rules.evaluate_condition(condition, rules.Facts({condition.column(as_of): value}), as_of)
    if met:
        return _("%(label)s %(value)s，%(requirement)s") % parts
    parts["gap"] = quantity(abs(value - target), unit)
    if op in {">=", ">"}:
        return _("%(label)s %(value)s，%(requirement)s，差 %(gap)s") % parts
    return _("%(label)s %(value)s，%(requirement)s，超出 %(gap)s") % parts


def _date_text(condition, value, as_of):
    bound = condition.date_bound(as_of)
    parts = {"label": label(condition, as_of), "n": condition.value, "bound": bound.isoformat()}
    requirement = {
        "within_years": _("要求成立不超过 %(n)s 年（%(bound)s 及以后）"),
        "at_least_years": _("要求成立满 %(n)s 年（%(bound)s 及以前）"),
        "on_or_after": _("要求不早于 %(bound)s"),
        "on_or_before": _("要求不晚于 %(bound)s"),
    }[condition.op] % parts
    if value is None:
        return _("%(label)s未填报，%(requirement)s") % {**parts, "requirement": requirement}
    parts.update(value=value.isoformat(), requirement=requirement)
    return _("%(label)s %(value)s，%(requirement)s") % parts


def _code_text(condition, value, verdict, as_of):
    parts = {"label": label(condition, as_of), "codes": "、".join(condition.value)}
    if value is None:
        return _("%(label)s未填报，要求属于 %(codes)s") % parts
    parts["value"] = value
    if verdict is None:
        return _("%(label)s %(value)s，不够细，无法判断是否属于 %(codes)s") % parts
    if verdict:
        return _("%(label)s %(value)s，属于 %(codes)s") % parts
    return _("%(label)s %(value)s，不属于要求的 %(codes)s") % parts


def _qualification_text(condition, value, verdict, as_of):
    parts = {"label": label(condition, as_of), "at": (condition.at or as_of).isoformat()}
    if value is None:
        return _("%(label)s：未持有，要求在 %(at)s 持有") % parts
    start, end = value
    parts["from"] = start.isoformat()
    parts["until"] = end.isoformat() if end else _("长期")
    if verdict:
        return _("%(label)s：有效期 %(from)s 至 %(until)s，%(at)s 有效") % parts
    return _("%(label)s：有效期 %(from)s 至 %(until)s，要求在 %(at)s 有效") % parts


def explain_condition(condition: Condition, facts: rules.Facts, as_of: dt.date) -> Explanation:
    verdict = rules.evaluate_condition(condition, facts, as_of)
    value = rules.leaf_value(condition, facts, as_of)
    kind = condition.spec.kind
    if kind is Kind.NUMBER:
        text = _number_text(condition, value, as_of)
    elif kind is Kind.DATE:
        text = _date_text(condition, value, as_of)
    elif kind in {Kind.INDUSTRY, Kind.REGION}:
        text = _code_text(condition, value, verdict, as_of)
    elif kind is Kind.QUALIFICATION:
        text = _qualification_text(condition, value, verdict, as_of)
    else:
        template = _("标签“%(tag)s”：有") if verdict else _("标签“%(tag)s”：无")
        text = template % {"tag": condition.value}
    return Explanation(condition, verdict, text)


def explain(node, facts: rules.Facts, as_of: dt.date) -> list[Explanation]:
    """One explanation per condition of the rule, in reading order."""
    return [explain_condition(leaf, facts, as_of) for leaf in rules.conditions(node)]
