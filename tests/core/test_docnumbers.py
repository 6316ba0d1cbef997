"""发文字号: normalisation, finding in text, search queries, form validation."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gongkai.core.docnumbers import (
    DocNumberQuery,
    doc_number_matches_query,
    find_doc_numbers,
    is_valid_doc_number,
    normalize_doc_number,
    parse_doc_number_query,
    split_doc_number,
)

SEED_KEY = "筑高新办函[2019]23号"
BRACKETS = [
    ("〔", "〕"),
    ("[", "]"),
    ("(", ")"),
    ("（", "）"),
    ("【", "】"),
    ("﹝", "﹞"),
    ("［", "］"),
    ("〖", "〗"),
]
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
# Characters of real 机关代字; none is a word the finder treats as a lead-in (的, 号, 和 ...).
PREFIX_CHARS = "筑高新办函国府黔发政公开省市区委党工信财税教人社卫健农"
prefixes = st.text(PREFIX_CHARS, min_size=2, max_size=8)
years = st.integers(1949, 2099)
serials = st.integers(1, 99999)


@st.composite
def written_variants(draw, prefix, year, serial):
    """One way a person might write prefix〔year〕serial号."""
    open_, close = draw(st.sampled_from(BRACKETS))
    space = draw(st.sampled_from(["", " ", "\u3000"]))
    serial_text = "0" * draw(st.integers(0, 2)) + str(serial)
    di = draw(st.sampled_from(["", "第"]))
    text = f"{prefix}{space}{open_}{space}{year}{space}{close}{di}{serial_text}{space}号"
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH_DIGITS)
    return text


@pytest.mark.parametrize(
    "written",
    [
        "筑高新办函〔2019〕23号",
        "筑高新办函[2019]23号",
        "筑高新办函(2019)23号",
        "筑高新办函（2019）23号",
        "筑高新办函【2019】23号",
        "筑高新办函﹝2019﹞23号",
        "筑高新办函 〔 2019 〕 23 号",
        "筑高新办函〔２０１９〕２３号",
        "筑高新办函〔2019〕第23号",
        "筑高新办函〔2019〕023号",
        "筑高新办函〔2019〕23號",
        "筑高新办函〔2019〕23",
    ],
)
def test_every_written_variant_has_the_same_key(written):
    assert normalize_doc_number(written) == SEED_KEY


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("国务院令第711号", "国务院令711号"),
        ("国务院令 第 711 号", "国务院令711号"),
        ("国家税务总局公告2019年第1号", "国家税务总局公告[2019]1号"),
        ("国办公开办函〔2021〕30号", "国办公开办函[2021]30号"),
        ("2019年3月23日", "2019年3月23日"),  # not a number: only folded
        ("ＡＢＣ 12", "ABC12"),
    ],
)
def test_keys_of_other_forms(written, key):
    assert normalize_doc_number(written) == key


@given(prefixes, years, serials, st.data())
def test_every_bracket_variant_of_a_number_maps_to_one_key(prefix, year, serial, data):
    written = data.draw(written_variants(prefix, year, serial))
    assert normalize_doc_number(written) == f"{prefix}[{year}]{serial}号"
    assert split_doc_number(written) == DocNumberQuery(year=year, serial=serial, prefix=prefix)


@given(st.text())
@example("A\u00b4")  # NFKC turns ´ into space + combining accent
def test_normalisation_is_idempotent(text):
    key = normalize_doc_number(text)
    assert normalize_doc_number(key) == key


@given(st.text(PREFIX_CHARS + "第号令年[]()〔〕0123456789 ", max_size=20))
def test_normalisation_is_idempotent_on_number_like_text(text):
    key = normalize_doc_number(text)
    assert normalize_doc_number(key) == key


# --- finding in running text -----------------------------------------------------------


SEED_SENTENCE = (
    "为深入贯彻落实《省人民政府办公厅关于印发贵州省2019年政务公开工作要点的通知》"
    "(黔府办函〔2019〕68号)、《市人民政府办公厅关于印发贵阳市2019年政务公开工作要点的通知》"
    "(筑府办函〔2019〕66号)精神,全面抓好我区2019年政务公开工作推进落实"
)


def test_finds_the_numbers_cited_in_the_seed_document():
    found = find_doc_numbers(SEED_SENTENCE)
    assert [m.as_written for m in found] == ["黔府办函〔2019〕68号", "筑府办函〔2019〕66号"]
    assert [m.key for m in found] == ["黔府办函[2019]68号", "筑府办函[2019]66号"]
    for match in found:
        start, end = match.span
        assert SEED_SENTENCE[start:end] == match.as_written


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("根据国办发〔2018〕118号文件", ["国办发〔2018〕118号"]),
        (
            "国务院令第711号和国办公开办函〔2021〕30号",
            ["国务院令第711号", "国办公开办函〔2021〕30号"],
        ),
        ("及国家税务总局公告2019年第1号", ["国家税务总局公告2019年第1号"]),
        ("中华人民共和国主席令第12号", ["中华人民共和国主席令第12号"]),
        ("要点的通知筑府办函〔2019〕62号", ["筑府办函〔2019〕62号"]),
        ("筑高新办函 〔２０１９〕 23 号", ["筑高新办函 〔２０１９〕 23 号"]),
    ],
)
def test_finds_numbers_in_text(text, numbers):
    assert [m.as_written for m in find_doc_numbers(text)] == numbers


@pytest.mark.parametrize(
    "text",
    [
        "2019年政务公开工作要点",
        "会议于2019年3月23日召开，2019年5月23号截止",
        "见第23号",
        "（2019）年度报告",
        "〔2019〕23号",  # no issuer code
        "公告2019年第1号",  # 公告 alone names no issuer
        "国发〔1800〕1号",  # implausible year
        "电话0851-84112345",
    ],
)
def test_finds_nothing_in_text_without_numbers(text):
    assert find_doc_numbers(text) == []


@given(prefixes, years, serials, st.data())
def test_finds_a_generated_number_in_a_sentence(prefix, year, serial, data):
    written = data.draw(written_variants(prefix, year, serial))
    text = f"根据《关于某事的通知》（{written}）要求，特制定本方案。"
    found = find_doc_numbers(text)
    assert [m.key for m in found] == [f"{prefix}[{year}]{serial}号"]
    assert found[0].as_written == written


@given(st.text())
def test_finding_never_crashes_and_spans_are_exact(text):
    for match in find_doc_numbers(text):
        assert text[match.span[0] : match.span[1]] == match.as_written


# --- search queries -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parsed"),
    [
        ("筑高新办函〔2019〕23号", DocNumberQuery(2019, 23, "筑高新办函")),
        ("筑高新办函(2019)23号", DocNumberQuery(2019, 23, "筑高新办函")),
        ("2019 23号", DocNumberQuery(2019, 23)),
        ("2019年23号", DocNumberQuery(2019, 23)),
        ("2019年第23号", DocNumberQuery(2019, 23)),
        ("〔2019〕23", DocNumberQuery(2019, 23)),
        ("[2019]23号", DocNumberQuery(2019, 23)),
        ("（２０１９）２３", DocNumberQuery(2019, 23)),
        ("  办函 [2019] 23 号 ", DocNumberQuery(2019, 23, "办函")),
        ("国办发 2018 118号", DocNumberQuery(2018, 118, "国办发")),
        ("国务院令第711号", DocNumberQuery(None, 711, "国务院令")),
    ],
)
def test_recognises_number_queries(query, parsed):
    assert parse_doc_number_query(query) == parsed


@pytest.mark.parametrize(
    "query",
    [
        "",
        "2019",
        "2019 23",
        "2019年3月23号",
        "23号",
        "第23号",
        "政务公开",
        "〔1800〕23号",
        "[2019]0号",
    ],
)
def test_other_queries_are_not_numbers(query):
    assert parse_doc_number_query(query) is None


@given(st.text())
def test_query_parsing_never_crashes(query):
    parse_doc_number_query(query)


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ("2019 23号", True),
        ("〔2019〕23", True),
        ("办函〔2019〕23号", True),
        ("筑高新办函（2019）23号", True),
        ("黔府办函〔2019〕23号", False),
        ("2019年24号", False),
        ("2018 23号", False),
    ],
)
def test_queries_match_keys(query, matches):
    assert doc_number_matches_query(SEED_KEY, parse_doc_number_query(query)) is matches


def test_a_query_without_year_matches_only_numbers_without_year():
    query = parse_doc_number_query("国务院令第711号")
    assert doc_number_matches_query("国务院令711号", query)
    assert not doc_number_matches_query("国务院令[2019]711号", query)
    assert not doc_number_matches_query("not a number", query)


@given(prefixes, years, serials, st.data())
def test_any_variant_as_a_query_matches_its_key(prefix, year, serial, data):
    written = data.draw(written_variants(prefix, year, serial))
    query = parse_doc_number_query(written)
    assert query == DocNumberQuery(year, serial, prefix)
    assert doc_number_matches_query(normalize_doc_number(written), query)
    assert doc_number_matches_query(normalize_doc_number(written), DocNumberQuery(year, serial))


# --- form validation ------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "筑高新办函〔2019〕23号",
        "国务院令第711号",
        "国家税务总局公告2019年第1号",
        "国办发(2018)118号",
    ],
)
def test_valid_numbers(number):
    assert is_valid_doc_number(number).ok


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("筑" * 70 + "〔2019〕23号", "too_long"),
        ("筑高新办函〔2019〕23", "format"),
        ("筑高新办函〔2019〕0号", "format"),
        ("政务公开", "format"),
        ("〔2019〕23号", "no_prefix"),
        ("筑高新办函〔1900〕23号", "year"),
    ],
)
def test_invalid_numbers_say_why(number, code):
    result = is_valid_doc_number(number)
    assert (result.ok, result.code) == (False, code)
    assert result.message_zh and result.message_en
