from gongkai.documents.models.citation import Citation  # import helper (issue 3)
from gongkai.documents.models.classification import DocumentKind, Topic
from gongkai.documents.models.document import (
    LISTED_NAME_MAX_LENGTH,
    Disclosure,
    Document,
    DocumentAttachment,
    DocumentRelation,
    IndexNumberCounter,
    LegalCategory,
    RelationKind,
    Validity,
)
from gongkai.documents.models.imports import ImportedField, ImportRecord  # import helper (issue 3)
from gongkai.documents.models.interpretation import (
    Interpretation,
    InterpretationForm,
    InterpretationFormKind,
    InterpreterKind,
)
from gongkai.documents.models.signoff import OpennessSettings, SignOffRecord
from gongkai.documents.models.workflow import DepartmentHeadReviewTask, SignOffTask

__all__ = [
    "Citation",
    "DepartmentHeadReviewTask",
    "Disclosure",
    "Document",
    "DocumentAttachment",
    "DocumentKind",
    "DocumentRelation",
    "ImportRecord",
    "ImportedField",
    "IndexNumberCounter",
    "LegalCategory",
    "LISTED_NAME_MAX_LENGTH",
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
