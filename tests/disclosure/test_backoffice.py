"""Back office: registration, every event kind through the services and the admin views,
extension approval, fees, replies and letters, masking, reminders, art. 44, holiday changes."""

import io
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import PermissionDenied
from docx import Document as DocxDocument

from gongkai.core import services as core_services
from gongkai.core.audit import history, verify_chain
from gongkai.core.models import HolidayArrangement
from gongkai.disclosure import services, tasks
from gongkai.disclosure.letters import DEFAULT_TEMPLATES
from gongkai.disclosure.models import DisclosureRequest, ReplyTemplate
from gongkai.disclosure.services import RequestError
from tests import factories
from tests.disclosure.conftest import application

pytestmark = pytest.mark.django_db


def register(org, actor=None, received_on=date(2026, 3, 2), department="finance", **overrides):
    data = application(**overrides)
    return services.request_register(
        actor=actor or org.reviewer,
        application=data,
        channel=overrides.get("channel", "in_person"),
        received_on=received_on,
        department=getattr(org, department) if department else None,
    ).request


def test_register_by_post_ordinary_letter_uses_the_confirmation_day(org, today):
    today.set(date(2026, 3, 10))
    submission = services.request_register(
        actor=org.reviewer,
        application=application(),
        channel="post_ordinary",
        arrived_on=date(2026, 3, 5),
        confirmed_on=date(2026, 3, 6),
    )
    request = submission.request
    assert request.received_on == date(2026, 3, 6)
    assert request.registered_by == org.reviewer
    assert request.department == org.office  # the registering staff member's department
    assert "确认之日" in request.receipt_notes[0][0]
    assert len(submission.token) > 30


def test_register_refuses_future_dates_and_unused_dates(org, today):
    today.set(date(2026, 3, 10))
    with pytest.raises(RequestError) as future:
        register(org, received_on=date(2026, 3, 11))
    assert future.value.code == "future_date" and "future" in future.value.en
    with pytest.raises(RequestError) as unused:
        services.request_register(
            actor=org.reviewer,
            application=application(),
            channel="in_person",
            signed_on=date(2026, 3, 2),
        )
    assert unused.value.code == "field_not_used"


def test_staff_registration_is_not_rate_limited_and_needs_no_contact(org, settings, today):
    today.set(date(2026, 3, 10))
    settings.DISCLOSURE_SUBMIT_LIMIT = 1
    for _ in range(3):
        register(org, phone="", email="", postal_address="", id_number="")
    assert DisclosureRequest.objects.count() == 3


def test_correction_restarts_the_clock_and_lapses_when_not_made(org, today):
    today.set(date(2026, 3, 10))
    request = register(org)
    assert request.due_on == date(2026, 3, 30)
    state = services.request_add_event(
        request=request,
        actor=org.editor,
        kind="correction_requested",
        on=date(2026, 3, 4),
        days=10,
        note="请写明文件名称或文号。",
    )
    assert state.status == "awaiting_correction" and state.due_on is None
    assert state.waiting_until == date(2026, 3, 18)
    state = services.request_add_event(
        request=request, actor=org.editor, kind="correction_received", on=date(2026, 3, 9)
    )
    request.refresh_from_db()
    assert state.received_on == date(2026, 3, 9) and request.due_on == date(2026, 4, 7)

    lapsing = register(org)
    services.request_add_event(
        request=lapsing,
        actor=org.editor,
        kind="correction_requested",
        on=date(2026, 3, 3),
        until=date(2026, 3, 6),
        note="补正身份证明",
    )
    services.requests_refresh()
    lapsing.refresh_from_db()
    assert (lapsing.status, lapsing.outcome, lapsing.closed_on) == (
        "lapsed",
        "other.no_correction",
        date(2026, 3, 6),
    )


def test_correction_needs_what_to_correct_and_only_once(org, today):
    today.set(date(2026, 3, 10))
    request = register(org)
    with pytest.raises(RequestError):
        services.request_add_event(
            request=request,
            actor=org.editor,
            kind="correction_requested",
            on=date(2026, 3, 3),
            days=5,
        )
    services.request_add_event(
        request=request,
        actor=org.editor,
        kind="correction_requested",
        on=date(2026, 3, 3),
        days=5,
        note="补正",
    )
    services.request_add_event(
        request=request, actor=org.editor, kind="correction_received", on=date(2026, 3, 4)
    )
    with pytest.raises(RequestError) as second:
        services.request_add_event(
            request=request,
            actor=org.editor,
            kind="correction_requested",
            on=date(2026, 3, 5),
            days=5,
            note="再补正",
        )
    assert second.value.code == "second_correction"


