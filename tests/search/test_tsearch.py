import pytest

from gongkai.search.tsearch import (
    MAX_POSITION,
    MAX_POSITIONS_PER_LEXEME,
    MAX_VECTOR_BYTES,
    quote_lexeme,
    tsquery_literal,
    tsvector_literal,
)


def test_vector_keeps_positions_and_weights_in_order():
    literal = tsvector_literal([("政务 公开", "A"), ("公开 正文", "D")])
    assert literal == "'政务':1A '公开':2A,3D '正文':4D"


def test_quotes_and_backslashes_are_escaped():
    assert quote_lexeme("it's\\") == "'it''s\\\\'"


def test_positions_are_capped_as_postgresql_requires():
    literal = tsvector_literal([("词 " * 1000, "D")])
    assert literal.count(",") == MAX_POSITIONS_PER_LEXEME - 1
    late = tsvector_literal([("x " * MAX_POSITION + "晚", "D")])
    assert late.endswith(" '晚'")  # still searchable, without a position


def test_vector_stays_under_the_size_limit():
    words = " ".join(f"w{number}" for number in range(200_000))
    assert len(tsvector_literal([(words, "D")]).encode()) < MAX_VECTOR_BYTES * 1.5


def test_unknown_weight_is_refused():
    with pytest.raises(ValueError):
        tsvector_literal([("词", "E")])


def test_query_joins_all_or_any_words():
    assert tsquery_literal(["政务", "公开"], all_terms=True) == "'政务' & '公开'"
    assert tsquery_literal(["政务", "公开"], all_terms=False) == "'政务' | '公开'"
    with pytest.raises(ValueError):
        tsquery_literal([], all_terms=True)
