"""The public 办事服务 pages: guides found by words and department, a guide with its materials,
flow and basis, the notice when its basis is repealed, the certificate list, XLSX and CSV
exports; every change through the services shows at the next anonymous GET (page cache)."""

import csv
import io
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.areas import services
from gongkai.documents import services as document_services
from tests.areas.conftest import make_certificate, make_guide
from tests.factories import make_department

pytestmark = pytest.mark.django_db


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def stored(client, *urls: str) -> None:
    for url in urls:
        first = client.get(url)
        assert client.get(url)["ETag"] == first["ETag"], url


@pytest.fixture
def guides(department, basis):
    pension = make_guide(department=department, bases=[basis])
    marriage = make_guide(
        department=make_department(name="民政局"),
        name="内地居民婚姻登记",
        basis="《婚姻登记条例》第四条",
        conditions="男女双方共同到婚姻登记机关申请。",
        statutory_days=None,
        promised_days=0,
        online_url="https://zwfw.example.gov.cn/marriage",
        materials=[{"name": "本人的户口簿、身份证", "form": "original", "copies": 1}],
    )
    make_guide(department=department, name="尚未公开的事项", publish=False)
    return pension, marriage


def test_guides_are_found_by_words_and_department(client, guides, department):
    pension, marriage = guides
    page = text_of(client, reverse("areas:guides"))
    assert pension.name in page and marriage.name in page and "尚未公开的事项" not in page
    found = text_of(client, reverse("areas:guides") + "?q=婚姻登记")
    assert marriage.name in found and pension.name not in found
    by_material = text_of(client, reverse("areas:guides") + "?q=户口簿 身份证")
    assert marriage.name in by_material and pension.name in by_material
    by_department = text_of(client, reverse("areas:guides") + f"?department={department.pk}")
    assert pension.name in by_department and marriage.name not in by_department
    nothing = text_of(client, reverse("areas:guides") + "?q=！！")
    assert "没有符合条件的办事指南" in nothing


def test_a_guide_shows_what_a_citizen_needs(client, guides):
    pension, marriage = guides
    page = text_of(client, pension.get_absolute_url())
    for text in ("受理条件", "年满16周岁", "居民身份证", "原件和复印件", "视情形提交",
                 "20 个工作日", "5 个工作日", "不收费", "区政务服务中心一楼社保窗口",
                 "某市城乡居民基本养老保险实施办法"):  # fmt: skip
        assert text in page, text
    assert "待修订" not in page
    soup = BeautifulSoup(client.get(pension.get_absolute_url()).content, "html.parser")
    assert [li.get_text() for li in soup.select("#flow li")] == ["申请", "受理", "审核", "办结"]
    marriage_page = text_of(client, marriage.get_absolute_url())
    assert "即办" in marriage_page and "https://zwfw.example.gov.cn/marriage" in marriage_page
    hidden = make_guide(name="草稿", publish=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_repealing_the_basis_flags_the_cached_guide_at_once(client, guides, basis, reviewer):
    pension, _marriage = guides
    listing = reverse("areas:guides")
    stored(client, pension.get_absolute_url(), listing)
    document_services.document_change_validity(
        document=basis, user=reviewer, validity="repealed", on=date(2026, 11, 1)
    )
    page = text_of(client, pension.get_absolute_url())
    assert "本指南待修订" in page and "已废止 2026-11-01" in page
    soup = BeautifulSoup(client.get(listing).content, "html.parser")
    row = next(tr for tr in soup.select("#guides tbody tr") if pension.name in tr.get_text())
    assert "待修订" in row.get_text()


def test_an_edited_guide_shows_at_once(client, guides, editor):
    pension, _marriage = guides
    stored(client, pension.get_absolute_url(), reverse("areas:guides"))
    pension.name = "城乡居民养老保险参保登记（新）"
    pension.save()
    services.guide_saved(guide=pension, user=editor)
    assert "（新）" in text_of(client, pension.get_absolute_url())
    assert "（新）" in text_of(client, reverse("areas:guides"))


def test_guides_export_as_xlsx_and_csv_with_the_filters(client, guides):
    pension, marriage = guides
    book = load_workbook(io.BytesIO(client.get("/services/export.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("事项名称", "事项编码", "实施部门")
    names = {row[0] for row in rows[1:]}
    assert names == {pension.name, marriage.name}
    pension_row = next(row for row in rows if row[0] == pension.name)
    assert "户口簿：原件和复印件1份，必需" in pension_row[6]
    assert pension_row[7:10] == ("20", "5", "不收费")
    response = client.get("/services/export.csv?q=婚姻")
    assert response["Content-Disposition"] == 'attachment; filename="service-guides.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [line[0] for line in lines[1:]] == [marriage.name]
    assert client.get("/services/export.pdf").status_code == 404


def test_certificate_list_search_status_and_export(client, department):
    kept = make_certificate(department=department)
    cancelled = make_certificate(
        department=make_department(name="公安局"),
        name="亲属关系证明",
        issuing_body="派出所",
        basis="无",
        status="cancelled",
        note="改为申请人告知承诺",
    )
    url = reverse("areas:certificates")
    stored(client, url)
    page = text_of(client, url)
    assert kept.name in page and cancelled.name in page and "改为申请人告知承诺" in page
    assert cancelled.name not in text_of(client, url + "?status=retained")
    assert kept.name not in text_of(client, url + "?q=亲属关系")
    make_certificate(department=department, name="居住证明", issuing_body="社区居委会",
                     basis="《居住证暂行条例》")  # fmt: skip
    assert "居住证明" in text_of(client, url)
    rows = list(csv.reader(io.StringIO(client.get(url + "export.csv").content.decode("utf-8-sig"))))
    assert rows[0] == [
        "证明名称",
        "索要部门",
        "用于办理的事项",
        "开具单位",
        "设定依据",
        "状态",
        "备注",
    ]
    assert {row[0]: row[5] for row in rows[1:]}["亲属关系证明"] == "取消"
    book = load_workbook(io.BytesIO(client.get(url + "export.xlsx?status=cancelled").content))
    assert [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)] == [
        "亲属关系证明"
    ]


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_and_export_cost_the_same_queries_for_more_guides(client, department, basis, settings):
    settings.PAGE_CACHE_ENABLED = False
    make_guide(department=department, name="事项", bases=[basis])
    make_certificate(department=department, name="证明")
    urls = (reverse("areas:guides"), "/services/export.xlsx", reverse("areas:certificates"))
    before = [_queries(client, url) for url in urls]
    for i in range(4):
        make_guide(department=department, name=f"事项{i}", bases=[basis])
        make_certificate(department=department, name=f"证明{i}")
    assert [_queries(client, url) for url in urls] == before


def test_pages_in_english(client, guides, basis, reviewer):
    pension, _marriage = guides
    document_services.document_change_validity(document=basis, user=reviewer, validity="repealed")
    client.cookies["django_language"] = "en"
    listing = text_of(client, reverse("areas:guides"))
    assert "Service guides" in listing and "Under revision" in listing
    page = text_of(client, pension.get_absolute_url())
    for text in ("This guide is under revision", "Materials to submit", "Original and copy",
                 "20 working days", "Free of charge", "Repealed"):  # fmt: skip
        assert text in page, text
    make_certificate(status="cancelled", name="亲属关系证明")
    assert "Cancelled" in text_of(client, reverse("areas:certificates"))
