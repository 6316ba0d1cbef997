"""The page-cache tags of the policy library (see gongkai.core.pagecache): which pages a change drops.

Pages listing documents declare DOCUMENT_LISTS (their rows show issuers, kinds and topics, and
their filters offer them); pages listing interpretations declare INTERPRETATION_LISTS.
"""

from django.db.models import Q

from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.documents.models import (
    Citation,
    Document,
    DocumentKind,
    DocumentRelation,
    Interpretation,
    Topic,
)

DOCUMENT_LISTS = (
    list_tag(Document),
    list_tag(Department),
    list_tag(DocumentKind),
    list_tag(Topic),
)
INTERPRETATION_LISTS = (list_tag(Interpretation), list_tag(Department), list_tag(Document))


def document_page_tags(document: Document) -> list[str]:
    """What a document's own page shows besides its related documents: its departments,
    kind and topics (prefetched by public_document_detail)."""
    shown = [document, document.department, *document.issuers.all(), *document.topics.all()]
    if document.doc_type_id:
        shown.append(document.doc_type)
    return [obj_tag(item) for item in shown if item is not None]


def document_detail_tags(document: Document) -> list[str]:
    """document_page_tags, and the documents and interpretations shown with it (for a page
    that has not loaded them already: two queries)."""
    interpretations = Interpretation.objects.filter(documents=document).values_list("pk", flat=True)
    return [
        *document_page_tags(document),
        *(obj_tag(Document, pk) for pk in related_document_ids(document)),
        *(obj_tag(Interpretation, pk) for pk in interpretations),
    ]


def related_document_ids(document: Document) -> set[int]:
    """The documents related to ``document`` or cited by it or citing it, either way: the
    pages that show it beside their own document."""
    relations = DocumentRelation.objects.filter(Q(source=document) | Q(target=document))
    citations = Citation.objects.filter(Q(source=document) | Q(target=document))
    ids = set()
    for rows in (relations, citations):
        for source, target in rows.values_list("source_id", "target_id"):
            ids.update((source, target))
    return ids - {None, document.pk}
