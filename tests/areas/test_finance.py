"""财政预决算 and 政府债务 (issue 12 §4): a record is public only once signed off; the list is
filtered by department, year and kind; a budget's workbook is shown as tables on its page and in
the API; a workbook that cannot be read is refused and nothing is written; CSV and XLSX exports;
every change shows at the next anonymous GET (page cache)."""

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import WorkflowContentType

from gongkai.areas import services
from gongkai.areas.models import BudgetDisclosure, DebtDisclosure
from gongkai.core import services as core_services
from gongkai.core.models import AuditEvent
from gongkai.documents.publication import PublishPermissionError
from gongkai.documents.setup import ensure_sign_off_workflow
from tests.areas.finance import INCOME, make_budget, make_debt
from tests.factories import make_department, make_document, publish_object

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
def finance(db):
    return make_department(name="财政局")


@pytest.fixture
def budgets(finance):
    ours = make_budget(department=finance)
    education = make_budget(
        department=make_department(name="教育局"),
        title="教育局2025年部门决算",
        year=2025,
        kind="department_final",
    )
    draft = make_budget(department=finance, title="尚未审签的预算", year=2024, publish=False)
    return ours, education, draft


def test_both_models_join_the_sign_off_workflow():
    workflow = ensure_sign_off_workflow()
    for model in (BudgetDisclosure, DebtDisclosure):
        assert model().get_workflow() == workflow
    assert WorkflowContentType.objects.filter(workflow=workflow).count() >= 6


def test_only_signed_off_records_are_public_and_dated(client, budgets, finance):
    ours, education, draft = budgets
    assert ours.live and ours.disclosed_on == timezone.localdate()
    assert not draft.live and draft.disclosed_on is None
    page = text_of(client, reverse("finance:budgets"))
    assert ours.title in page and education.title in page and draft.title not in page
    assert client.get(draft.get_absolute_url()).status_code == 404
    actions = set(
        AuditEvent.objects.filter(object_id=str(ours.pk)).values_list("action", flat=True)
    )
    assert {"budget_disclosure.create", "budget_disclosure.publish"} <= actions


def test_the_list_is_filtered_by_department_year_and_kind(client, budgets, finance):
    ours, education, _draft = budgets
    url = reverse("finance:budgets")
    by_department = text_of(client, f"{url}?department={finance.pk}")
    assert ours.title in by_department and education.title not in by_department
    by_year = text_of(client, f"{url}?year=2025")
    assert education.title in by_year and ours.title not in by_year
    by_kind = text_of(client, f"{url}?kind=department_budget")
    assert ours.title in by_kind and education.title not in by_kind
    nothing = text_of(client, f"{url}?kind=department_budget&year=2025")
    assert "没有符合条件的预决算" in nothing
    # Malformed filters are ignored, never an error.
    assert client.get(f"{url}?year=x%00&kind=%00&department=-1&page=abc").status_code == 200
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert [o["value"] for o in soup.select("#f-year option")] == ["", "2026", "2025"]


def test_a_budget_page_shows_its_tables(client, budgets):
    ours, _education, _draft = budgets
    soup = BeautifulSoup(client.get(ours.get_absolute_url()).content, "html.parser")
    assert [h.get_text() for h in soup.select("h2[id^=sheet-]")] == ["部门收支总表", "三公经费"]
    first = soup.select("table.budget-table")[0]
    assert [th.get_text() for th in first.select("thead th")] == [
        "项目",
        "2026年预算数",
        "2025年预算数",
    ]
    income = first.select("tbody tr")[0]
    assert income.th.get_text() == INCOME[0]
    assert [td.get_text() for td in income.select("td")] == ["1268.40", "1175.20"]
    assert "单位：万元" in soup.get_text()
    file_link = soup.find("a", string="下载原文件")
    assert client.get(file_link["href"]).status_code == 200


def test_the_library_document_is_linked_once_public(client, finance):
    notice = make_document(department=finance, title="关于公开2026年部门预算的公告")
    draft_notice = make_document(department=finance, title="尚未发布的公告", publish=False)
    record = make_budget(department=finance, document=notice)
    hidden = make_budget(department=finance, year=2025, document=draft_notice)
    assert notice.title in text_of(client, record.get_absolute_url())
    assert draft_notice.title not in text_of(client, hidden.get_absolute_url())
    # Linking a document is enough: no file needed.
    only_document = services.budget_create(user=None, department=finance, title="政府预算",
                                           year=2026, kind="government_budget", document=notice)  # fmt: skip
    assert only_document.tables == [] and not only_document.file
    with pytest.raises(ValidationError, match="请选择公开文件或上传预决算表格"):
        services.budget_create(user=None, department=finance, title="空", year=2023,
                               kind="government_final")  # fmt: skip


