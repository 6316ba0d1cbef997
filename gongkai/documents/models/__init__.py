from gongkai.documents.models.classification import DocumentKind, Topic
from gongkai.documents.models.document import (
    Disclosure,
    Document,
    DocumentAttachment,
    DocumentRelation,
    IndexNumberCounter,
    LegalCategory,
    RelationKind,
    Validity,
)
from gongkai.documents.models.interpretation import (
    Interpretation,
    InterpretationForm,
    InterpretationFormKind,
    InterpreterKind,
)
from gongkai.documents.models.signoff import OpennessSettings, SignOffRecord
from gongkai.documents.models.workflow import DepartmentHeadReviewTask, SignOffTask

__all__ = [
    "DepartmentHeadReviewTask",
    "Disclosure",
    "Document",
    "DocumentAttachment",
    "DocumentKind",
    "DocumentRelation",
    "IndexNumberCounter",
    "LegalCategory",
    "Interpretation",
    "InterpretationForm",
    "InterpretationFormKind",
    "InterpreterKind",
    "OpennessSettings",
    "RelationKind",
    "SignOffRecord",
    "SignOffTask",
    "Topic",
    "Validity",
]
