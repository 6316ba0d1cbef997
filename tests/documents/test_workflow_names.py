"""The sign-off workflow's and tasks' names print in the reader's language (issue 13: one
language, the user's), are stored in Chinese whoever edits them, and a name an administrator
types prints as typed."""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Task, Workflow
from wagtail.users.models import UserProfile

from gongkai.core.roles import Role
from gongkai.documents import workflow_names
from gongkai.documents.setup import ensure_sign_off_workflow
from gongkai.documents.workflow_names import WorkflowName, as_stored
from tests import factories

ENGLISH = {
    workflow_names.SIGN_OFF_WORKFLOW: "Policy document sign-off",
    workflow_names.HEAD_REVIEW_TASK: "Department head review",
    workflow_names.SIGN_OFF_TASK: "Openness office sign-off",
    workflow_names.PAGE_WORKFLOW: "Page review",
}


@pytest.mark.parametrize("stored", workflow_names.OWN_NAMES)
def test_own_names_print_in_the_active_language(stored):
    name = WorkflowName(stored)
    with translation.override("en"):
        # Wagtail's messages interpolate with %, our code with f-strings.
        interpolated = "%(task)s" % {"task": name}  # noqa: UP031
        assert (str(name), f"{name}", interpolated) == (ENGLISH[stored],) * 3
        assert as_stored(ENGLISH[stored]) == stored
    with translation.override("zh-hans"):
        assert str(name) == stored
    assert name == stored and hash(name) == hash(stored)
    assert type(as_stored(name)) is str


@given(st.text(max_size=40).filter(lambda text: text not in workflow_names.OWN_NAMES))
def test_a_typed_name_prints_and_stores_as_typed(typed):
    with translation.override("en"):
        assert str(WorkflowName(typed)) == typed
        assert as_stored(typed) == typed


@pytest.mark.django_db
def test_loaded_names_follow_the_language_and_english_edits_keep_the_chinese():
    workflow = ensure_sign_off_workflow()
    tasks = [Task.objects.get(pk=t.pk).specific for t in workflow.tasks]
    with translation.override("en"):
        assert str(Workflow.objects.get(pk=workflow.pk).name) == "Policy document sign-off"
        assert [str(t.name) for t in tasks] == [
            "Department head review",
            "Openness office sign-off",
        ]
        head = tasks[0]
        head.name = str(head.name)  # what the English edit form sends back
        head.save()
    assert Task.objects.filter(pk=head.pk, name=workflow_names.HEAD_REVIEW_TASK).exists()
    renamed = Task.objects.get(pk=tasks[1].pk)
    renamed.name = "区政府办复核"
    renamed.save()
    with translation.override("en"):
        assert str(Task.objects.get(pk=renamed.pk).name) == "区政府办复核"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_edit_page_of_a_document_in_review_names_the_task_in_the_users_language(
    client, language
):
    department = factories.department("财政局", code="czj")
    author = factories.staff_user(Role.EDITOR, department)
    head = factories.staff_user(Role.HEAD, department)
    document = factories.draft_document(dept=department, title="待审草稿")
    document.save_revision(user=author)
    document.get_workflow().start(document, author)
    UserProfile.objects.update_or_create(user=head, defaults={"preferred_language": language})
    client.force_login(head)
    html = client.get(
        reverse("wagtailsnippets_documents_document:edit", args=[document.pk])
    ).content.decode()
    shown, hidden = ("Department head review", "部门负责人审核")
    if language != "en":
        shown, hidden = hidden, shown
    assert shown in html
    assert hidden not in html
    history = client.get(
        reverse("wagtailsnippets_documents_document:workflow_history", args=[document.pk])
    ).content.decode()
    assert shown in history and hidden not in history
    log = client.get(
        reverse("wagtailsnippets_documents_document:history", args=[document.pk])
    ).content.decode()
    assert shown in log and hidden not in log
