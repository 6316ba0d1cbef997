"""The public 回应关切 pages: only published responses show, through the page cache, and every
change shows at the next request (exact invalidation)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.concerns import services
from tests.concerns.conftest import answered_concern, concern_fields, record
from tests.factories import make_document, withdraw_document

pytestmark = pytest.mark.django_db


def test_a_concern_shows_once_its_response_is_published(client, department, editor, head):
    concern = record(department, editor)
    listing = reverse("concerns:list")
    assert concern.title not in client.get(listing).content.decode()
    assert client.get(concern.get_absolute_url()).status_code == 404
    response = services.response_save(
        concern=concern, user=editor, text="施工月底完成。", responded_on=timezone.localdate()
    )
    assert concern.title not in client.get(listing).content.decode()  # a draft
    services.response_publish(response=response, user=head)
    assert concern.title in client.get(listing).content.decode()
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "施工月底完成。" in page and department.name in page


def test_a_later_response_and_an_edit_show_at_once(client, department, head):
    concern = answered_concern(department, head)
    url = concern.get_absolute_url()
    client.get(url)
    response = services.response_save(
        concern=concern, user=head, text="道路已恢复通行。", responded_on=timezone.localdate()
    )
    services.response_publish(response=response, user=head)
    assert "道路已恢复通行。" in client.get(url).content.decode()
    services.concern_edit(
        concern=concern, user=head, fields=concern_fields(department, head, title="新的标题")
    )
    assert "新的标题" in client.get(url).content.decode()
    assert "新的标题" in client.get(reverse("concerns:list")).content.decode()


def test_a_withdrawn_document_leaves_the_response(client, department, head):
    document = make_document(department=department, title="关于道路施工期间交通组织的通告")
    concern = answered_concern(department, head, documents=[document])
    url = concern.get_absolute_url()
    assert document.title in client.get(url).content.decode()
    withdraw_document(document)
    assert document.title not in client.get(url).content.decode()


def test_the_list_reads_a_fixed_number_of_queries(
    client, department, other_department, head, reviewer, django_assert_max_num_queries
):
    for number in range(5):
        answered_concern(department, head, title=f"关切{number}",
                         supporting_departments=[other_department])  # fmt: skip
    with django_assert_max_num_queries(6):
        page = client.get(reverse("concerns:list"))
    assert "关切4" in page.content.decode()
