import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.search.query import MAX_QUERY_CHARS, MAX_TERMS, clamp_query, parse_query
from gongkai.search.types import SearchQuery


def test_empty_and_blank_queries_are_blank():
    for raw in (None, "", "   \t\n"):
        parsed = parse_query(raw)
        assert parsed.is_blank and not parsed.matches_nothing


def test_punctuation_only_matches_nothing():
    parsed = parse_query("？！……——,.;")
    assert parsed.matches_nothing and parsed.terms == ()


@pytest.mark.parametrize(
    ("raw", "terms"),
    [
        ('"政务公开"', ("政务公开",)),
        ("政务* -公开", ("政务", "公开")),
        ("政务 NEAR 公开", ("政务", "near", "公开")),
        (
            "title:政务 AND (公开 OR 解读)^2 ~ [x TO y] {z}",
            ("title", "政务", "and", "公开", "or", "解读", "2", "x", "to", "y", "z"),
        ),
    ],
)
def test_fts_syntax_is_plain_text(raw, terms):
    assert parse_query(raw).terms == terms


def test_ten_kilobyte_query_is_truncated():
    parsed = parse_query("政务公开" * 2560)
    assert len(parsed.text) == MAX_QUERY_CHARS
    assert parsed.terms == ("政务公开",)


def test_control_characters_become_spaces():
    assert parse_query("政务\x00公开\u200b解读").text == "政务 公开 解读"


def test_stop_words_are_dropped_unless_alone():
    assert parse_query("政务的公开").terms == ("政务", "公开")
    assert parse_query("的").terms == ("的",)


@pytest.mark.parametrize(
    "raw",
    [
        "筑高新办函〔2019〕23号",
        "筑高新办函[2019]23号",
        "筑高新办函（2019）23号",
        "2019 23号",
        "〔2019〕23号",
    ],
)
def test_document_numbers_are_recognised(raw):
    number = parse_query(raw).doc_number
    assert (number.year, number.serial) == (2019, 23)


def test_words_are_not_document_numbers():
    assert parse_query("政务公开 2019").doc_number is None


def test_clamp_keeps_paging_and_sort_in_bounds():
    clamped = clamp_query(SearchQuery(page=-3, page_size=10_000, sort="random"))
    assert (clamped.page, clamped.page_size, clamped.sort) == (1, 100, "relevance")
    assert clamp_query(SearchQuery(page=10**9, page_size=20)).page == 500


@given(st.text(max_size=2000))
def test_any_text_parses(raw):
    parsed = parse_query(raw)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert len(parsed.terms) <= MAX_TERMS


@given(st.text(alphabet='"*-:()^~[]{}!?,.。，、；：“”〔〕【】（） \t', max_size=50))
def test_syntax_and_punctuation_only_never_yield_words(raw):
    assert parse_query(raw).terms == ()
