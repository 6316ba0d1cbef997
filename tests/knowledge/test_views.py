"""The portal's 政策问答: search by the words of the question or answer, topic filter, an entry's
page with the documents it rests on and the review notice; cached pages dropped exactly."""

import pytest
from django.urls import reverse

from gongkai.documents import services as document_services
from gongkai.knowledge import services
from tests.factories import publish_object
from tests.knowledge.conftest import make_answer

pytestmark = pytest.mark.django_db

LIST = reverse("knowledge:list")


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_entries_by_their_words_and_topics_filter(client, department, topic):
    rent = make_answer(department=department, topics=[topic])
    parking = make_answer(
        department=department,
        question="新能源汽车停车费有减免吗？",
        answer="新能源汽车在公共停车场首两小时免费。",
    )
    found = text_of(client.get(LIST, {"q": "房租补贴"}))
    assert "<mark>房租</mark>" in found or "<mark>房租补贴</mark>" in found
    assert rent.get_absolute_url() in found and parking.get_absolute_url() not in found
    assert parking.get_absolute_url() in text_of(client.get(LIST, {"q": "停车 免费"}))
    assert "没有找到" in text_of(client.get(LIST, {"q": "高速公路"}))
    by_topic = text_of(client.get(LIST, {"topic": topic.slug}))
    assert rent.get_absolute_url() in by_topic and parking.get_absolute_url() not in by_topic
    not_a_slug = client.get(LIST, {"topic": "enterprise\x00support"})
    assert not_a_slug.status_code == 200 and rent.get_absolute_url() not in text_of(not_a_slug)


def test_a_draft_is_not_shown_and_publishing_shows_it_at_once(client, department, editor):
    draft = make_answer(department=department, publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    url = draft.get_absolute_url()
    assert url not in text_of(client.get(LIST, {"q": "房租补贴"}))  # cached now
    publish_object(draft)
    assert url in text_of(client.get(LIST, {"q": "房租补贴"}))
    assert draft.question in text_of(client.get(draft.get_absolute_url()))


def test_the_page_shows_a_notice_from_the_flag_until_the_review(
    client, department, basis, head, reviewer
):
    answer = make_answer(department=department, documents=[basis])
    page = text_of(client.get(answer.get_absolute_url()))
    assert basis.title in page and "正在复核" not in page
    document_services.document_change_validity(document=basis, user=reviewer, validity="repealed")
    page = text_of(client.get(answer.get_absolute_url()))
    assert "正在复核" in page and "已废止" in page
    assert "待复核" in text_of(client.get(LIST))
    answer.refresh_from_db()
    services.answer_review(answer=answer, user=head, outcome="effective", note="仍适用")
    assert "正在复核" not in text_of(client.get(answer.get_absolute_url()))
