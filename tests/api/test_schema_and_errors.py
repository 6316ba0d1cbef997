"""The OpenAPI schema, the offline docs page, and the shape of errors."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = {
    "/api/documents",
    "/api/documents/search",
    "/api/documents/withdrawn",
    "/api/documents/{id}",
    "/api/interpretations",
    "/api/interpretations/{id}",
    "/api/answers",
    "/api/answers/{id}",
    "/api/departments",
    "/api/topics",
    "/api/doc-types",
    "/api/workdays/add",
    "/api/workdays/between",
    "/api/workdays/is-working-day",
}


def test_openapi_schema_lists_every_path(api):
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Gongkai API" and schema["info"]["version"] == "1"
    assert PUBLIC_PATHS | {"/api/staff/me"} <= set(schema["paths"])
    list_parameters = {p["name"] for p in schema["paths"]["/api/documents"]["get"]["parameters"]}
    assert {
        "q",
        "modified_since",
        "ordering",
        "format",
        "limit",
        "offset",
        "page",
    } <= list_parameters
    assert schema["paths"]["/api/staff/me"]["get"]["security"] == [{"BearerTokenAuth": []}]
    assert "security" not in schema["paths"]["/api/documents"]["get"]


def test_every_list_offers_paging_and_csv(api):
    schema = api.get("/api/openapi.json").json()
    lists = [
        "/api/documents",
        "/api/documents/withdrawn",
        "/api/interpretations",
        "/api/answers",
        "/api/departments",
        "/api/topics",
        "/api/doc-types",
    ]
    for path in lists:
        operation = schema["paths"][path]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert {"limit", "offset", "page", "format"} <= names, path
        assert "text/csv" in operation["responses"]["200"]["content"], path


def test_docs_page_loads_nothing_from_other_sites(api):
    response = api.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the page loads its script and styles"
    assert not [url for url in urls if re.match(r"(https?:)?//", url)], urls
    for url in urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is served by staticfiles"


@pytest.mark.parametrize(
    ("params", "field", "message_zh"),
    [
        ({"limit": 0}, "limit", "不能小于 1"),
        ({"limit": 101}, "limit", "不能大于 100"),
        ({"offset": -1}, "offset", "不能小于 0"),
        ({"ordering": "views"}, "ordering", "取值应为"),
        ({"modified_since": "last week"}, "modified_since", "应为 ISO 8601 日期时间"),
        ({"department": "财政局"}, "department", "应为整数"),
        ({"validity": "valid"}, "validity", "取值应为"),
        ({"format": "xlsx"}, "format", "取值应为"),
    ],
)
def test_invalid_list_parameters_answer_422_in_both_languages(api, params, field, message_zh):
    response = api.get("/api/documents", params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("参数有误（") and " / Invalid input (" in body["detail"]
    (error,) = body["errors"]
    assert error["field"] == field and error["location"] == "query"
    assert error["message_zh"].startswith(message_zh)
    assert error["message_en"]


def test_not_found_detail_is_bilingual(api):
    response = api.get("/api/interpretations/424242")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到或未公开 / Not found or not public"}


def test_writes_are_not_allowed_on_public_endpoints(api):
    assert api.post("/api/documents").status_code == 405


def test_json_carries_chinese_as_utf8_not_escapes(api):
    response = api.get("/api/workdays/is-working-day", {"date": "2026-10-01"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "国庆节".encode() in response.content


def test_schema_lists_the_errors_every_operation_can_answer(api):
    paths = api.get("/api/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
            assert ("422" in statuses) == takes_input, (method, path)
            assert ("401" in statuses) == ("security" in operation), (method, path)
            assert ("400" in statuses) == ("requestBody" in operation), (method, path)
            for status, response in operation["responses"].items():
                assert "application/json" in response["content"], (method, path, status)
    register = paths["/api/staff/requests"]["post"]["responses"]
    assert set(register) == {"201", "400", "401", "403", "404", "422"}
    refusal = register["422"]["content"]["application/json"]["schema"]["anyOf"]
    assert {"$ref": "#/components/schemas/InvalidInput"} in refusal


@pytest.mark.parametrize("value", ["0.5", "1700000000", "-1", " 12e3 "])
def test_a_number_is_not_taken_for_a_date(api, value):
    response = api.get("/api/documents", {"modified_since": value})
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "datetime_parsing"
    response = api.get("/api/workdays/is-working-day", {"date": value})
    assert response.status_code == 422
    assert response.json()["errors"][0]["message_zh"] == "应为日期，格式 YYYY-MM-DD"


def test_a_day_outside_the_calendar_is_refused_with_its_code(api):
    response = api.get("/api/workdays/is-working-day", {"date": "2000-01-03"})
    assert response.status_code == 422
    assert response.json()["code"] == "no_calendar_data"


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        ("0440-09-02T04:52:12.62+22:53", 200),  # an offset PostgreSQL refuses
        ("2026-01-31T08:00:00", 200),
        ("0001-01-01T00:00:00+23:59", 422),  # before year 1 in UTC
    ],
)
def test_any_iso_offset_is_read_in_utc_or_refused_as_out_of_range(api, moment, status):
    response = api.get("/api/departments", {"modified_since": moment})
    assert response.status_code == status
    if status == 422:
        assert response.json()["errors"][0]["message_zh"] == "日期时间超出范围"
