"""Rules compiled to NumPy column operations over a snapshot of every enterprise.

The snapshot holds one array per column (numbers and dates as float64 with NaN for a missing
value, codes as padded integers with their precision, -1 when missing; qualifications as
validity bounds; tags as booleans). A condition becomes two boolean arrays, ``met`` and
``failed``; unknown is neither. ``all`` ands the met and ors the failed, ``any`` the converse,
``not`` swaps them: the three-valued logic of ``gongkai.enterprise.rules``, which this module
must agree with row for row (tests/enterprise/test_compile.py checks it with Hypothesis).
Rows are matched in chunks so that the columns of a chunk stay in the processor's cache while
every rule runs over them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from gongkai.enterprise import rules
from gongkai.enterprise.rules import INDUSTRY_DIGITS, REGION_DIGITS, All, Condition, Kind, Not

CHUNK = 1 << 15


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


def _under(codes: Codes, prefix: rules.HierCode, width: int):
    known = codes.precision >= 0
    wrong = codes.section != prefix.section if prefix.section else np.zeros(len(known), bool)
    if prefix.precision:
        target = prefix.padded // 10 ** (width - prefix.precision)
        deep = codes.precision >= prefix.precision
        mismatch = deep & (codes.levels[prefix.precision] != target)
        for level in range(1, prefix.precision):
            at_level = codes.precision == level
            if at_level.any():
                cut = prefix.padded // 10 ** (width - level)
                mismatch |= at_level & (codes.levels[level] != cut)
        wrong = wrong | mismatch
    else:
        deep = known
    return known & deep & ~wrong, known & wrong


def _condition(condition: Condition, snap: Snapshot, as_of: dt.date):
    kind, op, target = condition.spec.kind, condition.op, condition.value
    size = len(snap)
    if kind is Kind.TAG:
        held = snap.tags.get(target)
        held = np.zeros(size, bool) if held is None else held
        return held, ~held
    if kind is Kind.QUALIFICATION:
        if target not in snap.qualifications:
            return np.zeros(size, bool), np.ones(size, bool)
        valid_from, valid_until = snap.qualifications[target]
        at = float((condition.at or as_of).toordinal())
        held = (valid_from <= at) & (valid_until >= at)
        return held, ~held
    if kind is Kind.INDUSTRY or kind is Kind.REGION:
        industry = kind is Kind.INDUSTRY
        codes = snap.industry if industry else snap.region
        parse = rules.parse_industry if industry else rules.parse_region
        width = INDUSTRY_DIGITS if industry else REGION_DIGITS
        return _any([_under(codes, parse(code), width) for code in target])
    values = snap.numbers.get(condition.column(as_of))
    if values is None:
        return np.zeros(size, bool), np.zeros(size, bool)
    if kind is Kind.DATE:
        bound = float(condition.date_bound(as_of).toordinal())
        if op in {"on_or_after", "within_years"}:
            return values >= bound, values < bound
        return values <= bound, values > bound
    if op == "between":
        low, high = target
        return (values >= low) & (values <= high), (values < low) | (values > high)
    if op == ">=":
        return values >= target, values < target
    if op == ">":
        return values > target, values <= target
    if op == "<=":
        return values <= target, values > target
    return values < target, values >= target


def _all(results):
    met, failed = results[0]
    for other_met, other_failed in results[1:]:
        met, failed = met & other_met, failed | other_failed
    return met, failed


def _any(results):
    met, failed = results[0]
    for other_met, other_failed in results[1:]:
        met, failed = met | other_met, failed & other_failed
    return met, failed


def evaluate(node, snap: Snapshot, as_of: dt.date):
    """(met, failed) boolean arrays for every row of ``snap``."""
    if isinstance(node, Condition):
        return _condition(node, snap, as_of)
    if isinstance(node, Not):
        met, failed = evaluate(node.child, snap, as_of)
        return failed, met
    results = [evaluate(child, snap, as_of) for child in node.children]
    return _all(results) if isinstance(node, All) else _any(results)


@dataclass
class Match:
    """Row positions (into the snapshot) per outcome; ``near`` missed one requirement."""

    met: np.ndarray
    near: np.ndarray
    unknown: np.ndarray


def _classify(node, snap: Snapshot, as_of: dt.date):
    if isinstance(node, All) and len(node.children) > 1:
        results = [evaluate(child, snap, as_of) for child in node.children]
        met, failed = _all(results)
        failures = np.zeros(len(snap), np.int8)
        successes = np.zeros(len(snap), np.int8)
        for child_met, child_failed in results:
            failures += child_failed
            successes += child_met
        near = (failures == 1) & (successes == len(results) - 1)
    else:
        met, failed = evaluate(node, snap, as_of)
        near = np.zeros(len(snap), bool)
    return met, near, ~met & ~failed


def match_many(nodes, snap: Snapshot, as_of: dt.date, chunk: int = CHUNK) -> list[Match]:
    """Every rule over every row, a chunk of rows at a time."""
    parts = [([], [], []) for _ in nodes]
    for start in range(0, len(snap), chunk):
        rows = snap.rows(start, start + chunk)
        for node, (met_parts, near_parts, unknown_parts) in zip(nodes, parts, strict=True):
            met, near, unknown = _classify(node, rows, as_of)
            met_parts.append(np.flatnonzero(met) + start)
            near_parts.append(np.flatnonzero(near) + start)
            unknown_parts.append(np.flatnonzero(unknown) + start)
    empty = np.zeros(0, np.int64)
    return [
        Match(*(np.concatenate(p) if p else empty for p in (met, near, unknown)))
        for met, near, unknown in parts
    ]
