"""The 政策通 back office: rule editor with live preview and candidates, match lists, import;
every page and every snippet's listing and add form in English without Chinese labels."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from gongkai.core.permissions import DepartmentRefused
from gongkai.enterprise import services
from tests.enterprise.conftest import credit_code, make_enterprise, make_policy, make_programme
from tests.factories import make_department, make_document

pytestmark = pytest.mark.django_db
HAN = re.compile(r"[\u4e00-\u9fff]")
CATALOGUE = (
    Path(__file__).resolve().parents[2] / "gongkai/enterprise/locale/en/LC_MESSAGES/django.po"
)


def test_rule_editor_saves_a_valid_rule_and_refuses_a_bad_one(
    client, editor, django_capture_on_commit_callbacks
):
    policy = make_policy(rule={}, department=editor.staff_profile.department)
    enterprise = make_enterprise(revenue=2500)
    client.force_login(editor)
    url = f"/admin/enterprise/policies/{policy.pk}/rule/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"rule": '{"field": "revenue", "op": ">=", "value": "x"}'})
    assert "条件的值应为数字" in response.content.decode()
    rule = {"field": "revenue", "op": ">=", "value": 2000, "clause": "第五条"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"rule": json.dumps(rule)})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.rule == rule
    assert policy.match.ids("met").tolist() == [enterprise.pk]
    listing = client.get(f"/admin/enterprise/policies/{policy.pk}/matches/")
    assert enterprise.name in listing.content.decode()


def test_candidates_are_read_from_the_policy_document_without_conditions_text(client, editor):
    department = editor.staff_profile.department
    document = make_document(
        department=department, body="<p>申报条件：上年度营业收入不低于2000万元。</p>"
    )
    policy = make_policy(rule={}, department=department, document=document)
    client.force_login(editor)
    page = client.get(f"/admin/enterprise/policies/{policy.pk}/rule/").content.decode()
    assert "<code>revenue &gt;= 2000" in page


def test_candidates_join_the_rule_only_when_ticked(client, editor):
    policy = make_policy(
        rule={},
        conditions_text="第五条 （一）上年度营业收入不低于2000万元；（二）高新技术企业。",
        department=editor.staff_profile.department,
    )
    client.force_login(editor)
    url = f"/admin/enterprise/policies/{policy.pk}/rule/"
    page = client.get(url).content.decode()
    assert "上年度营业收入不低于2000万元" in page
    response = client.post(url, {"rule": '{"all": []}', "add_candidates": "1", "candidate": ["1"]})
    shown = response.context["form"].initial["rule"]
    assert json.loads(shown) == {"all": [{"field": "qualification", "op": "held",
                                          "value": "high_tech", "clause": "第五条（二）"}]}  # fmt: skip
    policy.refresh_from_db()
    assert policy.rule == {}


def test_another_departments_policy_and_programme_are_refused(client, editor):
    """Support policies and programmes are their department's (gongkai.core.permissions)."""
    policy = make_policy(rule={})
    programme = make_programme(policy, publish=False)
    client.force_login(editor)
    for url in (
        f"/admin/enterprise/policies/{policy.pk}/rule/",
        f"/admin/enterprise/policies/{policy.pk}/matches/",
    ):
        assert client.get(url).status_code == 404, url
    for viewset, obj in (("supportpolicy", policy), ("programme", programme)):
        response = client.get(reverse(f"wagtailsnippets_enterprise_{viewset}:edit", args=[obj.pk]))
        assert response.status_code == 302 and response["Location"] == "/admin/", viewset
    listing = client.get(reverse("wagtailsnippets_enterprise_supportpolicy:list"))
    assert policy.title not in listing.content.decode()


def test_editor_cannot_move_a_policy_into_another_department(client, editor):
    own = editor.staff_profile.department
    policy = make_policy(rule={}, department=own)
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_enterprise_supportpolicy:edit", args=[policy.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="w-editor-form")
    data["department"] = str(make_department().pk)
    response = client.post(edit_url, data)
    assert "无权将它放入其他部门" in " ".join(response.context["form"].errors["department"])
    policy.refresh_from_db()
    assert policy.department == own
    policy.department = make_department()
    with pytest.raises(DepartmentRefused):
        services.save_policy(policy=policy, user=editor)


def test_live_preview_counts_the_rule_being_written(client, editor):
    make_enterprise(revenue=2500)
    make_enterprise()
    client.force_login(editor)
    rule = {"field": "revenue", "op": ">=", "value": 2000}
    found = client.post("/admin/enterprise/preview/", rule, content_type="application/json").json()
    assert (found["met"], found["unknown"]) == (1, 1)
    bad = client.post("/admin/enterprise/preview/", {"all": []}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["error"]


def test_preview_is_for_staff_only(client):
    assert client.post(
        "/admin/enterprise/preview/", {}, content_type="application/json"
    ).status_code in {302, 403}


def test_import_page_lists_rows_with_errors(client, editor):
    client.force_login(editor)
    data = f"企业名称,统一社会信用代码\n好公司,{credit_code(77)}\n坏公司,123\n".encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/admin/enterprise/import/",
                           {"file": SimpleUploadedFile("list.csv", data, "text/csv")})  # fmt: skip
    page = response.content.decode()
    assert "已导入 1 家企业" in page
    assert "<td>3</td>" in page


def _msgids() -> set[str]:
    found = set()
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith('msgid "') and HAN.search(line):
            text = json.loads(line[6:])
            if "%" not in text and "{" not in text:
                found.add(text)
    return found


def _chrome(html: str) -> str:
    """Headings, buttons, the title, the breadcrumbs and the side menu's data."""
    parts = re.findall(r"<(h1|h2|h3|button|title|label|th)\b[^>]*>(.*?)</\1>", html, re.S)
    menu = re.findall(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    chrome = " ".join(text for _, text in parts) + " ".join(menu)
    return chrome.replace("公开 Gongkai", "")  # the site's name, the same in both languages


@pytest.mark.parametrize("path", [
    "/admin/snippets/enterprise/enterprise/",
    "/admin/snippets/enterprise/enterprise/add/",
    "/admin/snippets/enterprise/supportpolicy/",
    "/admin/snippets/enterprise/supportpolicy/add/",
    "/admin/snippets/enterprise/programme/",
    "/admin/snippets/enterprise/programme/add/",
    "/admin/snippets/enterprise/fundedproject/",
    "/admin/snippets/enterprise/fundedproject/add/",
    "/admin/enterprise/import/",
    "rule",
    "matches",
    "/admin/",
])  # fmt: skip
def test_back_office_pages_in_english_show_no_chinese_labels(client, admin_user, path):
    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "en"})
    client.force_login(admin_user)
    policy = make_policy(title="Software policy", rule={})
    if path in {"rule", "matches"}:
        path = f"/admin/enterprise/policies/{policy.pk}/{path}/"
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode().replace("公开 Gongkai", "")
    chrome = _chrome(html)
    assert not HAN.findall(chrome), sorted(
        set(re.findall(r"[^<>\"]*[\u4e00-\u9fff]+[^<>\"]*", chrome))
    )[:10]
    untranslated = sorted(text for text in _msgids() if text in html)
    assert not untranslated, untranslated
