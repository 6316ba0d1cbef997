"""Behaviour every search backend shares: tantivy always, PostgreSQL when the DB is one."""

import dataclasses

import pytest

from gongkai.search.backends.tantivy_backend import TantivyBackend
from gongkai.search.types import FACET_NAMES, SearchQuery

# The django_db mark (not a dynamic request for `db`) makes pytest-django create the test
# database; without it the tests would write to the configured one.
POSTGRES = pytest.param("postgres", marks=[pytest.mark.pg, pytest.mark.django_db])


@pytest.fixture(params=["tantivy", POSTGRES])
def backend(request, tmp_path, corpus):
    if request.param == "tantivy":
        engine = TantivyBackend(tmp_path / "index")
    else:
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL backend needs a PostgreSQL database")
        from gongkai.search.backends.postgres_backend import PostgresBackend

        engine = PostgresBackend()
    engine.rebuild([corpus[:4], corpus[4:]])
    return engine


def ids(backend, text="", **filters):
    return [hit.id for hit in backend.search(SearchQuery(text=text, **filters)).hits]


def test_finds_a_word_of_the_body(backend):
    assert ids(backend, "萤火虫") == [5]


def test_title_ranks_above_body(backend):
    assert ids(backend, "数据安全") == [6, 7]


@pytest.mark.parametrize(
    "number",
    [
        "筑高新办函〔2019〕23号",
        "筑高新办函[2019]23号",
        "筑高新办函(2019)23号",
        "筑高新办函（2019）23号",
        "筑高新办函【2019】23号",
        "筑高新办函﹝2019﹞23号",
        "筑高新办函〔２０１９〕２３号",
        "筑高新办函 〔2019〕 第23号",
        "办函[2019]23号",
    ],
)
def test_document_number_in_any_variant_finds_the_document_first(backend, number):
    assert ids(backend, number)[0] == 1


def test_year_and_serial_find_every_document_with_that_number_first(backend):
    # Document 2 mentions 2019 and 23 in its body; the numbered documents still come first.
    found = ids(backend, "2019 23号")
    assert set(found[:2]) == {1, 4}
    assert 2 in found[2:]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"department": 2}, {2, 3}),
        ({"year": 2019}, {1, 4}),
        ({"doc_type": "办法"}, {3, 6}),
        ({"topic": 10}, {1, 2}),
        ({"validity": "已废止"}, {3}),
        ({"disclosure": "依申请公开"}, {3}),
        ({"year": 2019, "department": 3}, {4}),
    ],
)
def test_filters(backend, filters, expected):
    assert set(ids(backend, **filters)) == expected


def test_filters_apply_to_text_queries(backend):
    assert ids(backend, "政务公开", year=2020) == [2]


def test_facet_counts(backend):
    facets = backend.search(SearchQuery(text="政务公开")).facets
    assert set(facets) == set(FACET_NAMES)
    assert facets["department"] == {"1": 1, "2": 1}
    assert facets["year"] == {"2019": 1, "2020": 1}
    assert facets["topic"] == {"10": 2, "11": 1}
    assert facets["doc_type"] == {"通知": 1, "意见": 1}
    assert facets["validity"] == {"有效": 2}
    assert facets["disclosure"] == {"主动公开": 2}


def test_facets_can_be_skipped(backend):
    assert backend.search(SearchQuery(text="政务公开", with_facets=False)).facets == {}


def test_highlights_are_escaped(backend):
    (hit,) = backend.search(SearchQuery(text="专精特新")).hits
    assert (
        hit.title_html == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>专精特新</mark>企业扶持办法"
    )
    assert hit.snippet_html == "扶持<mark>专精特新</mark>企业发展。"


def test_sort_by_date_and_paging(backend, corpus):
    newest = ids(backend, sort="newest", page_size=3)
    assert newest == [7, 6, 5]
    assert ids(backend, sort="oldest", page_size=3) == [1, 2, 3]
    second = backend.search(SearchQuery(sort="newest", page=2, page_size=3))
    assert second.total == len(corpus)
    assert [hit.id for hit in second.hits] == [4, 3, 2]


def test_delete(backend, corpus):
    backend.delete_documents([5, 999])
    assert ids(backend, "萤火虫") == []
    assert backend.count() == len(corpus) - 1


def test_index_replaces_a_document(backend, corpus):
    backend.index_documents([dataclasses.replace(corpus[4], title="路灯节能办法")])
    assert ids(backend, "路灯") == [5]
    assert ids(backend, "夜间照明") == []
    assert backend.count() == len(corpus)


def test_rebuild_replaces_everything_and_reports_progress(backend, corpus):
    done = []
    assert backend.rebuild([corpus[:2], corpus[2:3]], progress=done.append) == 3
    assert done == [2, 1]
    assert backend.count() == 3
    assert ids(backend, "萤火虫") == []


def test_clear(backend):
    backend.clear()
    assert backend.count() == 0
    assert backend.search(SearchQuery()).total == 0


def test_all_words_first_then_any_word(backend):
    assert ids(backend, "萤火虫 政务公开") == ids(backend, "政务公开 萤火虫")
    assert ids(backend, "萤火虫 qwertyuiop") == [5]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "政务公开" * 2560,
        "？！……——,.;",
        '" * - NEAR AND OR : ( ) ^ ~ [ ] { }',
        '政务公开 AND title:("*" OR -x^2~)',
        "'; DROP TABLE search_searchentry; --",
        "\x00\x01",
    ],
)
def test_hostile_queries_answer_normally(backend, text):
    results = backend.search(SearchQuery(text=text))
    assert results.total >= 0 and len(results.hits) <= results.page_size


def test_empty_query_lists_everything_and_punctuation_finds_nothing(backend, corpus):
    assert backend.search(SearchQuery(text="")).total == len(corpus)
    assert backend.search(SearchQuery(text="？！")).total == 0
    assert set(ids(backend, '政务公开 AND ("*" OR -x)')) == {1, 2}


def test_a_huge_document_is_indexed_and_found(backend, corpus):
    words = " ".join(f"w{number}" for number in range(70_000))  # over 1 MB as a tsvector
    huge = dataclasses.replace(corpus[0], id=99, title="附件汇编", body=words + " 末尾萤石")
    backend.index_documents([huge])
    assert ids(backend, "附件汇编") == [99]


def test_document_number_is_found_among_many_with_the_same_year_and_serial(backend, corpus):
    namesakes = [
        dataclasses.replace(corpus[3], id=100 + n, doc_number=f"筑高新{n:03d}发〔2019〕23号")
        for n in range(80)
    ]
    backend.index_documents(namesakes)
    assert ids(backend, "筑高新办函〔2019〕23号")[0] == 1
    assert ids(backend, "筑高新079发〔2019〕23号")[0] == 179
