"""Rules compiled to NumPy column operations over a snapshot of every enterprise.

The snapshot holds one array per column (numbers and dates as float64 with NaN for a missing
value, codes as padded integers with their precision, -1 when missing; qualifications as
validity bounds; tags as booleans). A condition becomes one int8 verdict per row: 1 met, 0
unknown, -1 not met; ``all`` is the minimum of its children, ``any`` the maximum, ``not`` the
negation: the three-valued logic of ``gongkai.enterprise.rules``, which this module must agree
with row for row (tests/enterprise/test_compile.py checks it with Hypothesis). Rows are matched
in chunks so that the columns of a chunk stay in the processor's cache while every rule runs
over them, and within a chunk each distinct requirement is evaluated once for all the rules
that repeat it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from gongkai.enterprise import rules
from gongkai.enterprise.rules import INDUSTRY_DIGITS, REGION_DIGITS, All, Condition, Kind, Not

CHUNK = 1 << 16


@dataclass
class Codes:
    """A hierarchical code per row: the padded prefix at each precision, and the precision."""

    precision: np.ndarray  # int8, -1 when missing
    section: np.ndarray  # int8, industry only (0 for regions)
    levels: dict  # precision -> int32 array of the code cut to that many digits

    def rows(self, start, stop) -> Codes:
        return Codes(
            self.precision[start:stop],
            self.section[start:stop],
            {level: array[start:stop] for level, array in self.levels.items()},
        )


@dataclass
class Snapshot:
    ids: np.ndarray
    numbers: dict = field(default_factory=dict)  # column -> float64 (dates as ordinals)
    industry: Codes | None = None
    region: Codes | None = None
    qualifications: dict = field(default_factory=dict)  # kind -> (from, until) float64
    tags: dict = field(default_factory=dict)  # tag -> bool

    def __len__(self):
        return len(self.ids)

    def rows(self, start, stop) -> Snapshot:
        return Snapshot(
            self.ids[start:stop],
            {name: array[start:stop] for name, array in self.numbers.items()},
            self.industry.rows(start, stop),
            self.region.rows(start, stop),
            {kind: (a[start:stop], b[start:stop]) for kind, (a, b) in self.qualifications.items()},
            {tag: array[start:stop] for tag, array in self.tags.items()},
        )


def _codes(values, parse, width) -> Codes:
    count = len(values)
    precision = np.full(count, -1, dtype=np.int8)
    section = np.zeros(count, dtype=np.int8)
    padded = np.zeros(count, dtype=np.int32)
    for row, value in enumerate(values):
        if value:
            code = parse(value)
            precision[row], section[row], padded[row] = code.precision, code.section, code.padded
    levels = {level: padded // 10 ** (width - level) for level in range(1, width + 1)}
    return Codes(precision, section, levels)


def _ordinal(day):
    return np.nan if day is None else float(day.toordinal())


def build(ids, facts: list[rules.Facts]) -> Snapshot:
    """A snapshot from one ``Facts`` per enterprise (``ids`` in the same order)."""
    count = len(facts)
    snapshot = Snapshot(np.asarray(ids, dtype=np.int64))
    columns = {column for fact in facts for column in fact.values}
    for column in columns:
        array = np.full(count, np.nan)
        for row, fact in enumerate(facts):
            value = fact.values.get(column)
            if value is not None:
                array[row] = _ordinal(value) if isinstance(value, dt.date) else float(value)
        snapshot.numbers[column] = array
    snapshot.industry = _codes([f.industry for f in facts], rules.parse_industry, INDUSTRY_DIGITS)
    snapshot.region = _codes([f.region for f in facts], rules.parse_region, REGION_DIGITS)
    for kind in {kind for fact in facts for kind in fact.qualifications}:
        valid_from, valid_until = np.full(count, np.nan), np.full(count, np.nan)
        for row, fact in enumerate(facts):
            if kind in fact.qualifications:
                start, end = fact.qualifications[kind]
                valid_from[row] = _ordinal(start)
                valid_until[row] = np.inf if end is None else _ordinal(end)
        snapshot.qualifications[kind] = (valid_from, valid_until)
    for tag in {tag for fact in facts for tag in fact.tags}:
        snapshot.tags[tag] = np.fromiter((tag in fact.tags for fact in facts), bool, count)
    return snapshot


# A verdict per row as int8: met 1, unknown 0, not met -1. ``all`` is then the minimum of its
# children, ``any`` the maximum and ``not`` the negation, one array operation each.
MET, UNKNOWN, NOT_MET = np.int8(1), np.int8(0), np.int8(-1)


def _verdicts(met, failed) -> np.ndarray:
    return np.subtract(met.view(np.int8), failed.view(np.int8))


def _held(held) -> np.ndarray:
    return np.where(held, MET, NOT_MET)


def _combine(ufunc, arrays) -> np.ndarray:
    """``ufunc`` over ``arrays`` pairwise into one new array (the first when alone)."""
    if len(arrays) == 1:
        return arrays[0]
    found = ufunc(arrays[0], arrays[1])
    for array in arrays[2:]:
        ufunc(found, array, out=found)
    return found


class _Ranges:
    """The codes of some rows as ranges of padded values: a code known to p digits spans
    [padded, padded + 10^(width - p)); a missing code is the empty range at -1."""

    def __init__(self, codes: Codes, width: int):
        known = codes.precision >= 0
        self.precision = codes.precision
        self.known = known.view(np.int8)
        full = codes.section.astype(np.int32) * 10**width + codes.levels[width]
        self.start = np.where(known, full, -1)
        span = np.power(
            10,
            width - codes.precision.astype(np.int32),
            where=known,
            out=np.zeros(len(known), np.int32),
        )
        self.end = self.start + span
        self._depths = {}

    def depth(self, precision: int):
        """Rows known to ``precision`` digits at least, and rows known less precisely."""
        found = self._depths.get(precision)
        if found is None:
            deep = self.precision >= precision
            found = self._depths[precision] = (deep, (self.precision >= 0) & ~deep)
        return found


class Rows:
    """The rows of a snapshot being matched, and the verdicts reached on them so far: each
    distinct requirement (and each code a rule lists) is evaluated once, however many rules
    repeat it (a thousand rules share a few dozen revenue thresholds, qualifications, tags)."""

    def __init__(self, snap: Snapshot, as_of: dt.date):
        self.snap, self.as_of, self.size = snap, as_of, len(snap)
        self._conditions, self._codes, self._costs, self._ranges_of = {}, {}, {}, {}
        self.unknown = np.zeros(self.size, np.int8)
        self.not_met = np.full(self.size, NOT_MET)

    def condition(self, condition: Condition) -> np.ndarray:
        """The verdicts of ``condition`` (shared: never written to)."""
        key = condition.requirement
        found = self._conditions.get(key)
        if found is None:
            found = self._conditions[key] = self._evaluate(condition)
        return found

    def cost(self, node) -> np.ndarray:
        """``node``'s verdicts as costs (0 met, 1 unknown, FAILED not met), uint8."""
        if not isinstance(node, Condition):
            return _costs(self.evaluate(node))
        key = node.requirement
        found = self._costs.get(key)
        if found is None:
            found = self._costs[key] = _costs(self.condition(node))
        return found

    def _evaluate(self, condition: Condition) -> np.ndarray:
        snap, as_of = self.snap, self.as_of
        kind, op, target = condition.spec.kind, condition.op, condition.value
        if kind is Kind.TAG:
            held = snap.tags.get(target)
            return self.not_met if held is None else _held(held)
        if kind is Kind.QUALIFICATION:
            if target not in snap.qualifications:
                return self.not_met
            valid_from, valid_until = snap.qualifications[target]
            at = float((condition.at or as_of).toordinal())
            return _held((valid_from <= at) & (valid_until >= at))
        if kind is Kind.INDUSTRY or kind is Kind.REGION:
            return _combine(np.maximum, [self._under(kind, code) for code in target])
        values = snap.numbers.get(condition.column(as_of))
        if values is None:
            return self.unknown
        if kind is Kind.DATE:
            bound = float(condition.date_bound(as_of).toordinal())
            if op in {"on_or_after", "within_years"}:
                return _verdicts(values >= bound, values < bound)
            return _verdicts(values <= bound, values > bound)
        if op == "between":
            low, high = target
            return _verdicts((values >= low) & (values <= high), (values < low) | (values > high))
        if op == ">=":
            return _verdicts(values >= target, values < target)
        if op == ">":
            return _verdicts(values > target, values <= target)
        if op == "<=":
            return _verdicts(values <= target, values > target)
        return _verdicts(values < target, values >= target)

    def _under(self, kind: Kind, code: str) -> np.ndarray:
        """Rows whose code is under ``code``: unknown when known less precisely than it and
        not contradicting it, not met when known otherwise. Codes are compared as ranges of
        their padded values (the industry's section first): C39 is [C3900, C4000)."""
        key = (kind, code)
        found = self._codes.get(key)
        if found is None:
            ranges = self._ranges(kind)
            industry = kind is Kind.INDUSTRY
            prefix = (rules.parse_industry if industry else rules.parse_region)(code)
            width = INDUSTRY_DIGITS if industry else REGION_DIGITS
            low = prefix.section * 10**width + prefix.padded
            deep, coarse = ranges.depth(prefix.precision)
            met = (ranges.start >= low) & (ranges.start < low + 10 ** (width - prefix.precision))
            met &= deep
            # A coarser code containing ``code``: too coarse to tell.
            undecided = (ranges.start <= low) & (ranges.end > low)
            undecided &= coarse
            found = np.subtract(undecided.view(np.int8), ranges.known)
            found += met.view(np.int8)
            found += met.view(np.int8)
            self._codes[key] = found
        return found

    def _ranges(self, kind: Kind) -> _Ranges:
        found = self._ranges_of.get(kind)
        if found is None:
            industry = kind is Kind.INDUSTRY
            codes = self.snap.industry if industry else self.snap.region
            found = self._ranges_of[kind] = _Ranges(
                codes, INDUSTRY_DIGITS if industry else REGION_DIGITS
            )
        return found

    def evaluate(self, node) -> np.ndarray:
        """The verdicts of a rule (possibly shared: never written to)."""
        if isinstance(node, Condition):
            return self.condition(node)
        if isinstance(node, Not):
            return np.negative(self.evaluate(node.child))
        found = [self.evaluate(child) for child in node.children]
        return _combine(np.minimum if isinstance(node, All) else np.maximum, found)


