"""The back office: messages scoped by department, routing and transfers, the reply drafted from
a template and published by the head, the overdue queue, statistics and the set-up snippets."""

import pytest
from django.urls import reverse

from gongkai.core.roles import Role
from gongkai.interaction.models import Message, MessageState, ReplyTemplate
from tests.factories import make_user
from tests.interaction.conftest import write
from tests.interaction.test_services import make_late

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail answers a refused back-office request with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def detail(message):
    return reverse("interaction_admin:message", args=[message.pk])


def test_departments_see_their_own_messages_and_the_office_all(
    client, citizen, category, department, other_department, editor, reviewer
):
    mine = write(citizen, category, addressee=department).message
    theirs = write(citizen, category, addressee=other_department, nonce="t" * 24).message
    client.force_login(editor)
    listing = client.get(reverse("interaction_admin:messages")).content.decode()
    assert mine.tracking_number in listing and theirs.tracking_number not in listing
    assert refused(client.get(detail(theirs)))
    page = client.get(detail(mine)).content.decode()
    assert "张三丰" in page and citizen.email in page
    client.force_login(reviewer)
    listing = client.get(reverse("interaction_admin:messages")).content.decode()
    assert mine.tracking_number in listing and theirs.tracking_number in listing
    assert "张三丰" not in client.get(detail(mine)).content.decode()  # another department's


def test_route_transfer_draft_and_publish_in_the_back_office(
    client, citizen, category, department, other_department, editor, head, reviewer
):
    message = write(citizen, category).message
    client.force_login(reviewer)
    client.post(detail(message), {"action": "assign", "department": other_department.pk})
    client.post(
        detail(message),
        {"action": "transfer", "department": department.pk, "reason": "属住建局职责"},
    )
    message.refresh_from_db()
    assert message.department == department and message.state == MessageState.TRANSFERRED
    template = ReplyTemplate.objects.create(name="已办理", text="《{title}》反映的问题已办理。")
    client.force_login(editor)
    client.post(detail(message), {"action": "template", "template": template.pk})
    message.refresh_from_db()
    assert message.reply_draft == "《小区门口路灯不亮》反映的问题已办理。"
    client.post(detail(message), {"action": "submit", "text": message.reply_draft + "谢谢。"})
    assert "审核发布" not in client.get(detail(message)).content.decode()
    assert refused(client.post(detail(message), {"action": "publish"}))
    assert Message.objects.get().state == MessageState.TRANSFERRED
    client.force_login(head)
    response = client.post(detail(message), {"action": "publish"}, follow=True)
    assert "答复已发布，并在网站公开。" in response.content.decode()
    message.refresh_from_db()
    assert message.state == MessageState.REPLIED and message.reply.endswith("谢谢。")


def test_a_transfer_without_a_reason_is_refused_with_a_message(
    client, citizen, category, department, other_department, editor
):
    message = write(citizen, category, addressee=department).message
    client.force_login(editor)
    response = client.post(
        detail(message),
        {"action": "transfer", "department": other_department.pk, "reason": ""},
        follow=True,
    )
    assert "请选择部门并填写转办理由。" in response.content.decode()
    assert Message.objects.get().department == department


def test_overdue_queue_and_statistics(client, citizen, category, department, editor, head):
    late = make_late(write(citizen, category, addressee=department).message)
    client.force_login(editor)
    overdue = client.get(reverse("interaction_admin:overdue")).content.decode()
    assert late.tracking_number in overdue
    stats = client.get(reverse("interaction_admin:statistics")).content.decode()
    assert department.name in stats and '<td class="overdue">1</td>' in stats


def test_the_office_sets_up_categories_and_departments_cannot(client, department, reviewer):
    url = reverse("wagtailsnippets_interaction_messagecategory:add")
    client.force_login(make_user(role=Role.EDITOR, department=department))
    assert refused(client.get(url))
    client.force_login(reviewer)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "教育", "reply_days": 7, "sort_order": 0})
    assert response.status_code == 302