def test_an_unreadable_workbook_is_refused_and_nothing_is_written(finance):
    with pytest.raises(ValidationError) as refused:
        make_budget(department=finance, content=b"PK\x03\x04 not really", publish=False)
    assert refused.value.messages == ["无法读取文件：请上传 .xlsx 格式的 Excel 工作簿。"]
    assert not BudgetDisclosure.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="budget_disclosure").exists()


def test_a_service_call_cannot_make_a_live_budget(finance):
    with pytest.raises(PublishPermissionError):
        make_budget(department=finance, live=True, publish=False)
    assert not BudgetDisclosure.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="budget_disclosure").exists()


def test_a_pdf_is_kept_as_a_file_without_tables(client, finance):
    record = make_budget(department=finance, content=b"%PDF-1.4\n%%EOF\n", name="budget.pdf")
    assert record.tables == [] and record.file.name.endswith(".pdf")
    assert "下载原文件" in text_of(client, record.get_absolute_url())


def test_one_record_per_department_year_and_kind(finance):
    make_budget(department=finance)
    with pytest.raises(ValidationError, match="已有记录"):
        make_budget(department=finance, publish=False)


def test_a_new_version_shows_only_once_signed_off_and_at_once(client, budgets):
    ours, _education, _draft = budgets
    stored(client, ours.get_absolute_url(), reverse("finance:budgets"))
    ours.title = "财政局2026年部门预算（调整）"
    ours.save_revision(user=None)
    assert "（调整）" not in text_of(client, ours.get_absolute_url())
    publish_object(ours)
    assert "（调整）" in text_of(client, ours.get_absolute_url())
    assert "（调整）" in text_of(client, reverse("finance:budgets"))


def test_unpublishing_takes_it_off_the_portal_at_once(client, budgets, finance):
    ours, _education, _draft = budgets
    stored(client, ours.get_absolute_url(), reverse("finance:budgets"))
    ours.unpublish(user=None)
    assert client.get(ours.get_absolute_url()).status_code == 404
    assert ours.title not in text_of(client, reverse("finance:budgets"))
    assert AuditEvent.objects.filter(action="budget_disclosure.unpublish").exists()


def test_renaming_the_department_shows_at_once(client, budgets, finance):
    ours, _education, _draft = budgets
    stored(client, ours.get_absolute_url(), reverse("finance:budgets"))
    finance.name = "区财政局"
    finance.save()
    core_services.department_saved(department=finance, user=None)
    assert "区财政局" in text_of(client, ours.get_absolute_url())


def test_budgets_export_as_csv_and_xlsx_with_the_filters(client, budgets):
    ours, education, _draft = budgets
    response = client.get("/finance/budgets/export.csv?year=2026")
    assert response["Content-Disposition"] == 'attachment; filename="budgets.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["标题", "公开部门", "年度", "类别"]
    assert [row[0] for row in rows[1:]] == [ours.title]
    assert rows[1][3] == "部门预算" and rows[1][6] == "部门收支总表、三公经费"
    book = load_workbook(io.BytesIO(client.get("/finance/budgets/export.xlsx").content))
    titles = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert titles == [ours.title, education.title]
    assert client.get("/finance/budgets/export.pdf").status_code == 404