def test_consultation_pauses_the_clock(org, today):
    today.set(date(2026, 4, 30))
    request = register(org)
    services.request_add_event(
        request=request,
        actor=org.editor,
        kind="consultation_started",
        on=date(2026, 3, 16),
        note="征求第三方意见",
    )
    request.refresh_from_db()
    assert request.status == "in_consultation" and request.due_on is None
    state = services.request_add_event(
        request=request, actor=org.editor, kind="consultation_ended", on=date(2026, 3, 27)
    )
    # 10 working days used (03-03..03-16), 10 left from 03-27; Qingming 04-04..06 off.
    assert state.due_on == date(2026, 4, 13)


def test_extension_needs_the_office_and_a_reason_and_tells_the_applicant(
    org, today, django_capture_on_commit_callbacks
):
    today.set(date(2026, 3, 20))
    request = register(org)
    with pytest.raises(PermissionDenied):
        services.request_add_event(
            request=request,
            actor=org.head,
            kind="extended",
            on=date(2026, 3, 20),
            days=10,
            note="需要调取档案",
        )
    with pytest.raises(RequestError):
        services.request_extend(
            request=request, actor=org.reviewer, on=date(2026, 3, 20), days=10, reason=" "
        )
    with django_capture_on_commit_callbacks(execute=True):
        state = services.request_extend(
            request=request,
            actor=org.reviewer,
            on=date(2026, 3, 20),
            days=20,
            reason="需要调取档案",
        )
    assert state.due_on == date(2026, 4, 28)
    event = request.events.get(kind="extended")
    assert event.approved_by == org.reviewer and event.note == "需要调取档案"
    assert "延期答复" in mail.outbox[-1].subject
    with pytest.raises(RequestError) as twice:
        services.request_extend(
            request=request, actor=org.reviewer, on=date(2026, 3, 20), days=5, reason="再延"
        )
    assert twice.value.code == "second_extension"
    with pytest.raises(RequestError) as too_long:
        services.request_extend(
            request=register(org), actor=org.reviewer, on=date(2026, 3, 20), days=21, reason="太长"
        )
    assert too_long.value.code == "extension_days"


def test_fee_notice_counts_the_applicants_month_and_pauses(org, today):
    today.set(date(2026, 3, 31))
    requests = [register(org, received_on=date(2026, 3, 2)) for _ in range(12)]
    register(org, received_on=date(2026, 2, 27))  # another month
    with pytest.raises(RequestError) as free:
        services.request_fee_notice(request=requests[9], actor=org.editor, on=date(2026, 3, 3))
    assert free.value.code == "no_fee"
    notice, state = services.request_fee_notice(
        request=requests[11], actor=org.editor, on=date(2026, 3, 3)
    )
    assert notice.requests_this_month == 12 and notice.amount == 100
    assert state.status == "awaiting_fee"
    state = services.request_add_event(
        request=requests[11], actor=org.editor, kind="fee_paid", on=date(2026, 3, 10)
    )
    assert state.status == "running"
    requests[11].fee_notice.refresh_from_db()
    assert requests[11].fee_notice.paid_on == date(2026, 3, 10)
    per_page, _ = services.request_fee_notice(
        request=requests[0], actor=org.editor, on=date(2026, 3, 3), method="per_volume", pages=120
    )
    assert per_page.amount == 70 * 10 + 20 * 20


def test_withdrawal_closes_as_other(org, today):
    today.set(date(2026, 3, 31))
    request = register(org)
    state = services.request_add_event(
        request=request,
        actor=org.editor,
        kind="withdrawn",
        on=date(2026, 3, 5),
        note="申请人电话撤回",
    )
    assert (state.status, state.closed_as) == ("withdrawn", "other.other")
    with pytest.raises(RequestError) as closed:
        services.request_add_event(
            request=request, actor=org.editor, kind="consultation_started", on=date(2026, 3, 6)
        )
    assert closed.value.code == "already_closed"


def test_events_must_be_in_order_and_not_in_the_future(org, today):
    today.set(date(2026, 3, 10))
    request = register(org)
    with pytest.raises(RequestError) as future:
        services.request_add_event(
            request=request, actor=org.editor, kind="consultation_started", on=date(2026, 3, 11)
        )
    assert future.value.code == "future_date"
    with pytest.raises(RequestError) as early:
        services.request_add_event(
            request=request, actor=org.editor, kind="consultation_started", on=date(2026, 3, 1)
        )
    assert early.value.code == "out_of_order"


