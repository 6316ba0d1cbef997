"""Matching unit names from documents to departments and groups (gongkai.core.unit_matching)."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.unit_matching import (
    DEPARTMENT,
    GROUP,
    NamedUnit,
    UnitDirectory,
    UnitMatch,
    match_unit,
    normalise,
    stem,
)

DEPARTMENTS = [
    NamedUnit(1, ("财政局",)),
    NamedUnit(2, ("党政办公室", "党政办")),
    NamedUnit(3, ("规划建设局", "规建局")),
    NamedUnit(4, ("大数据发展办公室", "大数据办")),
    NamedUnit(5, ("国家税务总局贵阳国家高新技术产业开发区税务局", "税务局", "高新区税务局")),
    NamedUnit(6, ("市场监管局", "工商局")),
    NamedUnit(7, ("知识产权局", "工商局")),  # an alias shared after a split
    NamedUnit(8, ("G20服务中心",)),
]
GROUPS = [
    NamedUnit(10, ("区属各部门",)),
    NamedUnit(11, ("各行政执法部门",)),
    NamedUnit(12, ("园区办",)),
]
DIRECTORY = UnitDirectory(DEPARTMENTS, GROUPS)

NAMES = st.sampled_from(
    [name for unit in DEPARTMENTS + GROUPS for name in unit.names if name != "工商局"]
)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_exact_names_short_names_and_aliases():
    assert DIRECTORY.match("财政局") == UnitMatch(DEPARTMENT, (1,))
    assert DIRECTORY.match("规建局") == UnitMatch(DEPARTMENT, (3,))
    assert DIRECTORY.match("高新区税务局") == UnitMatch(DEPARTMENT, (5,))


def test_groups_match_with_or_without_ge():
    assert DIRECTORY.match("各行政执法部门") == UnitMatch(GROUP, (11,))
    assert DIRECTORY.match("行政执法部门") == UnitMatch(GROUP, (11,))
    assert DIRECTORY.match("各园区办") == UnitMatch(GROUP, (12,))


def test_an_alias_an_administrator_gave_two_departments_matches_both():
    assert DIRECTORY.match("工商局") == UnitMatch(DEPARTMENT, (6, 7))


def test_suffix_variants_match_by_stem():
    assert DIRECTORY.match("规划建设办") == UnitMatch(DEPARTMENT, (3,), exact=False)
    assert DIRECTORY.match("大数据发展办") == UnitMatch(DEPARTMENT, (4,), exact=False)
    assert DIRECTORY.match("财政委") == UnitMatch(DEPARTMENT, (1,), exact=False)


def test_unknown_and_ambiguous_names_are_none():
    assert DIRECTORY.match("教育局") is None
    assert DIRECTORY.match("局") is None
    ambiguous = UnitDirectory([NamedUnit(1, ("建设局",)), NamedUnit(2, ("建设办公室",))], [])
    assert ambiguous.match("建设委") is None
    assert ambiguous.match("建设局") == UnitMatch(DEPARTMENT, (1,))


def test_full_width_and_spaces_are_folded():
    assert normalise("Ｇ２０ 服务　中心") == "G20服务中心"
    assert DIRECTORY.match("Ｇ２０服务中心") == UnitMatch(DEPARTMENT, (8,))
    assert stem("党政办公室") == stem("党政办") == "党政"


def test_match_unit_is_the_directory_for_one_name():
    assert match_unit("财政局", DEPARTMENTS, GROUPS) == DIRECTORY.match("财政局")


@given(NAMES, st.lists(st.integers(min_value=0, max_value=30), max_size=3))
def test_spaces_anywhere_do_not_change_the_match(name, positions):
    spaced = name
    for position in sorted(positions, reverse=True):
        spaced = spaced[:position] + " \u3000"[position % 2] + spaced[position:]
    assert DIRECTORY.match(spaced) == DIRECTORY.match(name)
    assert DIRECTORY.match(name) is not None


@given(NAMES)
def test_full_width_forms_match_like_the_name(name):
    assert DIRECTORY.match(full_width(name)) == DIRECTORY.match(name)


@given(
    st.text(alphabet=st.characters(codec="utf-8", categories=["Lo", "Nd", "Lu", "Zs"]), max_size=12)
)
def test_normalise_is_idempotent_and_nfkc(text):
    once = normalise(text)
    assert normalise(once) == once
    assert unicodedata.normalize("NFKC", once) == once
    assert not any(c.isspace() for c in once)
    assert not once.startswith("各")


@pytest.mark.parametrize("name", ["党政办公室", "大数据发展办公室"])
def test_ban_and_bangongshi_are_one_suffix(name):
    assert DIRECTORY.match(name[: -len("办公室")] + "办").ids == DIRECTORY.match(name).ids
