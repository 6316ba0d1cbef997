"""Consultations go through the documents' sign-off workflow (部门负责人审核 → 政务公开办审签)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowContentType

from gongkai.consultations.models import Consultation
from gongkai.documents.setup import ensure_sign_off_workflow


def ensure_consultation_workflow():
    workflow = ensure_sign_off_workflow()
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Consultation),
        defaults={"workflow": workflow},
    )
    return workflow
