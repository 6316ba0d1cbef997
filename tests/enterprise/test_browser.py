"""In a real browser, 政策通 from end to end: an enterprise registers on the public site, fills
its profile and sees its matches with the reasons; it subscribes to "new policies I match";
a member of staff writes the rule of a new policy in the back office, watching the live
preview count change, and saves it; the mail reaches a real SMTP server with the reasons in it;
the enterprise's calendar feed holds the new programme's window. The matches page in both
languages at 1280 and 375 px (screenshots in test-artifacts/)."""

import json

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from gongkai.core.roles import Role
from gongkai.enterprise.models import Enterprise
from gongkai.subscriptions.models import Criterion, Delivery, Subscription
from tests.accounts.conftest import PASSWORD
from tests.browser import shot, sign_in
from tests.enterprise.conftest import LAST_YEAR, credit_code, make_policy, make_programme
from tests.factories import make_department, make_document, make_user
from tests.mailbox import body_of, links_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "zhao.liu@example.com"
NEW_RULE = {
    "all": [
        {"field": "rd_spend", "op": ">=", "value": 100, "clause": "第四条（二）"},
        {"field": "qualification", "op": "held", "value": "high_tech", "clause": "第四条（一）"},
    ]
}


def _register_enterprise(page, base, smtp_server):
    """Register as an enterprise, open the mailed verification link, log in."""
    page.goto(f"{base}/account/register/")
    page.check("input[name=kind][value=enterprise]")
    page.fill("#id_name", "福州赵六软件有限公司")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_agree")
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/account/register/sent/")
    [message] = [m for m in smtp_server.wait_for(1) if EMAIL in m["To"]]
    [link] = [url for url in links_in(message) if "/account/verify/" in url]
    page.goto(link)
    page.wait_for_url("**/account/login/")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/account/")


def _fill_profile(page):
    page.get_by_role("link", name="我的政策匹配").click()  # no profile yet: the form first
    page.wait_for_url("**/enterprise/profile/")
    page.fill("#id_name", "福州赵六软件有限公司")
    page.fill("#id_uscc", credit_code(4242))
    page.fill("#id_industry", "C3911")
    page.fill("#id_region", "350102")
    page.fill("#id_founded", "2019-06-01")
    page.fill("#id_employees", "45")
    page.fill("#id_year", str(LAST_YEAR))
    page.fill("#id_revenue", "2600")
    page.fill("#id_rd_spend", "180")
    page.fill("#id_q_high_tech_from", "2024-01-01")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/enterprise/matches/")


def _no_horizontal_overflow(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _matches_screenshots(page, base):
    for language, heading in (("zh-hans", "我的政策匹配"), ("en", "My policy matches")):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{base}/enterprise/matches/")
            assert page.get_by_role("heading", name=heading, exact=True).is_visible()
            _no_horizontal_overflow(page)
            shot(page, f"enterprise-matches-{'en-' if language == 'en' else ''}{width}")
    page.context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": base}])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/enterprise/matches/")


def _write_rule_with_live_preview(context, base, policy, editor):
    """The member of staff, in a browser of their own, writes the new policy's rule."""
    page = context.browser.new_context(locale="zh-CN").new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, editor.username, "correct horse battery staple")
    page.goto(f"{base}/admin/enterprise/policies/{policy.pk}/rule/")
    counts = page.locator("[data-preview-counts]")
    rule = page.locator("textarea[name=rule]")
    too_strict = {"field": "rd_spend", "op": ">=", "value": 100000, "clause": "第四条（二）"}
    rule.fill(json.dumps(too_strict, ensure_ascii=False))
    expect(counts).to_contain_text("共 1 家企业：符合 0 家")
    rule.fill(json.dumps(NEW_RULE, ensure_ascii=False, indent=2))
    expect(counts).to_contain_text("共 1 家企业：符合 1 家")
    assert page.locator("[data-preview-sample] li").all_text_contents() == ["福州赵六软件有限公司"]
    shot(page, "enterprise-rule-preview-1280")
    page.get_by_role("button", name="保存规则").click()
    page.wait_for_url(f"**/admin/enterprise/policies/{policy.pk}/rule/")
    assert page.get_by_text("规则已保存，正在重新匹配。").is_visible()
    page.context.close()


def test_register_profile_matches_subscribe_new_policy_mail_feed_and_rule_preview(
    live_server, browser, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    base = live_server.url
    department = make_department(name="工业和信息化局", name_en="Industry and IT Bureau")
    existing = make_policy(title="软件企业规模奖励政策", department=department)
    make_programme(existing, title="2026年度软件企业规模奖励申报")

    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    _register_enterprise(page, base, smtp_server)
    _fill_profile(page)
    enterprise = Enterprise.objects.get(account__email=EMAIL)
    assert enterprise.qualifications.get().kind == "high_tech"
    match = page.locator("li.match", has_text="软件企业规模奖励政策")
    assert match.get_by_text("符合全部条件").is_visible()
    assert match.get_by_text(f"{LAST_YEAR}年营业收入 2,600万元，要求不低于 2,000万元").is_visible()
    assert match.get_by_role("link", name="2026年度软件企业规模奖励申报").is_visible()
    _matches_screenshots(page, base)

    page.get_by_role("button", name="有与我匹配的新政策时发邮件通知我").click()
    page.wait_for_url("**/subscriptions/")
    assert page.get_by_text("订阅已保存。").is_visible()
    assert Subscription.objects.get(user=enterprise.account.user).criterion == Criterion.MATCHED

    # Staff publish a new policy: its document, then its rule written in the back office.
    document = make_document(department=department, title="关于支持高新技术企业加大研发投入的通知")
    policy = make_policy(title="高新技术企业研发投入补助", department=department,
                         document=document, rule={})  # fmt: skip
    programme = make_programme(policy, title="2026年度研发投入补助申报", opens_in=2, closes_in=30)
    assert not [m for m in smtp_server.messages if document.title in m["Subject"]]
    editor = make_user(role=Role.EDITOR, department=department, is_staff=True)
    _write_rule_with_live_preview(browser, base, policy, editor)

    smtp_server.wait_for(2)
    [message] = [m for m in smtp_server.to(EMAIL) if document.title in m["Subject"]]
    body = body_of(message)
    assert message["To"] == EMAIL
    assert "贵企业符合“高新技术企业研发投入补助”的申报条件：" in body
    assert f"符合：{LAST_YEAR}年研发投入 180万元，要求不低于 100万元（第四条（二））" in body
    assert "（第四条（一））" in body
    assert f"{base}/documents/{document.pk}/" in body or document.get_absolute_url() in body
    assert Delivery.objects.filter(user=enterprise.account.user).count() == 1

    page.goto(f"{base}/enterprise/matches/")
    feed_url = page.get_by_role("link", name="申报日历订阅（iCal）").get_attribute("href")
    feed = page.context.request.get(feed_url)
    assert feed.headers["content-type"].startswith("text/calendar")
    text = feed.text()
    assert "DTSTART" in text and "DTEND" in text
    [event] = [e for e in Calendar.from_ical(feed.body()).walk("VEVENT")
               if str(e["summary"]) == programme.title]  # fmt: skip
    assert event.decoded("dtstart") == programme.opens_at.replace(microsecond=0)
    assert event.decoded("dtend") == programme.closes_at.replace(microsecond=0)
