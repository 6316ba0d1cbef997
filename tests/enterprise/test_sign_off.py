"""申报项目 go live only through the sign-off workflow (issue 13, publishing without sign-off).

A programme staff save is a draft (the old 公开 checkbox, ticked by default, published it at
once): absent from the calendar, its page, the iCal feeds (programme, department, an
enterprise's own) and the matches' windows until the department's head approves and the
office signs off; then it shows at once. Neither the publish button nor a service call or
``publish()`` from code puts it live; taking it off line drops it again.
"""

import pytest
from django.urls import reverse
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.documents.publication import sign_off_through
from gongkai.enterprise import calendar_feeds
from gongkai.enterprise.models import Programme
from tests.accounts.conftest import make_account
from tests.enterprise.conftest import make_enterprise, make_policy, make_programme
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TITLE = "2026年度数字经济专项申报"
ADD = reverse("wagtailsnippets_enterprise_programme:add")
MET = {"field": "revenue", "op": ">=", "value": 1000, "clause": "第五条"}


@pytest.fixture
def policy(editor):
    return make_policy(department=editor.staff_profile.department, rule=MET)


@pytest.fixture
def head(editor):
    return make_user(role=Role.HEAD, department=editor.staff_profile.department)


@pytest.fixture
def reviewer(db):
    return make_user(role=Role.REVIEWER, is_staff=True)


@pytest.fixture
def enterprise(db):
    account = make_account(email="boss@example.com", kind="enterprise")
    return make_enterprise(account=account, revenue=2500)


def public_places(client, programme, enterprise) -> dict[str, bool]:
    """Where the public finds the programme's title (its own page and feed: answered at all)."""
    client.logout()
    token = calendar_feeds.feed_token(enterprise)
    urls = {
        "calendar": "/enterprise/calendar/",
        "open": "/enterprise/calendar/?state=open",
        "department feed": f"/enterprise/departments/{programme.department_id}.ics",
        "enterprise feed": f"/enterprise/feeds/{token}.ics",
    }
    found = {name: TITLE in client.get(url).content.decode() for name, url in urls.items()}
    found["page"] = client.get(programme.get_absolute_url()).status_code == 200
    found["feed"] = client.get(f"/enterprise/programmes/{programme.pk}.ics").status_code == 200
    client.force_login(enterprise.account.user)
    (match,) = client.get("/enterprise/matches.json").json()["matches"]
    found["matches api"] = match["closes_at"] is not None
    client.logout()
    return found


def programme_form(client, policy) -> dict:
    data = querydict_from_html(client.get(ADD).content.decode(), form_id="w-editor-form")
    data.update(
        {
            "title": TITLE,
            "policy": str(policy.pk),
            "opens_at": "2020-01-01 09:00",
            "closes_at": "2099-12-31 17:00",
            "where_to_apply": "区政务服务中心",
            # What a forged form (or the old 公开 checkbox) would ask for.
            "action-publish": "action-publish",
            "live": "on",
        }
    )
    return data


def test_a_programme_is_public_only_once_signed_off_and_then_at_once(
    client, editor, head, reviewer, policy, enterprise
):
    client.force_login(editor)
    assert 'name="action-publish"' not in client.get(ADD).content.decode()
    response = client.post(ADD, programme_form(client, policy))
    assert response.status_code == 302, response.context["form"].errors
    programme = Programme.objects.get(title=TITLE)
    assert not programme.live and programme.latest_revision is not None
    assert not any(public_places(client, programme, enterprise).values())  # cached now

    sign_off_through(programme, submitter=editor, head=head, reviewer=reviewer)

    assert programme.live
    assert all(public_places(client, programme, enterprise).values())
    published = AuditEvent.objects.get(action="programme.publish", object_id=str(programme.pk))
    assert published.actor == reviewer


def test_the_publish_button_does_not_publish_for_the_office(client, reviewer, policy):
    client.force_login(reviewer)
    data = programme_form(client, policy)
    data["department"] = str(policy.department_id)
    assert client.post(ADD, data).status_code == 302
    programme = Programme.objects.get(title=TITLE)
    edit = reverse("wagtailsnippets_enterprise_programme:edit", args=[programme.pk])
    page = client.get(edit).content.decode()
    assert 'name="action-publish"' not in page
    edited = querydict_from_html(page, form_id="w-editor-form")
    edited["action-publish"] = "action-publish"
    client.post(edit, edited)
    programme.refresh_from_db()
    assert not programme.live


def test_a_service_call_cannot_make_a_live_programme(editor, policy):
    with pytest.raises(PublishPermissionError):
        make_programme(policy, title=TITLE, live=True)
    assert not Programme.objects.exists()


def test_publishing_from_code_without_a_sign_off_is_refused(
    client, editor, reviewer, policy, enterprise
):
    programme = make_programme(policy, title=TITLE, publish=False)
    revision = programme.save_revision(user=editor)
    with pytest.raises(PublishPermissionError):
        revision.publish(user=reviewer)
    programme.refresh_from_db()
    assert not programme.live
    assert not any(public_places(client, programme, enterprise).values())


def test_taking_a_programme_off_line_drops_it_from_the_calendar_and_feeds(
    client, reviewer, policy, enterprise
):
    programme = make_programme(policy, title=TITLE)
    assert all(public_places(client, programme, enterprise).values())
    client.force_login(reviewer)
    unpublish = reverse("wagtailsnippets_enterprise_programme:unpublish", args=[programme.pk])
    assert client.post(unpublish).status_code == 302
    assert not any(public_places(client, programme, enterprise).values())
    taken_off = AuditEvent.objects.get(action="programme.unpublish", object_id=str(programme.pk))
    assert taken_off.actor == reviewer


def test_the_head_finds_a_submitted_programme_waiting_for_review(client, editor, head, policy):
    programme = make_programme(policy, title="待审申报项目", publish=False)
    programme.get_workflow().start(programme, editor)
    elsewhere = make_programme(make_policy(), title="他部门待审项目", publish=False)
    elsewhere.get_workflow().start(elsewhere, editor)
    client.force_login(head)
    dashboard = client.get("/admin/").content.decode()
    assert "待审申报项目" in dashboard and "他部门待审项目" not in dashboard
