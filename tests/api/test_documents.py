"""/api/documents: list with filters, paging, incremental sync and CSV; detail; search."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.documents.models import Document
from gongkai.search import get_backend
from gongkai.search.types import SearchQuery
from tests import factories

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_list_shows_public_documents_only_newest_first(api, library):
    body = api.get("/api/documents").json()
    assert [item["id"] for item in body["items"]] == [library.budget.pk, library.joint.pk]
    assert body["total"] == 2
    assert body["next"] is None and body["previous"] is None


def test_list_item_carries_the_metadata(api, library):
    item = api.get("/api/documents").json()["items"][0]
    assert item["title"] == "关于做好2025年预算公开工作的通知"
    assert item["doc_number"] == "筑高新财发〔2025〕7号"
    assert item["index_number"] == library.budget.index_number
    assert item["department"] == {"id": library.finance.pk, "name": "财政局"}
    assert item["doc_type"]["name"] == "通知"
    assert item["topics"] == [{"id": library.budget_topic.pk, "name": "财政预算"}]
    assert item["keywords"] == ["预算", "公开"]
    assert item["validity"] == "in_force" and item["validity_label"] == "有效"
    assert item["published_on"] == "2025-03-10"
    assert item["url"] == f"http://testserver/documents/{library.budget.pk}/"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"department": lambda lib: lib.finance.pk}, ["budget", "joint"]),  # drafter or issuer
        ({"department": lambda lib: lib.office.pk}, ["joint"]),
        ({"year": lambda lib: 2024}, ["joint"]),
        ({"doc_type": lambda lib: lib.opinion.pk}, ["joint"]),
        ({"topic": lambda lib: lib.economy.pk}, ["budget"]),  # a topic includes its sub-topics
        ({"topic": lambda lib: lib.education.pk}, ["joint"]),
        ({"validity": lambda lib: "in_force"}, ["budget", "joint"]),
        ({"validity": lambda lib: "repealed"}, []),
    ],
)
def test_list_filters(api, library, params, expected):
    query = {name: value(library) for name, value in params.items()}
    assert ids(api.get("/api/documents", query)) == [getattr(library, name).pk for name in expected]


def test_list_pages_by_limit_and_offset_or_page(api, library):
    first = api.get("/api/documents", {"limit": 1}).json()
    assert first["total"] == 2 and len(first["items"]) == 1
    assert first["next"] == "http://testserver/api/documents?limit=1&offset=1"
    second = api.get(first["next"]).json()
    assert [item["id"] for item in second["items"]] == [library.joint.pk]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/documents?limit=1&offset=0"
    by_page = api.get("/api/documents", {"limit": 1, "page": 2}).json()
    assert by_page["items"] == second["items"]
    assert by_page["previous"] == "http://testserver/api/documents?limit=1&page=1"


def test_list_modified_since_returns_documents_updated_since(api, library):
    later = timezone.now() + timedelta(hours=1)
    Document.objects.filter(pk=library.joint.pk).update(updated_at=later)
    response = api.get("/api/documents", {"modified_since": later.isoformat()})
    assert ids(response) == [library.joint.pk]
    naive = timezone.localtime(later).replace(tzinfo=None).isoformat()
    assert ids(api.get("/api/documents", {"modified_since": naive})) == [library.joint.pk]


def test_list_ordering(api, library):
    assert ids(api.get("/api/documents", {"ordering": "published_on"})) == [
        library.joint.pk,
        library.budget.pk,
    ]
    Document.objects.filter(pk=library.joint.pk).update(updated_at=timezone.now() + timedelta(1))
    assert ids(api.get("/api/documents", {"ordering": "-updated_at"}))[0] == library.joint.pk


def test_list_as_csv_opens_in_excel(api, library):
    response = api.get("/api/documents", {"format": "csv", "department": library.finance.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["标题 title"] for row in rows] == [library.budget.title, library.joint.title]
    assert rows[1]["发文机关 issuing bodies"] == "党政办公室；财政局"
    assert rows[0]["主题分类 topics"] == "财政预算"
    assert rows[0]["网址 URL"] == f"http://testserver/documents/{library.budget.pk}/"


def test_detail_has_body_attachments_interpretations_and_relations_both_ways(api, library):
    body = api.get(f"/api/documents/{library.budget.pk}").json()
    assert "预算公开" in body["body_html"] and body["body_html"].startswith("<p>")
    assert body["interpretations"] == [
        {
            "id": library.interpretation.pk,
            "title": "《预算公开通知》政策解读",
            "interpreter_kind": "drafting_head",
            "interpreter_kind_label": "起草部门负责人",
            "published_on": body["interpretations"][0]["published_on"],
            "form_kinds": ["chart", "text"],
            "url": f"http://testserver/interpretations/{library.interpretation.pk}/",
        }
    ]
    assert body["relations"] == [
        {
            "direction": "incoming",
            "kind": "based_on",
            "label": "被依据",
            "document": {
                "id": library.joint.pk,
                "title": library.joint.title,
                "doc_number": library.joint.doc_number,
                "url": f"http://testserver/documents/{library.joint.pk}/",
            },
        }
    ]
    outgoing = api.get(f"/api/documents/{library.joint.pk}").json()["relations"]
    assert [(r["direction"], r["label"], r["document"]["id"]) for r in outgoing] == [
        ("outgoing", "依据", library.budget.pk)
    ]
    assert body["issuers"] == [{"id": library.finance.pk, "name": "财政局"}]


def test_detail_attachment_has_an_absolute_url(api, library):
    document = factories.make_document(
        department=library.finance,
        attachments=[factories.make_attachment(title="预算表", name="budget.pdf", content=b"%PDF")],
    )
    attachment = document.attachments.get()
    body = api.get(f"/api/documents/{document.pk}").json()
    assert body["attachments"] == [
        {
            "id": attachment.pk,
            "title": "预算表",
            "kind": "pdf",
            "size": 4,
            "url": f"http://testserver/media/attachments/{document.pk}/budget.pdf",
        }
    ]


def test_withdrawn_document_answers_410_with_the_notice(api, library):
    response = api.get(f"/api/documents/{library.withdrawn.pk}")
    assert response.status_code == 410
    body = response.json()
    assert body["detail"] == "该文件已撤回 / This document has been withdrawn"
    assert body["withdrawn"]["withdrawal_reason"] == "内容有误，重新发布"
    assert body["withdrawn"]["title"] == library.withdrawn.title


@pytest.mark.parametrize("name", ["on_request", None])
def test_non_public_or_missing_document_is_404(api, library, name):
    pk = getattr(library, name).pk if name else 999_999
    response = api.get(f"/api/documents/{pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到或未公开 / Not found or not public"}


def test_withdrawn_list_for_incremental_sync(api, library):
    body = api.get("/api/documents/withdrawn").json()
    assert [item["id"] for item in body["items"]] == [library.withdrawn.pk]
    assert body["items"][0]["withdrawal_reason"] == "内容有误，重新发布"
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert api.get("/api/documents/withdrawn", {"modified_since": later}).json()["total"] == 0
    raw = b"".join(api.get("/api/documents/withdrawn", {"format": "csv"}).streaming_content)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][1] == library.withdrawn.title


def test_search_returns_highlighted_hits_and_labelled_facets(api, indexed):
    response = api.get("/api/documents/search", {"q": "预算公开"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["total"] == 1
    hit = body["items"][0]
    assert hit["id"] == indexed.budget.pk and hit["document"]["id"] == indexed.budget.pk
    assert "<mark>" in hit["title_html"]
    facets = body["facets"]
    assert facets["department"] == [
        {"value": str(indexed.finance.pk), "label": "财政局", "count": 1}
    ]
    assert facets["doc_type"] == [{"value": str(indexed.notice.pk), "label": "通知", "count": 1}]
    assert facets["validity"] == [{"value": "in_force", "label": "有效", "count": 1}]
    assert {value["label"] for value in facets["topic"]} == {"经济", "财政预算"}
    assert facets["year"] == [{"value": "2025", "label": "2025", "count": 1}]


def test_search_finds_a_document_number_in_other_brackets(api, indexed):
    body = api.get("/api/documents/search", {"q": "筑高新办发[2024]3号"}).json()
    assert body["items"][0]["id"] == indexed.joint.pk


def test_search_filters_and_pages(api, indexed):
    everything = api.get("/api/documents/search", {"limit": 1}).json()
    assert everything["total"] == 2
    assert everything["next"] == "http://testserver/api/documents/search?limit=1&page=2"
    filtered = api.get("/api/documents/search", {"doc_type": indexed.opinion.pk}).json()
    assert [item["id"] for item in filtered["items"]] == [indexed.joint.pk]
    unknown_kind = api.get("/api/documents/search", {"doc_type": 999_999}).json()
    assert unknown_kind["total"] == 0 and unknown_kind["items"] == []


@pytest.mark.parametrize("q", ["", "x" * 10_000, "！？。，", '"* - NEAR AND OR :'])
def test_search_answers_any_query(api, indexed, q):
    assert api.get("/api/documents/search", {"q": q}).status_code == 200
    assert api.get("/api/documents", {"q": q}).status_code == 200


def test_list_with_q_ranks_by_relevance_and_keeps_other_filters(api, indexed):
    assert ids(api.get("/api/documents", {"q": "营商环境"})) == [indexed.joint.pk]
    assert ids(api.get("/api/documents", {"q": "营商环境", "year": 2025})) == []
    raw = b"".join(api.get("/api/documents", {"q": "预算", "format": "csv"}).streaming_content)
    assert indexed.budget.title in raw.decode("utf-8-sig")


def test_each_hit_links_to_its_own_portal_page(api, indexed):
    """Each hit links to its own document's page (gongkai.core.urlpaths.reverse_id)."""
    items = api.get("/api/documents/search").json()["items"]
    assert {item["id"] for item in items} == {indexed.budget.pk, indexed.joint.pk}
    for item in items:
        page = Document.objects.get(pk=item["id"]).get_absolute_url()
        assert item["document"]["url"] == f"http://testserver{page}"


@pytest.mark.parametrize(
    "change",
    [
        {"withdrawn_at": timezone.now()},
        {"live": False},
        {"disclosure": "on_request"},
    ],
    ids=["withdrawn", "unpublished", "no-longer-proactive"],
)
def test_a_hit_the_index_still_holds_is_left_out_once_its_document_is_not_public(
    api, indexed, change
):
    """update() sends no signal: the index keeps the document as it lags after a withdrawal."""
    Document.objects.filter(pk=indexed.budget.pk).update(**change)
    assert indexed.budget.pk in [hit.id for hit in get_backend().search(SearchQuery()).hits]
    body = api.get("/api/documents/search").json()
    assert [item["id"] for item in body["items"]] == [indexed.joint.pk]


def test_a_hit_shows_its_document_as_the_database_holds_it_not_as_indexed(api, indexed):
    Document.objects.filter(pk=indexed.budget.pk).update(
        title="关于做好2025年预算公开工作的通知（修订）", summary="修订后的概述。"
    )
    (item,) = api.get("/api/documents/search", {"q": "预算公开"}).json()["items"]
    assert item["document"]["title"] == "关于做好2025年预算公开工作的通知（修订）"
    assert item["document"]["summary"] == "修订后的概述。"
