"""办事指南 go live only through the sign-off workflow (issue 13, publishing without sign-off).

A guide an editor saves is a draft: absent from the portal's list, page and export until the
department's head approves and the office signs off; then it shows at once (the cached list is
dropped). Neither the back office's publish button (for a reviewer or an administrator) nor a
service call or ``publish()`` from code puts it live; taking it off line drops it again.
"""

import pytest
from django.urls import reverse
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.areas import services
from gongkai.areas.models import ServiceGuide
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.documents.publication import sign_off_through
from tests.areas.conftest import MATERIALS, make_guide
from tests.factories import make_user

pytestmark = pytest.mark.django_db

NAME = "职工基本养老保险个人账户转移"
LIST = reverse("areas:guides")
EXPORT = reverse("areas:guides_export", args=["csv"])
ADD = reverse("wagtailsnippets_areas_serviceguide:add")


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def guide_form(client) -> dict:
    data = querydict_from_html(client.get(ADD).content.decode(), form_id="w-editor-form")
    data.update(
        {
            "name": NAME,
            "basis": "《社会保险法》第十九条",
            "conditions": "跨统筹地区就业的参保人员。",
            "flow": "申请\n受理\n办结",
            "where_to_apply": "区政务服务中心",
            "free": "on",
            "bases-TOTAL_FORMS": "0",
            "materials-TOTAL_FORMS": "1",
            "materials-0-name": "参保缴费凭证",
            "materials-0-form": "original",
            "materials-0-copies": "1",
            "materials-0-need": "required",
            "materials-0-ORDER": "1",
            "materials-0-id": "",
            "materials-0-DELETE": "",
            # What a forged form (or the old 已公开 checkbox) would ask for.
            "action-publish": "action-publish",
            "published": "on",
            "live": "on",
        }
    )
    return data


@pytest.fixture
def head(department):
    return make_user(role=Role.HEAD, department=department)


@pytest.fixture
def admin(department):
    return make_user(role=Role.ADMIN, department=department, is_superuser=True)


def test_an_editors_guide_is_public_only_once_signed_off_and_then_at_once(
    client, editor, head, reviewer
):
    client.force_login(editor)
    assert 'name="action-publish"' not in client.get(ADD).content.decode()
    assert client.post(ADD, guide_form(client)).status_code == 302
    guide = ServiceGuide.objects.get(name=NAME)
    assert not guide.live and guide.latest_revision is not None
    client.logout()
    assert client.get(guide.get_absolute_url()).status_code == 404
    assert NAME not in text_of(client.get(LIST))  # cached now
    assert NAME not in text_of(client.get(EXPORT))

    sign_off_through(guide, submitter=editor, head=head, reviewer=reviewer)

    assert guide.live
    assert NAME in text_of(client.get(LIST))
    assert NAME in text_of(client.get(EXPORT))
    assert "参保缴费凭证" in text_of(client.get(guide.get_absolute_url()))
    published = AuditEvent.objects.get(action="service_guide.publish", object_id=str(guide.pk))
    assert published.actor == reviewer


def test_submitted_and_approved_by_the_head_it_is_still_not_public(client, editor, head):
    guide = make_guide(department=editor.staff_profile.department, publish=False)
    guide.save_revision(user=editor)
    state = guide.get_workflow().start(guide, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, head, "approve")
    guide.refresh_from_db()
    assert not guide.live
    assert client.get(guide.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_the_publish_button_does_not_publish_for_the_office_or_an_administrator(
    client, role, request
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    data = guide_form(client)
    data["department"] = str(request.getfixturevalue("department").pk)
    assert client.post(ADD, data).status_code == 302
    guide = ServiceGuide.objects.get(name=NAME)
    assert not guide.live
    edit = reverse("wagtailsnippets_areas_serviceguide:edit", args=[guide.pk])
    page = client.get(edit).content.decode()
    assert 'name="action-publish"' not in page
    edited = querydict_from_html(page, form_id="w-editor-form")
    edited["action-publish"] = "action-publish"
    client.post(edit, edited)
    guide.refresh_from_db()
    assert not guide.live
    assert not AuditEvent.objects.filter(action="service_guide.publish").exists()


def test_a_service_call_cannot_make_a_live_guide(department, editor):
    with pytest.raises(PublishPermissionError):
        services.guide_create(
            user=editor,
            department=department,
            name=NAME,
            basis="《社会保险法》第十九条",
            conditions="跨统筹地区就业的参保人员。",
            flow="申请\n办结",
            where_to_apply="区政务服务中心",
            materials=MATERIALS,
            live=True,
        )
    assert not ServiceGuide.objects.exists()


def test_publishing_from_code_without_a_sign_off_is_refused(department, editor, reviewer):
    guide = make_guide(department=department, publish=False)
    revision = guide.save_revision(user=editor)
    with pytest.raises(PublishPermissionError):
        revision.publish(user=reviewer)
    guide.refresh_from_db()
    assert not guide.live


def test_an_edit_of_a_live_guide_waits_for_its_own_sign_off(client, department, editor, head):
    guide = make_guide(department=department)
    assert guide.name in text_of(client.get(LIST))
    client.force_login(editor)
    edit = reverse("wagtailsnippets_areas_serviceguide:edit", args=[guide.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="w-editor-form")
    data.update({"name": "改过的名称", "free": "on"})  # a checkbox without a value
    assert client.post(edit, data).status_code == 302
    client.logout()
    listing = text_of(client.get(LIST))
    assert guide.name in listing and "改过的名称" not in listing


def test_taking_a_guide_off_line_drops_it_from_the_portal(client, department, reviewer):
    guide = make_guide(department=department)
    assert guide.name in text_of(client.get(LIST))
    client.force_login(reviewer)
    unpublish = reverse("wagtailsnippets_areas_serviceguide:unpublish", args=[guide.pk])
    assert client.post(unpublish).status_code == 302
    client.logout()
    assert guide.name not in text_of(client.get(LIST))
    assert client.get(guide.get_absolute_url()).status_code == 404
    event = AuditEvent.objects.get(action="service_guide.unpublish", object_id=str(guide.pk))
    assert event.actor == reviewer


def test_the_head_finds_a_submitted_guide_waiting_for_review(client, department, editor, head):
    guide = make_guide(department=department, name="待审办事指南", publish=False)
    guide.save_revision(user=editor)
    guide.get_workflow().start(guide, editor)
    elsewhere = make_guide(name="他部门待审指南", publish=False)
    elsewhere.get_workflow().start(elsewhere, editor)
    client.force_login(head)
    dashboard = text_of(client.get("/admin/"))
    assert "待审办事指南" in dashboard and "他部门待审指南" not in dashboard
