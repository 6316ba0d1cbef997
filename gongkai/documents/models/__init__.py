from gongkai.documents.models.classification import DocumentKind, Topic
from gongkai.documents.models.document import (
    Disclosure,
    Document,
    DocumentAttachment,
    DocumentRelation,
    IndexNumberCounter,
    RelationKind,
    Validity,
)
from gongkai.documents.models.interpretation import (
    InterpreterKind,
    Interpretation,
    InterpretationForm,
    InterpretationFormKind,
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
