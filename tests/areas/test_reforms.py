"""放管服改革措施 (issue 12 §4): measures public only once signed off (list, page, API and downloads
never show a draft), filtered by department, year, category and words, downloaded as CSV and
XLSX with the filters (a title that looks like a formula stays text), in the public API with
every parameter checked, and in English."""

import csv
import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.actions.publish_revision import PublishPermissionError

from gongkai.areas.models import ReformMeasure
from gongkai.core.models import AuditEvent
from tests.areas.columns import make_reform
from tests.factories import make_department, make_document

pytestmark = pytest.mark.django_db

LIST = reverse("keyareas:reforms")


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def approval(db):
    return make_department(name="行政审批局")


@pytest.fixture
def measures(approval):
    opening = make_reform(department=approval)
    inspection = make_reform(
        department=make_department(name="市场监管局"),
        title="“双随机、一公开”跨部门联合抽查",
        year=2025,
        category="regulate",
        content="市场监管领域部门联合抽查全覆盖，抽查结果统一公示。",
        status="done",
    )
    draft = make_reform(department=approval, title="尚未审签的改革措施", category="serve",
                        publish=False)  # fmt: skip
    return opening, inspection, draft


def test_only_signed_off_measures_are_public(client, measures):
    opening, inspection, draft = measures
    assert opening.live and not draft.live
    listing = text_of(client, LIST)
    assert opening.title in listing and inspection.title in listing
    assert draft.title not in listing
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/api/reforms/{draft.pk}").status_code == 404
    api_titles = [item["title"] for item in client.get("/api/reforms").json()["items"]]
    assert api_titles == [opening.title, inspection.title]
    exported = csv_rows(client.get("/key-areas/reform/export.csv").content)
    assert [row[0] for row in exported[1:]] == [opening.title, inspection.title]
    page = text_of(client, opening.get_absolute_url())
    for text in ("简政放权", "2026-03-01", "实施中", "优化营商环境条例"):
        assert text in page, text
    assert AuditEvent.objects.filter(action="reform_measure.publish", object_id=str(opening.pk))


def test_no_service_makes_a_live_measure_and_a_basis_is_required(approval):
    with pytest.raises(PublishPermissionError):
        make_reform(department=approval, live=True, publish=False)
    with pytest.raises(ValidationError) as refused:
        make_reform(department=approval, basis="", publish=False)
    assert "basis" in refused.value.message_dict
    assert not ReformMeasure.objects.exists()


def test_the_list_is_filtered_by_department_year_category_and_words(client, measures, approval):
    opening, inspection, _draft = measures
    for query, shown in (
        (f"department={approval.pk}", opening),
        ("year=2025", inspection),
        ("category=regulate", inspection),
        ("q=一网通办", opening),
    ):
        page = text_of(client, f"{LIST}?{query}")
        hidden = inspection if shown is opening else opening
        assert shown.title in page and hidden.title not in page, query
    assert "没有符合条件的改革措施" in text_of(client, f"{LIST}?category=serve")
    soup = BeautifulSoup(client.get(LIST).content, "html.parser")
    assert soup.select_one("label[for=f-department]").get_text() == "实施部门"
    bad = f"{LIST}?year=%00&category=%00&department=x&q=%00&page=-1"
    assert client.get(bad).status_code == 200


def test_exports_keep_the_filters_and_formulas_stay_text(client, approval):
    basis = make_document(department=approval, title="关于深化“放管服”改革优化营商环境的实施意见")
    make_reform(department=approval, title="=cmd|'/c calc'!A1", basis="", document=basis,
                category="serve", implemented_on=dt.date(2026, 5, 1))  # fmt: skip
    make_reform(department=approval)
    rows = csv_rows(client.get("/key-areas/reform/export.csv?category=serve").content)
    assert rows[0][:3] == ["措施名称", "改革类别", "实施部门"]
    assert len(rows) == 2 and rows[1][0] == "'=cmd|'/c calc'!A1"
    assert rows[1][1] == "优化服务" and basis.title in rows[1][6] and rows[1][7] == "2026-05-01"
    book = load_workbook(
        io.BytesIO(client.get("/key-areas/reform/export.xlsx?category=serve").content)
    )
    (row,) = book.active.iter_rows(min_row=2)
    assert row[0].value == "'=cmd|'/c calc'!A1" and row[0].data_type == "s"
    assert row[3].value == 2026
    assert client.get("/key-areas/reform/export.doc").status_code == 404


def test_the_api_filters_and_checks_every_parameter(client, measures, approval):
    opening, inspection, _draft = measures
    items = client.get("/api/reforms", {"category": "regulate"}).json()["items"]
    assert [(i["title"], i["status"], i["status_label"]) for i in items] == [
        (inspection.title, "done", "已完成")
    ]
    found = client.get("/api/reforms", {"q": "一网通办", "department": approval.pk}).json()
    assert [i["title"] for i in found["items"]] == [opening.title]
    detail = client.get(f"/api/reforms/{opening.pk}").json()
    assert detail["implemented_on"] == "2026-03-01" and detail["category_label"] == "简政放权"
    assert client.get("/api/reforms", {"q": "改革\x00"}).status_code == 200
    for bad in ({"category": "streamline\x00"}, {"year": 1000}, {"department": -1},
                {"q": "x" * 101}, {"format": "xlsx"}):  # fmt: skip
        assert client.get("/api/reforms", bad).status_code == 422, bad
    streamed = b"".join(client.get("/api/reforms?format=csv&year=2025").streaming_content)
    rows = csv_rows(streamed)
    assert rows[0][:2] == ["id", "措施名称 measure"] and [r[1] for r in rows[1:]] == [
        inspection.title
    ]


def test_pages_in_english(client, measures):
    opening, _inspection, _draft = measures
    client.cookies["django_language"] = "en"
    listing = text_of(client, LIST)
    for text in ("Reform measures", "Streamlining administration", "Category of reform"):
        assert text in listing, text
    page = text_of(client, opening.get_absolute_url())
    assert "Under way" in page and "Date in force" in page
