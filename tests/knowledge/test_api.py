"""The public API the 12345 hotline's system reads: the same entries, search and filters as the
portal, the documents they rest on, the review state; cached and dropped exactly."""

import pytest
from django.utils import timezone

from gongkai.documents import services as document_services
from tests.factories import make_document, publish_object
from tests.knowledge.conftest import make_answer

pytestmark = pytest.mark.django_db


def items(client, **params):
    response = client.get("/api/answers", params)
    assert response.status_code == 200
    return response.json()["items"]


def test_list_search_and_detail(client, department, topic, basis):
    rent = make_answer(department=department, documents=[basis], topics=[topic])
    parking = make_answer(
        department=department, question="停车费有减免吗？", answer="首两小时免费。"
    )
    make_answer(department=department, publish=False, question="尚未发布的房租问题")
    assert [i["id"] for i in items(client)] == [parking.pk, rent.pk]
    assert [i["id"] for i in items(client, q="房租补贴")] == [rent.pk]
    assert [i["id"] for i in items(client, topic=topic.slug)] == [rent.pk]
    assert items(client, q="高速公路") == []
    detail = client.get(f"/api/answers/{rent.pk}").json()
    assert detail["question"] == rent.question and detail["validity"] == "effective"
    assert [d["id"] for d in detail["documents"]] == [basis.pk]
    assert detail["url"].endswith(rent.get_absolute_url())
    assert client.get("/api/answers/999999").status_code == 404


@pytest.mark.parametrize("topic", ["a\x00b", "<script>", "企业 扶持", "x" * 60])
def test_a_topic_no_slug_can_be_finds_nothing(client, department, topic):
    make_answer(department=department)
    assert items(client, topic=topic) == []
    assert items(client, topic=topic, q="房租\x00补贴") == []


def test_a_flag_and_a_publication_show_at_once(client, department, basis, reviewer):
    answer = make_answer(department=department, documents=[basis])
    since = timezone.now().isoformat()
    assert client.get(f"/api/answers/{answer.pk}").json()["validity"] == "effective"
    assert items(client, modified_since=since) == []
    document_services.document_change_validity(document=basis, user=reviewer, validity="repealed")
    detail = client.get(f"/api/answers/{answer.pk}").json()
    assert detail["validity"] == "needs_review" and detail["documents"][0]["validity"] == "repealed"
    assert [i["id"] for i in items(client, modified_since=since)] == [answer.pk]
    newer = make_answer(department=department, publish=False, question="新问答")
    assert newer.pk not in [i["id"] for i in items(client)]
    publish_object(newer)
    assert newer.pk in [i["id"] for i in items(client)]


def test_a_draft_document_it_rests_on_is_not_shown(client, department):
    draft = make_document(department=department, publish=False, title="尚未公开的文件")
    answer = make_answer(department=department, documents=[draft])
    assert client.get(f"/api/answers/{answer.pk}").json()["documents"] == []


def test_the_whole_list_as_csv(client, department, basis):
    answer = make_answer(department=department, documents=[basis])
    response = client.get("/api/answers", {"format": "csv", "q": "房租"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert answer.question in text and basis.title in text
