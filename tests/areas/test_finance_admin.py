"""The 财政信息 back office: a department uploads its budget workbook as a draft (its tables read
at once, a workbook that cannot be read refused with nothing written), submits it to the
sign-off; a live record's new workbook waits in a revision until signed off; another
department's records are out of reach; nobody publishes directly."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from gongkai.areas.models import BudgetDisclosure, DebtDisclosure
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from tests.areas.finance import budget_workbook, make_budget, make_debt
from tests.factories import make_department, make_user, publish_object

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_areas_budgetdisclosure:add"
EDIT = "wagtailsnippets_areas_budgetdisclosure:edit"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def finance(db):
    return make_department(name="财政局")


@pytest.fixture
def editor(finance):
    return make_user(role=Role.EDITOR, department=finance)


def _form(client, url):
    return querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")


def _upload(content: bytes, name: str = "2026年部门预算.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


def _new_budget(client, content: bytes, **extra):
    data = _form(client, reverse(ADD))
    data.update({"title": "财政局2026年部门预算", "year": "2026", "kind": "department_budget"})
    data.update(extra)
    return client.post(reverse(ADD), {**data.dict(), "file": _upload(content)})


def test_editor_uploads_a_workbook_as_a_draft_and_submits_it(client, editor, finance):
    client.force_login(editor)
    response = _new_budget(client, budget_workbook(), **{"action-submit": "1"})
    assert response.status_code == 302, response.context["form"].errors
    record = BudgetDisclosure.objects.get()
    assert record.department == finance and not record.live
    assert [table["sheet"] for table in record.tables] == ["部门收支总表", "三公经费"]
    assert record.file.name.startswith("budgets/2026/")
    assert record.workflow_in_progress
    assert AuditEvent.objects.filter(action="budget_disclosure.create", actor=editor).exists()
    page = client.get(reverse(EDIT, args=[record.pk])).content.decode()
    assert "action-publish" not in page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_workbook_that_cannot_be_read_is_refused(client, editor, language):
    client.force_login(editor)
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": language})
    response = _new_budget(client, b"PK\x03\x04 broken workbook")
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    expected = {
        "zh-hans": "无法读取文件：请上传 .xlsx 格式的 Excel 工作簿。",
        "en": "The file could not be read: upload an Excel workbook (.xlsx).",
    }[language]
    assert errors == [expected]
    assert not BudgetDisclosure.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="budget_disclosure").exists()


def test_a_new_workbook_for_a_live_record_waits_for_sign_off(client, editor, finance):
    record = make_budget(department=finance)
    old_file = record.file.name
    client.force_login(editor)
    url = reverse(EDIT, args=[record.pk])
    data = _form(client, url).dict()
    data["file"] = _upload(budget_workbook(hidden_sheet=True), "调整预算.xlsx")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    record.refresh_from_db()
    assert record.file.name == old_file  # the public still sees the signed-off version
    draft = record.latest_revision.as_object()
    assert draft.file.name != old_file and draft.file.storage.exists(draft.file.name)
    assert len(draft.tables) == 2
    published = publish_object(draft)
    assert published.file.name == draft.file.name and len(published.tables) == 2


def test_another_departments_records_are_out_of_reach(client, editor):
    other = make_department(name="教育局")
    budget = make_budget(department=other, title="教育局部门预算", publish=False)
    debt = make_debt(department=other)
    client.force_login(editor)
    for viewset, obj in (("budgetdisclosure", budget), ("debtdisclosure", debt)):
        response = client.get(reverse(f"wagtailsnippets_areas_{viewset}:edit", args=[obj.pk]))
        assert response.status_code == 302 and response["Location"] == "/admin/", viewset
    # Published records are anybody's to see; another department's draft is not.
    listing = client.get(reverse("wagtailsnippets_areas_budgetdisclosure:list")).content.decode()
    assert budget.title not in listing
    refused = _new_budget(client, budget_workbook(), department=str(other.pk))
    assert refused.status_code == 200 and not BudgetDisclosure.objects.filter(year=2026,
                                                                           department=other).exclude(pk=budget.pk).exists()  # fmt: skip


def test_editor_adds_a_debt_record(client, editor, finance):
    client.force_login(editor)
    url = reverse("wagtailsnippets_areas_debtdisclosure:add")
    data = _form(client, url)
    data.update({"year": "2025", "kind": "special", "limit": "512000", "balance": "498700.5",
                 "new_bonds": "60000", "refinancing_bonds": "0", "principal_repaid": "8000",
                 "interest_paid": "15020.3", "use_of_funds": "智能制造产业园基础设施"})  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    record = DebtDisclosure.objects.get()
    assert (
        record.department == finance
        and not record.live
        and record.projects == ["智能制造产业园基础设施"]
    )
    assert AuditEvent.objects.filter(action="debt_disclosure.create", actor=editor).exists()
