"""Role groups get their permissions on migrate; the sign-off workflow is set up for both models."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowContentType

from gongkai.areas.models import CertificateItem, ServiceGuide
from gongkai.consultations.models import AdoptionReport
from gongkai.core.roles import (
    ROLE_GROUP_NAMES,
    ROLE_PERMISSIONS,
    Role,
    has_role,
    sees_all_departments,
)
from gongkai.core.setup import ensure_role_groups
from gongkai.documents.models import (
    DepartmentHeadReviewTask,
    Document,
    Interpretation,
    SignOffTask,
)
from gongkai.documents.setup import WORKFLOW_NAME, ensure_sign_off_workflow
from gongkai.enterprise.models import Programme
from tests import factories

pytestmark = pytest.mark.django_db


def granted(group: Group) -> set[str]:
    return {
        f"{perm.content_type.app_label}.{perm.codename}"
        for perm in group.permissions.select_related("content_type")
    }


@pytest.mark.parametrize("role", list(Role))
def test_each_role_group_holds_every_permission_listed_for_it(role):
    """The test database is built by migrate, so this is the state after every migrate; a
    misspelt permission in ROLE_PERMISSIONS would be missing here."""
    group = Group.objects.get(name=ROLE_GROUP_NAMES[role])
    assert set(ROLE_PERMISSIONS[role]) <= granted(group)


def test_setting_up_the_roles_again_changes_nothing():
    before = {name: granted(Group.objects.get(name=name)) for name in ROLE_GROUP_NAMES.values()}
    ensure_role_groups()
    after = {name: granted(Group.objects.get(name=name)) for name in ROLE_GROUP_NAMES.values()}
    assert before == after
    assert Group.objects.filter(name__in=ROLE_GROUP_NAMES.values()).count() == len(Role)


def test_an_editor_drafts_but_only_the_office_publishes():
    editor = factories.staff_user(Role.EDITOR, factories.department("财政局", code="czj"))
    reviewer = factories.staff_user(Role.REVIEWER, factories.department("党政办公室", code="dzb"))
    assert editor.has_perm("documents.change_document")
    assert not editor.has_perm("documents.publish_document")
    assert reviewer.has_perm("documents.publish_document")
    assert reviewer.has_perm("documents.sign_off_document")


def test_only_office_wide_roles_see_every_department():
    finance = factories.department("财政局", code="czj")
    assert not sees_all_departments(factories.staff_user(Role.EDITOR, finance))
    assert not sees_all_departments(factories.staff_user(Role.HEAD, finance))
    assert sees_all_departments(factories.staff_user(Role.REVIEWER, finance))
    assert sees_all_departments(factories.staff_user(Role.ASSESSOR, finance))
    superuser = factories.make_user(is_superuser=True)
    assert has_role(superuser, Role.ADMIN) and sees_all_departments(superuser)


@pytest.mark.parametrize(
    "model",
    [Document, Interpretation, ServiceGuide, CertificateItem, AdoptionReport, Programme],
)
def test_the_sign_off_workflow_is_assigned(model):
    workflow = model().get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [DepartmentHeadReviewTask, SignOffTask]
    assert ROLE_GROUP_NAMES[Role.REVIEWER] in {group.name for group in tasks[1].groups.all()}


def test_setting_up_the_workflow_again_changes_nothing():
    workflow = ensure_sign_off_workflow()
    assert ensure_sign_off_workflow() == workflow
    # Documents, interpretations, consultations and their adoption reports, 政策问答, 财政预决算,
    # 政府债务, 就业, 放管服, 办事指南, 证明事项 and 申报项目 (which join it after every migrate).
    assert WorkflowContentType.objects.filter(workflow=workflow).count() == 12
    assert len(workflow.tasks) == 2
