"""Moving a Wagtail page: the confirmation page opens only for whoever may make the move (the
administrators, who are superusers here, as in the authorisation matrix)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from gongkai.core.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_the_move_confirmation_opens_only_for_those_who_may_move(client, role):
    department = factories.department("产业发展局", code="cyj")
    client.force_login(factories.staff_user(role, department, is_superuser=role == Role.ADMIN))
    page = Page.objects.get(depth=2)
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, page.get_parent().pk])
    response = client.get(url)
    if role == Role.ADMIN:
        assert response.status_code == 200
    else:
        assert (response.status_code, response.get("Location")) == (302, "/admin/")
