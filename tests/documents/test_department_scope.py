"""Department scoping of every back-office view of one document or interpretation (revisions,
compare, workflow history, usage, previews, locks, copy, choosers), and of moving an item into
another department."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.core.roles import Role
from gongkai.documents.forms import OwnDepartmentForm
from gongkai.documents.models import Document
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "规划建设局尚未公开的草稿标题"


@pytest.fixture
def org():
    finance = factories.department("财政局", code="czj")
    planning = factories.department("规划建设局", code="ghj")
    return finance, planning


@pytest.fixture
def draft_in_review(org):
    """Another department's unpublished draft, twice revised and waiting for its head."""
    _finance, planning = org
    author = factories.staff_user(Role.EDITOR, planning)
    document = factories.draft_document(dept=planning, title=SECRET)
    document.save_revision(user=author)
    document.summary = "第二稿"
    document.save_revision(user=author)
    document.get_workflow().start(document, author)
    interpretation = factories.interpretation(document, live=False, title=SECRET + "解读")
    interpretation.save_revision(user=author)
    interpretation.get_workflow().start(interpretation, author)
    return document, interpretation


def object_urls(obj) -> list[str]:
    """Every URL of the viewset that names ``obj`` and can be read with GET."""
    ns = f"wagtailsnippets_documents_{obj._meta.model_name}"
    revision = obj.latest_revision_id
    workflow_state = obj.workflow_states.get()
    task_state = workflow_state.current_task_state
    return [
        reverse(f"{ns}:edit", args=[obj.pk]),
        reverse(f"{ns}:history", args=[obj.pk]),
        reverse(f"{ns}:history_results", args=[obj.pk]),
        reverse(f"{ns}:usage", args=[obj.pk]),
        reverse(f"{ns}:copy", args=[obj.pk]),
        reverse(f"{ns}:revisions_view", args=[obj.pk, revision]),
        reverse(f"{ns}:revisions_revert", args=[obj.pk, revision]),
        reverse(f"{ns}:revisions_compare", args=[obj.pk, "earliest", "latest"]),
        reverse(f"{ns}:workflow_history", args=[obj.pk]),
        reverse(f"{ns}:workflow_history_detail", args=[obj.pk, workflow_state.pk]),
        reverse(f"{ns}:workflow_preview", args=[obj.pk, task_state.task_id]),
        reverse(f"{ns}:preview_on_edit", args=[obj.pk]),
        reverse(f"{ns}:collect_workflow_action_data", args=[obj.pk, "approve", task_state.pk]),
        reverse(f"{ns}:confirm_workflow_cancellation", args=[obj.pk]),
        reverse(f"wagtailsnippetchoosers_documents_{obj._meta.model_name}:chosen", args=[obj.pk]),
    ]