@dataclass
class Match:
    """Row positions (into the snapshot, int32) per outcome; ``near`` missed one requirement."""

    met: np.ndarray
    near: np.ndarray
    unknown: np.ndarray


# An ``all`` of up to MAX_COUNTED requirements is classified by one sum: each requirement costs
# 0 met, 1 unknown, FAILED not met, so that the sum is 0 when all are met, below FAILED when
# none fails and some are unknown, FAILED exactly when one fails and every other is met (near),
# above otherwise; 15 × 16 still fits in a byte.
FAILED = 16
MAX_COUNTED = FAILED - 1


def _costs(verdicts) -> np.ndarray:
    """Verdicts 1, 0, -1 as costs 0, 1, FAILED: (1 - verdict) to the fourth."""
    costs = np.subtract(1, verdicts, dtype=np.uint8, casting="unsafe")
    np.multiply(costs, costs, out=costs)
    return np.multiply(costs, costs, out=costs)


def _positions(mask, start: int) -> np.ndarray:
    return np.add(mask.nonzero()[0], start, dtype=np.int32, casting="unsafe")


def _classify(node, rows: Rows, start: int):
    """Positions (int32, from ``start``) of the rows meeting ``node``, nearly meeting it and
    lacking data for it."""
    if isinstance(node, All) and 1 < len(node.children) <= MAX_COUNTED:
        total = _combine(np.add, [rows.cost(child) for child in node.children])
        met, near = total == 0, total == FAILED
        unknown = np.subtract(total, 1, out=total) < MAX_COUNTED  # 1 to 15; 0 wraps to 255
        return _positions(met, start), _positions(near, start), _positions(unknown, start)
    verdicts = rows.evaluate(node)
    if isinstance(node, All) and len(node.children) > 1:
        # More requirements than a byte of costs counts: n - 1 met and one not, their sum
        # n - 2 with a -1 among them (a sum of n - 2 otherwise needs two unknown).
        found = [rows.evaluate(child) for child in node.children]
        total = np.add.reduce(found, dtype=np.int32)
        near = _positions((total == len(found) - 2) & (verdicts == NOT_MET), start)
    else:
        near = np.zeros(0, np.int32)
    return _positions(verdicts == MET, start), near, _positions(verdicts == UNKNOWN, start)


def match_many(nodes, snap: Snapshot, as_of: dt.date, chunk: int = CHUNK) -> list[Match]:
    """Every rule over every row, a chunk of rows at a time."""
    empty = np.zeros(0, np.int32)
    parts = [([], [], []) for _ in nodes]
    for start in range(0, len(snap), chunk):
        rows = Rows(snap.rows(start, start + chunk), as_of)
        for node, policy_parts in zip(nodes, parts, strict=True):
            for found, part in zip(_classify(node, rows, start), policy_parts, strict=True):
                part.append(found)
    found = []
    for index, policy_parts in enumerate(parts):
        # Joined one rule at a time, each rule's chunks let go once joined: the positions
        # are held once, not twice, at the peak.
        found.append(Match(*(np.concatenate(p) if p else empty for p in policy_parts)))
        parts[index] = None
    return found
