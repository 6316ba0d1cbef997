"""Interpretation pages: each form rendered accessibly, linked both ways, public only together
with a public document (同步发布)."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from gongkai.documents.models import Interpretation
from tests import factories

pytestmark = pytest.mark.django_db


def test_page_renders_every_form_and_its_documents(client, library):
    response = client.get(f"/interpretations/{library.interpretation.pk}/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == library.interpretation.title
    info = page.select_one(".doc-info").get_text()
    assert "党政办公室" in info and "起草部门负责人（张三）" in info and "浏览量：1" in info
    assert [h2.get_text() for h2 in page.select(".interpretation-form h2")] == [
        "文字",
        "图解",
        "音频",
        "视频",
    ]
    assert "一、出台背景。" in page.select_one(".form-text").get_text()
    image = page.select_one(".form-chart img")
    assert image["alt"] == "一图读懂实施方案" and image["src"].endswith("chart.png")
    assert page.select_one(".form-chart figcaption").get_text() == "一图读懂实施方案"
    audio = page.select_one(".form-audio audio")
    assert audio.has_attr("controls") and audio["src"].endswith("talk.mp3")
    assert "文字稿：主持人：大家好。" in page.select_one(".form-audio").get_text()
    video = page.select_one(".form-video video")
    assert (
        video.has_attr("controls") and "访谈视频字幕稿" in page.select_one(".form-video").get_text()
    )
    documents = page.select('[aria-labelledby="interpreted-heading"] a')
    assert [a["href"] for a in documents] == [f"/documents/{library.plan.pk}/"]
    assert Interpretation.objects.get(pk=library.interpretation.pk).view_count == 1


def test_list_shows_public_interpretations(client, library):
    page = BeautifulSoup(client.get("/interpretations/").content, "html.parser")
    items = page.select(".doc-list .doc-item")
    assert [item.a.get_text(strip=True) for item in items] == [library.interpretation.title]
    assert [tag.get_text() for tag in items[0].select(".tag")] == ["文字", "图解", "音频", "视频"]


def test_only_visible_once_a_document_is_public(client, library):
    draft_only = factories.make_interpretation(documents=[library.draft], title="草稿文件的解读")
    withdrawn_only = factories.make_interpretation(
        documents=[library.withdrawn], title="撤回文件的解读"
    )
    on_request_only = factories.make_interpretation(
        documents=[library.on_request], title="依申请文件的解读"
    )
    unpublished = factories.make_interpretation(
        documents=[library.plan], title="未发布的解读", publish=False
    )
    for hidden in (draft_only, withdrawn_only, on_request_only, unpublished):
        assert client.get(f"/interpretations/{hidden.pk}/").status_code == 404
    listing = client.get("/interpretations/").content.decode()
    assert all(
        hidden.title not in listing
        for hidden in (draft_only, withdrawn_only, on_request_only, unpublished)
    )

    factories.publish_object(library.draft)
    assert client.get(f"/interpretations/{draft_only.pk}/").status_code == 200


def test_documents_linked_are_only_the_public_ones(client, library):
    both = factories.make_interpretation(
        documents=[library.plan, library.on_request], title="合并解读"
    )
    page = BeautifulSoup(client.get(f"/interpretations/{both.pk}/").content, "html.parser")
    links = page.select('[aria-labelledby="interpreted-heading"] a')
    assert [a.get_text(strip=True) for a in links] == [library.plan.title]


def test_english_title_in_english_ui(client, library):
    client.cookies["django_language"] = "en"
    page = BeautifulSoup(
        client.get(f"/interpretations/{library.interpretation.pk}/").content, "html.parser"
    )
    assert page.h1.get_text(strip=True) == "Reading the 2019 Openness Plan"
    assert page.select_one(".form-text h2").get_text() == "Text"


def test_preview_shows_the_revision_being_edited(library):
    interpretation = library.interpretation
    interpretation.title = "预览中的解读"
    html = interpretation.serve_preview(RequestFactory().get("/"), "").render().content.decode()
    assert "预览中的解读" in html and "预览：尚未发布的版本" in html
    assert Interpretation.objects.get(pk=interpretation.pk).view_count == 0
