"""就业 (issue 12 §4): programmes, subsidies and job fairs as records, public only once signed off
(list, page, API and downloads never show a draft), filtered by department, year, kind and
words, downloaded as CSV and XLSX with the filters (a title that looks like a formula stays
text), in the public API with every parameter checked, and in English."""

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.areas.models import EmploymentRecord
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from tests.areas.columns import make_employment
from tests.factories import make_department, make_document, make_user, publish_object

pytestmark = pytest.mark.django_db

LIST = reverse("keyareas:employment")


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def bureau(db):
    return make_department(name="人力资源和社会保障局")


@pytest.fixture
def records(bureau):
    subsidy = make_employment(department=bureau)
    fair = make_employment(
        department=make_department(name="高新区管委会"),
        title="2025年春风行动专场招聘会",
        year=2025,
        kind="job_fair",
        summary="百家企业现场招聘，岗位两千余个。",
        target_groups="求职人员",
    )
    draft = make_employment(department=bureau, title="尚未审签的见习项目", kind="programme",
                            publish=False)  # fmt: skip
    return subsidy, fair, draft


def test_only_signed_off_records_are_public(client, records):
    subsidy, fair, draft = records
    assert subsidy.live and subsidy.disclosed_on == timezone.localdate()
    assert not draft.live and draft.disclosed_on is None
    listing = text_of(client, LIST)
    assert subsidy.title in listing and fair.title in listing and draft.title not in listing
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/api/employment/{draft.pk}").status_code == 404
    api_titles = [item["title"] for item in client.get("/api/employment").json()["items"]]
    assert draft.title not in api_titles and subsidy.title in api_titles
    exported = csv_rows(client.get("/key-areas/employment/export.csv").content)
    assert [row[0] for row in exported[1:]] == [subsidy.title, fair.title]
    streamed = b"".join(client.get("/api/employment?format=csv").streaming_content)
    assert draft.title not in streamed.decode("utf-8-sig")
    page = text_of(client, subsidy.get_absolute_url())
    assert "1,500.00" in page and "困难高校毕业生" in page
    actions = set(
        AuditEvent.objects.filter(object_id=str(subsidy.pk)).values_list("action", flat=True)
    )
    assert {"employment_record.create", "employment_record.publish"} <= actions


def test_no_service_makes_a_live_record_and_each_kind_has_what_it_needs(bureau):
    with pytest.raises(PublishPermissionError):
        make_employment(department=bureau, live=True, publish=False)
    with pytest.raises(ValidationError) as refused:
        make_employment(department=bureau, standard="", amount=None, publish=False)
    assert "standard" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        make_employment(department=bureau, kind="job_fair", place="", publish=False)
    assert "held_on" in refused.value.message_dict
    assert not EmploymentRecord.objects.exists()


def test_the_list_is_filtered_by_department_year_kind_and_words(client, records, bureau):
    subsidy, fair, _draft = records
    for query, shown in (
        (f"department={bureau.pk}", subsidy),
        ("year=2025", fair),
        ("kind=subsidy", subsidy),
        ("q=春风行动", fair),
        ("q=困难+毕业生", subsidy),
    ):
        page = text_of(client, f"{LIST}?{query}")
        hidden = fair if shown is subsidy else subsidy
        assert shown.title in page and hidden.title not in page, query
    assert "没有符合条件的就业信息" in text_of(client, f"{LIST}?kind=programme")
    # Malformed filters are ignored, never an error.
    bad = f"{LIST}?year=x%00&kind=%00&department=-1&q=%00&page=abc"
    assert client.get(bad).status_code == 200
    soup = BeautifulSoup(client.get(LIST).content, "html.parser")
    assert [o["value"] for o in soup.select("#f-year option")] == ["", "2026", "2025"]
    assert len(soup.select("#f-department option")) == 3


def test_a_new_version_is_found_by_its_words_once_signed_off(client, records):
    subsidy, _fair, _draft = records
    subsidy.summary = "新增灵活就业社会保险补贴。"
    subsidy.save_revision(user=None)
    assert subsidy.title not in text_of(client, f"{LIST}?q=灵活就业")
    publish_object(subsidy)
    assert subsidy.title in text_of(client, f"{LIST}?q=灵活就业")


