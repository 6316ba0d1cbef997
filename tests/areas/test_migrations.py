"""The migration that put service guides under the sign-off workflow, run on rows written
before it: a guide published by the old checkbox stays live, with a first revision of what it
showed; an unpublished one becomes a draft."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("areas", "0002_budgetdisclosure_debtdisclosure")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def before():
    """Service guides as they were before the migration, every other app as it is now: the old
    rows are written with the columns the database has today (core's newer NOT NULL fields)."""
    return [BEFORE, *(node for node in latest() if node[0] != "areas")]


def old_guide(old_apps, department_id, name, published):
    guide = old_apps.get_model("areas", "ServiceGuide").objects.create(
        name=name,
        department_id=department_id,
        basis="《社会保险法》第二十条",
        conditions="年满16周岁。",
        flow="申请\n办结",
        where_to_apply="区政务服务中心",
        published=published,
    )
    old_apps.get_model("areas", "GuideMaterial").objects.create(
        guide=guide, name="居民身份证", sort_order=0
    )
    return guide.pk


@pytest.mark.django_db(transaction=True)
def test_published_guides_stay_live_with_a_revision_and_the_rest_become_drafts():
    old_apps = migrate(before())
    department = old_apps.get_model("core", "Department").objects.create(
        name="人力资源和社会保障局", code="rsj"
    )
    public = old_guide(old_apps, department.pk, "已公开的指南", True)
    hidden = old_guide(old_apps, department.pk, "未公开的指南", False)

    migrate(latest())

    from gongkai.areas.models import ServiceGuide
    from gongkai.areas.selectors import public_guides

    assert [guide.pk for guide in public_guides()] == [public]
    live = ServiceGuide.objects.get(pk=public)
    assert live.live_revision_id and live.latest_revision_id == live.live_revision_id
    shown = live.live_revision.as_object()
    assert shown.name == "已公开的指南" and shown.live
    assert [material.name for material in shown.materials.all()] == ["居民身份证"]
    draft = ServiceGuide.objects.get(pk=hidden)
    assert not draft.live and draft.live_revision_id is None

    back = migrate(before())
    published = back.get_model("areas", "ServiceGuide").objects.filter(published=True)
    assert list(published.values_list("pk", flat=True)) == [public]
    migrate(latest())


@pytest.mark.django_db(transaction=True)
def test_listed_certificate_items_stay_live_with_a_revision():
    """The migration that put certificate items under the sign-off workflow: every item listed
    before it (all were public) stays live with a first revision; backwards, they are listed."""
    old = [("areas", "0003_guides_sign_off"), *before()[1:]]
    old_apps = migrate(old)
    department = old_apps.get_model("core", "Department").objects.create(name="公安局", code="gaj")
    listed = old_apps.get_model("areas", "CertificateItem").objects.create(
        name="亲属关系证明", department_id=department.pk, issuing_body="派出所", basis="无"
    )

    migrate(latest())

    from gongkai.areas.models import CertificateItem
    from gongkai.areas.selectors import public_certificates

    assert [item.pk for item in public_certificates()] == [listed.pk]
    item = CertificateItem.objects.get(pk=listed.pk)
    assert item.live_revision_id and item.latest_revision_id == item.live_revision_id
    assert item.live_revision.as_object().name == "亲属关系证明"

    back = migrate(old)
    assert back.get_model("areas", "CertificateItem").objects.filter(pk=listed.pk).exists()
    migrate(latest())
