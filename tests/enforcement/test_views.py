"""The public pages (cached, invalidated exactly), the feedback form, the back office in both
languages and department scoping."""

import io
import json
import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import Workbook
from wagtail.users.models import UserProfile

from gongkai.enforcement import services
from gongkai.enforcement.models import Decision, Feedback, ItemListVersion
from tests.enforcement.conftest import make_decision, uscc

pytestmark = pytest.mark.django_db
HAN = re.compile(r"[\u4e00-\u9fff]")


def in_english(user):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})


def assert_refused(response) -> None:
    """Wagtail's "no access": PermissionDenied in an admin view redirects to the admin home."""
    assert response.status_code == 302 and response["Location"] == "/admin/"


def published(department, head, **fields):
    return make_decision(department=department, user=head, publish=True, **fields)


def test_decision_list_filters_and_masked_page(client, department, head, other_department):
    decision = published(department, head)
    make_decision(department=department, user=head, number="未公开的决定")
    listing = client.get(reverse("enforcement:decisions")).content.decode()
    assert decision.number in listing and "未公开的决定" not in listing
    assert "王秀英" not in listing and "王**" in listing
    filtered = client.get(reverse("enforcement:decisions"), {"kind": "licence"}).content.decode()
    assert decision.number not in filtered
    other = client.get(reverse("enforcement:decisions"), {"department": other_department.pk})
    assert decision.number not in other.content.decode()
    by_year = client.get(reverse("enforcement:decisions"), {"year": "2026", "q": "筑市监"})
    assert decision.number in by_year.content.decode()
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "王**" in page and "王秀英" not in page and "13985012345" not in page
    assert "csrfmiddlewaretoken" not in page


def test_withdrawal_invalidates_the_cached_pages(client, department, head):
    decision = published(department, head)
    first = client.get(decision.get_absolute_url())
    assert client.get(decision.get_absolute_url())["ETag"] == first["ETag"]
    assert decision.number in client.get(reverse("enforcement:decisions")).content.decode()
    services.decision_revoke(
        decision, user=head, reason="revoked", event_on=date.today(), note="经复议撤销"
    )
    gone = client.get(decision.get_absolute_url())
    assert gone.status_code == 410
    text = gone.content.decode()
    assert "经复议撤销" in text and "王**" not in text and "过期食品" not in text
    assert decision.number not in client.get(reverse("enforcement:decisions")).content.decode()


def test_drafts_are_not_public(client, decision):
    assert client.get(decision.get_absolute_url()).status_code == 404
    assert client.get(reverse("enforcement:feedback", args=[decision.pk])).status_code == 404


def test_feedback_form_double_submit_limits_and_rate(client, department, head, settings):
    decision = published(department, head)
    url = reverse("enforcement:feedback", args=[decision.pk])
    form = client.get(url).content.decode()
    assert "csrfmiddlewaretoken" in form
    data = {"kind": "wrong", "text": "罚款金额与决定书不符。", "nonce": "a" * 24}
    assert client.post(url, data).status_code == 200
    assert client.post(url, data).status_code == 200
    assert Feedback.objects.count() == 1
    too_long = client.post(url, dict(data, text="长" * 2001, nonce="b" * 24))
    assert too_long.status_code == 400 and Feedback.objects.count() == 1
    settings.ENFORCEMENT_FEEDBACK_LIMIT = 1
    assert client.post(url, dict(data, nonce="c" * 24)).status_code == 429


