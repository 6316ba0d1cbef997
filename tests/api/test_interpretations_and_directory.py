"""/api/interpretations, /api/departments, /api/topics, /api/doc-types."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.models import Department
from gongkai.documents.models import Interpretation
from tests import factories

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_interpretations_list_only_those_of_public_documents(api, library):
    factories.make_interpretation(documents=[library.withdrawn], title="撤回文件的解读")
    factories.make_interpretation(documents=[library.joint], title="未发布的解读", publish=False)
    body = api.get("/api/interpretations").json()
    assert [item["id"] for item in body["items"]] == [library.interpretation.pk]
    item = body["items"][0]
    assert item["department"]["name"] == "财政局"
    assert item["form_kinds"] == ["chart", "text"]
    assert [document["id"] for document in item["documents"]] == [library.budget.pk]


def test_interpretations_filters(api, library):
    other = factories.make_interpretation(
        documents=[library.joint], interpreter_kind="expert", title="专家解读"
    )

    def listed(**params):
        return [item["id"] for item in api.get("/api/interpretations", params).json()["items"]]

    assert listed(document=library.joint.pk) == [other.pk]
    assert listed(department=library.finance.pk) == [library.interpretation.pk]
    assert listed(interpreter_kind="expert") == [other.pk]
    later = timezone.now() + timedelta(hours=1)
    Interpretation.objects.filter(pk=other.pk).update(updated_at=later)
    assert listed(modified_since=later.isoformat()) == [other.pk]


def test_interpretation_detail_has_each_form(api, library):
    body = api.get(f"/api/interpretations/{library.interpretation.pk}").json()
    assert body["title"] == "《预算公开通知》政策解读"
    assert {form["kind"] for form in body["forms"]} == {"text", "chart"}
    text = next(form for form in body["forms"] if form["kind"] == "text")
    assert text["text_html"] == "<p>解读内容。</p>" and text["kind_label"] == "文字"
    assert api.get("/api/interpretations/999999").status_code == 404


def test_interpretations_csv(api, library):
    rows = csv_rows(api.get("/api/interpretations", {"format": "csv"}))
    assert [row["标题 title"] for row in rows] == ["《预算公开通知》政策解读"]
    assert rows[0]["解读的文件 documents"] == library.budget.title
    assert rows[0]["解读形式 forms"] == "图解；文字"


def test_departments_list_filter_and_csv(api, library):
    body = api.get("/api/departments").json()
    names = {item["name"] for item in body["items"]}
    assert {"财政局", "党政办公室"} <= names
    finance = next(item for item in body["items"] if item["name"] == "财政局")
    assert finance["name_en"] == "Finance Bureau" and finance["kind_label"] == "区属部门"
    later = timezone.now() + timedelta(hours=1)
    Department.objects.filter(pk=library.office.pk).update(updated_at=later)
    since = api.get("/api/departments", {"modified_since": later.isoformat()}).json()
    assert [item["id"] for item in since["items"]] == [library.office.pk]
    assert api.get("/api/departments", {"kind": "vertical"}).json()["total"] == 0
    rows = csv_rows(api.get("/api/departments", {"format": "csv"}))
    assert "财政局" in [row["名称 name"] for row in rows]


def test_topics_flat_with_parent_and_path(api, library):
    body = api.get("/api/topics").json()
    by_name = {item["name"]: item for item in body["items"]}
    assert by_name["财政预算"]["parent_id"] == library.economy.pk
    assert by_name["财政预算"]["path"] == ["经济", "财政预算"]
    assert by_name["经济"]["parent_id"] is None
    children = api.get("/api/topics", {"parent": library.economy.pk}).json()
    assert [item["name"] for item in children["items"]] == ["财政预算"]
    rows = csv_rows(api.get("/api/topics", {"format": "csv"}))
    assert "经济 / 财政预算" in [row["路径 path"] for row in rows]


def test_topics_page(api, library):
    page = api.get("/api/topics", {"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2 and page["next"]


def test_doc_types(api, library):
    names = [item["name"] for item in api.get("/api/doc-types").json()["items"]]
    assert {"通知", "意见"} <= set(names)
    rows = csv_rows(api.get("/api/doc-types", {"format": "csv"}))
    assert {"通知", "意见"} <= {row["名称 name"] for row in rows}
