"""Staff edit the attachments a document lists (文件所列附件, issue 13) on its edit page: one
name a line, refused with a message in the user's language when a name is empty, repeated or
too long; the list reaches the public page and the API once the document goes live, at the
next GET (the page cache drops both)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from gongkai.core.roles import Role
from gongkai.documents.models import Document
from tests import factories

pytestmark = pytest.mark.django_db

FLOW = "贵阳国家高新区政务公开工作规范流程"
PLAN = "《贵阳国家高新区2019年政务公开工作实施方案》解读材料"


@pytest.fixture
def dept():
    return factories.department("党政办公室", code="dzb")


@pytest.fixture
def editor(client, dept):
    user = factories.staff_user(Role.EDITOR, dept)
    client.force_login(user)
    return user


def edit_url(document: Document) -> str:
    return reverse("wagtailsnippets_documents_document:edit", args=[document.pk])


def post_listed(client, document: Document, text: str):
    data = querydict_from_html(client.get(edit_url(document)).content.decode(), "w-editor-form")
    data["listed_attachments"] = text
    return client.post(edit_url(document), data)


def test_the_edit_page_shows_the_list_one_name_a_line(client, dept, editor):
    document = factories.draft_document(dept=dept, listed_attachments=[FLOW, PLAN])
    page = BeautifulSoup(client.get(edit_url(document)).content, "html.parser")
    field = page.select_one("textarea[name=listed_attachments]")
    assert field.get_text().strip() == f"{FLOW}\n{PLAN}"


@pytest.mark.parametrize(
    ("text", "saved"),
    [
        (f"{FLOW}\n{PLAN}\n附件三 预算表", [FLOW, PLAN, "附件三 预算表"]),  # added
        (f"  {PLAN}  \n\n", [PLAN]),  # removed, renumbered, blank ends dropped
        (f"{FLOW}（修订）\n{PLAN}", [f"{FLOW}（修订）", PLAN]),  # renamed
        (f"{PLAN}\n{FLOW}", [PLAN, FLOW]),  # reordered
        ("", []),  # the document lists none
    ],
)
def test_staff_add_remove_rename_and_reorder(client, dept, editor, text, saved):
    document = factories.draft_document(dept=dept, listed_attachments=[FLOW, PLAN])
    response = post_listed(client, document, text)
    assert response.status_code == 302, response.context["form"].errors
    assert Document.objects.get(pk=document.pk).listed_attachments == saved


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (f"{FLOW}\n\n{PLAN}", "附件2的名称为空。", "Attachment 2 has no name."),
        (
            f"{FLOW}\n{PLAN}\n《{FLOW}》",
            f"附件3与附件1的名称重复：“《{FLOW}》”。",
            f"Attachment 3 has the same name as attachment 1: “《{FLOW}》”.",
        ),
        (
            "表" * 301,
            "附件1的名称过长（301个字符，最多300个）。",
            "The name of attachment 1 is too long (301 characters, at most 300).",
        ),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_bad_list_is_refused_with_a_message_in_the_users_language(
    client, dept, editor, text, zh, en, language
):
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": language})
    document = factories.draft_document(dept=dept, listed_attachments=[FLOW, PLAN])
    response = post_listed(client, document, text)
    assert response.status_code == 200
    errors = response.context["form"].errors["listed_attachments"]
    assert errors == [zh if language == "zh-hans" else en]
    assert (zh if language == "zh-hans" else en) in response.content.decode()
    assert Document.objects.get(pk=document.pk).listed_attachments == [FLOW, PLAN]
    help_text = "One name a line" if language == "en" else "每行一个附件名称"
    assert help_text in response.content.decode()


def listed_on_page(client, document: Document) -> list[str]:
    response = client.get(document.get_absolute_url())
    page = BeautifulSoup(response.content, "html.parser")
    items = page.select("section[aria-labelledby=attachments-heading] li")
    return [item.get_text(" ", strip=True) for item in items]


def listed_in_api(client, document: Document) -> list[dict]:
    return client.get(f"/api/documents/{document.pk}").json()["listed_attachments"]


def test_an_edit_of_a_published_document_shows_once_it_goes_live(client, dept):
    document = factories.make_document(department=dept, listed_attachments=[FLOW])
    assert [text.split()[:2] for text in listed_on_page(client, document)] == [["附件1", FLOW]]
    assert [item["name"] for item in listed_in_api(client, document)] == [FLOW]

    editor = factories.staff_user(Role.EDITOR, dept)
    client.force_login(editor)
    assert post_listed(client, document, f"{FLOW}\n{PLAN}").status_code == 302
    client.logout()
    # Nobody publishes from the edit page: the change waits for sign-off.
    assert len(listed_on_page(client, document)) == 1
    assert len(listed_in_api(client, document)) == 1

    factories.publish_object(Document.objects.get(pk=document.pk).get_latest_revision_as_object())
    assert Document.objects.get(pk=document.pk).listed_attachments == [FLOW, PLAN]
    shown = listed_on_page(client, document)
    assert shown[1].startswith(f"附件2 {PLAN}") and "附件未随文件导入" in shown[1]
    assert [item["name"] for item in listed_in_api(client, document)] == [FLOW, PLAN]


def test_the_api_gives_each_listed_attachment_with_its_download(client, dept):
    attachment = factories.make_attachment(title=FLOW, name="flow.pdf", content=b"%PDF")
    document = factories.make_document(
        department=dept, listed_attachments=[FLOW, PLAN], attachments=[attachment]
    )
    attachment = document.attachments.get()
    assert listed_in_api(client, document) == [
        {
            "number": 1,
            "name": FLOW,
            "attached": True,
            "attachment_id": attachment.pk,
            "url": f"http://testserver/media/attachments/{document.pk}/flow.pdf",
        },
        {"number": 2, "name": PLAN, "attached": False, "attachment_id": None, "url": None},
    ]