def test_exports_keep_the_filters_and_formulas_stay_text(client, bureau):
    notice = make_document(department=bureau, title="关于做好2026年高校毕业生就业工作的通知")
    make_employment(department=bureau, title='=HYPERLINK("http://x","补贴")', document=notice)
    make_employment(department=bureau, title="2026年就业见习项目", kind="programme")
    response = client.get("/key-areas/employment/export.csv?kind=subsidy")
    assert response["Content-Disposition"] == 'attachment; filename="employment.csv"'
    rows = csv_rows(response.content)
    assert rows[0][:4] == ["标题", "类别", "公开部门", "年度"]
    assert len(rows) == 2 and rows[1][0] == '\'=HYPERLINK("http://x","补贴")'
    assert rows[1][1] == "就业补贴" and notice.title in rows[1][13]
    book = load_workbook(
        io.BytesIO(client.get("/key-areas/employment/export.xlsx?kind=subsidy").content)
    )
    (row,) = book.active.iter_rows(min_row=2)
    assert row[0].value == '\'=HYPERLINK("http://x","补贴")' and row[0].data_type == "s"
    assert row[3].value == 2026 and Decimal(str(row[8].value)) == Decimal("1500")
    assert client.get("/key-areas/employment/export.pdf").status_code == 404


def test_the_api_filters_and_checks_every_parameter(client, records, bureau):
    subsidy, fair, _draft = records
    items = client.get("/api/employment?kind=job_fair").json()["items"]
    assert [(i["title"], i["held_on"], i["kind_label"]) for i in items] == [
        (fair.title, "2026-03-14", "招聘会")
    ]
    by_words = client.get("/api/employment", {"q": "困难 毕业生", "year": 2026}).json()["items"]
    assert [i["title"] for i in by_words] == [subsidy.title]
    assert Decimal(by_words[0]["amount"]) == Decimal("1500")
    detail = client.get(f"/api/employment/{subsidy.pk}").json()
    assert detail["department"]["id"] == bureau.pk and detail["url"].endswith(
        subsidy.get_absolute_url()
    )
    assert client.get("/api/employment", {"q": "就业\x00补贴"}).status_code == 200
    for bad in ({"kind": "nonsense"}, {"year": 99999}, {"department": 0},
                {"department": "2" * 30}, {"q": "字" * 101}, {"kind": "\x00"}):  # fmt: skip
        assert client.get("/api/employment", bad).status_code == 422, bad
    assert client.get("/api/employment/99999999999999999999").status_code == 422
    streamed = b"".join(client.get("/api/employment?format=csv&kind=subsidy").streaming_content)
    rows = csv_rows(streamed)
    assert rows[0][:3] == ["id", "标题 title", "类别 kind"] and rows[1][1] == subsidy.title


def test_pages_in_english(client, records):
    subsidy, _fair, _draft = records
    client.cookies["django_language"] = "en"
    listing = text_of(client, LIST)
    for text in ("Employment", "Job fair", "Employment subsidy", "Keywords"):
        assert text in listing, text
    page = text_of(client, subsidy.get_absolute_url())
    assert "Who it is for" in page and "Subsidy standard" in page


def test_an_editor_adds_a_draft_that_only_the_sign_off_publishes(client, bureau):
    editor = make_user(role=Role.EDITOR, department=bureau)
    client.force_login(editor)
    url = reverse("wagtailsnippets_areas_employmentrecord:add")
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    data.update({"title": "2026年春季招聘会", "year": "2026", "kind": "job_fair",
                 "summary": "现场招聘。", "held_on": "2026-03-14", "place": "人力资源市场"})  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    record = EmploymentRecord.objects.get()
    assert record.department == bureau and not record.live
    assert AuditEvent.objects.filter(action="employment_record.create", actor=editor).exists()
    edit = reverse("wagtailsnippets_areas_employmentrecord:edit", args=[record.pk])
    assert "action-publish" not in client.get(edit).content.decode()
    assert client.get(record.get_absolute_url()).status_code == 404
