"""The staff API: register, events, reply; token authentication; 422 for refused input."""

from datetime import date

import pytest
from django.test import Client

from gongkai.disclosure.models import DisclosureRequest
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(org):
    def client_for(user):
        token = factories.api_token(user)
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    return client_for


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


NEW = {
    "received_on": "2026-03-02",
    "channel": "in_person",
    "applicant_type": "legal_services",
    "applicant_name": "某某律师事务所",
    "description": "请公开某项目的环评批复。",
    "email": "law@example.com",
}


def test_create_request_returns_id_tracking_number_and_due_date(api, org, today):
    today.set(date(2026, 3, 31))
    response = post(api(org.reviewer), "/api/staff/requests", NEW)
    assert response.status_code == 201, response.content
    body = response.json()
    request = DisclosureRequest.objects.get(pk=body["id"])
    assert body["tracking_number"] == request.tracking_number == "GK-2026-000001"
    assert body["due_on"] == "2026-03-30"
    assert body["explanation"][0].startswith("2026-03-02 收到申请")
    assert "/requests/track/" in body["private_link"]
    assert request.registered_by == org.reviewer


def test_unauthenticated_is_401(org):
    assert post(Client(), "/api/staff/requests", NEW).status_code == 401


def test_future_date_is_refused_in_both_languages(api, org, today):
    today.set(date(2026, 3, 1))
    response = post(api(org.reviewer), "/api/staff/requests", NEW)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "晚于今天" in detail and "future dates are refused" in detail


def test_invalid_input_is_422(api, org, today):
    today.set(date(2026, 3, 31))
    bad_kind = post(api(org.reviewer), "/api/staff/requests", {**NEW, "channel": "pigeon"})
    assert bad_kind.status_code == 422
    bad_code = post(
        api(org.reviewer), "/api/staff/requests", {**NEW, "org_code": "91350100M000100Y44"}
    )
    assert bad_code.status_code == 422
    assert bad_code.json()["errors"][0]["field"] == "org_code"


@pytest.mark.parametrize(
    ("events", "status", "due_on"),
    [
        ([("correction_requested", "2026-03-04", {"days": 5, "note": "补正"})], "lapsed", None),
        (
            [("correction_requested", "2026-03-04", {"days": 20, "note": "补正"})],
            "awaiting_correction",
            None,
        ),
        (
            [
                ("correction_requested", "2026-03-04", {"until": "2026-03-13", "note": "补正"}),
                ("correction_received", "2026-03-09", {}),
            ],
            "running",
            "2026-04-07",
        ),
        ([("consultation_started", "2026-03-16", {})], "in_consultation", None),
        (
            [("consultation_started", "2026-03-16", {}), ("consultation_ended", "2026-03-27", {})],
            "running",
            "2026-04-13",
        ),
        ([("extended", "2026-03-20", {"days": 20, "note": "情况复杂"})], "running", "2026-04-28"),
        (
            [("fee_notice", "2026-03-05", {"fee_method": "per_volume", "pages": 31})],
            "awaiting_fee",
            None,
        ),
        (
            [
                ("fee_notice", "2026-03-05", {"fee_method": "per_volume", "pages": 31}),
                ("fee_paid", "2026-03-06", {}),
            ],
            "running",
            "2026-03-31",
        ),
        ([("withdrawn", "2026-03-05", {})], "withdrawn", "2026-03-30"),
    ],
)
def test_each_event_kind(api, org, today, events, status, due_on):
    today.set(date(2026, 3, 31))
    client = api(org.reviewer)
    request_id = post(client, "/api/staff/requests", NEW).json()["id"]
    for kind, on, extra in events:
        response = post(
            client, f"/api/staff/requests/{request_id}/events", {"kind": kind, "date": on, **extra}
        )
        assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == status and body["due_on"] == due_on
    assert body["explanation"] and body["explanation_en"]


def test_extension_by_a_department_editor_is_403(api, org, today):
    today.set(date(2026, 3, 31))
    request_id = post(
        api(org.reviewer), "/api/staff/requests", {**NEW, "department_id": org.finance.pk}
    ).json()["id"]
    response = post(
        api(org.editor),
        f"/api/staff/requests/{request_id}/events",
        {"kind": "extended", "date": "2026-03-20", "days": 5, "note": "x"},
    )
    assert response.status_code == 403
    assert "延期答复须经" in response.json()["detail"]


def test_other_departments_requests_are_404(api, org, today):
    today.set(date(2026, 3, 31))
    request_id = post(
        api(org.reviewer), "/api/staff/requests", {**NEW, "department_id": org.finance.pk}
    ).json()["id"]
    response = post(
        api(org.other_editor),
        f"/api/staff/requests/{request_id}/events",
        {"kind": "withdrawn", "date": "2026-03-20"},
    )
    assert response.status_code == 404


def test_reply_and_refusals(api, org, today):
    today.set(date(2026, 3, 31))
    client = api(org.reviewer)
    request_id = post(client, "/api/staff/requests", NEW).json()["id"]
    future = post(
        client,
        f"/api/staff/requests/{request_id}/reply",
        {"outcome": "granted", "date": "2026-04-01", "text": "x"},
    )
    assert future.status_code == 422
    unknown = post(
        client,
        f"/api/staff/requests/{request_id}/reply",
        {"outcome": "maybe", "date": "2026-03-20"},
    )
    assert unknown.status_code == 422
    response = post(
        client,
        f"/api/staff/requests/{request_id}/reply",
        {
            "outcome": "unavailable.not_held",
            "date": "2026-03-20",
            "text": "经检索，本机关未制作或获取该信息。",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "replied" and body["outcome"] == "unavailable.not_held"
    assert "本机关不掌握相关政府信息" in body["letter_text"]
    again = post(
        client,
        f"/api/staff/requests/{request_id}/events",
        {"kind": "withdrawn", "date": "2026-03-25"},
    )
    assert again.status_code == 422 and again.json()["code"] == "already_closed"


def test_registering_for_another_department_is_403(api, org, today):
    today.set(date(2026, 3, 31))
    response = post(api(org.editor), "/api/staff/requests", {**NEW, "department_id": org.health.pk})
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert "无权将它放入其他部门" in detail and "not put it into another department" in detail
    assert not DisclosureRequest.objects.exists()


def test_editor_registers_for_own_department(api, org, today):
    today.set(date(2026, 3, 31))
    own = post(api(org.editor), "/api/staff/requests", {**NEW, "department_id": org.finance.pk})
    unnamed = post(api(org.editor), "/api/staff/requests", NEW)
    assert own.status_code == unnamed.status_code == 201
    assert set(DisclosureRequest.objects.values_list("department", flat=True)) == {org.finance.pk}
