"""Documents and interpretations go live only through the sign-off workflow (issue 13, item 1).

For each workflow model and each way to publish — the create page, the edit page, "revert and
publish", bulk actions, a scheduled publication, a direct ``publish()`` from code (management
commands, other apps' services) — a reviewer's and an administrator's direct attempt is refused
and nothing goes live. Head review then sign-off publishes, and the audit log names the reviewer.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from gongkai.core.audit import history
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.documents.models import Document, Interpretation, SignOffRecord
from gongkai.documents.publication import sign_off_through
from tests import factories

pytestmark = pytest.mark.django_db

MODELS = ["document", "interpretation"]
MODEL_CLASSES = {"document": Document, "interpretation": Interpretation}
DIRECT_PUBLISHERS = ["reviewer", "admin"]


@pytest.fixture
def staff():
    dept = factories.department("财政局", code="czj")
    office = factories.department("党政办公室", code="dzb", is_openness_office=True)
    admin = factories.staff_user(Role.ADMIN, office, username="admin")
    admin.is_superuser = True
    admin.save()
    return {
        "dept": dept,
        "editor": factories.staff_user(Role.EDITOR, dept, username="editor"),
        "head": factories.staff_user(Role.HEAD, dept, username="head"),
        "reviewer": factories.staff_user(Role.REVIEWER, office, username="reviewer"),
        "admin": admin,
    }


def make_draft(model: str, dept):
    kind = factories.document_kind("表彰决定", False)  # exempt from interpretation
    document = factories.draft_document(dept=dept, kind=kind)
    if model == "document":
        return document
    return factories.interpretation(document, live=False)


def url(model: str, name: str, *args) -> str:
    return reverse(f"wagtailsnippets_documents_{model}:{name}", args=args)


def form_data(client, page_url: str):
    return querydict_from_html(client.get(page_url).content.decode(), form_id="w-editor-form")


def create_data(client, model: str, dept):
    data = form_data(client, url(model, "add"))
    data.update({"title": "直接发布的尝试", "department": str(dept.pk)})
    if model == "document":
        kind = factories.document_kind("表彰决定", False)
        data.update(
            {
                "doc_type": str(kind.pk),
                "written_on": "2026-03-02",
                "disclosure": "proactive",
                "body": rich_text("<p>正文。</p>"),
            }
        )
        data.setlist("issuers", [str(dept.pk)])
    else:
        document = factories.published_document(dept=dept)
        data.update(
            {
                "interpreter_kind": "drafting_head",
                "forms-TOTAL_FORMS": "1",
                "forms-0-kind": "text",
                "forms-0-text": rich_text("<p>解读正文。</p>"),
                "forms-0-ORDER": "1",
            }
        )
        data.setlist("documents", [str(document.pk)])
    data["action-publish"] = "action-publish"
    return data


def nothing_is_live(model: str):
    return not MODEL_CLASSES[model].objects.filter(live=True, title="直接发布的尝试").exists()


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
@pytest.mark.parametrize("model", MODELS)
def test_create_page_does_not_publish(client, staff, model, role):
    client.force_login(staff[role])
    page = client.get(url(model, "add")).content.decode()
    assert 'name="action-publish"' not in page
    response = client.post(url(model, "add"), create_data(client, model, staff["dept"]))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert MODEL_CLASSES[model].objects.filter(title="直接发布的尝试").exists(), "saved as draft"
    assert nothing_is_live(model)
    assert not AuditEvent.objects.filter(
        action=f"{model}.publish", object_label="直接发布的尝试"
    ).exists()


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
@pytest.mark.parametrize("model", MODELS)
def test_edit_page_does_not_publish(client, staff, model, role):
    obj = make_draft(model, staff["dept"])
    client.force_login(staff[role])
    edit_url = url(model, "edit", obj.pk)
    data = form_data(client, edit_url)
    assert 'name="action-publish"' not in client.get(edit_url).content.decode()
    data["action-publish"] = "action-publish"
    client.post(edit_url, data)
    obj.refresh_from_db()
    assert not obj.live


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
@pytest.mark.parametrize("model", MODELS)
def test_revert_and_publish_does_not_publish_an_old_revision(client, staff, model, role):
    obj = make_draft(model, staff["dept"])
    old = obj.save_revision(user=staff["editor"])
    obj.title = "后来的修改"
    obj.save_revision(user=staff["editor"])

    client.force_login(staff[role])
    revert_url = url(model, "revisions_revert", obj.pk, old.pk)
    data = form_data(client, revert_url)
    data["action-publish"] = "action-publish"
    client.post(revert_url, data)
    obj.refresh_from_db()
    assert not obj.live


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
@pytest.mark.parametrize("model", MODELS)
def test_code_cannot_publish_even_skipping_permission_checks(staff, model, role):
    """Management commands and other apps' services call publish() like this."""
    obj = make_draft(model, staff["dept"])
    revision = obj.save_revision(user=staff[role])
    with pytest.raises(PublishPermissionError):
        revision.publish(user=staff[role], skip_permission_checks=True)
    with pytest.raises(PublishPermissionError):
        obj.publish(revision)
    obj.refresh_from_db()
    assert not obj.live


