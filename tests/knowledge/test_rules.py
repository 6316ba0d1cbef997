"""What a promoted reply keeps of the citizen, and when a document's change calls for review."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.knowledge import rules


def test_masked_hides_the_writers_name_and_numbers():
    text = "我是张三丰，身份证11010519491231002X，电话138 1234 5678，张三丰的店在观山湖区。"
    masked = rules.masked(text, names=["张三丰"])
    assert "张三丰" not in masked and "张**" in masked
    assert "11010519491231002X" not in masked and "110105********002X" in masked
    assert "138 1234 5678" not in masked and "138****5678" in masked


def test_promoted_question_joins_title_and_text_within_the_field():
    question = rules.promoted_question(title="房租补贴", body="怎么申请？" * 200, names=[])
    assert question.startswith("房租补贴：怎么申请？")
    assert len(question) == rules.QUESTION_MAX_LENGTH
    assert (
        rules.promoted_question(title="房租补贴怎么申请", body="", names=[]) == "房租补贴怎么申请"
    )


@pytest.mark.parametrize("end", ["？", "?", "。", "！", "：", "…"])
def test_a_title_ending_a_sentence_takes_no_colon(end):
    question = rules.promoted_question(title=f"房租补贴什么时候申报{end}", body="我公司去年迁入。")
    assert question == f"房租补贴什么时候申报{end}我公司去年迁入。"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("in_force", "repealed", True),
        ("in_force", "expired", True),
        ("amended", "repealed", True),
        ("in_force", "amended", False),
        ("repealed", "expired", False),
        ("expired", "in_force", False),
    ],
)
def test_calls_for_review_when_a_document_ceases_to_be_in_force(before, after, expected):
    assert rules.calls_for_review(before=before, after=after) is expected


@given(st.text(max_size=200))
def test_index_tokens_are_space_delimited_words(text):
    tokens = rules.index_tokens(text, text)
    assert tokens.startswith(" ") and tokens.endswith(" ")
    assert "  " not in tokens or tokens.strip() == ""


@given(
    words=st.lists(st.sampled_from(["路灯", "维修", "补贴", "道路", "照明"]), max_size=12),
    terms=st.lists(st.sampled_from(["路灯", "维修", "补贴", "企业"]), max_size=6),
)
def test_likeness_counts_the_distinct_words_held_then_their_occurrences(words, terms):
    tokens = f" {' '.join(words)} "
    distinct, occurrences = rules.likeness(tokens, terms)
    assert distinct == len(set(terms) & set(words))
    assert occurrences == sum(words.count(term) for term in set(terms))
    assert rules.likeness(tokens, [*terms, *terms]) == (distinct, occurrences)


@given(
    words=st.lists(st.sampled_from(["路灯", "维修", "补贴", "道路"]), max_size=12),
    terms=st.lists(st.sampled_from(["路灯", "维修", "补贴", "企业"]), max_size=6),
)
def test_rank_counts_every_occurrence_of_every_query_word(words, terms):
    tokens = f" {' '.join(words)} "
    assert rules.rank(tokens, terms) == sum(words.count(term) for term in terms)


def test_a_one_word_question_weighs_twice():
    tokens = rules.index_tokens("补贴", "怎么申请")
    assert rules.rank(tokens, ["补贴"]) == 2