def refused(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_another_departments_draft_is_refused_on_every_view(client, org, draft_in_review):
    finance, _planning = org
    client.force_login(factories.staff_user(Role.EDITOR, finance))
    for obj in draft_in_review:
        for url in object_urls(obj):
            response = client.get(url)
            assert refused(response), (url, response.status_code)
            body = response.content.decode()
            # As text, and as JSON writes it (\uXXXX escapes) in the pages' data attributes.
            assert SECRET not in body, url
            assert SECRET.encode("unicode_escape").decode() not in body, url


def test_changing_views_are_refused_too(client, org, draft_in_review):
    finance, _planning = org
    client.force_login(factories.staff_user(Role.HEAD, finance))
    document, _interpretation = draft_in_review
    task_state = document.workflow_states.get().current_task_state
    ns = "wagtailsnippets_documents_document"
    for url in (
        reverse(f"{ns}:lock", args=[document.pk]),
        reverse(f"{ns}:workflow_action", args=[document.pk, "approve", task_state.pk]),
        reverse(f"{ns}:delete", args=[document.pk]),
    ):
        assert refused(client.post(url)), url
    document.refresh_from_db()
    assert document.locked is False
    assert document.workflow_states.get().current_task_state == task_state


def test_own_department_and_office_still_read_them(client, org, draft_in_review):
    _finance, planning = org
    for user in (
        factories.staff_user(Role.EDITOR, planning),
        factories.staff_user(Role.HEAD, planning),
        factories.staff_user(Role.REVIEWER),
    ):
        client.force_login(user)
        document, _interpretation = draft_in_review
        for url in (
            reverse("wagtailsnippets_documents_document:history", args=[document.pk]),
            reverse(
                "wagtailsnippets_documents_document:revisions_compare",
                args=[document.pk, "earliest", "latest"],
            ),
        ):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert SECRET in response.content.decode()


def test_chooser_offers_own_and_published_documents_only(client, org, draft_in_review):
    finance, planning = org
    own_draft = factories.draft_document(dept=finance, title="财政局自己的草稿")
    published = factories.published_document(dept=planning, title="规划建设局已公开的文件")
    client.force_login(factories.staff_user(Role.EDITOR, finance))
    page = client.get(reverse("wagtailsnippetchoosers_documents_document:choose")).json()["html"]
    assert own_draft.title in page and published.title in page
    assert SECRET not in page
    chosen = reverse("wagtailsnippetchoosers_documents_document:chosen", args=[published.pk])
    assert client.get(chosen).status_code == 200


def test_interpretation_form_offers_only_visible_documents(client, org, draft_in_review):
    finance, _planning = org
    client.force_login(factories.staff_user(Role.EDITOR, finance))
    page = client.get(reverse("wagtailsnippets_documents_interpretation:add")).content.decode()
    assert SECRET not in page


def test_audit_log_chooser_is_closed_to_editors(client, org, draft_in_review):
    finance, _planning = org
    client.force_login(factories.staff_user(Role.EDITOR, finance))
    # Refused outright (gongkai.core.admin_views.ChooserRefusedMixin): the modal asks by XHR.
    response = client.get(
        reverse("wagtailsnippetchoosers_core_auditevent:choose"),
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 403
    assert SECRET not in response.content.decode()


# --- moving an item into another department ------------------------------------------------


def test_editor_cannot_create_a_document_in_another_department(client, org):
    finance, planning = org
    client.force_login(factories.staff_user(Role.EDITOR, finance))
    add_url = reverse("wagtailsnippets_documents_document:add")
    data = querydict_from_html(client.get(add_url).content.decode(), form_id="w-editor-form")
    data.update(
        {
            "title": "移入他部门的文件",
            "doc_type": str(factories.document_kind("通知").pk),
            "department": str(planning.pk),
            "written_on": "2026-03-02",
            "disclosure": "proactive",
        }
    )
    data.setlist("issuers", [str(finance.pk)])
    response = client.post(add_url, data)
    assert "无权将它放入其他部门" in " ".join(response.context["form"].errors["department"])
    assert not Document.objects.exists()


def test_editor_cannot_move_own_document_out(client, org):
    finance, planning = org
    document = factories.draft_document(dept=finance)
    client.force_login(factories.staff_user(Role.EDITOR, finance))
    edit_url = reverse("wagtailsnippets_documents_document:edit", args=[document.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="w-editor-form")
    data["department"] = str(planning.pk)
    response = client.post(edit_url, data)
    assert "department" in response.context["form"].errors
    document.refresh_from_db()
    assert document.department == finance
    assert document.latest_revision is None or (
        document.latest_revision.as_object().department_id == finance.pk
    )


def test_english_message_when_english_is_the_language(client, org):
    finance, planning = org
    user = factories.staff_user(Role.EDITOR, finance)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    document = factories.draft_document(dept=finance)
    edit_url = reverse("wagtailsnippets_documents_document:edit", args=[document.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="w-editor-form")
    data["department"] = str(planning.pk)
    errors = client.post(edit_url, data).context["form"].errors["department"]
    assert "you may not put it into another department" in " ".join(errors)


@pytest.mark.parametrize("model", ["document", "interpretation"])
def test_the_view_refuses_another_department_when_the_form_lets_it_through(
    client, org, monkeypatch, model
):
    """The form says so first; the save itself (gongkai.core.admin_views, one check for every
    department-scoped viewset) refuses whatever reaches it."""
    finance, planning = org
    monkeypatch.setattr(OwnDepartmentForm, "clean_department", lambda form: planning)
    client.force_login(factories.staff_user(Role.EDITOR, finance))
    document = factories.draft_document(dept=finance)
    obj = document if model == "document" else factories.interpretation(document, live=False)
    edit_url = reverse(f"wagtailsnippets_documents_{model}:edit", args=[obj.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="w-editor-form")
    response = client.post(edit_url, data)
    assert response.status_code == 200  # the edit page again, saying why
    assert "无权将它放入其他部门" in response.content.decode()
    obj.refresh_from_db()
    assert obj.department == finance
    client.force_login(factories.staff_user(Role.REVIEWER))
    assert client.post(edit_url, data).status_code == 302
    obj.refresh_from_db()
    assert obj.department == planning


def test_site_history_is_the_offices(client, org, draft_in_review):
    """Wagtail's site history filters by model only; its workflow reports need page
    permissions, which only administrators hold."""
    finance, _planning = org
    client.force_login(factories.staff_user(Role.HEAD, finance))
    for name in ("site_history", "site_history_results", "workflow", "workflow_tasks"):
        assert refused(client.get(reverse(f"wagtailadmin_reports:{name}"))), name
    client.force_login(factories.staff_user(Role.REVIEWER))
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_assessor_reads_revisions_comparisons_and_workflow_history(client, org, draft_in_review):
    """Reading is reading: Wagtail asks for "change" on these views, which an assessor lacks."""
    client.force_login(factories.staff_user(Role.ASSESSOR))
    for obj in draft_in_review:
        ns = f"wagtailsnippets_documents_{obj._meta.model_name}"
        workflow_state = obj.workflow_states.get()
        for url in (
            reverse(f"{ns}:revisions_view", args=[obj.pk, obj.latest_revision_id]),
            reverse(f"{ns}:revisions_compare", args=[obj.pk, "earliest", "latest"]),
            reverse(f"{ns}:workflow_history", args=[obj.pk]),
            reverse(f"{ns}:workflow_history_detail", args=[obj.pk, workflow_state.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        # Reading does not let the assessor change anything.
        assert refused(client.post(reverse(f"{ns}:edit", args=[obj.pk]))), ns
