"""The 政民互动 pages in English: no Chinese in the headings, buttons, labels, table headers and
menus the app writes (the data of these tests is in English, as data entered in Chinese stays
Chinese)."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from gongkai.core.roles import Role
from gongkai.interaction import services
from gongkai.interaction.models import MessageCategory, ReplyTemplate
from tests.accounts.conftest import make_account
from tests.consultations.test_english import chinese_chrome
from tests.factories import make_department, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_data():
    department = make_department(name="Housing Bureau")
    roads = make_department(name="Roads Bureau")
    category = MessageCategory.objects.create(name="City services", department=roads)
    writer = make_account(email="en@example.com", name="Ada Lovelace")
    message = services.message_submit(
        user=writer.user, category_id=category.pk, title="Street light out",
        body="The street light at the gate has been out for a month.", nonce="e" * 24,
    ).message  # fmt: skip
    office = make_user(role=Role.REVIEWER, department=make_department(name="General Office"))
    services.message_transfer(
        message=message, user=office, department=department, reason="Street lights are ours"
    )
    return department, writer, message


def chinese_in(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return chinese_chrome(response.content.decode())


def test_public_pages_in_english_show_no_chinese(client, english_data):
    department, writer, message = english_data
    client.cookies["django_language"] = "en"
    client.force_login(writer.user)
    assert chinese_in(client, reverse("interaction:write")) == []
    head = make_user(role=Role.HEAD, department=department)
    services.reply_save(message=message, user=head, text="Repaired on Monday.")
    services.reply_publish(message=message, user=head)
    assert chinese_in(client, reverse("interaction:mine", args=[message.pk])) == []
    client.logout()
    for url in (reverse("interaction:list"), message.get_absolute_url()):
        assert chinese_in(client, url) == [], url


def english_staff(role, department):
    user = make_user(role=role, department=department)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def test_back_office_pages_in_english_show_no_chinese(client, english_data):
    department, _writer, message = english_data
    ReplyTemplate.objects.create(name="Done", text="We have dealt with {title}.")
    office = english_staff(Role.REVIEWER, make_department(name="Openness Office"))
    pages = [
        reverse("interaction_admin:messages"),
        reverse("interaction_admin:overdue"),
        reverse("interaction_admin:statistics"),
        reverse("interaction_admin:message", args=[message.pk]),
        *(
            reverse(f"wagtailsnippets_interaction_{name}:{view}")
            for name in ("messagecategory", "routingrule", "replytemplate")
            for view in ("list", "add")
        ),
    ]
    for user in (english_staff(Role.HEAD, department), office):
        client.force_login(user)
        for url in pages if user == office else pages[:4]:
            assert chinese_in(client, url) == [], (user, url)


def test_english_pages_name_the_department_in_english(client, english_data):
    department, writer, message = english_data
    department.name, department.name_en = "住房局", "Housing Bureau"
    department.save()
    head = make_user(role=Role.HEAD, department=department)
    services.reply_save(message=message, user=head, text="Repaired on Monday.")
    services.reply_publish(message=message, user=head)
    client.cookies["django_language"] = "en"
    for url in (reverse("interaction:list"), message.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Housing Bureau" in page, url
        assert "住房局" not in page, url
