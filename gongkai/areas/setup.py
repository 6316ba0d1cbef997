"""办事指南, 证明事项清单 and the records of the 财政预决算, 政府债务, 就业 and 放管服 columns go
through the documents' sign-off workflow (部门负责人审核 → 政务公开办审签)."""

from gongkai.areas.models import (
    BudgetDisclosure,
    CertificateItem,
    DebtDisclosure,
    EmploymentRecord,
    ReformMeasure,
    ServiceGuide,
)
from gongkai.documents.setup import join_sign_off_workflow

WORKFLOW_MODELS = (
    ServiceGuide,
    CertificateItem,
    BudgetDisclosure,
    DebtDisclosure,
    EmploymentRecord,
    ReformMeasure,
)


def ensure_areas_workflow():
    return join_sign_off_workflow(*WORKFLOW_MODELS)
