"""The public form, acknowledgement, tracking page and bad input, through Django."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from gongkai.disclosure import services
from gongkai.disclosure.models import DisclosureRequest, RequestEvent
from tests.disclosure.conftest import VALID_USCC, application, submit, token_from

pytestmark = pytest.mark.django_db


def test_apply_commits_acknowledges_and_mails_the_private_link(
    client, today, django_capture_on_commit_callbacks
):
    today.set(date(2026, 9, 28))
    page = client.get("/requests/apply/")
    assert page.status_code == 200
    assert "purpose" not in page.content.decode() and "用途" not in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client)

    assert response.status_code == 302
    token = token_from(response)
    request = DisclosureRequest.objects.get()
    assert request.tracking_number == "GK-2026-000001"
    assert request.channel == "online" and request.received_on == date(2026, 9, 28)
    # 20 working days: 09-29, 09-30, National Day 10-01..07 off, 10-08..10 (10-10 worked), ...
    assert request.due_on == date(2026, 10, 30)
    assert list(request.events.values_list("kind", flat=True)) == ["received"]
    ack = client.get(response["Location"])
    body = ack.content.decode()
    assert request.tracking_number in body and token in body
    assert "2026-10-30" in body
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhangsan@example.com"]
    assert f"/requests/track/{token}/" in mail.outbox[0].body


def test_a_submission_and_its_acknowledgement_take_few_queries(
    client, django_assert_max_num_queries
):
    """One transaction for the submission (counter, request, event, audit row, queued mail);
    the acknowledgement reads the request and its events, and names no staff, so it reads no
    user table; it shows none of the applicant's particulars, so it reads none."""
    submit(client)  # the year's tracking counter exists from now on
    with django_assert_max_num_queries(7):
        response = submit(client)
    with django_assert_max_num_queries(2) as page_queries:
        ack = client.get(response["Location"])
    assert ack.status_code == 200 and token_from(response) in ack.content.decode()
    assert not [q["sql"] for q in page_queries.captured_queries if "auth_user" in q["sql"]]
    assert not [q["sql"] for q in page_queries.captured_queries if "id_number" in q["sql"]]


def test_a_refused_application_is_refused_before_the_write_transaction(
    django_assert_max_num_queries,
):
    """Checks and preparation come before the transaction (no BEGIN; in a test's own
    transaction, no SAVEPOINT): on SQLite, BEGIN IMMEDIATE takes the database's one write
    lock, which every other submission waits for."""
    data = application(applicant_name="")
    with django_assert_max_num_queries(5) as queries, pytest.raises(services.RequestError):
        services.request_submit(application=data, nonce=data["nonce"])
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert not {"BEGIN", "SAVEPOINT", "UPDATE", "INSERT"} & set(statements), statements


def test_personal_fields_are_encrypted_at_rest(client):
    submit(client, contact_person="李四")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT applicant_name, contact_person, id_number, phone, email, postal_address "
            "FROM disclosure_disclosurerequest"
        )
        stored = cursor.fetchone()
    assert all(value.startswith("gAAAA") for value in stored), stored
    assert not {"张三", "李四", "13812345678"} & set("".join(stored))
    request = DisclosureRequest.objects.get()
    assert (request.applicant_name, request.contact_person) == ("张三", "李四")
    assert request.phone == "13812345678"
    assert request.access_token_hash and request.idempotency_key_hash


def test_double_submit_returns_the_same_request(client):
    data = application()
    first = client.post("/requests/apply/", data)
    second = client.post("/requests/apply/", data)
    assert first["Location"] == second["Location"]
    assert DisclosureRequest.objects.count() == 1
    assert RequestEvent.objects.count() == 1


def test_tracking_by_token_and_by_number_and_code(client):
    token = token_from(submit(client))
    request = DisclosureRequest.objects.get()
    assert client.get(f"/requests/track/{token}/").status_code == 200
    assert client.get("/requests/track/" + "x" * 43 + "/").status_code == 404
    found = client.post(
        "/requests/track/", {"tracking_number": request.tracking_number, "contact": token}
    )
    assert found.status_code == 302 and found["Location"].endswith(f"/track/{token}/")
    wrong = client.post("/requests/track/", {"tracking_number": "GK-2026-999999", "contact": token})
    assert wrong.status_code == 200 and "未找到" in wrong.content.decode()


