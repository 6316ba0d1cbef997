"""Idempotent set-up of the sign-off workflow (草稿 → 部门负责人审核 → 政务公开办审签 → 发布)."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Task, Workflow, WorkflowContentType, WorkflowTask

from gongkai.core.roles import ROLE_GROUP_NAMES, Role
from gongkai.documents.models import DepartmentHeadReviewTask, Document, Interpretation, SignOffTask
from gongkai.documents.workflow_names import (
    HEAD_REVIEW_TASK,
    PAGE_WORKFLOW,
    SIGN_OFF_TASK,
    SIGN_OFF_WORKFLOW,
)

WORKFLOW_NAME = SIGN_OFF_WORKFLOW
# Wagtail's migrations create the portal pages' workflow and its one task in English.
WAGTAIL_PAGE_WORKFLOW_NAME = "Moderators approval"
PAGE_WORKFLOW_NAME = PAGE_WORKFLOW


def ensure_sign_off_workflow() -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    head_task = DepartmentHeadReviewTask.objects.filter(name=HEAD_REVIEW_TASK).first() or (
        DepartmentHeadReviewTask.objects.create(name=HEAD_REVIEW_TASK)
    )
    sign_off = SignOffTask.objects.filter(name=SIGN_OFF_TASK).first() or SignOffTask.objects.create(
        name=SIGN_OFF_TASK
    )
    sign_off.groups.add(Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role.REVIEWER])[0])
    for order, task in enumerate((head_task, sign_off)):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for model in (Document, Interpretation):
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    return workflow


def join_sign_off_workflow(*models) -> Workflow:
    """Another app's workflow models join the sign-off workflow (after every migrate)."""
    workflow = ensure_sign_off_workflow()
    for model in models:
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    return workflow


def name_page_workflow_in_chinese() -> None:
    """Wagtail's default page workflow and task, named in Chinese like ours: Chinese pages
    said "提交给Moderators approval". A name an administrator gave them is kept."""
    Workflow.objects.filter(name=WAGTAIL_PAGE_WORKFLOW_NAME).update(name=PAGE_WORKFLOW_NAME)
    Task.objects.filter(name=WAGTAIL_PAGE_WORKFLOW_NAME).update(name=PAGE_WORKFLOW_NAME)
