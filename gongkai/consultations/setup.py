"""Consultations and their adoption reports go through the documents' sign-off workflow
(部门负责人审核 → 政务公开办审签)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowContentType

from gongkai.consultations.models import AdoptionReport, Consultation
from gongkai.documents.setup import ensure_sign_off_workflow


def ensure_consultation_workflow():
    workflow = ensure_sign_off_workflow()
    for model in (Consultation, AdoptionReport):
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model),
            defaults={"workflow": workflow},
        )
    return workflow