@pytest.mark.parametrize(
    "contact",
    ["13812345678", "+86 138-1234-5678", "ZhangSan@Example.com", " zhangsan@example.com "],
)
def test_lookup_by_tracking_number_and_phone_or_email(client, contact):
    submit(client)
    request = DisclosureRequest.objects.get()
    visitor = Client()
    found = visitor.post(
        "/requests/track/", {"tracking_number": request.tracking_number.lower(), "contact": contact}
    )
    assert found["Location"] == f"/requests/found/{request.tracking_number}/"
    page = visitor.get(found["Location"]).content.decode()
    assert request.tracking_number in page and "财政预算执行情况" in page
    assert Client().get(found["Location"]).status_code == 404  # only in the finder's session


def test_lookup_answers_alike_for_unknown_number_and_wrong_contact(client):
    submit(client)
    request = DisclosureRequest.objects.get()
    wrong_contact = client.post(
        "/requests/track/", {"tracking_number": request.tracking_number, "contact": "13900000000"}
    )
    unknown = client.post(
        "/requests/track/", {"tracking_number": "GK-2026-999999", "contact": "13812345678"}
    )
    assert wrong_contact.status_code == unknown.status_code == 200
    assert (
        alerts(wrong_contact)
        == alerts(unknown)
        == ["未找到与申请编号和联系方式相符的申请，请核对后重试。"]
    )


def alerts(response) -> list[str]:
    return re.findall(
        r"<li>([^<]*)</li>", response.content.decode().split('role="alert"')[1].split("</ul>")[0]
    )


def test_lookup_is_rate_limited_per_address(client, settings):
    settings.DISCLOSURE_LOOKUP_LIMIT = 3
    submit(client)
    request = DisclosureRequest.objects.get()
    codes = [
        client.post(
            "/requests/track/",
            {"tracking_number": request.tracking_number, "contact": f"1390000000{i}"},
        ).status_code
        for i in range(3)
    ]
    right = {"tracking_number": request.tracking_number, "contact": "13812345678"}
    assert codes == [200, 200, 200]
    assert client.post("/requests/track/", right).status_code == 429  # even the right answer
    assert client.post("/requests/track/", right, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_contact_is_compared_by_keyed_hash_not_stored_in_clear(client):
    submit(client)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phone, email, phone_key, email_key FROM disclosure_disclosurerequest"
        )
        phone, email, phone_key, email_key = cursor.fetchone()
    assert "13812345678" not in phone and "zhangsan" not in email
    assert len(phone_key) == len(email_key) == 64 and "13812345678" not in phone_key


def test_receipt_page_is_printable(client):
    token = token_from(submit(client))
    request = DisclosureRequest.objects.get()
    page = client.get(f"/requests/track/{token}/")
    assert f"/requests/track/{token}/receipt/" in page.content.decode()
    receipt = client.get(f"/requests/track/{token}/receipt/").content.decode()
    assert "政府信息公开申请回执" in receipt and request.tracking_number in receipt
    assert "disclosure/receipt.css" in receipt and "张三" in receipt