def test_reply_generates_the_letter_from_the_editable_template(org, today, client):
    today.set(date(2026, 3, 31))
    request = register(org)
    title, body = DEFAULT_TEMPLATES["withheld"]
    ReplyTemplate.objects.update_or_create(
        group="withheld", defaults={"title": title, "body": body.replace("经审查", "经认真审查")}
    )
    reply = services.request_reply(
        request=request,
        actor=org.editor,
        outcome="withheld.third_party",
        on=date(2026, 3, 20),
        reasons="涉及第三方商业秘密，第三方不同意公开。",
    )
    assert "经认真审查" in reply.letter_text and "保护第三方合法权益" in reply.letter_text
    assert reply.legal_basis == "《条例》第十五条、第三十二条"
    request.refresh_from_db()
    assert (request.status, request.outcome, request.closed_on) == (
        "replied",
        "withheld.third_party",
        date(2026, 3, 20),
    )

    client.force_login(org.editor)
    docx = client.get(f"/admin/disclosure/requests/{request.pk}/letter.docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(docx.content)).paragraphs)
    assert (
        "保护第三方合法权益" in text
        and "涉及第三方商业秘密" in text
        and request.tracking_number in text
    )
    pdf = client.get(f"/admin/disclosure/requests/{request.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    services.request_record_delivery(
        request=request, actor=org.editor, via="email", on=date(2026, 3, 21)
    )
    request.reply.refresh_from_db()
    assert request.reply.delivered_on == date(2026, 3, 21)
    actions = [event.action for event in history(request)]
    assert actions[0] == "disclosure_request.register"
    assert "disclosure_request.replied" in actions and actions[-1] == "disclosure_request.delivered"
    assert verify_chain() is None


def test_personal_data_is_masked_for_staff_who_do_not_handle_the_request(org, client, today):
    today.set(date(2026, 3, 31))
    request = register(org)
    client.force_login(org.editor)
    full = client.get(f"/admin/disclosure/requests/{request.pk}/").content.decode()
    assert "11010519491231002X" in full and "13812345678" in full and "zhangsan@example.com" in full

    client.force_login(org.assessor)
    masked = client.get(f"/admin/disclosure/requests/{request.pk}/").content.decode()
    assert "11010519491231002X" not in masked and "110105********002X" in masked
    assert "13812345678" not in masked and "138****5678" in masked
    assert "z***@example.com" in masked and "长岭北路55号" not in masked
    assert "张*" in masked and "张三" not in masked
    assert 'id="actions"' not in masked

    client.force_login(org.other_editor)
    refused = client.get(f"/admin/disclosure/requests/{request.pk}/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no access"
    assert request.tracking_number not in client.get("/admin/disclosure/requests/").content.decode()


def test_back_office_views_record_events_and_register(org, client, today):
    today.set(date(2026, 3, 31))
    client.force_login(org.reviewer)
    response = client.post(
        "/admin/disclosure/register/",
        {
            **application(),
            "channel": "post_signed",
            "signed_on": "2026-03-02",
            "department": org.finance.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    request = DisclosureRequest.objects.get()
    assert request.channel == "post_signed" and request.received_on == date(2026, 3, 2)
    page = client.get(response["Location"]).content.decode()
    assert "/requests/track/" in page  # the private link, shown once

    client.post(
        f"/admin/disclosure/requests/{request.pk}/event/consultation_started/",
        {
            "consultation_started-kind": "consultation_started",
            "consultation_started-on": "2026-03-05",
            "consultation_started-note": "征求财政厅意见",
        },
    )
    client.post(
        f"/admin/disclosure/requests/{request.pk}/event/consultation_ended/",
        {"consultation_ended-kind": "consultation_ended", "consultation_ended-on": "2026-03-10"},
    )
    client.post(
        f"/admin/disclosure/requests/{request.pk}/event/extended/",
        {
            "extended-kind": "extended",
            "extended-on": "2026-03-20",
            "extended-days": "5",
            "extended-note": "情况复杂",
        },
    )
    client.post(
        f"/admin/disclosure/requests/{request.pk}/reply/",
        {"reply-outcome": "granted", "reply-on": "2026-03-25", "reply-reasons": "现予提供。"},
    )
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds == [
        "received",
        "consultation_started",
        "consultation_ended",
        "extended",
        "replied",
    ]
    request.refresh_from_db()
    assert request.status == "replied"
    page = client.get(f"/admin/disclosure/requests/{request.pk}/").content.decode()
    assert "征求财政厅意见" in page and "予以公开" in page


def test_editor_cannot_approve_an_extension_in_the_back_office(org, client, today):
    today.set(date(2026, 3, 31))
    request = register(org)
    client.force_login(org.editor)
    page = client.get(f"/admin/disclosure/requests/{request.pk}/").content.decode()
    assert 'id="action-extended"' not in page
    client.post(
        f"/admin/disclosure/requests/{request.pk}/event/extended/",
        {
            "extended-kind": "extended",
            "extended-on": "2026-03-20",
            "extended-days": "5",
            "extended-note": "x",
        },
    )
    assert not request.events.filter(kind="extended").exists()


def test_dashboard_warns_and_daily_job_mails_departments_and_office(org, client, today):
    today.set(date(2026, 3, 27))
    soon = register(org, received_on=date(2026, 3, 2))  # due 03-30: 1 working day left
    late = register(org, received_on=date(2026, 2, 2))  # due 03-09 (Spring Festival): overdue
    later = register(org, received_on=date(2026, 3, 20), department="health")  # plenty of time
    client.force_login(org.reviewer)
    page = client.get("/admin/disclosure/").content.decode()
    assert (
        page.index(late.tracking_number)
        < page.index(soon.tracking_number)
        < page.index(later.tracking_number)
    )
    assert "warning-overdue" in page and "warning-due_soon_2" in page

    result = tasks.send_deadline_reminders.enqueue()
    assert result.return_value == 2
    by_recipient = {tuple(m.to): m.body for m in mail.outbox}
    assert soon.tracking_number in by_recipient[("finance@example.org",)]
    assert late.tracking_number in by_recipient[("office@example.org",)]
    assert later.tracking_number not in by_recipient[("office@example.org",)]
    assert "13812345678" not in "".join(by_recipient.values())


def test_list_filters(org, client, today):
    today.set(date(2026, 3, 27))
    overdue = register(org, received_on=date(2026, 2, 2))
    fresh = register(org, received_on=date(2026, 3, 20), department="health")
    client.force_login(org.reviewer)
    body = client.get("/admin/disclosure/requests/", {"due": "overdue"}).content.decode()
    assert overdue.tracking_number in body and fresh.tracking_number not in body
    body = client.get("/admin/disclosure/requests/", {"department": org.health.pk}).content.decode()
    assert fresh.tracking_number in body and overdue.tracking_number not in body


def test_staff_search_finds_a_request_by_its_applicants_full_name(org, client, today):
    """The name is stored encrypted: the search matches the full name (spaces and width
    ignored) through a keyed hash, never a part of it."""
    today.set(date(2026, 3, 27))
    found = register(org, applicant_name="欧阳 明")
    other = register(org, applicant_name="张三")
    client.force_login(org.reviewer)
    for query in ("欧阳明", " 欧阳　明 ", found.tracking_number[-6:]):
        body = client.get("/admin/disclosure/requests/", {"q": query}).content.decode()
        assert found.tracking_number in body and other.tracking_number not in body, query
    body = client.get("/admin/disclosure/requests/", {"q": "欧阳"}).content.decode()
    assert found.tracking_number not in body


def test_holiday_arrangement_recomputes_a_provisional_2027_due_date(
    org, today, django_capture_on_commit_callbacks
):
    today.set(date(2026, 12, 28))
    request = register(org, received_on=date(2026, 12, 28))
    assert request.provisional and request.due_on == date(2027, 1, 26)
    arrangement = HolidayArrangement.objects.create(
        year=2027,
        holidays=[
            {"name": "元旦", "name_en": "New Year", "first": "2027-01-01", "last": "2027-01-03"},
            # A hypothetical extra week off, so the due date must move.
            {"name": "测试假期", "name_en": "Test", "first": "2027-01-11", "last": "2027-01-15"},
        ],
        makeup_workdays=[],
    )
    with django_capture_on_commit_callbacks(execute=True):
        core_services.holiday_arrangement_saved(arrangement=arrangement, user=org.admin)
    request.refresh_from_db()
    assert request.due_on == date(2027, 2, 2)
    assert not request.provisional


def test_art_44_makes_a_draft_document_in_the_sign_off_workflow(org, client, today):
    today.set(date(2026, 3, 31))
    request = register(org)
    kind = factories.document_kind("其他", needs_interpretation=False)
    client.force_login(org.editor)
    response = client.post(
        f"/admin/disclosure/requests/{request.pk}/proactive/",
        {
            "title": "2025年财政预算执行情况",
            "doc_type": kind.pk,
            "summary": "",
            "body": "<p>预算执行情况。</p>",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    document = request.proactive_document
    assert document is not None and not document.live
    assert document.department == org.finance
    assert document.workflow_in_progress
    assert "disclosure_request.to_proactive" in [e.action for e in history(request)]


def test_report_records_close_lapsed_requests_before_the_daily_job(org, today):
    from gongkai.disclosure.selectors import request_records

    today.set(date(2026, 3, 3))
    request = register(org, received_on=date(2026, 3, 2))
    services.request_add_event(
        request=request,
        actor=org.editor,
        kind="correction_requested",
        on=date(2026, 3, 3),
        until=date(2026, 3, 10),
        note="补正",
    )
    today.set(date(2026, 3, 20))
    request.refresh_from_db()
    assert request.status == "awaiting_correction"  # not refreshed yet
    (record,) = request_records(year=2026)
    assert (record.outcome_code, record.replied_on) == ("other.no_correction", date(2026, 3, 10))


def test_menu_and_snippets_render_for_the_office(org, client):
    client.force_login(org.reviewer)
    home = client.get("/admin/").content.decode()
    assert "/admin/disclosure/register/" in home  # the sidebar is JSON: labels are escaped
    assert client.get("/admin/snippets/disclosure/replytemplate/").status_code == 200
    assert client.get("/admin/snippets/disclosure/reconsiderationorlawsuit/").status_code == 200
    assert client.get("/admin/disclosure/register/").status_code == 200
    client.force_login(org.editor)
    assert "/admin/disclosure/" in client.get("/admin/").content.decode()


def test_extension_form_asks_only_what_an_extension_needs_and_shows_its_errors(org, client, today):
    today.set(date(2026, 3, 31))
    request = register(org)
    url = f"/admin/disclosure/requests/{request.pk}/"
    client.force_login(org.reviewer)
    form = BeautifulSoup(client.get(url).content, "lxml").select_one("#action-extended form")
    fields = {tag["name"] for tag in form.select("input, textarea, select")}
    assert fields == {"csrfmiddlewaretoken", "extended-on", "extended-days", "extended-note"}
    assert form.select_one("#id_extended-days")["value"] == "20"
    assert form.select_one("#id_extended-on")["value"] == "2026-03-31"

    for data, message in [
        ({"extended-days": "20", "extended-note": ""}, "请填写延期理由"),
        ({"extended-days": "25", "extended-note": "情况复杂"}, "1至20个工作日"),
    ]:
        response = client.post(f"{url}event/extended/", {"extended-on": "2026-03-20", **data})
        assert response.status_code == 200
        shown = BeautifulSoup(response.content, "lxml").select_one("#action-extended")
        assert shown.has_attr("open") and message in shown.get_text()
        assert shown.select_one("#id_extended-days")["value"] == data["extended-days"]
    assert not request.events.filter(kind="extended").exists()

    response = client.post(
        f"{url}event/extended/",
        {"extended-on": "2026-03-20", "extended-days": "20", "extended-note": "需调取档案"},
    )
    assert response.status_code == 302
    assert request.events.get(kind="extended").days == 20


def test_a_refused_reply_is_shown_on_its_form(org, client, today):
    today.set(date(2026, 3, 31))
    request = register(org)
    client.force_login(org.editor)
    response = client.post(
        f"/admin/disclosure/requests/{request.pk}/reply/",
        {"reply-outcome": "granted", "reply-on": "2026-03-01", "reply-reasons": ""},
    )
    shown = BeautifulSoup(response.content, "lxml").select_one("#action-reply")
    assert response.status_code == 200 and shown.has_attr("open")
    assert shown.select_one(".help-critical, .error-message")
    assert not request.events.filter(kind="replied").exists()


def test_editor_cannot_register_or_assign_into_another_department(org, client, today):
    today.set(date(2026, 3, 31))
    with pytest.raises(PermissionDenied):
        register(org, actor=org.editor, department="health")
    client.force_login(org.editor)
    response = client.post(
        "/admin/disclosure/register/",
        {
            **application(),
            "channel": "in_person",
            "handed_in_on": "2026-03-02",
            "department": org.health.pk,
        },
    )
    assert "无权将它放入其他部门" in " ".join(response.context["form"].errors["department"])
    assert not DisclosureRequest.objects.exists()

    request = register(org)
    response = client.post(
        f"/admin/disclosure/requests/{request.pk}/assign/", {"assign-department": org.health.pk}
    )
    assert "无权将它放入其他部门" in response.content.decode()
    request.refresh_from_db()
    assert request.department == org.finance
    client.force_login(org.reviewer)
    client.post(
        f"/admin/disclosure/requests/{request.pk}/assign/", {"assign-department": org.health.pk}
    )
    request.refresh_from_db()
    assert request.department == org.health
