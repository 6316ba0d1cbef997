"""Eligibility rules as data (申报条件): a condition tree kept as JSON and evaluated here, one
enterprise at a time, in three-valued logic (met / not met / unknown when a value is missing).

A rule is ``{"all": [...]}``, ``{"any": [...]}``, ``{"not": rule}`` or a condition::

    {"field": "revenue", "op": ">=", "value": 2000, "clause": "第五条（一）"}
    {"field": "founded", "op": "within_years", "value": 5, "clause": "第五条（二）"}
    {"field": "industry", "op": "under", "value": ["C39", "I65"], "clause": "第三条"}
    {"field": "region", "op": "in", "value": ["350100"], "clause": "第三条"}
    {"field": "qualification", "op": "held", "value": "high_tech", "at": "2026-06-30"}
    {"field": "tags", "op": "has", "value": "出口"}

Amounts are in 万元. Yearly figures (revenue, R&D spend) read the year before the evaluation
date unless the condition names a ``year``. Industry codes are GB/T 4754-2017 (section letter
then up to four digits: C, C39, C391, C3911); regions are the six-digit administrative division
codes, ``350100`` standing for everything in 3501xx. A code known less precisely than the rule
asks (an enterprise filed under C39 against a rule on C3911) is unknown, not a failure.
Nothing here touches the database: ``gongkai.enterprise.compile`` evaluates the same rules over
columns of every enterprise at once and must agree with this module row for row.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

MET, NOT_MET, UNKNOWN = True, False, None


class Kind(StrEnum):
    NUMBER = "number"
    DATE = "date"
    INDUSTRY = "industry"
    REGION = "region"
    QUALIFICATION = "qualification"
    TAG = "tag"


@dataclass(frozen=True)
class Field:
    kind: Kind
    label: str
    unit: str = ""  # "wan" (万元) or "people"
    yearly: bool = False


FIELDS = {
    "revenue": Field(Kind.NUMBER, _("营业收入"), "wan", yearly=True),
    "rd_spend": Field(Kind.NUMBER, _("研发投入"), "wan", yearly=True),
    "registered_capital": Field(Kind.NUMBER, _("注册资本"), "wan"),
    "employees": Field(Kind.NUMBER, _("从业人数"), "people"),
    "founded": Field(Kind.DATE, _("成立日期")),
    "industry": Field(Kind.INDUSTRY, _("所属行业")),
    "region": Field(Kind.REGION, _("注册地")),
    "qualification": Field(Kind.QUALIFICATION, _("资质")),
    "tags": Field(Kind.TAG, _("标签")),
}

QUALIFICATIONS = {
    "high_tech": _("高新技术企业"),
    "specialised": _("专精特新中小企业"),
    "little_giant": _("专精特新“小巨人”企业"),
    "sme_tech": _("科技型中小企业"),
    "gazelle": _("瞪羚企业"),
}

OPS = {
    Kind.NUMBER: {">=", ">", "<=", "<", "between"},
    Kind.DATE: {"on_or_after", "on_or_before", "within_years", "at_least_years"},
    Kind.INDUSTRY: {"under"},
    Kind.REGION: {"in"},
    Kind.QUALIFICATION: {"held"},
    Kind.TAG: {"has"},
}

# GB/T 4754-2017 sections (门类) and the two-digit divisions (大类) under each.
SECTIONS = {
    "A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50), "F": (51, 52),
    "G": (53, 60), "H": (61, 62), "I": (63, 65), "J": (66, 69), "K": (70, 70), "L": (71, 72),
    "M": (73, 75), "N": (76, 79), "O": (80, 82), "P": (83, 83), "Q": (84, 85), "R": (86, 90),
    "S": (91, 96), "T": (97, 97),
}  # fmt: skip
SECTION_INDEX = {letter: index for index, letter in enumerate(SECTIONS, start=1)}
INDUSTRY_DIGITS = 4
REGION_DIGITS = 6


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class HierCode:
    """A hierarchical code padded to its full width: 'C39' is (3900, precision 2)."""

    padded: int
    precision: int
    section: int = 0  # industry only: 1 for A ... 20 for T


@functools.lru_cache(maxsize=4096)  # a thousand rules repeat their codes, enterprises theirs
def parse_industry(code: str) -> HierCode:
    code = code.strip().upper()
    letter, digits = code[:1], code[1:]
    if letter not in SECTIONS or not digits.isdigit() and digits or len(digits) > INDUSTRY_DIGITS:
        raise RuleError(_("行业代码应为门类字母加至多四位数字，如 C39"))
    if digits:
        low, high = SECTIONS[letter]
        if len(digits) < 2 or not low <= int(digits[:2]) <= high:
            raise RuleError(_("行业代码应为门类字母加至多四位数字，如 C39"))
    padded = int(digits.ljust(INDUSTRY_DIGITS, "0")) if digits else 0
    return HierCode(padded, len(digits), SECTION_INDEX[letter])


@functools.lru_cache(maxsize=4096)
def parse_region(code: str) -> HierCode:
    code = code.strip()
    if len(code) != REGION_DIGITS or not code.isdigit():
        raise RuleError(_("行政区划代码应为六位数字"))
    significant = code
    while len(significant) > 2 and significant.endswith("00"):
        significant = significant[:-2]
    return HierCode(int(code), len(significant))


def hier_under(value: HierCode | None, prefix: HierCode, width: int) -> bool | None:
    """Is ``value`` under ``prefix``? Unknown when ``value`` is too coarse to tell."""
    if value is None:
        return UNKNOWN
    if prefix.section and value.section != prefix.section:
        return NOT_MET
    if prefix.precision == 0:
        return MET
    shared = min(value.precision, prefix.precision)
    if shared and value.padded // 10 ** (width - shared) != prefix.padded // 10 ** (width - shared):
        return NOT_MET
    return MET if value.precision >= prefix.precision else UNKNOWN


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: object
    clause: str = ""
    year: int | None = None
    at: dt.date | None = None

    @property
    def spec(self) -> Field:
        return FIELDS[self.field]

    @functools.cached_property
    def requirement(self) -> tuple:
        """What the condition asks, whatever clause it cites: alike conditions of several rules
        share one verdict and one wording (``Judge``, ``explain.Explainer``)."""
        return (self.field, self.op, self.value, self.year, self.at)

    def column(self, as_of: dt.date) -> str:
        """The snapshot column read: 'revenue:2025' for yearly figures."""
        if self.spec.yearly:
            return f"{self.field}:{self.year or as_of.year - 1}"
        return self.field

    def date_bound(self, as_of: dt.date) -> dt.date:
        if self.op in {"within_years", "at_least_years"}:
            return years_before(as_of, int(self.value))
        return self.value


@dataclass(frozen=True)
class All:
    children: tuple


@dataclass(frozen=True)
class Any:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


def _number(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(_("条件的值应为数字"))
    return float(value)


def _date(value):
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RuleError(_("条件的值应为日期（年-月-日）")) from None


def parse(data) -> All | Any | Not | Condition:
    """Check a rule's JSON and build its tree; RuleError names the first problem."""
    if not isinstance(data, dict):
        raise RuleError(_("规则格式不正确"))
    if "all" in data or "any" in data:
        children = data.get("all", data.get("any"))
        if not isinstance(children, list) or not children:
            raise RuleError(_("“全部满足”和“满足其一”至少要有一个条件"))
        nodes = tuple(parse(child) for child in children)
        return All(nodes) if "all" in data else Any(nodes)
    if "not" in data:
        return Not(parse(data["not"]))
    name, op, value = data.get("field"), data.get("op"), data.get("value")
    if name not in FIELDS:
        raise RuleError(_("未知的字段：%(field)s") % {"field": name})
    spec = FIELDS[name]
    if op not in OPS[spec.kind]:
        raise RuleError(_("字段“%(field)s”不支持该比较") % {"field": spec.label})
    if spec.kind is Kind.NUMBER:
        if op == "between":
            if not isinstance(value, list | tuple) or len(value) != 2:
                raise RuleError(_("区间应为两个数字"))
            value = (_number(value[0]), _number(value[1]))
        else:
            value = _number(value)
    elif spec.kind is Kind.DATE:
        if op in {"within_years", "at_least_years"}:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 200:
                raise RuleError(_("年数应为 0 至 200 的整数"))
        else:
            value = _date(value)
    elif spec.kind in {Kind.INDUSTRY, Kind.REGION}:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not value:
            raise RuleError(_("至少列出一个代码"))
        check = parse_industry if spec.kind is Kind.INDUSTRY else parse_region
        value = tuple(str(code).strip().upper() for code in value)
        for code in value:
            check(code)
    elif spec.kind is Kind.QUALIFICATION:
        if value not in QUALIFICATIONS:
            raise RuleError(_("未知的资质：%(value)s") % {"value": value})
    elif not isinstance(value, str) or not value.strip():
        raise RuleError(_("标签不能为空"))
    year = data.get("year")
    if year is not None and (not spec.yearly or not isinstance(year, int)):
        raise RuleError(_("只有按年度填报的数字可以指定年度"))
    at = data.get("at")
    if at is not None:
        if spec.kind is not Kind.QUALIFICATION:
            raise RuleError(_("只有资质条件可以指定持有日期"))
        at = _date(at)
    clause = data.get("clause", "")
    if not isinstance(clause, str):
        raise RuleError(_("条款应为文字"))
    return Condition(name, op, value, clause.strip(), year, at)


