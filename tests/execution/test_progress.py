"""Progress reports: each department's editor or head reports for that department only, the
lead unit sees its partners' reports, evidence files are checked by content."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.models import AuditEvent
from gongkai.execution import selectors, services
from gongkai.execution.models import Evidence, ProgressReport

from .conftest import assert_refused, task_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03" + b"\x00" * 200


def report(task, department, user, **fields):
    fields = {
        "status": "in_progress",
        "percent": 40,
        "text": "已梳理改革事项清单。",
        "reported_on": date(2019, 5, 10),
        **fields,
    }
    return services.progress_report_submit(task=task, department=department, user=user, **fields)


def row_of(task):
    return selectors.task_rows(type(task).objects.filter(pk=task.pk), today=date(2019, 5, 20))[0]


def test_a_department_editor_reports_with_evidence(partner_plan, org):
    task = task_of(partner_plan, "(一)2")
    evidence = SimpleUploadedFile("预算公开截图.pdf", PDF, content_type="application/pdf")
    saved = report(task, org.finance, org.finance_editor, files=[evidence])
    assert (saved.department, saved.reported_by, saved.percent) == (
        org.finance,
        org.finance_editor,
        40,
    )
    assert [(e.name, e.kind) for e in saved.evidence.all()] == [("预算公开截图.pdf", "pdf")]
    assert AuditEvent.objects.filter(action="execution.progress_report").count() == 1


def test_the_head_reports_too_and_the_latest_report_counts(partner_plan, org):
    task = task_of(partner_plan, "(一)2")
    report(task, org.finance, org.finance_editor)
    report(
        task,
        org.finance,
        org.finance_head,
        status="completed",
        percent=100,
        reported_on=date(2019, 5, 15),
    )
    state = row_of(task).state
    assert (state.status, state.percent, state.pending) == ("completed", 100, ())


@pytest.mark.parametrize("who", ["planning_editor", "reviewer", "admin"])
def test_nobody_reports_for_another_department(partner_plan, org, who):
    with pytest.raises(PermissionDenied):
        report(task_of(partner_plan, "(一)2"), org.finance, getattr(org, who))
    assert not ProgressReport.objects.exists()


def test_a_department_the_task_does_not_name_cannot_report(partner_plan, org):
    with pytest.raises(PermissionDenied):
        report(task_of(partner_plan, "(一)2"), org.departments["sw"], org.tax_editor)


def test_a_member_of_a_named_group_reports(partner_plan, org):
    saved = report(task_of(partner_plan, "(一)3"), org.departments["sw"], org.tax_editor)
    assert saved.department.name == "税务局"


def test_the_lead_unit_sees_its_partners_reports(partner_plan, org):
    task = task_of(partner_plan, "(一)1")
    partner = report(task, org.finance, org.finance_editor)
    own = report(task, org.departments["xzsp"], org.approval_editor)
    row = row_of(task)
    assert set(selectors.visible_reports(org.approval_editor, row)) == {partner, own}
    assert list(selectors.visible_reports(org.finance_editor, row)) == [partner]
    assert set(selectors.visible_reports(org.assessor, row)) == {partner, own}


def test_only_the_lead_unit_decides_completion_of_a_led_task(partner_plan, org):
    task = task_of(partner_plan, "(一)1")
    report(task, org.departments["xzsp"], org.approval_editor, status="completed", percent=100)
    assert row_of(task).state.status == "completed"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "completed", "percent": 80},
        {"text": "  "},
        {"reported_on": date(2999, 1, 1)},
    ],
)
def test_inconsistent_reports_are_refused(partner_plan, org, fields):
    with pytest.raises(ValidationError):
        report(task_of(partner_plan, "(一)2"), org.finance, org.finance_editor, **fields)
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("name", ["setup.exe", "证明材料.pdf"])
def test_an_executable_as_evidence_is_refused_and_nothing_is_saved(partner_plan, org, name):
    files = [SimpleUploadedFile("ok.pdf", PDF), SimpleUploadedFile(name, EXECUTABLE)]
    with pytest.raises(ValidationError) as refused:
        report(task_of(partner_plan, "(一)2"), org.finance, org.finance_editor, files=files)
    assert "可执行文件" in str(refused.value) and name in str(refused.value)
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_report_form_in_the_back_office(partner_plan, org, client):
    task = task_of(partner_plan, "(一)2")
    client.force_login(org.finance_editor)
    url = f"/admin/execution/tasks/{task.pk}/report/"
    assert client.get(url).status_code == 200
    data = {
        "status": "in_progress",
        "percent": "60",
        "text": "已公开预算。",
        "reported_on": "2019-05-12",
    }
    refused = client.post(url, {**data, "files": [SimpleUploadedFile("x.exe", EXECUTABLE)]})
    assert refused.status_code == 200 and "可执行文件" in refused.content.decode()
    response = client.post(url, {**data, "files": [SimpleUploadedFile("a.pdf", PDF)]})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    page = client.get(f"/admin/execution/tasks/{task.pk}/").content.decode()
    assert "已公开预算。" in page and f"/admin/execution/evidence/{evidence.pk}/" in page
    assert client.get(f"/admin/execution/evidence/{evidence.pk}/").getvalue() == PDF


def test_other_departments_cannot_open_the_task_or_its_evidence(partner_plan, org, client):
    task = task_of(partner_plan, "(一)2")
    saved = report(task, org.finance, org.finance_editor, files=[SimpleUploadedFile("a.pdf", PDF)])
    client.force_login(org.tax_editor)
    assert_refused(client.get(f"/admin/execution/tasks/{task.pk}/"))
    assert_refused(client.get(f"/admin/execution/tasks/{task.pk}/report/"))
    assert_refused(client.get(f"/admin/execution/evidence/{saved.evidence.get().pk}/"))
