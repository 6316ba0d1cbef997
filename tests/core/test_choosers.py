"""Every back-office chooser works for each role whose forms offer it and refuses (403) every
other role; generated from the snippet registry so that a new form or chooser is covered."""

import pytest
from django.urls import reverse
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.widgets import AdminSnippetChooser

from gongkai.core.admin_views import SEE_ACTIONS, SnippetViewSet
from gongkai.core.roles import Role
from gongkai.documents.models import DocumentKind
from tests import factories

pytestmark = pytest.mark.django_db

XHR = {"headers": {"x-requested-with": "XMLHttpRequest"}}


def our_viewsets():
    for model in get_snippet_models():
        if isinstance(model.snippet_viewset, SnippetViewSet):
            yield model.snippet_viewset


def chooser_fields():
    """(form model, field name, chosen model) of every chooser in a snippet's create or edit form."""
    for viewset in our_viewsets():
        for for_update in (False, True):
            for name, field in viewset.get_form_class(for_update=for_update).base_fields.items():
                if isinstance(field.widget, AdminSnippetChooser):
                    yield viewset.model, name, field.widget.model


def chooser_url(model, step, *args):
    return reverse(model.snippet_viewset.chooser_viewset.get_url_name(step), args=args)


def may_see(user, model) -> bool:
    return policy_registry.get_by_type(model).user_has_any_permission(user, SEE_ACTIONS)


@pytest.fixture
def users():
    department = factories.department("产业发展局", code="cyj")
    return {role: factories.staff_user(role, department) for role in Role}


def test_the_registry_offers_choosers():
    assert list(chooser_fields())


@pytest.mark.parametrize("role", list(Role))
def test_each_form_s_chooser_works_for_the_roles_that_open_the_form(client, users, role):
    user = users[role]
    client.force_login(user)
    for form_model, field, chosen in set(chooser_fields()):
        policy = policy_registry.get_by_type(form_model)
        if not policy.user_has_any_permission(user, ["add", "change"]):
            continue
        assert may_see(user, chosen), (form_model, field)
        assert client.get(chooser_url(chosen, "choose"), **XHR).status_code == 200


@pytest.mark.parametrize("role", list(Role))
def test_every_chooser_refuses_the_roles_that_may_not_see_its_model(client, users, role):
    user = users[role]
    client.force_login(user)
    for viewset in our_viewsets():
        model = viewset.model
        expected = 200 if may_see(user, model) else 403
        assert client.get(chooser_url(model, "choose"), **XHR).status_code == expected, model
        results = client.get(chooser_url(model, "choose_results"), **XHR)
        assert results.status_code == expected, model
        if expected == 403:
            assert client.get(chooser_url(model, "chosen", 1), **XHR).status_code == 403, model


@pytest.mark.parametrize(
    ("role", "status"), [(Role.EDITOR, 200), (Role.ADMIN, 200), (Role.ASSESSOR, 403)]
)
def test_choosing_a_document_kind(client, users, role, status):
    # The assessor's chosen step answered 404 for a kind that exists.
    kind = factories.make_kind()
    client.force_login(users[role])
    assert client.get(chooser_url(DocumentKind, "chosen", kind.pk), **XHR).status_code == status