def conditions(node) -> list[Condition]:
    """Every condition of a tree, in reading order."""
    if isinstance(node, Condition):
        return [node]
    if isinstance(node, Not):
        return conditions(node.child)
    return [leaf for child in node.children for leaf in conditions(child)]


@dataclass
class Facts:
    """What is known of one enterprise, by snapshot column (None or absent: unknown)."""

    values: dict = field(default_factory=dict)  # 'employees', 'revenue:2025', 'founded' ...
    industry: str | None = None
    region: str | None = None
    qualifications: dict = field(default_factory=dict)  # kind -> (valid_from, valid_until|None)
    tags: frozenset = frozenset()


def leaf_value(condition: Condition, facts: Facts, as_of: dt.date):
    kind = condition.spec.kind
    if kind is Kind.INDUSTRY:
        return facts.industry
    if kind is Kind.REGION:
        return facts.region
    if kind is Kind.QUALIFICATION:
        return facts.qualifications.get(condition.value)
    if kind is Kind.TAG:
        return condition.value in facts.tags
    return facts.values.get(condition.column(as_of))


def evaluate_condition(condition: Condition, facts: Facts, as_of: dt.date) -> bool | None:
    value = leaf_value(condition, facts, as_of)
    kind, op, target = condition.spec.kind, condition.op, condition.value
    if kind is Kind.TAG:
        return value
    if kind is Kind.QUALIFICATION:
        if value is None:
            return NOT_MET
        valid_from, valid_until = value
        at = condition.at or as_of
        return valid_from <= at and (valid_until is None or at <= valid_until)
    if value is None:
        return UNKNOWN
    if kind is Kind.INDUSTRY or kind is Kind.REGION:
        parse_code = parse_industry if kind is Kind.INDUSTRY else parse_region
        width = INDUSTRY_DIGITS if kind is Kind.INDUSTRY else REGION_DIGITS
        mine = parse_code(value)
        verdicts = [hier_under(mine, parse_code(code), width) for code in target]
        return any_of(verdicts)
    if kind is Kind.DATE:
        bound = condition.date_bound(as_of)
        return value >= bound if op in {"on_or_after", "within_years"} else value <= bound
    value = float(value)
    if op == "between":
        return target[0] <= value <= target[1]
    return {
        ">=": value >= target,
        ">": value > target,
        "<=": value <= target,
        "<": value < target,
    }[op]


