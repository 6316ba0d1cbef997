"""The citation graph (issue 3 §3): resolution, selectors, the API and the page section."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.documents.citations import (
    citation_graph,
    citations_resolve_to,
    downstream,
    upstream,
)
from gongkai.documents.models import Citation, Document
from tests import factories
from tests.documents.every_outcome import import_every_outcome

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_8a1ce8f3cd3cb75f.txt"
PROVINCE = "黔府办函〔2019〕68号"
CITY = "筑府办函〔2019〕66号"


def _body_citing(*cited: tuple[str, str]) -> str:
    refs = "、".join(f"《{title}》（{number}）" for title, number in cited)
    return f"<p>各部门：根据{refs}精神，现通知如下。</p>"


@pytest.fixture
def dept():
    return factories.department("党政办公室", code="dzb", aliases=["贵阳国家高新区党政办公室"])


@pytest.fixture
def seed(dept, tmp_path) -> Document:
    (tmp_path / SEED.name).write_bytes(SEED.read_bytes())
    [outcome] = import_every_outcome(paths=[tmp_path], workers=0).outcomes
    return Document.objects.get(pk=outcome.document_id)


def _target(document: Document, number: str) -> int | None:
    return Citation.objects.get(source=document, doc_number=number).target_id


def test_a_citation_resolves_when_the_cited_document_is_created_later(seed, dept):
    assert _target(seed, PROVINCE) is None
    cited = factories.draft_document(dept=dept, doc_number="黔府办函[2019]68号", title="要点")
    assert _target(seed, PROVINCE) == cited.pk
    assert _target(seed, CITY) is None


def test_a_citation_resolves_when_the_cited_document_is_imported_later(seed, dept, tmp_path):
    later = tmp_path / "later"
    later.mkdir()
    (later / "city.txt").write_text(
        f"市人民政府办公厅关于印发贵阳市2019年政务公开工作要点的通知\n\n{CITY}\n\n"
        "各区（市、县）人民政府：\n\n现将要点印发给你们。\n\n贵阳市人民政府办公厅\n\n2019年6月1日\n",
        encoding="utf-8",
    )
    [outcome] = import_every_outcome(paths=[later], workers=0, department=dept).outcomes
    assert _target(seed, CITY) == outcome.document_id


def test_a_citation_moves_to_the_document_published_with_its_number(seed, dept):
    draft = factories.draft_document(dept=dept, doc_number=PROVINCE)
    assert _target(seed, PROVINCE) == draft.pk
    public = factories.published_document(dept=dept, doc_number=PROVINCE, title="省要点")
    assert _target(seed, PROVINCE) == public.pk


def test_publication_takes_the_citations_from_the_published_text(dept):
    cited = factories.published_document(dept=dept, doc_number=CITY, title="市要点")
    citing = factories.published_document(
        dept=dept,
        doc_number="筑高新办函〔2020〕1号",
        body=_body_citing(("市要点", CITY), ("省要点", PROVINCE)),
    )
    rows = list(citing.citations.order_by("sort_order"))
    assert [(row.doc_number, row.title, row.target_id) for row in rows] == [
        (CITY, "市要点", cited.pk),
        (PROVINCE, "省要点", None),
    ]


def test_a_renumbered_document_lets_go_of_citations_of_its_old_number(seed, dept):
    cited = factories.published_document(dept=dept, doc_number=PROVINCE)
    assert _target(seed, PROVINCE) == cited.pk
    cited.doc_number = "黔府办函〔2019〕69号"
    cited.clean()
    factories.publish(cited)
    assert _target(seed, PROVINCE) is None


def test_resolution_never_points_a_document_at_itself(dept):
    document = factories.draft_document(dept=dept, doc_number=CITY)
    Citation.objects.create(source=document, doc_number=CITY, key="筑府办函[2019]66号")
    citations_resolve_to(documents=[document], published=True)
    assert Citation.objects.get().target_id is None


@pytest.fixture
def chain(dept):
    """base <- middle <- top, middle also citing an outside number; a draft citing top."""
    base = factories.published_document(dept=dept, doc_number=PROVINCE, title="省要点")
    middle = factories.published_document(
        dept=dept,
        doc_number=CITY,
        title="市要点",
        body=_body_citing(("省要点", PROVINCE), ("国务院文件", "国办发〔2019〕14号")),
    )
    top = factories.published_document(
        dept=dept,
        doc_number="筑高新办函〔2019〕23号",
        title="区方案",
        body=_body_citing(("市要点", CITY)),
    )
    draft = factories.draft_document(
        dept=dept, title="未发布的落实文件", body=_body_citing(("区方案", "筑高新办函〔2019〕23号"))
    )
    Citation.objects.create(
        source=draft, doc_number="筑高新办函〔2019〕23号", key="筑高新办函[2019]23号", target=top
    )
    return base, middle, top, draft


def test_upstream_follows_public_documents_to_the_depth_asked(chain):
    base, middle, top, _draft = chain
    [first] = upstream(top, depth=1)
    assert (first.node.id, first.children) == (middle.pk, [])
    [first] = upstream(top, depth=2)
    assert [(c.node.id, c.node.doc_number, c.node.public) for c in first.children] == [
        (base.pk, PROVINCE, True),
        (None, "国办发〔2019〕14号", False),
    ]
    assert first.children[1].node.title == "国务院文件"


def test_downstream_lists_public_citing_documents_only(chain):
    base, middle, top, _draft = chain
    assert [node.id for node in downstream(middle)] == [top.pk]
    assert downstream(top) == []  # the draft citing it stays hidden


def test_the_graph_goes_both_ways_with_levels(chain):
    base, middle, top, _draft = chain
    graph = citation_graph(middle, depth=1)
    assert graph.root == f"d{middle.pk}"
    assert {key: graph.levels[key] for key in graph.nodes} == {
        f"d{middle.pk}": 0,
        f"d{base.pk}": -1,
        "n国办发[2019]14号": -1,
        f"d{top.pk}": 1,
    }
    edges = {(edge.source, edge.target) for edge in graph.edges}
    assert edges == {
        (f"d{middle.pk}", f"d{base.pk}"),
        (f"d{middle.pk}", "n国办发[2019]14号"),
        (f"d{top.pk}", f"d{middle.pk}"),
    }


def test_a_non_public_target_shows_as_the_citing_text_writes_it(dept):
    hidden = factories.draft_document(dept=dept, doc_number=PROVINCE, title="内部草稿标题")
    citing = factories.published_document(
        dept=dept, doc_number=CITY, body=_body_citing(("省要点", PROVINCE))
    )
    assert _target(citing, PROVINCE) == hidden.pk
    [item] = upstream(citing)
    assert (item.node.id, item.node.title, item.node.public) == (None, "省要点", False)


def test_the_graph_api(client, chain):
    base, middle, top, draft = chain
    response = client.get(f"/api/documents/{top.pk}/graph?depth=2")
    assert response.status_code == 200
    data = response.json()
    assert data["root"] == f"d{top.pk}" and data["depth"] == 2
    nodes = {node["key"]: node for node in data["nodes"]}
    assert nodes[f"d{middle.pk}"] == {
        "key": f"d{middle.pk}",
        "id": middle.pk,
        "title": "市要点",
        "doc_number": CITY,
        "public": True,
        "level": -1,
        "url": reverse("portal:document_detail", args=[middle.pk]),
    }
    assert nodes["n国办发[2019]14号"]["id"] is None
    assert nodes[f"d{base.pk}"]["level"] == -2
    assert {"source": f"d{top.pk}", "target": f"d{middle.pk}"} in data["edges"]
    assert all(node["id"] != draft.pk for node in data["nodes"])


def test_the_graph_api_refuses_non_public_documents_and_bad_depths(
    client,
    chain,
):
    _base, _middle, top, draft = chain
    assert client.get(f"/api/documents/{draft.pk}/graph").status_code == 404
    assert client.get(f"/api/documents/{top.pk}/graph?depth=9").status_code == 422


def test_the_page_section_lists_and_draws_the_graph(chain):
    _base, middle, top, _draft = chain
    html = render_to_string("documents/includes/citations.html", {"document": middle})
    assert "上位依据" in html and "下位落实" in html
    assert f'href="{reverse("portal:document_detail", args=[top.pk])}"' in html
    assert "国办发〔2019〕14号" in html and "（本站未公开）" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "本文件引用 2 份文件，被 1 份文件引用" in html
    assert html.count("<line ") == 3


def test_the_page_section_nests_further_citations_on_demand(chain):
    _base, _middle, top, _draft = chain
    html = render_to_string("documents/includes/citations.html", {"document": top})
    assert "<details>" in html and "其上位依据（2 份）" in html


def test_the_page_section_is_empty_without_citations(dept):
    lone = factories.published_document(dept=dept, written_on=date(2024, 1, 2))
    assert render_to_string("documents/includes/citations.html", {"document": lone}).strip() == ""