def test_exported_cells_never_run_as_formulas_and_amounts_stay_numbers(client, finance):
    make_budget(department=finance, title='=HYPERLINK("http://x","预算")', note="+1+2")
    make_debt(department=finance, use_of_funds="@SUM(A1)")
    rows = list(
        csv.reader(
            io.StringIO(client.get("/finance/budgets/export.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[1][0] == '\'=HYPERLINK("http://x","预算")' and "'+1+2" in rows[1]
    budget = next(
        load_workbook(
            io.BytesIO(client.get("/finance/budgets/export.xlsx").content)
        ).active.iter_rows(min_row=2)
    )
    assert budget[0].value == '\'=HYPERLINK("http://x","预算")' and budget[0].data_type == "s"
    debt = next(
        load_workbook(
            io.BytesIO(client.get("/finance/debts/export.xlsx").content)
        ).active.iter_rows(min_row=2, values_only=True)
    )
    assert "'@SUM(A1)" in debt and Decimal(str(debt[3])) == Decimal("356000")


@pytest.fixture
def debts(finance):
    general = make_debt(department=finance)
    special = make_debt(
        department=finance,
        kind="special",
        limit=Decimal("512000"),
        balance=Decimal("498700"),
        use_of_funds="智能制造产业园基础设施",
    )
    older = make_debt(department=finance, year=2024, limit=Decimal("330000"),
                      balance=Decimal("320000"))  # fmt: skip
    draft = make_debt(department=finance, year=2023, publish=False)
    return general, special, older, draft


def test_debts_list_filters_and_amounts(client, debts):
    general, special, older, draft = debts
    url = reverse("finance:debts")
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    rows = [[c.get_text() for c in tr.select("th, td")] for tr in soup.select("#debts tbody tr")]
    assert rows[0][:4] == ["2025", "一般债务", "356,000.00", "341,250.50"]
    assert len(rows) == 3 and "2023" not in [row[0] for row in rows]
    assert "智能制造产业园基础设施" in soup.get_text()
    by_kind = BeautifulSoup(client.get(f"{url}?kind=special").content, "html.parser")
    assert [tr.td.get_text() for tr in by_kind.select("#debts tbody tr")] == ["专项债务"]
    by_year = BeautifulSoup(client.get(f"{url}?year=2024").content, "html.parser")
    assert [tr.th.get_text() for tr in by_year.select("#debts tbody tr")] == ["2024"]


def test_debts_export_and_a_new_record_shows_at_once(client, debts, finance):
    url = reverse("finance:debts")
    stored(client, url, "/finance/debts/export.csv")
    make_debt(department=finance, year=2026, kind="special", limit=Decimal(1), balance=Decimal(1))
    rows = list(
        csv.reader(io.StringIO(client.get("/finance/debts/export.csv").content.decode("utf-8-sig")))
    )
    assert rows[0][:5] == ["年度", "债务类别", "公开部门", "债务限额（万元）", "债务余额（万元）"]
    assert [(row[0], row[1]) for row in rows[1:]] == [
        ("2026", "专项债务"), ("2025", "一般债务"), ("2025", "专项债务"), ("2024", "一般债务")
    ]  # fmt: skip
    book = load_workbook(io.BytesIO(client.get("/finance/debts/export.xlsx?kind=special").content))
    assert [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)] == [
        "专项债务"
    ] * 2


def test_a_balance_above_its_limit_is_a_warning_at_sign_off(finance):
    from gongkai.documents.selectors import publication_problems

    record = make_debt(department=finance, balance=Decimal("400000"), publish=False)
    (problem,) = [p for p in publication_problems(record) if p.code == "debt_over_limit"]
    assert not problem.blocking and "超过限额" in problem.message_zh


def test_negative_amounts_are_refused(finance):
    with pytest.raises(ValidationError) as refused:
        make_debt(department=finance, balance=Decimal("-1"), publish=False)
    assert "balance" in refused.value.message_dict


def test_the_api_lists_and_shows_tables(client, budgets, debts, finance):
    ours, education, _draft = budgets
    listed = client.get("/api/budgets?year=2026").json()
    assert [item["title"] for item in listed["items"]] == [ours.title]
    assert (
        listed["items"][0]["has_tables"] is True
        and listed["items"][0]["kind"] == "department_budget"
    )
    detail = client.get(f"/api/budgets/{ours.pk}").json()
    summary = detail["tables"][0]
    assert summary["sheet"] == "部门收支总表" and summary["columns"] == [
        "2026年预算数",
        "2025年预算数",
    ]
    assert summary["rows"][0] == {"label": INCOME[0], "values": [1268.4, 1175.2]}
    assert client.get(f"/api/budgets/{budgets[2].pk}").status_code == 404
    assert client.get("/api/budgets?kind=nonsense").status_code == 422
    assert client.get("/api/budgets?year=99999").status_code == 422
    streamed = b"".join(client.get("/api/budgets?format=csv").streaming_content)
    csv_rows = list(csv.reader(io.StringIO(streamed.decode("utf-8-sig"))))
    assert [row[1] for row in csv_rows[1:]] == [ours.title, education.title]
    debts_listed = client.get("/api/debts?kind=special").json()["items"]
    assert [(d["year"], d["kind"]) for d in debts_listed] == [(2025, "special")]
    assert debts_listed[0]["use_of_funds"] == ["智能制造产业园基础设施"]
    assert Decimal(debts_listed[0]["balance"]) == Decimal("498700")


def test_pages_in_english(client, budgets, debts):
    ours, _education, _draft = budgets
    client.cookies["django_language"] = "en"
    listing = text_of(client, reverse("finance:budgets"))
    for text in ("Budgets and final accounts", "Department budget", "Department final account"):
        assert text in listing, text
    page = text_of(client, ours.get_absolute_url())
    assert "Published on" in page and "Download the original file" in page
    debts_page = text_of(client, reverse("finance:debts"))
    for text in ("Government debt", "General debt", "Special debt", "Unit: 10,000 yuan"):
        assert text in debts_page, text


def test_the_api_csv_gives_the_portal_downloads_columns_and_cells(client, budgets, debts):
    for portal, api in (
        ("/finance/budgets/export.csv", "/api/budgets?format=csv"),
        ("/finance/debts/export.csv", "/api/debts?format=csv"),
    ):
        downloaded = list(csv.reader(io.StringIO(client.get(portal).content.decode("utf-8-sig"))))
        streamed = b"".join(client.get(api).streaming_content).decode("utf-8-sig")
        listed = list(csv.reader(io.StringIO(streamed)))
        assert [header.split(" ")[0] for header in listed[0][1:]] == downloaded[0]
        assert [row[1:] for row in listed[1:]] == downloaded[1:] and len(downloaded) > 2
