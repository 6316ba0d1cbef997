"""证明事项 go live only through the sign-off workflow (issue 13, publishing without sign-off).

A certificate item an editor saves is a draft: absent from the portal's list, its search and
its export until the department's head approves and the office signs off; then it shows at
once (the cached list is dropped). Neither the publish button nor a service call or
``publish()`` from code puts it live; taking it off line drops it again.
"""

import pytest
from django.urls import reverse
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.areas import services
from gongkai.areas.models import CertificateItem
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.documents.publication import sign_off_through
from tests.areas.conftest import make_certificate
from tests.factories import make_user

pytestmark = pytest.mark.django_db

NAME = "居民死亡医学证明"
LIST = reverse("areas:certificates")
SEARCH = LIST + "?q=死亡医学"
EXPORT = reverse("areas:certificates_export", args=["csv"])
ADD = reverse("wagtailsnippets_areas_certificateitem:add")


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def item_form(client) -> dict:
    data = querydict_from_html(client.get(ADD).content.decode(), form_id="w-editor-form")
    data.update(
        {
            "name": NAME,
            "issuing_body": "医疗机构",
            "used_for": "户口注销",
            "basis": "《户口登记条例》第八条",
            "status": "retained",
            # What a forged form would ask for.
            "action-publish": "action-publish",
            "live": "on",
        }
    )
    return data


@pytest.fixture
def head(department):
    return make_user(role=Role.HEAD, department=department)


def shown(client) -> bool:
    found = [NAME in text_of(client.get(url)) for url in (LIST, SEARCH, EXPORT)]
    assert len(set(found)) == 1, found
    return found[0]


def test_an_editors_item_is_public_only_once_signed_off_and_then_at_once(
    client, editor, head, reviewer
):
    client.force_login(editor)
    assert 'name="action-publish"' not in client.get(ADD).content.decode()
    assert client.post(ADD, item_form(client)).status_code == 302
    item = CertificateItem.objects.get(name=NAME)
    assert not item.live and item.latest_revision is not None
    client.logout()
    assert not shown(client)  # the list is cached now

    sign_off_through(item, submitter=editor, head=head, reviewer=reviewer)

    assert item.live
    assert shown(client)
    published = AuditEvent.objects.get(action="certificate_item.publish", object_id=str(item.pk))
    assert published.actor == reviewer


def test_the_publish_button_does_not_publish_for_the_office(client, department, reviewer):
    client.force_login(reviewer)
    data = item_form(client)
    data["department"] = str(department.pk)
    assert client.post(ADD, data).status_code == 302
    item = CertificateItem.objects.get(name=NAME)
    edit = reverse("wagtailsnippets_areas_certificateitem:edit", args=[item.pk])
    page = client.get(edit).content.decode()
    assert 'name="action-publish"' not in page
    edited = querydict_from_html(page, form_id="w-editor-form")
    edited["action-publish"] = "action-publish"
    client.post(edit, edited)
    item.refresh_from_db()
    assert not item.live
    assert not shown(client)


def test_a_service_call_cannot_make_a_live_item(department, editor):
    with pytest.raises(PublishPermissionError):
        services.certificate_create(
            user=editor,
            department=department,
            name=NAME,
            issuing_body="医疗机构",
            basis="《户口登记条例》第八条",
            live=True,
        )
    assert not CertificateItem.objects.exists()


def test_publishing_from_code_without_a_sign_off_is_refused(client, department, editor, reviewer):
    item = make_certificate(department=department, name=NAME, publish=False)
    revision = item.save_revision(user=editor)
    with pytest.raises(PublishPermissionError):
        revision.publish(user=reviewer)
    item.refresh_from_db()
    assert not item.live
    assert not shown(client)


def test_an_edit_of_a_live_item_waits_for_its_own_sign_off(client, department, editor):
    item = make_certificate(department=department, name=NAME)
    assert shown(client)
    client.force_login(editor)
    edit = reverse("wagtailsnippets_areas_certificateitem:edit", args=[item.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="w-editor-form")
    data["name"] = "改过的证明名称"
    assert client.post(edit, data).status_code == 302
    client.logout()
    listing = text_of(client.get(LIST))
    assert NAME in listing and "改过的证明名称" not in listing


def test_taking_an_item_off_line_drops_it_from_the_portal(client, department, reviewer):
    item = make_certificate(department=department, name=NAME)
    assert shown(client)
    client.force_login(reviewer)
    unpublish = reverse("wagtailsnippets_areas_certificateitem:unpublish", args=[item.pk])
    assert client.post(unpublish).status_code == 302
    client.logout()
    assert not shown(client)
    assert AuditEvent.objects.filter(
        action="certificate_item.unpublish", object_id=str(item.pk)
    ).exists()


def test_the_head_finds_a_submitted_item_waiting_for_review(client, department, editor, head):
    item = make_certificate(department=department, name="待审证明事项", publish=False)
    item.get_workflow().start(item, editor)
    elsewhere = make_certificate(name="他部门待审证明", publish=False)
    elsewhere.get_workflow().start(elsewhere, editor)
    client.force_login(head)
    dashboard = text_of(client.get("/admin/"))
    assert "待审证明事项" in dashboard and "他部门待审证明" not in dashboard