def all_of(verdicts) -> bool | None:
    verdicts = list(verdicts)
    if NOT_MET in verdicts:
        return NOT_MET
    return UNKNOWN if UNKNOWN in verdicts else MET


def any_of(verdicts) -> bool | None:
    verdicts = list(verdicts)
    if MET in verdicts:
        return MET
    return UNKNOWN if UNKNOWN in verdicts else NOT_MET


class Outcome(StrEnum):
    MET = "met"
    NEAR = "near"  # one requirement of an "all" rule missed, every other met
    UNKNOWN = "unknown"
    NOT_MET = "not_met"


class Judge:
    """Verdicts on one enterprise at one date. Each distinct requirement is evaluated once: the
    policies an enterprise is matched against repeat few of them (revenue thresholds,
    qualifications held, industries)."""

    def __init__(self, facts: Facts, as_of: dt.date):
        self.facts, self.as_of = facts, as_of
        self._verdicts = {}

    def condition(self, condition: Condition) -> bool | None:
        key = condition.requirement
        try:
            return self._verdicts[key]
        except KeyError:
            verdict = evaluate_condition(condition, self.facts, self.as_of)
            self._verdicts[key] = verdict
            return verdict

    def evaluate(self, node) -> bool | None:
        if isinstance(node, Condition):
            return self.condition(node)
        if isinstance(node, Not):
            verdict = self.evaluate(node.child)
            return UNKNOWN if verdict is UNKNOWN else not verdict
        verdicts = [self.evaluate(child) for child in node.children]
        return all_of(verdicts) if isinstance(node, All) else any_of(verdicts)

    def outcome(self, node) -> Outcome:
        if isinstance(node, All) and len(node.children) > 1:
            verdicts = [self.evaluate(child) for child in node.children]
            verdict = all_of(verdicts)
        else:
            verdicts, verdict = None, self.evaluate(node)
        if verdict is MET:
            return Outcome.MET
        if verdict is UNKNOWN:
            return Outcome.UNKNOWN
        if verdicts and verdicts.count(NOT_MET) == 1 and verdicts.count(MET) == len(verdicts) - 1:
            return Outcome.NEAR
        return Outcome.NOT_MET


