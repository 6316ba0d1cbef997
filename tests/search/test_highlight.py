from hypothesis import given
from hypothesis import strategies as st

from gongkai.search.highlight import document_snippet, highlight, snippet


def test_title_is_escaped_and_marked():
    html = highlight("<script>alert(1)</script>政务公开", ["政务公开", "script"])
    assert html == (
        "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;<mark>政务公开</mark>"
    )


def test_longest_term_wins_at_the_same_place():
    assert highlight("政务公开", ["政务", "政务公开"]) == "<mark>政务公开</mark>"


def test_matching_ignores_width_and_case_but_shows_the_text_as_written():
    assert highlight("ＰＤＦ与Pdf", ["pdf"]) == "<mark>ＰＤＦ</mark>与<mark>Pdf</mark>"


def test_snippet_is_the_window_with_the_most_distinct_terms():
    text = "开头" * 200 + "政务" + "中间" * 200 + "政务公开和依申请公开" + "结尾" * 200
    html = snippet(text, ["政务公开", "依申请公开"], size=40)
    assert "<mark>政务公开</mark>和<mark>依申请公开</mark>" in html
    assert html.startswith("…") and html.endswith("…")


def test_snippet_without_matches_is_the_beginning():
    assert snippet("第一段\n\n第二段 <b>", [], size=100) == "第一段 第二段 &lt;b&gt;"


def test_document_snippet_prefers_the_body_where_it_matches():
    assert "<mark>公开</mark>" in document_snippet("摘要", "正文公开", ["公开"])
    assert document_snippet("摘要公开", "正文", ["公开"]) == "摘要<mark>公开</mark>"
    assert document_snippet("摘要", "正文", []) == "摘要"


@given(st.text(max_size=500), st.lists(st.text(min_size=1, max_size=5), max_size=5))
def test_output_never_contains_unescaped_markup(text, terms):
    html = snippet(text, terms).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in html and ">" not in html