@pytest.mark.parametrize("model", MODELS)
def test_a_forged_schedule_is_refused(staff, model):
    obj = make_draft(model, staff["dept"])
    revision = obj.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(PublishPermissionError):
        revision.publish()
    obj.refresh_from_db()
    revision.refresh_from_db()
    assert not obj.live and revision.approved_go_live_at is None


@pytest.mark.parametrize("model", MODELS)
def test_no_bulk_action_publishes(model):
    actions = bulk_action_registry.get_bulk_actions_for_model("documents", model)
    assert [action.action_type for action in actions] == ["delete"]


@pytest.mark.parametrize("model", MODELS)
def test_a_workflow_without_head_review_does_not_publish(staff, model):
    """An administrator who edits the workflow down to the sign-off alone cannot publish."""
    obj = make_draft(model, staff["dept"])
    workflow = obj.get_workflow()
    workflow.workflow_tasks.filter(task__name="部门负责人审核").delete()
    obj.save_revision(user=staff["editor"])
    state = workflow.start(obj, staff["editor"])
    task_state = state.current_task_state.specific
    with pytest.raises(PublishPermissionError):
        task_state.task.specific.on_action(
            task_state, staff["reviewer"], "approve", political=True, policy=True, content=True
        )
    obj.refresh_from_db()
    assert not obj.live


@pytest.mark.parametrize("model", MODELS)
def test_head_review_and_sign_off_publish_in_the_reviewers_name(staff, model):
    obj = make_draft(model, staff["dept"])
    sign_off_through(obj, submitter=staff["editor"], head=staff["head"], reviewer=staff["reviewer"])
    assert obj.live
    assert WorkflowState.objects.for_instance(obj).get().status == WorkflowState.STATUS_APPROVED
    published = [event for event in history(obj) if event.action == f"{model}.publish"]
    assert [(event.actor, event.actor_label) for event in published] == [
        (staff["reviewer"], "reviewer")
    ]
    if model == "document":
        record = SignOffRecord.objects.get(document=obj)
        assert record.reviewer == staff["reviewer"] and record.revision == obj.live_revision


def test_sign_off_checks_the_reviewers_own_last_edit(staff):
    """The revision that goes live is the one checked: a reviewer's edit during sign-off adding
    personal data is a blocking problem like any other."""
    obj = make_draft("document", staff["dept"])
    obj.save_revision(user=staff["editor"])
    state = obj.get_workflow().start(obj, staff["editor"])
    head_state = state.current_task_state.specific
    head_state.task.specific.on_action(head_state, staff["head"], "approve")
    obj.body = "<p>联系人手机 13812345678。</p>"
    obj.save_revision(user=staff["reviewer"])
    state.refresh_from_db()
    sign_off = state.current_task_state.specific
    with pytest.raises(ValidationError):
        sign_off.task.specific.on_action(
            sign_off, staff["reviewer"], "approve", political=True, policy=True, content=True
        )
    obj.refresh_from_db()
    assert not obj.live


@pytest.mark.parametrize("model", MODELS)
def test_office_can_still_take_an_item_off_line(client, staff, model):
    obj = factories.publish(make_draft(model, staff["dept"]))
    client.force_login(staff["reviewer"])
    response = client.post(url(model, "unpublish", obj.pk))
    assert response.status_code == 302
    obj.refresh_from_db()
    assert not obj.live
    # Wagtail's unpublished signal names no one: the audit log still names the reviewer.
    assert [event.actor for event in history(obj) if event.action.endswith(".unpublish")] == [
        staff["reviewer"]
    ]
