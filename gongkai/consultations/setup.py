"""Consultations and their adoption reports go through the documents' sign-off workflow
(部门负责人审核 → 政务公开办审签)."""

from gongkai.consultations.models import AdoptionReport, Consultation
from gongkai.documents.setup import join_sign_off_workflow


def ensure_consultation_workflow():
    return join_sign_off_workflow(Consultation, AdoptionReport)
