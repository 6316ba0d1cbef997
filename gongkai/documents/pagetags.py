"""The page-cache tags of the policy library (see gongkai.core.pagecache): which pages a change drops.

Pages listing documents declare DOCUMENT_LISTS (their rows show issuers, kinds and topics, and
their filters offer them); pages listing interpretations declare INTERPRETATION_LISTS.
"""

from collections.abc import Collection

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
    return documents_shown_with({document.pk})


def documents_shown_with(ids: Collection[int]) -> set[int]:
    """The other documents related to any of ``ids`` or cited by or citing one of them (two
    queries for any number of documents)."""
    either_end = Q(source_id__in=ids) | Q(target_id__in=ids)
    found = set()
    for model in (DocumentRelation, Citation):
        for source, target in model.objects.filter(either_end).values_list(
            "source_id", "target_id"
        ):
            found.update((source, target))
    return found - {None, *ids}
