"""The back office as staff use it: forms, department scoping, the sign-off dialog, withdrawal."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from gongkai.core.roles import Role
from gongkai.documents.models import Document
from tests import factories

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_documents_document:add")
LIST_URL = reverse("wagtailsnippets_documents_document:list")


@pytest.fixture
def dept():
    return factories.department("财政局", code="czj")


@pytest.fixture
def editor(client, dept):
    user = factories.staff_user(Role.EDITOR, dept)
    client.force_login(user)
    return user


def create_form_data(client, dept, **changes):
    kind = factories.document_kind("通知")
    data = querydict_from_html(client.get(ADD_URL).content.decode(), form_id="w-editor-form")
    data.update(
        {
            "title": "关于做好2026年度政务公开工作的通知",
            "doc_number": "筑高新财发［2026］5号",
            "doc_type": str(kind.pk),
            "department": str(dept.pk),
            "written_on": "2026-03-02",
            "body": rich_text("<p>各部门：现就做好政务公开工作通知如下。</p>"),
            "disclosure": "proactive",
        }
    )
    data.setlist("issuers", [str(dept.pk)])
    for key, value in changes.items():
        data[key] = value
    return data


def test_editor_creates_draft_with_index_number(client, dept, editor):
    response = client.post(ADD_URL, create_form_data(client, dept))
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert not document.live
    assert document.doc_number_key == "筑高新财发[2026]5号"
    assert document.index_number == "czj/2026-00001"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"doc_number": "第五号文件"}, "doc_number", "发文字号格式"),
        (
            {"written_on": "2026-03-05", "published_on": "2026-03-01"},
            "written_on",
            "成文日期不能晚于发布日期",
        ),
        ({"published_on": "2099-01-01"}, "published_on", "发布日期不能是将来的日期"),
        ({"disclosure": "withheld"}, "withheld_reason", "不予公开须填写理由"),
        ({"title": "长" * 301}, "title", "300"),
    ],
)
def test_bad_input_is_refused_with_a_message(client, dept, editor, changes, field, message):
    response = client.post(ADD_URL, create_form_data(client, dept, **changes))
    assert response.status_code == 400 or response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert not Document.objects.exists()


def test_executable_attachment_is_refused(client, dept, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = create_form_data(client, dept)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "附件1",
            "attachments-0-ORDER": "1",
            "attachments-0-id": "",
            "attachments-0-DELETE": "",
        }
    )
    upload = SimpleUploadedFile("附件1.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(
        ADD_URL, {**data.dict(), "issuers": [str(dept.pk)], "attachments-0-file": upload}
    )
    assert not Document.objects.exists()
    assert "attachments" in response.context["form"].formsets
    errors = response.context["form"].formsets["attachments"].errors[0]
    assert "file" in errors


def test_editor_sees_only_own_department(client, dept, editor):
    own = factories.draft_document(dept=dept)
    other = factories.draft_document(dept=factories.department("规划建设局", code="ghj"))
    listing = client.get(LIST_URL).content.decode()
    assert own.title in listing and other.title not in listing
    edit_other = reverse("wagtailsnippets_documents_document:edit", args=[other.pk])
    response = client.get(edit_other)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_direct_publish_is_refused(client, dept):
    admin = factories.staff_user(Role.ADMIN, dept)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    document = factories.draft_document(dept=dept, kind=factories.document_kind("表彰决定", False))
    edit_url = reverse("wagtailsnippets_documents_document:edit", args=[document.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="w-editor-form")
    data["action-publish"] = "action-publish"
    client.post(edit_url, data)
    document.refresh_from_db()
    assert not document.live


def test_sign_off_dialog_lists_problems(client, dept):
    reviewer = factories.staff_user(Role.REVIEWER, factories.department("党政办公室", code="dzb"))
    head = factories.staff_user(Role.HEAD, dept)
    document = factories.draft_document(dept=dept, body="<p>身份证 11010519491231002X</p>")
    document.save_revision(user=head)
    document.get_workflow().start(document, head)
    state = document.current_workflow_task_state
    state.task.specific.on_action(state.specific, head, "approve")
    document.refresh_from_db()
    task_state = document.current_workflow_task_state

    client.force_login(reviewer)
    url = reverse(
        "wagtailsnippets_documents_document:workflow_action",
        args=[document.pk, "approve", task_state.pk],
    )
    dialog = client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
    assert "personal_data.resident_id" in dialog and "interpretation_missing" in dialog
    response = client.post(
        url,
        {"reviewed_task_state": task_state.pk, "political": "on", "policy": "on", "content": "on"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert "越过理由" in response.json()["html"]
    document.refresh_from_db()
    assert not document.live


def test_withdraw_view(client, dept):
    reviewer = factories.staff_user(Role.REVIEWER, factories.department("党政办公室", code="dzb"))
    document = factories.published_document(dept=dept)
    client.force_login(reviewer)
    url = reverse("wagtailsnippets_documents_document:withdraw", args=[document.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    response = client.post(url, {"reason": "<script>alert(1)</script>内容有误"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert not document.live and document.withdrawal_reason.endswith("内容有误")


def test_editor_cannot_withdraw(client, dept, editor):
    document = factories.published_document(dept=dept)
    url = reverse("wagtailsnippets_documents_document:withdraw", args=[document.pk])
    response = client.post(url, {"reason": "x"})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    document.refresh_from_db()
    assert document.live and document.withdrawn_at is None


@pytest.mark.parametrize("role", [Role.EDITOR, Role.HEAD, Role.REVIEWER, Role.ASSESSOR, Role.ADMIN])
def test_history_pages_open_for_every_role(client, dept, role):
    """The history of a document and of an interpretation opens for each role that sees it."""
    user = factories.staff_user(role, dept)
    document = factories.published_document(dept=dept)
    interpretation = factories.interpretation(document)
    client.force_login(user)
    for obj, url in [
        (document, reverse("wagtailsnippets_documents_document:history", args=[document.pk])),
        (
            interpretation,
            reverse("wagtailsnippets_documents_interpretation:history", args=[interpretation.pk]),
        ),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert obj.title in response.content.decode()


def test_history_of_another_departments_document_is_refused(client, dept, editor):
    other = factories.published_document(dept=factories.department("规划建设局", code="ghj"))
    url = reverse("wagtailsnippets_documents_document:history", args=[other.pk])
    assert client.get(url).status_code in (302, 403)


@pytest.mark.parametrize("model", ["document", "interpretation"])
def test_listing_headers_in_english(client, dept, model):
    # Wagtail's status column took its label when the module loaded, in Chinese ("状态").
    from bs4 import BeautifulSoup
    from wagtail.users.models import UserProfile

    document = factories.draft_document(dept=dept)
    factories.make_interpretation(documents=[document], publish=False)
    user = factories.staff_user(Role.ADMIN, dept)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    html = client.get(reverse(f"wagtailsnippets_documents_{model}:list")).content.decode()
    headers = [th.get_text(" ", strip=True) for th in BeautifulSoup(html, "lxml").select("th")]
    assert "Status" in headers
    assert not any("状态" in header for header in headers)


def test_a_new_item_is_not_autosaved_and_an_existing_one_is(client, dept, editor):
    """A background autosave of the create form raced the editor's own submit and made the
    document twice: new items are saved only by their editor."""
    assert "w-autosave" not in editor_form_controllers(client.get(ADD_URL))
    document = factories.draft_document(dept=dept)
    edit = reverse("wagtailsnippets_documents_document:edit", args=[document.pk])
    assert "w-autosave" in editor_form_controllers(client.get(edit))


def editor_form_controllers(response) -> list[str]:
    form = BeautifulSoup(response.content, "html.parser").select_one("form#w-editor-form")
    return form["data-controller"].split()


def test_every_revisioned_snippet_is_made_without_autosave():
    from wagtail.models import RevisionMixin
    from wagtail.snippets.models import get_snippet_models

    from gongkai.core.admin_views import NoAutosaveOnCreate

    revisioned = [model for model in get_snippet_models() if issubclass(model, RevisionMixin)]
    assert revisioned
    for model in revisioned:
        viewset = model.snippet_viewset
        for view in (viewset.add_view_class, viewset.copy_view_class):
            assert issubclass(view, NoAutosaveOnCreate), (model, view)
