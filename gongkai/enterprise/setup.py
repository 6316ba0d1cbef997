"""Programmes (申报项目) go through the documents' sign-off workflow (部门负责人审核 →
政务公开办审签)."""

from gongkai.documents.setup import join_sign_off_workflow
from gongkai.enterprise.models import Programme


def ensure_programme_workflow():
    return join_sign_off_workflow(Programme)