def test_flood_from_one_address_is_rate_limited(client, settings):
    settings.DISCLOSURE_SUBMIT_LIMIT = 3
    first = application()
    codes = [client.post("/requests/apply/", first).status_code]
    codes += [submit(client).status_code for _ in range(3)]
    assert codes == [302, 302, 302, 429]
    assert client.post("/requests/apply/", first).status_code == 302  # a repeat is answered
    refused = submit(client)
    assert "请在10分钟后再试" in refused.content.decode()
    assert "try again" not in refused.content.decode()
    client.cookies["django_language"] = "en"
    assert "try again in 10 minutes" in submit(client).content.decode()
    assert DisclosureRequest.objects.count() == 3
    other = client.post("/requests/apply/", application(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_rate_limit_can_be_lifted(client, settings):
    settings.DISCLOSURE_SUBMIT_LIMIT = 0
    assert all(submit(client).status_code == 302 for _ in range(8))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "110105194912310021"}, "校验位不正确"),
        (
            {"phone": "", "email": "", "postal_address": "", "delivery": "online"},
            "至少填写一种联系方式",
        ),
        ({"email": "", "delivery": "email"}, "请填写电子邮箱"),
        ({"description": "请" * 20000}, "不能超过5000个字"),
        (
            {"applicant_type": "commercial", "org_code": "91350100M000100Y44"},
            "统一社会信用代码校验位不正确",
        ),
        ({"applicant_type": "commercial", "org_code": ""}, "统一社会信用代码"),
        ({"description": ""}, "所需政府信息"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, overrides, message):
    response = submit(client, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_organisation_with_valid_credit_code_is_accepted(client):
    response = submit(
        client, applicant_type="research", org_code=VALID_USCC.lower(), id_number="", id_type=""
    )
    assert response.status_code == 302
    assert DisclosureRequest.objects.get().org_code == VALID_USCC


def test_english_pages_and_messages(client):
    client.cookies["django_language"] = "en"
    page = client.get("/requests/apply/").content.decode()
    assert "Submit the request" in page and "Unified social credit code" in page
    response = client.post(
        "/requests/apply/",
        application(id_number="110105194912310021"),
    )
    assert "check digit" in response.content.decode()


def test_scripts_are_inert(client):
    script = "<script>alert('x')</script>"
    token = token_from(submit(client, applicant_name=script, description=f"资料{script}"))
    body = client.get(f"/requests/track/{token}/").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body


def test_executable_attachment_is_refused_and_nothing_is_written(client):
    exe = SimpleUploadedFile("申请.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post("/requests/apply/", {**application(), "attachments": [exe]})
    assert response.status_code == 400
    assert "可执行文件" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_pdf_attachment_is_kept(client):
    pdf = SimpleUploadedFile("身份证明.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    assert (
        client.post("/requests/apply/", {**application(), "attachments": [pdf]}).status_code == 302
    )
    attachment = DisclosureRequest.objects.get().attachments.get()
    assert attachment.kind == "pdf" and attachment.name == "身份证明.pdf"


def test_logged_in_applicant_sees_their_requests(client, django_user_model):
    user = django_user_model.objects.create_user("citizen", password="pw-citizen-123")
    client.force_login(user)
    submit(client)
    anonymous = Client()
    submit(anonymous)
    page = client.get("/requests/mine/")
    request = DisclosureRequest.objects.get(submitted_by=user)
    assert request.tracking_number in page.content.decode()
    assert DisclosureRequest.objects.count() == 2
    assert client.get(f"/requests/mine/{request.tracking_number}/").status_code == 200
    other = DisclosureRequest.objects.exclude(pk=request.pk).get()
    assert client.get(f"/requests/mine/{other.tracking_number}/").status_code == 404
    assert anonymous.get("/requests/mine/").status_code == 302


def test_id_types_agree_with_the_pure_checks():
    from gongkai.disclosure.application import ID_TYPES
    from gongkai.disclosure.models import IdType

    assert tuple(IdType.values) == ID_TYPES


def test_guide_lists_the_application_channels():
    from gongkai.portal.models import GuidePage

    guide = GuidePage.objects.get()
    assert 'id="application-channels"' in guide.body and "平常信函" in guide.body
    assert "/requests/apply/" in guide.body and 'id="application-channels"' in guide.body_en


def test_applicant_withdraws_from_the_private_page(client):
    token = token_from(submit(client))
    client.post(f"/requests/track/{token}/withdraw/")
    assert DisclosureRequest.objects.get().status == "running"  # not confirmed
    client.post(f"/requests/track/{token}/withdraw/", {"confirm": "1"})
    request = DisclosureRequest.objects.get()
    assert request.status == "withdrawn" and request.outcome == "other.other"
    assert "已撤回" in client.get(f"/requests/track/{token}/").content.decode()


def _mailed_link(client, django_capture_on_commit_callbacks, **extra) -> str:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/requests/apply/", application(), **extra)
    return re.search(r"https?://\S+/requests/track/\S+", mail.outbox[0].body).group(0)


def test_mail_links_use_the_address_the_site_was_reached_on(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["gongkai.example.gov.cn", "testserver"]
    link = _mailed_link(
        client, django_capture_on_commit_callbacks, HTTP_HOST="gongkai.example.gov.cn"
    )
    assert link.startswith("http://gongkai.example.gov.cn/requests/track/")
    assert "127.0.0.1" not in mail.outbox[0].body

    from gongkai.disclosure.tasks import notify_applicant

    mail.outbox.clear()
    notify_applicant.call(DisclosureRequest.objects.get().pk, "replied")
    assert "http://gongkai.example.gov.cn/requests/track/" in mail.outbox[0].body


def test_mail_links_never_follow_an_unchecked_host(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["*"]
    link = _mailed_link(client, django_capture_on_commit_callbacks, HTTP_HOST="evil.example")
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL + "/requests/track/")
    settings.SITE_URL = "https://gongkai.example.gov.cn"
    link = _mailed_link(client, django_capture_on_commit_callbacks, HTTP_HOST="evil.example")
    assert link.startswith("https://gongkai.example.gov.cn/requests/track/")
