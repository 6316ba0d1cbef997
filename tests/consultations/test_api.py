"""决策预公开 in the API: the public list, a consultation with its clauses and published comments
(masked names, no personal data), its adoption report, served from the page cache and dropped
exactly; the staff export of every comment and the list of dispositions, for the department's
staff only."""

import datetime as dt
import time
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.accounts import services as account_services
from gongkai.consultations import services
from gongkai.consultations.models import Consultation
from gongkai.consultations.rules import working_days_waited
from gongkai.core import pagecache
from gongkai.core.calendar import current_calendar
from gongkai.core.pagecache import list_tag
from gongkai.core.roles import Role
from tests.accounts.conftest import PASSWORD, make_account
from tests.consultations.conftest import close, make_consultation
from tests.factories import api_token, make_department, make_user, publish_object

pytestmark = pytest.mark.django_db


def submit(consultation, account, text="建议补贴覆盖三年。", clause=None, key="a"):
    return services.comment_submit(
        consultation=consultation, user=account.user, text=text, nonce=key * 24,
        clause_id=clause.pk if clause else None,
    ).comment  # fmt: skip


def published(consultation, account, editor, **kwargs):
    comment = submit(consultation, account, **kwargs)
    return services.comment_approve(comment=comment, user=editor)


def items(client, **params):
    response = client.get("/api/consultations", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()["items"]


def reported(consultation, editor):
    """Close the period, adopt every comment and publish the report through sign-off."""
    close(consultation)
    services.comments_dispose(
        consultation=consultation, comment_ids=list(consultation.comments.values_list("pk", flat=True)),
        user=editor, disposition="partly_adopted", reason="第二年起另行研究。",
    )  # fmt: skip
    return publish_object(services.report_generate(consultation=consultation, user=editor))


def test_the_list_by_phase_with_days_waited(client, department):
    open_one = make_consultation(department=department, title="正在征求意见的草案")
    waiting = close(make_consultation(department=department, title="等待反馈的草案"))
    upcoming = make_consultation(department=department, title="即将开始的草案", opened_days_ago=-3)
    make_consultation(department=department, publish=False, live=False, title="尚未签发的草案")
    assert {i["title"] for i in items(client)} == {open_one.title, waiting.title, upcoming.title}
    (row,) = items(client, phase="closed")
    assert row["id"] == waiting.pk and row["phase"] == "closed" and row["phase_label"]
    today = timezone.localdate()
    assert row["days_waited"] == working_days_waited(waiting.ends_on, today, current_calendar())
    assert row["days_left"] == 0
    (row,) = items(client, phase="open")
    assert row["id"] == open_one.pk and row["days_waited"] is None and row["days_left"] == 29
    assert [i["id"] for i in items(client, phase="upcoming")] == [upcoming.pk]
    assert items(client, department=make_department(name="财政局").pk) == []


def test_closed_ones_are_listed_longest_waiting_first(client, department):
    recent = close(make_consultation(department=department, title="昨天截止"))
    older = make_consultation(department=department, title="上月截止")
    long_ago = timezone.localdate() - dt.timedelta(days=40)
    Consultation.objects.filter(pk=older.pk).update(
        starts_on=long_ago - dt.timedelta(days=29), ends_on=long_ago
    )
    rows = items(client, phase="closed")
    assert [r["id"] for r in rows] == [older.pk, recent.pk]
    assert rows[0]["days_waited"] > rows[1]["days_waited"] >= 0


def test_a_consultation_with_its_clauses_and_masked_comments(
    client, consultation, citizen, other_citizen, editor
):
    first, second = consultation.clauses.all()
    on_clause = published(consultation, citizen, editor, clause=first, text="<b>补贴</b>三年")
    general = published(consultation, other_citizen, editor, key="b", text="整体同意。")
    submit(consultation, citizen, key="c", text="待审核的意见")
    refused = submit(consultation, citizen, key="d", text="不予公开的意见")
    services.comment_refuse(comment=refused, user=editor, reason="与草案无关")
    response = client.get(f"/api/consultations/{consultation.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == consultation.title and body["phase"] == "open"
    assert body["offline_channels"] == consultation.offline_channels
    assert body["published_comments"] == 2 and body["report_url"] is None
    assert [c["heading"] for c in body["clauses"]] == ["第一条", "第二条"]
    (comment,) = body["clauses"][0]["comments"]
    assert comment["id"] == on_clause.pk and comment["text"] == "<b>补贴</b>三年"
    assert comment["author"] == "张**" and comment["disposition"] is None
    assert body["clauses"][1]["comments"] == []
    assert [c["id"] for c in body["comments"]] == [general.pk]
    text = response.content.decode()
    for secret in (
        "张三丰",
        "citizen@example.com",
        "other@example.com",
        "待审核",
        "不予公开的意见",
    ):
        assert secret not in text
    assert on_clause.tracking_number not in text
    assert second.pk == body["clauses"][1]["id"]


def test_a_draft_or_unknown_consultation_is_not_found(client, department):
    draft = make_consultation(department=department, publish=False, live=False)
    for url in (f"/api/consultations/{draft.pk}", f"/api/consultations/{draft.pk}/report"):
        response = client.get(url)
        assert response.status_code == 404 and " / " in response.json()["detail"]
    assert client.get("/api/consultations/999999").status_code == 404
    assert client.get(f"/api/consultations/{10**20}").status_code == 422


def test_a_newly_published_comment_and_report_appear_at_once(client, consultation, citizen, editor):
    url = f"/api/consultations/{consultation.pk}"
    assert client.get(url).json()["published_comments"] == 0
    assert items(client)[0]["published_comments"] == 0
    comment = submit(consultation, citizen)
    assert client.get(url).json()["published_comments"] == 0  # pending: still the stored page
    services.comment_approve(comment=comment, user=editor)
    assert client.get(url).json()["published_comments"] == 1
    assert items(client)[0]["published_comments"] == 1
    assert client.get(f"{url}/report").status_code == 404
    report = reported(consultation, editor)
    body = client.get(url).json()
    assert body["phase"] == "reported" and body["report_url"].endswith(f"{url}/report")
    answered = body["clauses"][0]["comments"] + body["comments"]
    assert [c["disposition"] for c in answered] == ["partly_adopted"]
    assert answered[0]["disposition_reason"] == "第二年起另行研究。"
    published_report = client.get(f"{url}/report").json()
    assert published_report["text"] == report.text
    assert published_report["counts"] == {
        "total": 1, "adopted": 0, "partly_adopted": 1, "not_adopted": 0, "undisposed": 0,
        "adoption_percent": 100,
    }  # fmt: skip
    assert items(client)[0]["report_published_at"] is not None


def test_a_deleted_account_shows_as_deleted_at_once(client, consultation, editor):
    account = make_account(email="leaving@example.com", name="王小明")
    published(consultation, account, editor)
    url = f"/api/consultations/{consultation.pk}"
    assert client.get(url).json()["comments"][0]["author"] == "王**"
    account_services.account_delete(user=account.user, password=PASSWORD)
    assert client.get(url).json()["comments"][0]["author"] == "已注销用户"


class Clock:
    """Moves ``timezone.now`` and ``time.time`` (the page cache's clock) together."""

    def __init__(self, monkeypatch):
        self.offset = dt.timedelta(0)
        real_now, real_time = timezone.now, time.time
        monkeypatch.setattr(timezone, "now", lambda: real_now() + self.offset)
        monkeypatch.setattr(time, "time", lambda: real_time() + self.offset.total_seconds())

    def advance(self, **delta):
        self.offset += dt.timedelta(**delta)


def test_the_days_left_move_at_midnight(client, consultation, monkeypatch):
    clock = Clock(monkeypatch)
    url = f"/api/consultations/{consultation.pk}"
    first = client.get(url).json()["days_left"], items(client)[0]["days_left"]
    assert first == (29, 29)
    clock.advance(days=1)
    assert (client.get(url).json()["days_left"], items(client)[0]["days_left"]) == (28, 28)


def test_the_list_as_csv(client, consultation):
    response = client.get("/api/consultations", {"format": "csv", "phase": "open"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert consultation.title in text and "正在征求意见" in text


@pytest.mark.parametrize(
    "query",
    ["phase=finished", f"department={10**20}", "department=0", "modified_since=12", "limit=1000"],
)
def test_bad_parameters_are_refused_clearly(client, query):
    response = client.get(f"/api/consultations?{query}")
    assert response.status_code == 422
    assert " / " in response.json()["detail"]


# --- staff ---------------------------------------------------------------------------------


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token(user, name='export')}"}


def test_every_comment_with_its_author_for_the_department(client, consultation, citizen, editor):
    first = published(consultation, citizen, editor, text="已公开的意见")
    pending = submit(consultation, citizen, key="p", text="待审核的意见")
    url = f"/api/staff/consultations/{consultation.pk}/comments"
    body = client.get(url, headers=bearer(editor)).json()
    assert [row["id"] for row in body["items"]] == [first.pk, pending.pk]
    row = body["items"][1]
    assert (row["author"], row["email"], row["status"]) == (
        "张三丰",
        "citizen@example.com",
        "pending",
    )
    assert row["tracking_number"] == pending.tracking_number and row["disposition"] is None
    only = client.get(url, {"status": "pending"}, headers=bearer(editor)).json()["items"]
    assert [row["id"] for row in only] == [pending.pk]


def test_the_export_has_the_back_offices_columns_and_every_comment(
    client, consultation, citizen, editor
):
    published(consultation, citizen, editor, text="=HYPERLINK(1)")
    submit(consultation, citizen, key="p", text="待审核的意见")
    url = f"/api/staff/consultations/{consultation.pk}/comments"
    response = client.get(url, {"format": "csv"}, headers=bearer(editor))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    client.force_login(editor)
    portal = client.get(reverse("consultations_admin:export", args=[consultation.pk, "csv"]))
    assert text == b"".join(portal.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "待审核的意见" in text and "citizen@example.com" in text
    client.logout()
    xlsx = client.get(url, {"format": "xlsx"}, headers=bearer(editor))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].endswith("spreadsheetml.sheet")
    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert rows[0][:3] == ("意见编号", "条款", "意见内容") and len(rows) == 3


def test_the_export_is_refused_to_other_departments_and_without_a_token(client, consultation):
    url = f"/api/staff/consultations/{consultation.pk}/comments"
    assert client.get(url).status_code == 401
    stranger = make_user(role=Role.EDITOR, department=make_department(name="财政局"))
    refused = client.get(url, headers=bearer(stranger))
    assert refused.status_code == 403 and "本部门" in refused.json()["detail"]
    assessor = make_user(role=Role.ASSESSOR)
    assert client.get(url, headers=bearer(assessor)).status_code == 403
    missing = client.get("/api/staff/consultations/999999/comments", headers=bearer(stranger))
    assert missing.status_code == 404
    bad = client.get(url, {"format": "pdf"}, headers=bearer(stranger))
    assert bad.status_code == 422


def test_the_dispositions_list(client, consultation, citizen, other_citizen, editor):
    adopted = published(consultation, citizen, editor, text="采纳的意见")
    waiting = published(consultation, other_citizen, editor, key="b", text="待处理的意见")
    submit(consultation, citizen, key="c", text="待审核的意见")
    close(consultation)
    services.comments_dispose(
        consultation=consultation, comment_ids=[adopted.pk], user=editor,
        disposition="adopted", reason="",
    )  # fmt: skip
    url = f"/api/staff/consultations/{consultation.pk}/dispositions"
    body = client.get(url, headers=bearer(editor)).json()
    assert [row["id"] for row in body["items"]] == [adopted.pk, waiting.pk]
    assert body["items"][0]["disposition"] == "adopted" and body["items"][1]["disposition"] is None
    assert body["counts"]["total"] == 2 and body["counts"]["undisposed"] == 1
    assert "citizen@example.com" not in str(body) and "张三丰" not in str(body)
    undisposed = client.get(url, {"disposition": "none"}, headers=bearer(editor)).json()
    assert [row["id"] for row in undisposed["items"]] == [waiting.pk]
    csv = client.get(url, {"format": "csv"}, headers=bearer(editor))
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "采纳的意见" in text and "待审核的意见" not in text
    stranger = make_user(role=Role.HEAD, department=make_department(name="财政局"))
    assert client.get(url, headers=bearer(stranger)).status_code == 403


def test_lists_read_a_fixed_number_of_queries(client, department, citizen, editor):
    def count(url):
        pagecache.invalidate(list_tag(Consultation), f"consultation:{consultation.pk}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    consultation = make_consultation(department=department)
    published(consultation, citizen, editor)
    urls = ["/api/consultations", f"/api/consultations/{consultation.pk}"]
    before = [count(url) for url in urls]
    for number in range(3):
        make_consultation(department=department, title=f"草案{number}")
        account = make_account(email=f"more{number}@example.com")
        published(consultation, account, editor, key=str(number))
    assert [count(url) for url in urls] == before
