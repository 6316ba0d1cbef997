"""The subscription pages: manage, remove, keys, the one-click unsubscribe and the private
feed, in both languages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.subscriptions import services
from gongkai.subscriptions.models import Channel, Criterion, Delivery, Subscription
from tests.accounts.conftest import make_account
from tests.subscriptions.conftest import publish_now, subscribe

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_page_needs_a_public_account(client):
    response = client.get(reverse("subscriptions:manage"))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_subscribe_and_remove(client, citizen, department):
    client.force_login(citizen.user)
    response = client.post(
        reverse("subscriptions:manage"),
        {
            "criterion": Criterion.DEPARTMENT,
            "department": department.pk,
            "channel": Channel.EMAIL,
            "frequency": "daily",
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get(user=citizen.user)
    assert subscription.department == department and subscription.frequency == "daily"
    page = client.get(reverse("subscriptions:manage")).content.decode()
    assert department.name in page and "每日摘要" in page
    # A department is required for a department subscription.
    response = client.post(
        reverse("subscriptions:manage"),
        {"criterion": Criterion.DEPARTMENT, "channel": "email", "frequency": "immediate"},
    )
    assert response.status_code == 400 and "请选择订阅的对象" in response.content.decode()
    # Nobody else can remove it.
    other = make_account(email="other@example.com")
    other_client = Client()
    other_client.force_login(other.user)
    remove = reverse("subscriptions:remove", args=[subscription.pk])
    assert other_client.post(remove).status_code == 404
    assert client.post(remove).status_code == 302
    assert not Subscription.objects.exists()


def test_deliveries_and_their_errors_are_shown(
    client, citizen, department, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.subscriptions.test_services.FailingBackend"
    subscribe(citizen, criterion=Criterion.EVERYTHING)
    document = publish_now(django_capture_on_commit_callbacks, department=department)
    client.force_login(citizen.user)
    page = client.get(reverse("subscriptions:manage")).content.decode()
    assert document.title in page and "发送失败，等待重试" in page and "refused" in page


def test_the_page_in_english_shows_no_chinese_labels(client, citizen):
    subscribe(citizen, criterion=Criterion.SEARCH, value="software", channel=Channel.FEED)
    client.force_login(citizen.user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("subscriptions:manage")).content.decode()
    assert "Policy subscriptions" in page and "Saved search" in page
    main = page[page.index("<main") : page.index("</main>")]
    text = re.sub(r"<[^>]+>", " ", main).replace(citizen.name, "")
    assert not CJK.search(text), CJK.findall(text)[:20]


def test_one_click_unsubscribe_without_csrf_token(citizen, department):
    subscription = subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department)
    url = reverse(
        "subscriptions:unsubscribe",
        args=[services.unsubscribe_token(citizen.user_id, [subscription.pk])],
    )
    client = Client(enforce_csrf_checks=True)
    confirm = client.get(url)
    assert confirm.status_code == 200 and Subscription.objects.exists()  # GET changes nothing
    body = {"List-Unsubscribe": "One-Click"}
    assert client.post(url, body).status_code == 200
    assert not Subscription.objects.exists()
    assert client.post(url, body).status_code == 200  # again: harmless
    bad = reverse("subscriptions:unsubscribe", args=["forged:token"])
    assert client.post(bad).status_code == 400


def test_the_private_feed_and_its_renewal(
    client, citizen, department, django_capture_on_commit_callbacks
):
    subscribe(citizen, criterion=Criterion.DEPARTMENT, department=department, channel="feed")
    document = publish_now(django_capture_on_commit_callbacks, department=department)
    key = services.subscriber_of(citizen.user).feed_key
    feed = client.get(reverse("subscriptions:feed", args=[key]))
    assert feed.status_code == 200 and "application/atom+xml" in feed["Content-Type"]
    assert document.title in feed.content.decode()
    assert Delivery.objects.get().channel == Channel.FEED
    client.force_login(citizen.user)
    assert client.post(reverse("subscriptions:renew_feed")).status_code == 302
    client.logout()
    assert client.get(reverse("subscriptions:feed", args=[key])).status_code == 404


def test_setting_a_webhook_refuses_internal_addresses(client, citizen):
    client.force_login(citizen.user)
    response = client.post(reverse("subscriptions:webhook"), {"webhook_url": "http://127.0.0.1/"})
    assert response.status_code == 400
    assert services.subscriber_of(citizen.user).webhook_url == ""


def test_the_account_navigation_links_to_subscriptions(client, citizen):
    client.force_login(citizen.user)
    page = client.get(reverse("accounts:mine")).content.decode()
    assert reverse("subscriptions:manage") in page
