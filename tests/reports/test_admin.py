"""The back office's 年度报告: create a draft, edit sections and table 二, review, publish."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from gongkai.core.roles import Role
from gongkai.reports.annual import RequestRecord
from gongkai.reports.models import AnnualReport, ReportStatus
from tests import factories
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_reports_annualreport"
ADD_URL = reverse(f"{NS}:add")
LIST_URL = reverse(f"{NS}:list")


def url(name, report, *args):
    return reverse(f"{NS}:{name}", args=[report.pk, *args])


@pytest.fixture
def finance():
    return factories.make_department(name="财政局", code="czj")


@pytest.fixture
def office_user(client):
    user = factories.make_user(role=Role.REVIEWER)
    client.force_login(user)
    return user


def assert_refused(response):
    """Wagtail answers a refused admin view with a redirect to the dashboard."""
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))


def edit_data(client, report, **changes):
    data = querydict_from_html(
        client.get(url("edit", report)).content.decode(), form_id="w-editor-form"
    )
    data.update(
        {
            "overview": rich_text("<p>本年度扎实推进政务公开。</p>"),
            "problems": rich_text("<p>解读形式较为单一。</p>"),
            "other_matters": rich_text("<p>无。</p>"),
            "table2__permits__decisions": "15",
            "table2__penalties__decisions": "3",
            "table2__coercions__decisions": "0",
            "table2__fees__amount": "1.25",
        }
    )
    data.update(changes)
    return data


def test_menu_item(client, office_user):
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content.decode(), "html.parser")
    props = soup.find(id="wagtail-sidebar-props").string
    assert '"name": "annual-reports", "label": "\\u5e74\\u5ea6\\u62a5\\u544a"' in props  # 年度报告
    assert LIST_URL in props


def test_office_creates_edits_and_publishes_the_government_report(client, office_user, disclosure):
    response = client.post(ADD_URL, {"year": "2025", "department": ""})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == url("edit", report)
    assert report.department is None and report.format == "2021"

    edit = BeautifulSoup(client.get(url("edit", report)).content.decode(), "html.parser")
    label = edit.find("label", attrs={"for": "id_table2__permits__decisions"})
    assert label.get_text() == "行政许可：本年处理决定数量"
    assert edit.find("caption", string="第二十条第（八）项")
    assert edit.find(attrs={"data-problem": "missing"})  # table 二 not filled in yet

    response = client.post(url("edit", report), edit_data(client, report))
    assert response.status_code == 302, response.content.decode()[:3000]
    report.refresh_from_db()
    assert report.entered_figures == {
        "permits.decisions": 15,
        "penalties.decisions": 3,
        "coercions.decisions": 0,
        "fees.amount": "1.25",
    }
    assert report.tables["table2"]["fees"]["amount"] == 1.25

    review = BeautifulSoup(client.get(url("review", report)).content.decode(), "html.parser")
    assert review.find(attrs={"data-problem": "none"})
    assert review.find("table", class_="report-table3")
    response = client.post(url("review", report), {"action": "publish"})  # not confirmed
    assert response.status_code == 200
    assert AnnualReport.objects.get().status == ReportStatus.DRAFT
    response = client.post(url("review", report), {"action": "publish", "confirm": "on"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.published_by == office_user
    # A published report is read-only.
    response = client.get(url("edit", report))
    assert response.status_code == 302 and response["Location"] == url("review", report)
    review = client.get(url("review", report)).content.decode()
    assert 'href="/reports/annual/2025/"' in review and 'value="publish"' not in review


def test_publish_with_problems_is_refused_and_shows_them(client, office_user, disclosure):
    client.post(ADD_URL, {"year": "2025", "department": ""})
    report = AnnualReport.objects.get()
    page = client.get(url("review", report)).content.decode()
    assert "表二“行政许可—本年处理决定数量”未填写" in page
    assert 'value="publish"' not in page  # no publish button while problems remain
    response = client.post(
        url("review", report), {"action": "publish", "confirm": "on"}, follow=True
    )
    assert "发布前检查未通过" in response.content.decode()
    assert AnnualReport.objects.get().status == ReportStatus.DRAFT


def test_bad_figures_are_refused_by_the_form(client, office_user, disclosure):
    client.post(ADD_URL, {"year": "2025", "department": ""})
    report = AnnualReport.objects.get()
    response = client.post(
        url("edit", report), edit_data(client, report, table2__permits__decisions="-4")
    )
    assert response.status_code == 200
    assert "table2__permits__decisions" in response.context["form"].errors
    assert AnnualReport.objects.get().entered_figures == {}


def test_refresh_recomputes(client, office_user, disclosure):
    client.post(ADD_URL, {"year": "2025", "department": ""})
    report = AnnualReport.objects.get()
    disclosure.requests[None] = [RequestRecord("natural_person", date(2025, 4, 1))]
    client.post(url("review", report), {"action": "refresh"})
    report.refresh_from_db()
    assert report.tables["table3"]["new"][-1] == 1


def test_a_draft_cannot_be_created_twice_or_for_this_year(client, office_user, disclosure):
    client.post(ADD_URL, {"year": "2025", "department": ""})
    response = client.post(ADD_URL, {"year": "2025", "department": ""})
    assert "已存在" in str(response.context["form"].errors)
    response = client.post(ADD_URL, {"year": "2026", "department": ""})
    assert "year" in response.context["form"].errors  # not offered before 1 January 2027
    assert AnnualReport.objects.count() == 1


def test_department_editor_works_on_their_own_report_only(client, finance, disclosure):
    editor = factories.make_user(role=Role.EDITOR, department=finance)
    government = make_report()
    other = make_report(department=factories.make_department(code="dzb"))
    client.force_login(editor)
    response = client.post(ADD_URL, {"year": "2025", "department": ""})  # the government's
    assert "department" in response.context["form"].errors
    response = client.post(ADD_URL, {"year": "2025", "department": str(finance.pk)})
    own = AnnualReport.objects.get(department=finance)
    listing = client.get(LIST_URL).content.decode()
    assert url("edit", own) in listing and url("edit", other) not in listing
    for report in (government, other):
        for view in ("review", "edit"):
            assert_refused(client.get(url(view, report)))
        assert_refused(client.get(url("download", report, "docx")))
    # An editor may not publish: the department head does.
    make_ready = client.post(url("edit", own), edit_data(client, own))
    assert make_ready.status_code == 302
    client.post(url("review", own), {"action": "publish", "confirm": "on"})
    assert AnnualReport.objects.get(pk=own.pk).status == ReportStatus.DRAFT


def test_draft_downloads(client, office_user, disclosure):
    report = make_report()
    response = client.get(url("download", report, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    response = client.get(url("download", report, "xlsx"))
    assert response["Content-Type"].endswith("spreadsheetml.sheet")


def test_preview_shows_the_edited_text_with_the_computed_tables(client, office_user, disclosure):
    report = make_report()
    preview_url = url("preview_on_edit", report)
    data = edit_data(client, report, overview=rich_text("<p>预览中的总体情况。</p>"))
    assert client.post(preview_url, data).json()["is_valid"] is True
    page = client.get(preview_url).content.decode()
    assert "预览中的总体情况。" in page
    assert "预览：本报告尚未发布" in page and 'class="report-table report-table3"' in page
    assert AnnualReport.objects.get().overview == "<p>本年度扎实推进政务公开工作。</p>"


def test_a_record_the_tables_cannot_count_is_shown_on_the_form(client, office_user, disclosure):
    disclosure.requests[None] = [RequestRecord("citizen", date(2025, 3, 1))]
    response = client.post(ADD_URL, {"year": "2025", "department": ""})
    assert response.status_code in (200, 400)
    assert "未知的申请人类型" in str(response.context["form"].non_field_errors())
    assert not AnnualReport.objects.exists()


def test_office_sees_the_running_figures_of_the_current_year(client, office_user, disclosure):
    this_year = timezone.localdate().year
    disclosure.requests[None] = [
        RequestRecord("natural_person", date(this_year, 1, 2)),
        RequestRecord("commercial", date(this_year, 1, 3)),
    ]
    listing = BeautifulSoup(client.get(LIST_URL).content.decode(), "html.parser")
    live_url = reverse(f"{NS}:live")
    assert "本年实时数据" in listing.find("a", href=live_url).get_text()
    page = BeautifulSoup(client.get(live_url).content.decode(), "html.parser")
    assert page.find("title").get_text().startswith("年度报告实时数据")
    assert page.find(string=lambda text: f"{this_year}年政府信息公开工作年度报告" in text)
    assert page.find(attrs={"data-live-note": True})
    new_row = page.find("table", class_="report-table3").find(
        "th", string="一、本年新收政府信息公开申请数量"
    )
    assert [td.get_text(strip=True) for td in new_row.find_parent("tr").find_all("td")][-1] == "2"
    assert not AnnualReport.objects.exists()  # nothing saved


def test_department_staff_see_their_own_running_figures_only(client, finance, disclosure):
    disclosure.requests[finance.pk] = [RequestRecord("natural_person", date(2025, 4, 1))]
    client.force_login(factories.make_user(role=Role.EDITOR, department=finance))
    live_url = reverse(f"{NS}:live")
    page = client.get(live_url)
    assert page.status_code == 200 and page.context["report"].department == finance
    page = client.get(live_url, {"year": "2025", "department": str(finance.pk)})
    assert page.context["report"].tables["table3"]["new"][-1] == 1
    other = factories.make_department(code="dzb")
    page = client.get(live_url, {"year": "2025", "department": str(other.pk)})
    assert "department" in page.context["form"].errors
    assert page.context["report"].department == finance


def test_a_new_report_has_no_preview_and_no_report_is_copied(client, office_user, disclosure):
    # Previewing before the draft existed answered 500; a copy could never be saved.
    add_page = client.get(ADD_URL).content.decode()
    assert "/preview/" not in add_page
    assert client.post(f"{LIST_URL}preview/", {"year": "2025"}).status_code == 404
    report = make_report()
    assert client.get(f"{LIST_URL}copy/{report.pk}/").status_code == 404
    assert client.get(url("preview_on_edit", report)).status_code == 200