def test_item_list_page_versions_and_exports(client, department, head):
    row = {"name": "对销售过期食品的处罚", "kind": "penalty", "legal_basis": "食品安全法",
               "acting_body": "市场监督管理局", "random_inspection": True}  # fmt: skip
    services.item_list_publish(department=department, rows=[row], note="首版", user=head)
    services.item_list_publish(
        department=department, rows=[row, dict(row, name="食品经营许可", kind="licence")],
        note="新增许可", user=head,
    )  # fmt: skip
    page = client.get(reverse("enforcement:items", args=[department.pk])).content.decode()
    assert "食品经营许可" in page and 'id="changes"' in page
    old = client.get(reverse("enforcement:items", args=[department.pk]), {"version": 1})
    assert "食品经营许可" not in old.content.decode().split('id="items"')[1]
    csv = client.get(reverse("enforcement:items_export", args=[department.pk, "csv"]))
    assert "食品经营许可" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("enforcement:items_export", args=[department.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    assert (
        client.get(reverse("enforcement:items_export", args=[department.pk, "pdf"])).status_code
        == 404
    )


def test_public_plan_and_verify_page(client, plan, head):
    assert client.get(plan.get_absolute_url()).status_code == 404
    services.plan_commit(plan, user=head)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert plan.seed_commitment in page and plan.seed not in page
    services.plan_draw(plan, user=head)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert plan.seed in page and plan.result[0]["entity"] in page
    verify = client.get(reverse("enforcement:plan_verify", args=[plan.pk])).content.decode()
    assert verify.count("✓") == 5
    record = json.loads(client.get(reverse("enforcement:plan_json", args=[plan.pk])).content)
    assert record["seed"] == plan.seed


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "decisions.xlsx"
    return out


HEADER = ["执法文书号", "执法类别", "当事人类别", "当事人名称", "证件号码", "主要违法事实",
          "执法依据", "执法结论", "罚没金额", "决定日期"]  # fmt: skip


def test_bulk_import_reports_each_bad_row_and_imports_nothing(client, department, head):
    client.force_login(head)
    url = reverse("enforcement_admin:decision_import")
    good = ["筑交罚〔2026〕1号", "处罚", "法人", "贵阳某某运输有限公司", uscc(), "超限运输。",
            "公路法", "罚款2000元", "2000", "2026-02-11"]  # fmt: skip
    bad = [
        "筑交罚〔2026〕2号",
        "罚款",
        "法人",
        "某公司",
        "123",
        "事实",
        "依据",
        "结论",
        "x",
        "2026-13-01",
    ]
    response = client.post(url, {"department": department.pk, "file": _xlsx([HEADER, good, bad])})
    page = response.content.decode()
    assert "import-errors" in page and Decision.objects.count() == 0
    assert "<td>3</td>" in page
    response = client.post(url, {"department": department.pk, "file": _xlsx([HEADER, good])})
    assert response.status_code == 302
    [decision] = Decision.objects.all()
    assert decision.publication_due == date(2026, 2, 27)


def test_admin_flow_publish_and_revoke(client, department, head):
    client.force_login(head)
    response = client.post(
        reverse("enforcement_admin:decision_new"),
        {"department": department.pk, "kind": "penalty", "number": "筑市监罚〔2026〕9号",
         "target_kind": "natural", "target_name": "张三丰", "target_code": "",
         "facts": "当事人张三丰无证经营，手机13985012345。", "legal_basis": "食品安全法",
         "conclusion": "罚款1000元", "penalty_amount": "1000", "decided_on": "2026-09-29"},
    )  # fmt: skip
    decision = Decision.objects.get()
    assert response["Location"] == reverse("enforcement_admin:decision", args=[decision.pk])
    page = client.get(response["Location"]).content.decode()
    assert "2026-10-14" in page and "张**" in page and "国庆节" in page
    client.post(reverse("enforcement_admin:decision_publish", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.is_public
    client.post(
        reverse("enforcement_admin:decision_revoke", args=[decision.pk]),
        {"reason": "revoked", "event_on": date.today().isoformat(), "take_down": "on"},
    )
    decision.refresh_from_db()
    assert decision.status == "withdrawn"


def test_other_departments_are_refused(client, decision, other_head, plan):
    client.force_login(other_head)
    for url in (
        reverse("enforcement_admin:decision", args=[decision.pk]),
        reverse("enforcement_admin:decision_edit", args=[decision.pk]),
        reverse("enforcement_admin:plan", args=[plan.pk]),
    ):
        assert_refused(client.get(url))
    assert_refused(client.post(reverse("enforcement_admin:decision_publish", args=[decision.pk])))
    decision.refresh_from_db()
    assert not decision.is_public
    listing = client.get(reverse("enforcement_admin:decisions")).content.decode()
    assert decision.number not in listing


@pytest.mark.parametrize(
    "name",
    ["queue", "decisions", "decision_new", "decision_import", "item_lists", "item_import",
     "plans", "plan_new", "statistics"],
)  # fmt: skip
def test_back_office_pages_in_english_show_no_chinese_labels(client, head, name, decision, plan):
    in_english(head)
    client.force_login(head)
    page = client.get(reverse(f"enforcement_admin:{name}")).content.decode()
    page = page.replace(settings.WAGTAIL_SITE_NAME, "")  # bilingual by choice, like the title
    shown = re.sub(r"<option[^>]*>[^<]*</option>|<code lang=\"zh-Hans\">[^<]*</code>|筑市监罚〔2026〕\d+号|市场监督管理局|"
                   r"2026年食品经营者双随机抽查", "", page)  # fmt: skip
    assert not HAN.search(re.sub(r"<script.*?</script>|<[^>]+>", " ", shown, flags=re.S)), name


def test_decision_and_plan_pages_in_english(client, head, decision, plan):
    in_english(head)
    client.force_login(head)
    page = client.get(reverse("enforcement_admin:decision", args=[decision.pk])).content.decode()
    assert "Publication deadline" in page and "Full record (not public)" in page
    assert "National Day" in page
    services.plan_commit(plan, user=head)
    services.plan_draw(plan, user=head)
    page = client.get(reverse("enforcement_admin:plan", args=[plan.pk])).content.decode()
    assert "the seed matches the commitment" in page


def test_menu_in_english(client, head):
    in_english(head)
    client.force_login(head)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Enforcement publicity" in page and "行政执法公示" not in page
    assert ItemListVersion._meta.verbose_name is not None
