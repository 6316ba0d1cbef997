import re

from hypothesis import given
from hypothesis import strategies as st

from gongkai.search.segmentation import (
    _prepared,
    normalize,
    segment,
    segment_query,
    tokens_for_index,
)


def test_domain_dictionary_words_are_kept_whole():
    words = segment_query("依申请公开 双随机一公开 专精特新 高新技术企业 决策预公开")
    assert words == ["依申请公开", "双随机一公开", "专精特新", "高新技术企业", "决策预公开"]


def test_index_side_has_the_word_and_its_parts():
    words = segment("贵阳国家高新区政务公开工作")
    assert {"政务公开", "政务", "公开", "高新区"} <= set(words)


def test_every_query_word_is_an_index_word():
    text = "贵阳国家高新区2019年政务公开工作实施方案的通知"
    assert set(segment_query(text)) <= set(segment(text))


def test_full_width_and_case_are_folded():
    assert normalize("ＡＢＣ１２３　Gov") == "abc123 gov"
    assert segment_query("ＰＤＦ文件") == segment_query("pdf文件")


def test_punctuation_and_spaces_are_dropped():
    assert segment("“放管服”改革，（一）！") == ["放管服", "改革", "一"]
    assert segment_query("？！…… ——") == []


def test_query_words_are_unique_in_order():
    assert segment_query("公开 公开 政务") == ["公开", "政务"]


def test_tokens_for_index_joins_the_words_with_spaces():
    assert tokens_for_index("政务公开，工作").split() == ["政务", "公开", "政务公开", "工作"]


def test_very_long_tokens_are_dropped():
    assert segment("a" * 100 + " 政务") == ["政务"]


@given(st.text(max_size=300))
def test_any_text_segments_into_clean_words(text):
    for words in (segment(text), segment_query(text)):
        assert all(word and not any(char.isspace() for char in word) for word in words)
    assert tokens_for_index(text).split() == segment(text)


# Full-width and other compatibility forms, spaces, combining marks, CJK and ASCII.
_MIXED = st.text(
    st.sampled_from(
        "政务公开〇①㈠™ﬁ½ＡｚＺ０９，：（）！＝＿｡､･\u3000\u00a0\u2003 \u0301\u0338\u0307"
        "aZ9_<=>.,;İ"
    ),
    max_size=40,
)


@given(st.one_of(_MIXED, st.text(max_size=200)))
def test_blanking_wide_punctuation_first_changes_no_word(text):
    plain = re.sub(r"[\W_]+", " ", normalize(text))
    assert _prepared(text).split() == plain.split()
