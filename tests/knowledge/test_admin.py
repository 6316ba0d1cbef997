"""The back office: 「转为政策问答」 on an answered message opens the draft entry; the review
queue lists the flagged entries of the user's department and the review is saved."""

import pytest
from django.urls import reverse

from gongkai.documents import services as document_services
from gongkai.knowledge.models import AnswerValidity, PolicyAnswer
from tests.knowledge.conftest import make_answer

pytestmark = pytest.mark.django_db


def test_promote_from_the_message_page(client, message, editor):
    client.force_login(editor)
    page = client.get(reverse("interaction_admin:message", args=[message.pk])).content.decode()
    promote = reverse("knowledge_admin:promote", args=[message.pk])
    assert promote in page
    response = client.post(promote)
    answer = PolicyAnswer.objects.get()
    assert response["Location"] == reverse(
        "wagtailsnippets_knowledge_policyanswer:edit", args=[answer.pk]
    )
    assert client.get(response["Location"]).status_code == 200
    page = client.get(reverse("interaction_admin:message", args=[message.pk])).content.decode()
    assert reverse("wagtailsnippets_knowledge_policyanswer:edit", args=[answer.pk]) in page


def test_review_queue_and_review(client, department, other_department, basis, head, reviewer):
    ours = make_answer(department=department, documents=[basis])
    theirs = make_answer(department=other_department, documents=[basis], question="别的部门的问答")
    document_services.document_change_validity(document=basis, user=reviewer, validity="expired")
    client.force_login(head)
    queue = client.get(reverse("knowledge_admin:queue")).content.decode()
    assert ours.question[:20] in queue and theirs.question not in queue
    refused = client.get(reverse("knowledge_admin:review", args=[theirs.pk]))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    review = reverse("knowledge_admin:review", args=[ours.pk])
    assert client.post(review, {"outcome": "withdrawn", "note": ""}).status_code == 400
    response = client.post(review, {"outcome": "effective", "note": "新文件延续了该措施"})
    assert response["Location"] == reverse("knowledge_admin:queue")
    ours.refresh_from_db()
    assert ours.validity == AnswerValidity.EFFECTIVE and ours.reviewed_by == head
