"""The migration that put programmes (申报项目) under the sign-off workflow, run on rows written
before it: a programme public by the old 公开 checkbox stays live, with a first revision of what
it showed; a hidden one becomes a draft; backwards, ``live`` keeps its meaning."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = ("enterprise", "0002_policyrevision")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def before():
    """Programmes as they were before the migration, every other app as it is now."""
    return [BEFORE, *(node for node in latest() if node[0] != "enterprise")]


@pytest.mark.django_db(transaction=True)
def test_public_programmes_stay_live_with_a_revision_and_hidden_ones_become_drafts():
    old_apps = migrate(before())
    department = old_apps.get_model("core", "Department").objects.create(
        name="科技创新促进局", code="kjcx"
    )
    policy = old_apps.get_model("enterprise", "SupportPolicy").objects.create(
        title="研发投入后补助办法", department_id=department.pk
    )
    now = timezone.now()

    def old_programme(title, live):
        return old_apps.get_model("enterprise", "Programme").objects.create(
            policy_id=policy.pk, department_id=department.pk, title=title, opens_at=now,
            closes_at=now + dt.timedelta(days=30), where_to_apply="政务服务中心", live=live,
        ).pk  # fmt: skip

    public = old_programme("已公开的项目", True)
    hidden = old_programme("未公开的项目", False)

    migrate(latest())

    from gongkai.enterprise.models import Programme
    from gongkai.enterprise.selectors import programmes

    assert [programme.pk for programme in programmes()] == [public]
    live = Programme.objects.get(pk=public)
    assert live.live_revision_id and live.latest_revision_id == live.live_revision_id
    assert live.live_revision.as_object().title == "已公开的项目"
    draft = Programme.objects.get(pk=hidden)
    assert not draft.live and draft.live_revision_id is None

    back = migrate(before())
    shown = back.get_model("enterprise", "Programme").objects.filter(live=True)
    assert list(shown.values_list("pk", flat=True)) == [public]
    migrate(latest())
