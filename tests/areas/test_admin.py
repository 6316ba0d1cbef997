"""The 办事服务 back office: a department edits its own guides and certificate list; saving hands
over to the services (words, flag, audit); another department's are out of reach."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.areas.models import CertificateItem, ServiceGuide
from gongkai.core.models import AuditEvent
from gongkai.documents import services as document_services
from tests.areas.conftest import make_certificate, make_guide
from tests.factories import make_department

pytestmark = pytest.mark.django_db


def _form(client, url):
    return querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")


def test_editor_adds_a_guide_with_materials_and_a_basis_that_is_later_repealed(
    client, editor, basis, reviewer
):
    client.force_login(editor)
    data = _form(client, reverse("wagtailsnippets_areas_serviceguide:add"))
    data.update(
        {
            "name": "职工基本养老保险个人账户转移",
            "basis": "《社会保险法》第十九条",
            "conditions": "跨统筹地区就业的参保人员。",
            "statutory_days": "15",
            "promised_days": "10",
            "flow": "申请\n受理\n办结",
            "where_to_apply": "区政务服务中心",
            "free": "on",
            "bases-TOTAL_FORMS": "1",
            "bases-0-document": str(basis.pk),
            "bases-0-ORDER": "1",
            "bases-0-id": "",
            "bases-0-DELETE": "",
            "materials-TOTAL_FORMS": "1",
            "materials-0-name": "参保缴费凭证",
            "materials-0-form": "original",
            "materials-0-copies": "1",
            "materials-0-need": "required",
            "materials-0-ORDER": "1",
            "materials-0-id": "",
            "materials-0-DELETE": "",
        }
    )
    response = client.post(reverse("wagtailsnippets_areas_serviceguide:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    guide = ServiceGuide.objects.get()
    assert guide.department == editor.staff_profile.department
    assert not guide.live  # a draft until signed off (test_sign_off)
    assert " 参保 " in guide.search_words
    assert [m.name for m in guide.materials.all()] == ["参保缴费凭证"]
    assert AuditEvent.objects.filter(action="service_guide.create", actor=editor).exists()
    document_services.document_change_validity(document=basis, user=reviewer, validity="repealed")
    listing = client.get(
        reverse("wagtailsnippets_areas_serviceguide:list") + "?needs_revision=true"
    )
    assert guide.name in listing.content.decode()


def test_another_departments_guide_and_certificate_are_out_of_reach(client, editor):
    guide = make_guide(department=make_department(), name="他部门的指南")
    item = make_certificate(department=guide.department, name="他部门的证明")
    client.force_login(editor)
    for viewset, obj in (("serviceguide", guide), ("certificateitem", item)):
        response = client.get(reverse(f"wagtailsnippets_areas_{viewset}:edit", args=[obj.pk]))
        assert response.status_code == 302 and response["Location"] == "/admin/", viewset
    listing = client.get(reverse("wagtailsnippets_areas_serviceguide:list")).content.decode()
    assert guide.name not in listing


def test_editing_a_certificate_is_audited_and_deleting_is_for_administrators(
    client, editor, department
):
    item = make_certificate(department=department)
    client.force_login(editor)
    url = reverse("wagtailsnippets_areas_certificateitem:edit", args=[item.pk])
    data = _form(client, url)
    data["status"] = "cancelled"
    data["note"] = "改为告知承诺制"
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    # A live item's edit is a new draft, live once signed off (test_certificate_sign_off).
    assert item.status == "retained" and item.has_unpublished_changes
    assert item.latest_revision.as_object().status == "cancelled"
    assert AuditEvent.objects.filter(action="certificate_item.edit", actor=editor).exists()
    delete = reverse("wagtailsnippets_areas_certificateitem:delete", args=[item.pk])
    assert client.post(delete).status_code in {302, 403}
    assert CertificateItem.objects.filter(pk=item.pk).exists()


def test_an_administrator_deletes_a_guide_audited_under_its_id(client, department):
    from gongkai.core.roles import Role
    from tests.factories import make_user

    admin = make_user(role=Role.ADMIN, department=department, is_superuser=True)
    guide = make_guide(department=department)
    client.force_login(admin)
    delete = reverse("wagtailsnippets_areas_serviceguide:delete", args=[guide.pk])
    assert client.post(delete).status_code == 302
    assert not ServiceGuide.objects.exists()
    assert AuditEvent.objects.filter(action="service_guide.delete", object_id=str(guide.pk))
