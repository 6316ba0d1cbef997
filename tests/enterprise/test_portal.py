"""The public 政策通 pages in both languages: profile, matches with reasons, calendar, iCal
feeds, project library."""

import re

import pytest
from icalendar import Calendar

from gongkai.enterprise import calendar_feeds
from gongkai.enterprise.models import Enterprise
from tests.accounts.conftest import make_account
from tests.enterprise.conftest import (
    LAST_YEAR,
    credit_code,
    make_enterprise,
    make_funded,
    make_policy,
    make_programme,
)
from tests.factories import make_document

pytestmark = pytest.mark.django_db
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def account(db):
    return make_account(email="boss@example.com", kind="enterprise")


@pytest.fixture
def signed_in(client, account):
    client.force_login(account.user)
    return client


def test_an_enterprise_fills_its_profile_and_sees_its_matches_with_reasons(
    signed_in, account, django_capture_on_commit_callbacks
):
    policy = make_policy()
    make_programme(policy, closes_in=5)
    assert signed_in.get("/enterprise/matches/").url == "/enterprise/profile/"
    form = {
        "name": "福州软件有限公司", "uscc": credit_code(555), "industry": "C3911",
        "region": "350102", "founded": "2020-01-01", "employees": "40", "tags_text": "出口, 软件",
        "year": str(LAST_YEAR), "revenue": "1800", "rd_spend": "",
        "q_high_tech_from": "2024-01-01", "q_high_tech_until": "",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post("/enterprise/profile/", form)
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(account=account)
    assert enterprise.tags == ["出口", "软件"]
    assert enterprise.qualifications.get().kind == "high_tech"
    page = signed_in.get("/enterprise/matches/").content.decode()
    assert policy.title in page
    assert "营业收入 1,800万元，要求不低于 2,000万元，差 200万元" in page
    assert '<li class="condition-not_met"><span>不符合</span>' in page
    assert "第五条（一）" in page
    data = signed_in.get("/enterprise/matches.json").json()
    assert data["matches"][0]["outcome"] == "near"
    assert data["matches"][0]["conditions"][0]["clause"] == "第五条（一）"
    signed_in.cookies["django_language"] = "en"
    english = signed_in.get("/enterprise/matches/").content.decode()
    assert "Revenue " in english and "short by ¥2,000,000" in english
    assert '<li class="condition-not_met"><span>Not met</span>' in english


def test_a_clause_links_to_the_public_policy_document(signed_in, account):
    document = make_document(title="关于支持软件企业发展的通知")
    make_policy(document=document, department=document.department)
    make_enterprise(account=account, revenue=2500)
    page = signed_in.get("/enterprise/matches/").content.decode()
    assert f'<a href="{document.get_absolute_url()}#:~:text=%E7%AC%AC' in page


def test_a_bad_credit_code_is_refused(signed_in):
    response = signed_in.post("/enterprise/profile/", {"name": "甲", "uscc": "91350100M000100Y44",
                                                       "year": "2025"})  # fmt: skip
    assert "统一社会信用代码不正确" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_matches_json_needs_an_enterprise(client):
    assert client.get("/enterprise/matches.json").status_code == 401


def test_calendar_lists_open_and_closing_programmes_and_feeds_their_windows(client):
    policy = make_policy()
    open_now = make_programme(policy, title="正在申报的项目", closes_in=20)
    closing = make_programme(policy, title="快截止的项目", closes_in=3)
    make_programme(policy, title="已截止的项目", opens_in=-30, closes_in=-1)
    page = client.get("/enterprise/calendar/").content.decode()
    assert "正在申报的项目" in page and "快截止的项目" in page and "已截止的项目" not in page
    closing_page = client.get("/enterprise/calendar/?state=closing").content.decode()
    assert "快截止的项目" in closing_page and "正在申报的项目" not in closing_page
    assert "快截止的项目" in client.get("/enterprise/calendar/?month=" +
                                       closing.closes_at.strftime("%Y-%m")).content.decode()  # fmt: skip
    feed = Calendar.from_ical(client.get(f"/enterprise/programmes/{open_now.pk}.ics").content)
    [event] = feed.walk("VEVENT")
    assert event["summary"] == "正在申报的项目"
    assert event.decoded("dtend") == open_now.closes_at.replace(microsecond=0)
    department = client.get(f"/enterprise/departments/{policy.department_id}.ics")
    assert len(Calendar.from_ical(department.content).walk("VEVENT")) == 3


def test_an_enterprise_feed_holds_its_matched_programmes_and_needs_its_token(client):
    enterprise = make_enterprise(revenue=2500)
    make_programme(make_policy(), title="匹配的项目")
    make_programme(make_policy(rule={"field": "industry", "op": "under", "value": ["A"]}),
                   title="不匹配的项目")  # fmt: skip
    token = calendar_feeds.feed_token(enterprise)
    feed = Calendar.from_ical(client.get(f"/enterprise/feeds/{token}.ics").content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["匹配的项目"]
    assert client.get(f"/enterprise/feeds/{token}x.ics").status_code == 404


def test_project_library_searches_and_totals(client):
    programme = make_programme(make_policy())
    make_funded(programme, make_enterprise(name="甲公司"), amount=30)
    make_funded(programme, make_enterprise(name="乙公司"), amount=20, title="数据中心项目")
    make_funded(programme, make_enterprise(name="丙公司"), amount=99, public=False)
    page = client.get("/enterprise/projects/").content.decode()
    assert "共 2 个项目，扶持金额合计 50" in page and "丙公司" not in page
    found = client.get("/enterprise/projects/", {"q": "数据中心"}).content.decode()
    assert "乙公司" in found and "甲公司" not in found


@pytest.mark.parametrize("path", ["/enterprise/calendar/", "/enterprise/calendar/?month=2026-12",
                                  "/enterprise/projects/", "programme", "/enterprise/profile/",
                                  "/enterprise/matches/"])  # fmt: skip
def test_public_pages_in_english_show_no_chinese_labels(client, path, account):
    rule = {"field": "revenue", "op": ">=", "value": 2000, "clause": "Art. 5"}  # data, not label
    programme = make_programme(make_policy(title="Software policy", rule=rule), title="R&D grant")
    programme.department.name = "Industry bureau"
    programme.department.save()
    make_enterprise(account=account, name="Acme Ltd")
    client.force_login(account.user)
    client.cookies["django_language"] = "en"
    path = programme.get_absolute_url() if path == "programme" else path
    html = client.get(path).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert not HAN.findall(re.sub(r"<[^>]+>", " ", main)), re.findall(
        r"[^<>]*[\u4e00-\u9fff][^<>]*", main
    )[:5]


def test_the_matches_page_offers_the_mail_until_it_is_subscribed(signed_in, account):
    make_enterprise(account=account, revenue=2500)
    button = "有与我匹配的新政策时发邮件通知我"
    assert button in signed_in.get("/enterprise/matches/").content.decode()
    form = {"criterion": "matched", "channel": "email", "frequency": "immediate"}
    assert signed_in.post("/subscriptions/", form).status_code == 302
    page = signed_in.get("/enterprise/matches/").content.decode()
    assert button not in page and "已订阅：有与您匹配的新政策时" in page
    signed_in.cookies["django_language"] = "en"
    english = signed_in.get("/enterprise/matches/").content.decode()
    assert "Subscribed: we will e-mail you" in english and "Manage subscriptions" in english
