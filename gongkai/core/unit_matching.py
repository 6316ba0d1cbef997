"""Matching a unit name as a document writes it to a department or a department group (no
Django imports).

Plans and notices name units loosely: full-width letters and brackets, stray spaces, 党政办
for 党政办公室, 各园区办 for the group 园区办. A name is matched in two tiers:

1. exactly, after normalising (NFKC folds full-width forms; spaces go; a leading 各 is
   optional), against every name, short name and alias; an alias shared by several
   departments matches them all, because an administrator wrote it so;
2. failing that, by stem: the name without its institutional suffix (办公室/办, 委员会/委,
   局), so 规划建设办 finds 规划建设局; a stem is a guess, so it must point to one unit.

Departments are tried before groups in each tier. Anything else is unknown (None): the caller
proposes it to an administrator. Hand-written: the variants are Chinese drafting habits.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

DEPARTMENT, GROUP = "department", "group"

_SPACES = re.compile(r"\s+")
_SUFFIX = re.compile(r"(?:办公室|委员会|办|委|局)$")
_MIN_STEM = 2  # 局 alone or 财政 vs 财务 one character apart is no evidence


@dataclass(frozen=True)
class NamedUnit:
    """A department or group as matching sees it: its id and every name it goes by."""

    id: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class UnitMatch:
    """What a name matched: department ids (usually one) or one group id. ``exact`` is False
    for a match on the stem only."""

    kind: str
    ids: tuple[int, ...]
    exact: bool = True


def normalise(name: str) -> str:
    """The comparable form of a unit name: NFKC (full-width to half-width), no whitespace,
    no leading 各."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name)).lstrip("各")


def stem(name: str) -> str:
    """The normalised name without its institutional suffix: 党政办公室 and 党政办 → 党政."""
    return _SUFFIX.sub("", normalise(name))


def _index(units: Iterable[NamedUnit], key) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        for name in unit.names:
            value = key(name)
            if value and unit.id not in found[value]:
                found[value].append(unit.id)
    return {value: tuple(ids) for value, ids in found.items()}


class UnitDirectory:
    """An index of departments and groups by normalised name and by stem, built once for a
    whole plan."""

    def __init__(self, departments: Iterable[NamedUnit], groups: Iterable[NamedUnit]):
        departments, groups = list(departments), list(groups)
        self._exact = {
            DEPARTMENT: _index(departments, normalise),
            GROUP: _index(groups, normalise),
        }
        self._stems = {DEPARTMENT: _index(departments, stem), GROUP: _index(groups, stem)}

    def match(self, name: str) -> UnitMatch | None:
        key = normalise(name)
        for kind in (DEPARTMENT, GROUP):
            ids = self._exact[kind].get(key)
            if ids and (kind == DEPARTMENT or len(ids) == 1):
                return UnitMatch(kind, ids)
        return self._match_stem(stem(name))

    def _match_stem(self, key: str) -> UnitMatch | None:
        if len(key) < _MIN_STEM:
            return None
        candidates = [(kind, self._stems[kind].get(key, ())) for kind in (DEPARTMENT, GROUP)]
        found = [(kind, ids) for kind, ids in candidates if ids]
        if len(found) == 1 and len(found[0][1]) == 1:
            kind, ids = found[0]
            return UnitMatch(kind, ids, exact=False)
        return None


def match_unit(
    name: str, departments: Iterable[NamedUnit], groups: Iterable[NamedUnit]
) -> UnitMatch | None:
    """One name against the given departments and groups (see UnitDirectory for many)."""
    return UnitDirectory(departments, groups).match(name)
