"""The rule the sign-off workflow checks for the documents app: a document marked sensitive
(涉及公众切身利益、社会关注) is not published before an approved risk assessment with its
response plan (舆情风险评估、应对处置预案, seed 一.3)."""

from __future__ import annotations

from gongkai.concerns.models import RiskAssessment
from gongkai.documents.prepublication import Problem


def sensitive_document_problems(document) -> list[Problem]:
    if not document.is_sensitive:
        return []
    if document.pk and (
        RiskAssessment.objects.filter(document_id=document.pk, approved_at__isnull=False).exists()
    ):
        return []
    return [
        Problem(
            "risk_assessment",
            "该文件涉及公众切身利益、社会关注，尚无经审核的舆情风险评估和应对处置预案，不能发布。"
            "请在“回应关切 › 舆情风险评估”中填写并送审。",
            "This document touches the public's immediate interests: it cannot be published "
            "before a risk assessment with its response plan is approved. Write one under "
            "“Public concerns › Risk assessments” and have it approved.",
            overridable=False,
        )
    ]
