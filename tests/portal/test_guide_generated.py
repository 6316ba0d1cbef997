"""政府信息公开指南 generated from the library (条例 art. 12, issue 12 §4): the bodies handling
disclosure with their contact details, the classes of information with their counts leading into
the catalogue, how to request, and the date generated; each change shows at the next GET."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.core.models import Department
from tests import factories

pytestmark = pytest.mark.django_db

GUIDE = "/pages/guide/"


def soup(client, url: str = GUIDE) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def offices(page) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.select("table.guide-offices tbody tr")
    ]


def categories(page, heading_id: str) -> list[tuple[str, str, str]]:
    """(name, count text, link) of each class listed under ``heading_id``."""
    section = page.find(id=heading_id).find_parent("section")
    return [
        (item.a.get_text(), item.select_one(".count").get_text(), item.a["href"])
        for item in section.select("li")
        if item.a
    ]


@pytest.fixture
def office(library):
    Department.objects.filter(pk=library.office.pk).update(
        is_openness_office=True,
        address="贵阳市高新区长岭南路1号",
        address_en="1 Changling South Road, Guiyang",
        office_hours="工作日 9:00—12:00，13:30—17:30",
        office_hours_en="Working days 9:00–12:00, 13:30–17:30",
        phone="0851-84112345",
        fax="0851-84112346",
        email="gongkai@example.gov.cn",
    )
    return Department.objects.get(pk=library.office.pk)


def test_the_disclosure_office_comes_first_with_its_contact_details(client, office, library):
    rows = offices(soup(client))
    assert rows[0] == [
        "党政办公室 政务公开办",
        "贵阳市高新区长岭南路1号",
        "工作日 9:00—12:00，13:30—17:30",
        "0851-84112345",
        "0851-84112346",
        "gongkai@example.gov.cn",
    ]
    assert ["财政局", "—", "—", "—", "—", "—"] in rows
    assert len(rows) == Department.objects.count()


def test_every_class_links_to_the_catalogue_showing_that_many_documents(client, library):
    page = soup(client)
    assert categories(page, "guide-topics") == [
        ("教育", "（1 条）", f"/catalogue/?topic={library.education.pk}"),
        ("经济管理", "（3 条）", f"/catalogue/?topic={library.economy.pk}"),
        ("财政预算", "（2 条）", f"/catalogue/?topic={library.budget_topic.pk}"),
    ]
    assert set(categories(page, "guide-kinds")) == {
        ("办法", "（2 条）", f"/catalogue/?doc_type={library.measures.pk}"),
        ("意见", "（1 条）", f"/catalogue/?doc_type={library.opinion.pk}"),
        ("通知", "（1 条）", f"/catalogue/?doc_type={library.notice.pk}"),
    }
    departments = categories(page, "guide-departments")
    assert {name: count for name, count, _link in departments} == {
        "党政办公室": "（1 条）",
        "财政局": "（3 条）",
        "规划建设局": "（1 条）",
    }
    for section in ("guide-topics", "guide-kinds", "guide-departments"):
        for _name, count, link in categories(page, section):
            caption = soup(client, link).select_one("table.catalogue caption").get_text()
            assert f"共 {count.strip('（条）').strip()} 条" in caption, link
    assert "共 4 条" in page.select_one("#guide-categories").find_next("p").get_text()


def test_how_to_request_links_the_form_and_names_channels_and_fees(client, library):
    section = soup(client).find(id="guide-obtain").find_parent("section")
    links = {a.get_text(): a["href"] for a in section.select("a")}
    assert links["在线提交申请"] == reverse("disclosure:apply")
    assert links["查询办理进度"] == reverse("disclosure:lookup")
    assert links["政府信息公开目录"] == reverse("portal:catalogue")
    text = section.get_text()
    assert "当面提交；邮寄（需签收）" in text and "传真；电子邮件" in text
    assert "国办函〔2020〕109号" in text and "10件以内（含10件）不收费" in text


def test_generated_sections_in_english(client, office, library):
    client.cookies["django_language"] = "en"
    page = soup(client)
    assert page.find(id="guide-offices").get_text() == "Government information disclosure offices"
    assert offices(page)[0][:3] == [
        "General Office Openness office",
        "1 Changling South Road, Guiyang",
        "Working days 9:00–12:00, 13:30–17:30",
    ]
    assert ("Economy", "(3)", f"/catalogue/?topic={library.economy.pk}") in categories(
        page, "guide-topics"
    )
    headers = [th.get_text() for th in page.select("table.guide-offices thead th")]
    assert headers == ["Name", "Address", "Office hours", "Telephone", "Fax", "E-mail"]
    obtain = page.find(id="guide-obtain").find_parent("section").get_text()
    assert "In person; Post, signed for; Ordinary letter (no signature); Online" in obtain
    assert "Generated" in page.select_one(".guide-stamp").get_text()


def test_the_generation_date_is_shown(client, library):
    stamp = soup(client).select_one(".guide-stamp").get_text()
    assert "生成时间：" in stamp and str(date.today().year) in stamp


# --- kept current: each change shows at the next anonymous GET (the page is cached) ----------


def test_a_department_renamed_in_the_back_office_shows_at_once(client, office):
    assert offices(soup(client))[0][0] == "党政办公室 政务公开办"
    client.force_login(factories.make_user(is_superuser=True))
    edit = reverse("wagtailsnippets_core_department:edit", args=[office.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="w-editor-form")
    data["name"] = "区政府办公室"
    data["is_openness_office"] = "on"  # a checked box without a value is sent as "on"
    data["phone"] = "0851-80000000"
    assert client.post(edit, data).status_code == 302
    client.logout()
    client.cookies.clear()
    row = offices(soup(client))[0]
    assert row[0] == "区政府办公室 政务公开办" and row[3] == "0851-80000000"


def test_a_newly_published_document_changes_the_counts_at_once(client, library):
    assert ("教育", "（1 条）") in [c[:2] for c in categories(soup(client), "guide-topics")]
    factories.make_document(
        department=library.planning,
        doc_type=library.opinion,
        topics=[library.education],
        title="关于加快发展职业教育的意见",
        published_on=date(2026, 3, 2),
    )
    page = soup(client)
    assert ("教育", "（2 条）") in [c[:2] for c in categories(page, "guide-topics")]
    assert ("意见", "（2 条）") in [c[:2] for c in categories(page, "guide-kinds")]
    assert "共 5 条" in page.select_one("#guide-categories").find_next("p").get_text()


def test_a_withdrawn_document_leaves_the_counts_at_once(client, library):
    assert ("通知", "（1 条）") in [c[:2] for c in categories(soup(client), "guide-kinds")]
    factories.withdraw_document(library.plan, reason="文号有误。")
    kinds = [c[:2] for c in categories(soup(client), "guide-kinds")]
    assert "通知" not in [name for name, _count in kinds]
