"""/api/workdays: the working-day calendar over HTTP, and its refusals of bad input."""

import pytest

pytestmark = pytest.mark.django_db


def get(api, path, **params):
    return api.get(f"/api/workdays/{path}", params)


def test_add_across_national_day_with_its_makeup_saturday(api):
    body = get(api, "add", start="2026-09-28", days=7).json()
    assert body["date"] == "2026-10-13"
    assert body["provisional"] is False
    assert "2026-10-01至2026-10-07：国庆节放假，不计" in body["explanation"]
    assert any("调休上班" in line and "2026-10-10" in line for line in body["explanation"])
    assert body["explanation"][-1] == "第7个工作日为2026-10-13（星期二），即到期日"


def test_add_explains_in_english_by_accept_language_or_lang(api):
    by_header = api.get(
        "/api/workdays/add", {"start": "2026-09-28", "days": 7}, HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    by_param = get(api, "add", start="2026-09-28", days=7, lang="en").json()
    assert by_header["explanation"] == by_param["explanation"]
    assert "2026-10-01 to 2026-10-07: National Day holiday, not counted" in by_param["explanation"]


def test_add_into_an_unpublished_year_is_provisional(api):
    body = get(api, "add", start="2026-12-20", days=20).json()
    assert body["date"] == "2027-01-18"
    assert body["provisional"] is True
    assert "2027年的放假安排尚未公布" in body["explanation"][-1]
    assert "暂定" in body["summary"]


def test_add_zero_days_is_the_start_day(api):
    body = get(api, "add", start="2026-10-01", days=0).json()
    assert body["date"] == "2026-10-01"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-13-01", "days": 7}, "start"),
        ({"start": "yesterday", "days": 7}, "start"),
        ({"days": 7}, "start"),
        ({"start": "2026-09-28", "days": -1}, "days"),
        ({"start": "2026-09-28", "days": 3651}, "days"),
        ({"start": "2026-09-28", "days": 10**30}, "days"),
        ({"start": "2026-09-28", "days": "seven"}, "days"),
        ({"start": "2026-09-28", "days": 7, "lang": "fr"}, "lang"),
    ],
)
def test_add_refuses_bad_input_with_a_bilingual_422(api, params, field):
    response = api.get("/api/workdays/add", params)
    assert response.status_code == 422
    body = response.json()
    zh, en = body["detail"].split(" / ")
    assert zh.startswith("参数有误") and en.startswith("Invalid input")
    assert [error["field"] for error in body["errors"]] == [field]


def test_add_beyond_the_calendar_data_is_a_422_not_a_500(api):
    before = get(api, "add", start="2010-01-04", days=5)
    assert before.status_code == 422
    assert before.json()["code"] == "no_calendar_data"
    assert "2010年没有放假安排" in before.json()["detail"]
    after = get(api, "add", start="2060-06-01", days=3650)
    assert after.status_code == 422


def test_days_limit_message_names_the_bound(api):
    detail = get(api, "add", start="2026-09-28", days=5000).json()["detail"]
    assert detail == "参数有误（days：不能大于 3650） / Invalid input (days: must be at most 3650)"


def test_between(api):
    body = get(api, "between", start="2026-09-30", end="2026-10-09").json()
    assert body == {
        "start": "2026-09-30",
        "end": "2026-10-09",
        "working_days": 2,
        "provisional": False,
    }
    assert get(api, "between", start="2026-10-09", end="2026-09-30").json()["working_days"] == 0
    assert get(api, "between", start="2026-12-01", end="2027-01-10").json()["provisional"] is True
    assert get(api, "between", start="2026-12-01").status_code == 422


@pytest.mark.parametrize(
    ("day", "working", "makeup", "holiday", "provisional"),
    [
        ("2026-10-10", True, True, None, False),  # 调休上班 Saturday
        ("2026-10-01", False, False, "国庆节", False),
        ("2026-10-12", True, False, None, False),
        ("2026-10-11", False, False, None, False),  # an ordinary Sunday
        ("2027-05-03", False, False, "劳动节", True),  # 补假 for 5/1–5/2 on a weekend
    ],
)
def test_is_working_day(api, day, working, makeup, holiday, provisional):
    body = get(api, "is-working-day", date=day).json()
    assert (body["working_day"], body["makeup_workday"]) == (working, makeup)
    assert body["holiday"] == holiday
    assert body["provisional"] is provisional


def test_is_working_day_refuses_a_bad_date(api):
    response = get(api, "is-working-day", date="2026-02-30")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "date"
