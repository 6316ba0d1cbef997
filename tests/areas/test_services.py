"""Service guides follow their basis documents: a repealed or expired basis flags the guide
待修订 at once (audited, its pages dropped); back in force, or replaced, it is no longer."""

from datetime import date

import pytest

from gongkai.areas import rules, services
from gongkai.areas.models import ServiceGuide
from gongkai.core.models import AuditEvent
from gongkai.core.permissions import DepartmentRefused
from gongkai.documents import services as document_services
from gongkai.search.query import parse_query
from tests.areas.conftest import make_certificate, make_guide
from tests.factories import make_department, make_document

pytestmark = pytest.mark.django_db


def test_a_repealed_basis_flags_the_guide_at_once_and_back_in_force_clears_it(
    basis, reviewer, department
):
    guide = make_guide(department=department, bases=[basis])
    other = make_guide(department=department, name="其他事项")
    assert not guide.needs_revision
    document_services.document_change_validity(
        document=basis, user=reviewer, validity="repealed", on=date(2026, 10, 1), reason="废止"
    )
    guide.refresh_from_db()
    assert guide.needs_revision
    assert guide.revision_reason == (
        "《某市城乡居民基本养老保险实施办法》（某府发〔2015〕8号）已废止 2026-10-01"
    )
    assert not ServiceGuide.objects.get(pk=other.pk).needs_revision
    event = AuditEvent.objects.filter(action="service_guide.flag").get()
    assert event.object_id == str(guide.pk) and event.actor == reviewer
    document_services.document_change_validity(
        document=basis, user=reviewer, validity="in_force", reason="误操作"
    )
    guide.refresh_from_db()
    assert not guide.needs_revision and guide.revision_reason == ""
    assert AuditEvent.objects.filter(action="service_guide.unflag").count() == 1


def test_expired_flags_amended_does_not(basis, reviewer):
    guide = make_guide(bases=[basis])
    document_services.document_change_validity(document=basis, user=reviewer, validity="amended")
    assert not ServiceGuide.objects.get(pk=guide.pk).needs_revision
    document_services.document_change_validity(document=basis, user=reviewer, validity="expired")
    assert ServiceGuide.objects.get(pk=guide.pk).needs_revision


def test_replacing_the_repealed_basis_clears_the_flag_on_save(basis, reviewer, editor, department):
    guide = make_guide(department=department, bases=[basis])
    document_services.document_change_validity(document=basis, user=reviewer, validity="repealed")
    guide.refresh_from_db()
    assert guide.needs_revision
    guide.bases.all().delete()
    guide.bases.create(document=make_document(title="新实施办法"))
    services.guide_saved(guide=guide, user=editor)
    guide.refresh_from_db()
    assert not guide.needs_revision


def test_a_guide_is_saved_only_into_the_users_department(editor):
    with pytest.raises(DepartmentRefused):
        make_guide_as(editor, make_department())
    guide = make_guide_as(editor, editor.staff_profile.department)
    assert AuditEvent.objects.filter(action="service_guide.create", object_id=str(guide.pk))


def make_guide_as(user, department):
    return services.guide_create(
        user=user,
        department=department,
        name="再生育审批",
        basis="《某省人口与计划生育条例》",
        conditions="符合条例规定。",
        flow="申请\n办结",
        where_to_apply="区政务服务中心",
    )


def test_promised_days_cannot_exceed_statutory_and_a_fee_needs_its_standard(department):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="承诺办结时限"):
        make_guide(department=department, statutory_days=5, promised_days=10)
    with pytest.raises(ValidationError, match="收费标准"):
        make_guide(department=department, free=False, fees="")


def test_words_are_the_search_apps_segmentation(department):
    guide = make_guide(department=department)
    for query in ("养老保险", "户口簿", "社会保险法", "人力资源"):
        terms = parse_query(query).terms
        assert all(f" {term} " in guide.search_words for term in terms), query
    item = make_certificate(department=department)
    assert all(f" {term} " in item.search_words for term in parse_query("无犯罪记录证明").terms)


def test_revision_reason_lists_only_documents_not_in_force():
    bases = [
        rules.Basis("甲办法", "", "in_force", "有效", None),
        rules.Basis("乙办法", "乙发〔2019〕1号", "repealed", "已废止", date(2026, 1, 5)),
        rules.Basis("丙办法", "", "expired", "已失效", None),
        rules.Basis("丁办法", "", "amended", "已修订", date(2026, 2, 1)),
    ]
    assert (
        rules.revision_reason(bases)
        == "《乙办法》（乙发〔2019〕1号）已废止 2026-01-05\n《丙办法》已失效"
    )
    assert rules.revision_reason(bases[:1]) == ""