def evaluate(node, facts: Facts, as_of: dt.date) -> bool | None:
    return Judge(facts, as_of).evaluate(node)


def outcome(node, facts: Facts, as_of: dt.date) -> Outcome:
    return Judge(facts, as_of).outcome(node)


# A requirement not met costs more than any number of unknown ones: an "all" whose costs sum
# to exactly this missed one requirement and met every other.
MISSED = 1 << 20
COSTS = {MET: 0, UNKNOWN: 1, NOT_MET: MISSED}


class Plan:
    """Rules compiled for judging one enterprise at a time against all of them (the matches
    API): each distinct requirement and each distinct part (an any, a not, a nested all) gets
    one slot, its parts' slots before it, so that judging an enterprise evaluates each once in
    one pass; a rule is then the slots of its parts, and its outcome one sum of their costs.
    Outcomes are ``Judge.outcome``'s."""

    def __init__(self, nodes):
        self.conditions: dict[int, Condition] = {}  # slot -> requirement judged there
        self.parts: dict[int, tuple] = {}  # slot -> (All, Any or Not, the parts' slots)
        self._slots: dict[tuple, int] = {}
        self.rules = [self._rule(node) for node in nodes]

    def _rule(self, node) -> tuple[int, ...]:
        """An all of several parts: their slots, one of them may be missed (near); any other
        rule: its own slot, met, unknown or not."""
        if isinstance(node, All) and len(node.children) > 1:
            return tuple(self._slot(child) for child in node.children)
        return (self._slot(node),)

    def _slot(self, node) -> int:
        if isinstance(node, Condition):
            key = ("condition", node.requirement)
        elif isinstance(node, Not):
            key = (Not, (self._slot(node.child),))
        else:
            key = (type(node), tuple(self._slot(child) for child in node.children))
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = len(self._slots)
            if isinstance(node, Condition):
                self.conditions[slot] = node
            else:
                self.parts[slot] = key
        return slot

    def outcomes(self, facts: Facts, as_of: dt.date) -> list[Outcome]:
        """Each rule's outcome for one enterprise, in the order of the nodes compiled."""
        verdicts = []
        for slot in range(len(self._slots)):
            condition = self.conditions.get(slot)
            if condition is not None:
                verdicts.append(evaluate_condition(condition, facts, as_of))
                continue
            kind, parts = self.parts[slot]
            if kind is Not:
                verdict = verdicts[parts[0]]
                verdicts.append(UNKNOWN if verdict is UNKNOWN else not verdict)
            else:
                combine = all_of if kind is All else any_of
                verdicts.append(combine([verdicts[part] for part in parts]))
        costs = [COSTS[verdict] for verdict in verdicts]
        found = []
        for parts in self.rules:
            cost = sum([costs[part] for part in parts])
            if cost == 0:
                found.append(Outcome.MET)
            elif cost < MISSED:
                found.append(Outcome.UNKNOWN)
            elif cost == MISSED and len(parts) > 1:
                found.append(Outcome.NEAR)
            else:
                found.append(Outcome.NOT_MET)
        return found
