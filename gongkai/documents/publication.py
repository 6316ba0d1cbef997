"""Publishing a workflow model (document, interpretation) happens only at the end of sign-off.

Wagtail publishes through ``obj.publish()`` → ``PublishRevisionAction`` from every entry point:
the create and edit views (``action-publish``), "revert and publish", the workflow's last
approval, scheduled publishing, and any code calling ``revision.publish()``. Its views skip the
action's permission check because they checked the publish permission themselves, so a
permission alone cannot hold the line. ``SignedOffPublishRevisionAction`` checks what cannot be
skipped: the publication is either

* the finish of a sign-off workflow (head review and 审签 approved) in progress right now, which
  ``publish_signed_off`` (``WAGTAIL_FINISH_WORKFLOW_ACTION``) announces for exactly that object,
  or
* a scheduled publication of a revision that such a finish approved (``approved_go_live_at``),
  run later by ``publish_scheduled``.

Anything else raises ``PublishPermissionError`` before the object is touched. The publication
is audited in the name of the reviewer who signed off, never an anonymous "workflow".
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.publish_revision import PublishPermissionError, PublishRevisionAction
from wagtail.models import TaskState
from wagtail.workflows import publish_workflow_state

from gongkai.core.permissions import require_department
from gongkai.documents.models.workflow import (
    DepartmentHeadReviewTask,
    SignedOffPublishingMixin,
    SignOffTask,
)

# (model label, pk) of the object whose sign-off workflow is finishing, and who signed it off.
_finishing_sign_off: ContextVar[tuple[str, str, object] | None] = ContextVar(
    "finishing_sign_off", default=None
)

REFUSED = _("须经部门负责人审核和政务公开办审签后发布，不能直接发布。")


def refuse_direct_publication(fields: dict) -> None:
    """A service creating a workflow item makes a draft: asking for a live one is refused
    (only the sign-off workflow publishes)."""
    if fields.pop("live", False):
        raise PublishPermissionError(str(REFUSED))


def create_draft(model, *, user, children=None, **fields):
    """A new draft of a department's workflow model, as ``user`` creates it, saved as its first
    revision; it goes live when signed off. ``children``, when given, is called with the saved
    object to write its child rows, so that the first revision holds them. The caller audits
    it."""
    refuse_direct_publication(fields)
    obj = model(live=False, **fields)
    require_department(user, obj.department_id)
    obj.full_clean()
    obj.save()
    if children is not None:
        children(obj)
    obj.save_revision(user=user)
    return obj


def publish_signed_off(workflow_state, user=None):
    """Wagtail's finish action for every workflow: a workflow model goes live only when both
    the drafting department's head review and the office's sign-off were approved."""
    obj = workflow_state.content_object
    if not isinstance(obj, SignedOffPublishingMixin):
        return publish_workflow_state(workflow_state, user)
    sign_off = _approved_sign_off(workflow_state)
    if sign_off is None or not _head_review_approved(workflow_state):
        raise PublishPermissionError(REFUSED)
    with _announced(obj, sign_off.finished_by):
        obj.get_latest_revision().publish(user=sign_off.finished_by)
    return None


@contextmanager
def _announced(obj, reviewer):
    token = _finishing_sign_off.set((obj._meta.label, str(obj.pk), reviewer))
    try:
        yield
    finally:
        _finishing_sign_off.reset(token)


def _task_states_of(workflow_state, task_model):
    return workflow_state.task_states.filter(
        status=TaskState.STATUS_APPROVED,
        task__content_type=ContentType.objects.get_for_model(task_model),
    )


def _approved_sign_off(workflow_state) -> TaskState | None:
    state = workflow_state.current_task_state
    if state is None or state.status != TaskState.STATUS_APPROVED:
        return None
    return _task_states_of(workflow_state, SignOffTask).filter(pk=state.pk).first()


def _head_review_approved(workflow_state) -> bool:
    return _task_states_of(workflow_state, DepartmentHeadReviewTask).exists()


def revision_to_publish(task_state):
    """The revision a sign-off puts live: the latest, as ``publish_signed_off`` publishes it."""
    return task_state.workflow_state.content_object.get_latest_revision()


def signing_reviewer(obj, revision):
    """The reviewer whose sign-off authorises publishing ``revision`` of ``obj`` now; raises
    ``PublishPermissionError`` when none does."""
    announced = _finishing_sign_off.get()
    if announced and announced[:2] == (obj._meta.label, str(obj.pk)):
        return announced[2]
    if revision.approved_go_live_at and revision.approved_go_live_at <= timezone.now():
        sign_off = (
            TaskState.objects.for_instance(obj)
            .filter(
                status=TaskState.STATUS_APPROVED,
                task__content_type=ContentType.objects.get_for_model(SignOffTask),
                finished_at__gte=revision.created_at,
            )
            .order_by("-finished_at")
            .first()
        )
        if sign_off is not None:
            return sign_off.finished_by
        # Not approved by a sign-off: take it off the schedule so it is not tried again.
        type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
    raise PublishPermissionError(REFUSED)


class SignedOffPublishRevisionAction(PublishRevisionAction):
    """Wagtail's publish action, refused unless a sign-off authorises it (see the module)."""

    def check(self, skip_permission_checks=False):
        # Deliberately ignores skip_permission_checks: views skip the permission check, and
        # sign-off is not a permission anyone holds.
        self.signed_off_by = signing_reviewer(self.object, self.revision)

    def _after_publish(self):
        super()._after_publish()
        if self.object.live:
            from gongkai.documents import services

            services.on_published(obj=self.object, user=self.signed_off_by)


def sign_off_through(obj, *, submitter, head, reviewer, override_reason: str = ""):
    """Take ``obj``'s current state through the whole workflow as its staff would: save it as a
    revision, submit it, the head approves, the reviewer signs off with the three checks (and
    ``override_reason`` for any blocking problem). For the demo and the test builders."""
    obj.save_revision(user=submitter)
    workflow_state = obj.get_workflow().start(obj, submitter)
    checks = {"political": True, "policy": True, "content": True}
    for user, data in ((head, {}), (reviewer, {**checks, "override_reason": override_reason})):
        workflow_state.refresh_from_db()
        task_state = workflow_state.current_task_state.specific
        task_state.task.specific.on_action(task_state, user, "approve", **data)
    obj.refresh_from_db()
    return obj
