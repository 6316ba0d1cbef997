"""Staff API tokens: the services, the `token` command and Bearer authentication."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import APIToken

from gongkai.api.services import api_token_create, api_token_revoke
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db

UNAUTHENTICATED = (
    "未认证：请在 Authorization 头中提供有效的令牌（Bearer TOKEN） / "
    "Not authenticated: send a valid token in the Authorization header (Bearer TOKEN)"
)


@pytest.fixture
def office():
    return factories.make_department(name="党政办公室", code="dzb", is_openness_office=True)


@pytest.fixture
def staff(office):
    """A reviewer who has set up the second factor (their tokens act only then)."""
    user = factories.make_user(role=Role.REVIEWER, department=office, username="zhang")
    factories.enrol_second_factor(user)
    return user


def me(api, token: str | None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return api.get("/api/staff/me", **headers)


def test_created_token_is_stored_only_as_a_digest_and_audited(staff):
    plaintext, token = api_token_create(user=staff, name="登记系统")
    assert plaintext not in (token.key_hash, token.prefix)
    assert plaintext.startswith(token.prefix)
    assert APIToken.objects.filter(key_hash=APIToken.hash_token(plaintext)).exists()
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.after == {"user": "zhang", "name": "登记系统", "prefix": token.prefix}
    assert plaintext not in str(event.after)


def test_valid_token_authenticates_as_its_user(api, staff):
    plaintext, _token = api_token_create(user=staff, name="登记系统")
    response = me(api, plaintext)
    assert response.status_code == 200
    assert response.json()["username"] == "zhang"
    assert response.json()["department"] == "党政办公室"
    assert response.json()["token_name"] == "登记系统"


@pytest.mark.parametrize("token", [None, "", "gk_not-a-token", "wagtail_" + "0" * 33])
def test_missing_or_unknown_token_is_401(api, staff, token):
    response = me(api, token)
    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHENTICATED}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_401_and_revoking_is_audited_once(api, staff):
    plaintext, token = api_token_create(user=staff)
    api_token_revoke(token=token, reason="人员调岗")
    api_token_revoke(token=token)
    assert me(api, plaintext).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_token_of_an_inactive_user_is_401_and_none_can_be_created(api, staff):
    plaintext, _token = api_token_create(user=staff)
    staff.is_active = False
    staff.save()
    assert me(api, plaintext).status_code == 401
    with pytest.raises(ValidationError):
        api_token_create(user=staff)


def test_token_of_a_reviewer_without_a_second_factor_acts_only_once_they_enrol(api, office):
    reviewer = factories.make_user(role=Role.REVIEWER, department=office)
    plaintext, token = api_token_create(user=reviewer)
    response = me(api, plaintext)
    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHENTICATED}
    token.refresh_from_db()
    assert token.last_used_at is None, "a refused token is not marked as used"
    factories.enrol_second_factor(reviewer)
    assert me(api, plaintext).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_of_an_administrator_without_a_second_factor_is_401(api):
    admin = factories.make_user(is_superuser=True, is_staff=True)
    plaintext, _token = api_token_create(user=admin)
    assert me(api, plaintext).status_code == 401


def test_token_of_an_editor_acts_without_a_second_factor(api, office):
    editor = factories.make_user(role=Role.EDITOR, department=office)
    plaintext, _token = api_token_create(user=editor)
    assert me(api, plaintext).status_code == 200


def test_tokens_of_reviewers_act_without_enrolment_when_it_is_not_required(api, office, settings):
    settings.GONGKAI_OTP_REQUIRED = False
    reviewer = factories.make_user(role=Role.REVIEWER, department=office)
    plaintext, _token = api_token_create(user=reviewer)
    assert me(api, plaintext).status_code == 200


def test_session_login_does_not_open_the_staff_api(api, staff):
    api.force_login(staff)
    assert me(api, None).status_code == 401


def test_token_command_creates_lists_and_revokes(api, staff):
    out, err = io.StringIO(), io.StringIO()
    call_command("token", "create", "zhang", "--name", "对接", stdout=out, stderr=err)
    plaintext = out.getvalue().strip()
    assert "只显示这一次" in err.getvalue()
    assert me(api, plaintext).status_code == 200

    listing = io.StringIO()
    call_command("token", "list", "zhang", stdout=listing)
    token = APIToken.objects.get()
    assert f"{token.pk}\t{token.prefix}…\tzhang\t对接" in listing.getvalue()
    assert plaintext not in listing.getvalue()

    call_command("token", "revoke", str(token.pk), stdout=io.StringIO())
    assert me(api, plaintext).status_code == 401
    assert AuditEvent.objects.get(action="api_token.revoke").actor_label == "manage.py token"


def test_token_command_refuses_an_unknown_user_or_token(staff):
    with pytest.raises(CommandError, match="No user 'nobody'"):
        call_command("token", "create", "nobody", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="No token with id 999"):
        call_command("token", "revoke", "999", stdout=io.StringIO())
