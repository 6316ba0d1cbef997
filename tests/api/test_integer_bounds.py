"""Every integer the API reads (path, query, request body) is bounded in its OpenAPI schema, so
that a number no column can hold is refused with a 422 instead of reaching the database (SQLite
raises OverflowError, PostgreSQL an out-of-range error: both were server errors). Found by
schemathesis on /api/reports/annual/{year}?department=…; this checks the whole class at once."""

import pytest

from gongkai.core.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db

HUGE = 10**20


def _integers(schema: dict, components: dict, where: str):
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        yield from _integers(components[name], components, f"{where} ({name})")
        return
    if schema.get("type") == "integer":
        yield where, schema
    for key in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(key, []):
            yield from _integers(part, components, where)
    for name, part in schema.get("properties", {}).items():
        yield from _integers(part, components, f"{where}.{name}")
    if "items" in schema:
        yield from _integers(schema["items"], components, f"{where}[]")


def _read_integers(openapi: dict):
    components = openapi["components"]["schemas"]
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                where = f"{method.upper()} {path} {parameter['in']} {parameter['name']}"
                yield from _integers(parameter["schema"], components, where)
            body = operation.get("requestBody", {}).get("content", {})
            for media in body.values():
                yield from _integers(media["schema"], components, f"{method.upper()} {path} body")


def test_every_integer_the_api_reads_has_bounds(client):
    openapi = client.get("/api/openapi.json").json()
    found = list(_read_integers(openapi))
    assert len(found) > 20  # the walk reaches parameters and bodies
    unbounded = [where for where, schema in found if not {"minimum", "maximum"} <= schema.keys()]
    assert unbounded == []


@pytest.mark.parametrize(
    "url",
    [
        f"/api/reports/annual/{HUGE}",
        f"/api/reports/annual/2024?department={HUGE}",
        f"/api/staff/reports/annual/2024?department={HUGE}",
        f"/api/staff/requests/{HUGE}/reply",
    ],
)
def test_a_number_no_column_holds_is_refused_not_an_error(client, url):
    office = factories.make_department(name="党政办公室", code="dzb", is_openness_office=True)
    reviewer = factories.make_user(role=Role.REVIEWER, department=office)
    headers = {"Authorization": f"Bearer {factories.api_token(reviewer, name='bounds')}"}
    if url.endswith("/reply"):
        response = client.post(url, {}, content_type="application/json", headers=headers)
    else:
        response = client.get(url, headers=headers)
    assert response.status_code == 422, response.content[:300]
