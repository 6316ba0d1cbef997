"""The public enforcement pages come from the page cache, and each change made through the
services shows at the next anonymous GET (the pages were fetched, so stored, before it)."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from gongkai.core import services as core_services
from gongkai.enforcement import services
from tests import factories
from tests.enforcement.conftest import make_decision

pytestmark = pytest.mark.django_db

ROW = {"name": "对销售过期食品的处罚", "kind": "penalty", "legal_basis": "食品安全法",
       "acting_body": "市场监督管理局"}  # fmt: skip


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in {200, 410}, url
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def stored(client, *urls: str) -> None:
    """Fetch each page twice: the second answer comes from the cache (same ETag)."""
    for url in urls:
        first = client.get(url)
        assert client.get(url)["ETag"] == first["ETag"], url


def test_publishing_a_decision_shows_on_the_list_and_its_page(client, department, head):
    decision = make_decision(department=department, user=head, number="筑市监罚〔2026〕88号")
    listing, page = reverse("enforcement:decisions"), decision.get_absolute_url()
    stored(client, listing)
    assert client.get(page).status_code == 404
    services.decision_publish(decision, user=head)
    assert "筑市监罚〔2026〕88号" in text_of(client, listing)
    assert client.get(page).status_code == 200


def test_withdrawing_a_decision_shows_at_once(client, department, head):
    decision = make_decision(department=department, user=head, publish=True)
    listing, page = reverse("enforcement:decisions"), decision.get_absolute_url()
    stored(client, listing, page)
    services.decision_revoke(decision, user=head, reason="revoked", event_on=date.today())
    assert client.get(page).status_code == 410
    assert decision.number not in text_of(client, listing)


def test_a_new_item_list_version_shows_at_once(client, department, head):
    services.item_list_publish(department=department, rows=[ROW], note="首版", user=head)
    items, departments = reverse("enforcement:items", args=[department.pk]), "/enforcement/items/"
    export = reverse("enforcement:items_export", args=[department.pk, "csv"])
    stored(client, items, departments, export)
    services.item_list_publish(
        department=department, rows=[ROW, dict(ROW, name="食品经营许可", kind="licence")],
        note="新增许可", user=head,
    )  # fmt: skip
    assert "食品经营许可" in text_of(client, items)
    assert "食品经营许可" in client.get(export).content.decode("utf-8-sig")


def test_a_retitled_basis_document_shows_on_the_item_list(client, department, head):
    document = factories.make_document(department=department, title="食品安全监督管理办法")
    row = dict(ROW, basis_documents=[document.pk])
    services.item_list_publish(department=department, rows=[row], note="首版", user=head)
    items = reverse("enforcement:items", args=[department.pk])
    stored(client, items)
    document.title = "食品安全监督管理办法（修订）"
    factories.publish_object(document)
    assert "食品安全监督管理办法（修订）" in text_of(client, items)


def test_each_step_of_an_inspection_shows_at_once(client, plan, head):
    plans, page = reverse("enforcement:plans"), plan.get_absolute_url()
    stored(client, plans)
    services.plan_commit(plan, user=head)
    assert plan.title in text_of(client, plans)
    stored(client, page, reverse("enforcement:plan_json", args=[plan.pk]))
    services.plan_draw(plan, user=head)
    assert plan.seed in text_of(client, page)
    assert plan.seed in client.get(reverse("enforcement:plan_json", args=[plan.pk])).text
    stored(client, page)
    entity = plan.result[0]["entity"]
    services.result_record(plan, user=head, entity=entity, outcome="problem",
                           follow_up="责令限期整改。", inspected_on=date.today())  # fmt: skip
    assert "责令限期整改。" in text_of(client, page)


def test_renaming_the_department_shows_on_every_enforcement_page(client, department, head, plan):
    decision = make_decision(department=department, user=head, publish=True)
    services.item_list_publish(department=department, rows=[ROW], note="首版", user=head)
    services.plan_commit(plan, user=head)
    urls = [
        reverse("enforcement:decisions"),
        decision.get_absolute_url(),
        "/enforcement/items/",
        reverse("enforcement:items", args=[department.pk]),
        reverse("enforcement:plans"),
        plan.get_absolute_url(),
    ]
    stored(client, *urls)
    department.name = "市场监督管理总局"
    department.save()
    core_services.department_saved(department=department, user=head)
    for url in urls:
        assert "市场监督管理总局" in text_of(client, url), url
