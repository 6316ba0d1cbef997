"""The two steps of the sign-off workflow, as Wagtail workflow tasks.

Wagtail's workflow engine carries drafts, revisions, locking, rejection with comments and the
history; these tasks only say who may act at each step and what the office reviewer records.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.hooks import search_for_hooks
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    Task,
    TaskState,
    WorkflowMixin,
)
from wagtail.permissions import policy_registry

from gongkai.core.roles import Role, has_role


class SignedOffPublishingMixin:
    """Put before Wagtail's mixins on a workflow model: it is published only through sign-off.

    Every publication of the model goes through ``publish()`` (Wagtail's views, the workflow,
    scheduled publishing, ``revision.publish()``); this one uses the action that refuses a
    publication no sign-off authorises (gongkai.documents.publication).
    """

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        from gongkai.documents.publication import SignedOffPublishRevisionAction

        return SignedOffPublishRevisionAction(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
        ).execute(skip_permission_checks=skip_permission_checks)


class SignedOffModel(
    SignedOffPublishingMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    models.Model,
):
    """A model of another app whose rows are published through the sign-off workflow only (a
    证明事项, a 财政预决算 record, a 申报项目, an adoption report): drafts, revisions, locking,
    preview.
    Its subclasses declare ``_revisions`` and ``workflow_states`` (their own
    ``related_query_name``)."""

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


def _user_department_id(user):
    profile = getattr(user, "staff_profile", None)
    return profile.department_id if profile else None


def _department_policy(model):
    """The permission policy scoping a workflow model by its drafting department (a lookup such
    as ``consultation__department_id`` for an adoption report): every one is a
    SignOffPermissionPolicy, registered by the apps' wagtail_hooks (loaded first, as asking the
    registry before they are would fix Wagtail's fallback policy for the model)."""
    search_for_hooks()
    return policy_registry.get_by_type(model)


def drafting_department_id(obj):
    return _department_policy(type(obj)).department_of(obj)


def _workflow_of_department(model, department_id) -> models.Q:
    """Task states whose object is one of ``model``'s items of the department.

    ``object_id`` is text: it is compared with the primary keys cast to text, a subquery of many
    rows (casting the subquery itself keeps only its first row), and with the model's content
    type, since a document and an interpretation may share an id.
    """
    own_ids = (
        model.objects.filter(**{_department_policy(model).department_field: department_id})
        .annotate(object_id=Cast("pk", models.CharField()))
        .values("object_id")
    )
    return models.Q(
        workflow_state__base_content_type=ContentType.objects.get_for_model(model),
        workflow_state__object_id__in=own_ids,
    )


class DepartmentHeadReviewTask(Task):
    """部门负责人审核: the head of the drafting department reviews what it publishes."""

    def _is_head_of(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        return has_role(user, Role.HEAD) and _user_department_id(user) == drafting_department_id(
            obj
        )

    def user_can_access_editor(self, obj, user):
        return self._is_head_of(obj, user)

    def locked_for_user(self, obj, user):
        return not self._is_head_of(obj, user)

    def user_can_lock(self, obj, user):
        return self._is_head_of(obj, user)

    def get_actions(self, obj, user):
        if not self._is_head_of(obj, user):
            return []
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("同意"), False),
            ("approve", _("同意并附意见"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        department_id = _user_department_id(user)
        if not has_role(user, Role.HEAD) or department_id is None:
            return TaskState.objects.none()
        from gongkai.documents import signed_off
        from gongkai.documents.models import Document, Interpretation

        # Every model in the workflow has a drafting department (the other apps' register).
        in_department = models.Q(pk__in=[])
        for model in (Document, Interpretation, *signed_off.registered_models()):
            in_department |= _workflow_of_department(model, department_id)
        return states.filter(in_department)

    @classmethod
    def get_description(cls):
        return _("起草部门的部门负责人审核。")

    class Meta:
        verbose_name = pgettext_lazy("model", "部门负责人审核")
        verbose_name_plural = pgettext_lazy("models", "部门负责人审核")


class SignOffTask(AbstractGroupApprovalTask):
    """审签: the openness office checks 政治关, 政策关 and 内容关 and signs off.

    Approval needs the three checks; a blocking pre-publication problem needs a written
    override reason, which is kept with the sign-off record and in the audit log.
    """

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("审签通过"), True),
        ]

    def get_form_for_action(self, action):
        if action == "approve":
            from gongkai.documents.forms import SignOffForm

            return SignOffForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "approve":
            return "documents/signoff_modal.html"
        return super().get_template_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        from gongkai.documents.services import sign_off_approve

        sign_off_approve(task_state=task_state, user=user, **kwargs)
        return None

    @classmethod
    def get_description(cls):
        return _("政务公开办审签（政治关、政策关、内容关）。")

    class Meta:
        verbose_name = pgettext_lazy("model", "审签")
        verbose_name_plural = pgettext_lazy("models", "审签")
