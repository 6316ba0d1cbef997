"""Entries go through the documents' sign-off workflow (部门负责人审核 → 政务公开办审签)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowContentType

from gongkai.documents.setup import ensure_sign_off_workflow
from gongkai.knowledge.models import PolicyAnswer


def ensure_answer_workflow():
    workflow = ensure_sign_off_workflow()
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(PolicyAnswer),
        defaults={"workflow": workflow},
    )
    return workflow
