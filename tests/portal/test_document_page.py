"""The document page: metadata, body, attachments, interpretations, relations both ways, the
validity banner, the withdrawal notice (410), English versions, view counting and preview."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import resolve

from gongkai.documents.models import Document

pytestmark = pytest.mark.django_db


def page_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(page) -> dict[str, str]:
    return {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in page.select("table.meta-table tr")
    }


def test_document_url_is_the_portals():
    # Fails while Wagtail's documents/ URLs are mounted before the portal (see gongkai/urls.py).
    assert resolve("/documents/5/").view_name == "portal:document_detail"


def test_page_shows_metadata_body_attachments_and_interpretation(client, library):
    page = page_of(client.get(f"/documents/{library.plan.pk}/"))
    assert page.h1.get_text(strip=True) == library.plan.title
    info = page.select_one(".doc-info").get_text()
    assert "来源：党政办公室" in info and "发布时间：2019-06-03" in info and "浏览量：1" in info
    assert meta(page) == {
        "索引号": library.plan.index_number,
        "发文机关": "党政办公室、财政局",
        "发文字号": "筑高新办函〔2019〕23号",
        "公文种类": "通知",
        "主题分类": "教育、经济管理",
        "成文日期": "2019-05-30",
        "发布日期": "2019-06-03",
        "有效性": "有效",
        "适用地区": "贵阳国家高新区",
        "关键词": "政务公开、实施方案",
    }
    assert "萤火虫式政务公开" in page.select_one(".doc-body").get_text()
    attachment = page.select_one(".attachments li")
    assert attachment.a.get_text() == "任务分解表"
    assert attachment.a["href"].endswith("tasks.pdf")
    assert "PDF" in attachment.get_text() and "2.0" in attachment.get_text()
    interpretation = page.select_one('[aria-labelledby="interpretations-heading"] a')
    assert interpretation["href"] == f"/interpretations/{library.interpretation.pk}/"
    assert not page.select(".banner")


def test_relations_show_both_ways_and_validity_banner(client, library):
    old = page_of(client.get(f"/documents/{library.old_rules.pk}/"))
    banner = old.select_one(".banner").get_text(" ", strip=True)
    assert "本文件已废止" in banner and "2024-03-01" in banner, "dated by the repealing document"
    assert library.new_rules.title in banner
    relations = {
        li.select_one(".relation-label").get_text(): li.a.get_text()
        for li in old.select(".relations li")
    }
    assert relations == {"被依据": library.plan.title, "被废止": library.new_rules.title}

    new = page_of(client.get(f"/documents/{library.new_rules.pk}/"))
    assert [li.select_one(".relation-label").get_text() for li in new.select(".relations li")] == [
        "废止"
    ]
    plan = page_of(client.get(f"/documents/{library.plan.pk}/"))
    assert plan.select_one(".relations li a")["href"] == f"/documents/{library.old_rules.pk}/"


def test_relations_to_documents_that_are_not_public_are_not_shown(client, library):
    from tests import factories

    factories.make_relation(source=library.opinion_doc, kind="based_on", target=library.on_request)
    page = page_of(client.get(f"/documents/{library.opinion_doc.pk}/"))
    assert library.on_request.title not in page.get_text()


def test_withdrawn_document_answers_410_with_reason(client, library):
    response = client.get(f"/documents/{library.withdrawn.pk}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert library.withdrawn.title in html
    assert "文号有误，重新印发。" in html and "撤回" in html
    assert Document.objects.get(pk=library.withdrawn.pk).view_count == 0


def test_documents_that_are_not_public_are_not_found(client, library):
    for document in (library.on_request, library.draft):
        assert client.get(f"/documents/{document.pk}/").status_code == 404
    assert client.get("/documents/999999/").status_code == 404


def test_each_visit_counts_also_from_the_page_cache(client, library):
    page = page_of(client.get(f"/documents/{library.plan.pk}/"))
    assert "浏览量：1" in page.select_one(".doc-info").get_text()
    client.get(f"/documents/{library.plan.pk}/")  # the stored page, which shows 1 still
    assert Document.objects.get(pk=library.plan.pk).view_count == 2


def test_english_version_on_request_and_in_english_ui(client, library):
    chinese = page_of(client.get(f"/documents/{library.plan.pk}/"))
    link = chinese.select_one(".language-switch a")
    assert link["href"] == "?lang=en" and link["hreflang"] == "en"

    english = page_of(client.get(f"/documents/{library.plan.pk}/", {"lang": "en"}))
    assert english.h1.get_text(strip=True) == "Notice on the 2019 Openness Plan"
    assert english.select_one("article")["lang"] == "en"
    assert "All departments shall publish" in english.select_one(".doc-body").get_text()

    client.cookies["django_language"] = "en"
    ui = page_of(client.get(f"/documents/{library.plan.pk}/"))
    assert ui.html["lang"] == "en"
    assert ui.h1.get_text(strip=True) == "Notice on the 2019 Openness Plan"
    assert meta(ui)["Issuing body"] == "General Office, Finance Bureau"
    assert ui.select_one(".language-switch a")["href"] == "?lang=zh-hans"


def test_english_ui_without_english_version_says_so(client, library):
    client.cookies["django_language"] = "en"
    page = page_of(client.get(f"/documents/{library.opinion_doc.pk}/"))
    assert page.h1.get_text(strip=True) == library.opinion_doc.title
    assert page.select_one("article")["lang"] == "zh-hans"
    assert "no English version" in page.select_one(".language-switch").get_text()


def test_preview_renders_unsaved_changes_and_counts_nothing(library):
    document = library.plan
    document.title = "预览中的新标题"
    response = document.serve_preview(RequestFactory().get("/"), "")
    html = response.render().content.decode()
    assert "预览中的新标题" in html and "预览：尚未发布的版本" in html
    assert library.old_rules.title in html, "relations come from the revision being edited"
    assert Document.objects.get(pk=document.pk).view_count == 0


def test_preview_of_a_new_document(db):
    from tests import factories

    document = Document(
        title="新起草的文件",
        department=factories.make_department(),
        doc_type=factories.make_kind(),
        body="<p>草稿正文</p>",
    )
    html = document.serve_preview(RequestFactory().get("/"), "").render().content.decode()
    assert "新起草的文件" in html and "草稿正文" in html


def test_script_in_title_and_reason_is_inert(client, db):
    from tests import factories

    document = factories.make_document(title="<script>alert(1)</script>标题", summary="<b>粗</b>")
    html = client.get(f"/documents/{document.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;标题" in html
    assert "<b>粗</b>" not in html
    factories.withdraw_document(document, reason="<img src=x onerror=alert(1)>")
    html = client.get(f"/documents/{document.pk}/").content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
