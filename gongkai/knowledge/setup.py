"""Entries go through the documents' sign-off workflow (部门负责人审核 → 政务公开办审签)."""

from gongkai.documents.setup import join_sign_off_workflow
from gongkai.knowledge.models import PolicyAnswer


def ensure_answer_workflow():
    return join_sign_off_workflow(PolicyAnswer)
