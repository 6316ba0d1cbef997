"""What the search index knows of each public document (the search app's SEARCH_SOURCE)."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.html import strip_tags

from gongkai.documents.models import Document, DocumentAttachment, Topic
from gongkai.documents.selectors import public_documents
from gongkai.search.types import IndexedDocument


def _queryset():
    return (
        public_documents()
        .select_related("doc_type")
        .prefetch_related(
            Prefetch(
                "attachments", queryset=DocumentAttachment.objects.only("document_id", "text")
            ),
        )
    )


def _relations(ids: list[int]) -> tuple[dict[int, list[tuple[int, str]]], dict[int, list[int]]]:
    """Each document's issuers (id, name) and topic ids, read from the link tables in two
    queries: prefetching the ParentalManyToManyFields builds a queryset per document and per
    field (modelcluster), which took a quarter of a rebuild."""
    issuers, topics = defaultdict(list), defaultdict(list)
    issuer_rows = Document.issuers.through.objects.filter(document_id__in=ids).order_by(
        "department__sort_order", "department__name"
    )
    for document_id, department_id, name in issuer_rows.values_list(
        "document_id", "department_id", "department__name"
    ):
        issuers[document_id].append((department_id, name))
    topic_rows = Document.topics.through.objects.filter(document_id__in=ids)
    for document_id, topic_id in topic_rows.values_list("document_id", "topic_id"):
        topics[document_id].append(topic_id)
    return issuers, topics


def _indexed_batch(documents: list[Document], lineage: dict[int, list[int]]):
    issuers, topics = _relations([document.pk for document in documents])
    return [
        to_indexed(document, lineage, issuers=issuers[document.pk], topics=topics[document.pk])
        for document in documents
    ]


def _topic_ancestors() -> dict[int, list[int]]:
    parents = dict(Topic.objects.values_list("pk", "parent_id"))
    lineage = {}
    for topic_id in parents:
        chain, node = [], topic_id
        while node is not None and node not in chain:
            chain.append(node)
            node = parents.get(node)
        lineage[topic_id] = chain
    return lineage


def to_indexed(
    document: Document,
    lineage: dict[int, list[int]],
    *,
    issuers: list[tuple[int, str]] | None = None,
    topics: list[int] | None = None,
) -> IndexedDocument:
    """The document as the index knows it. ``issuers`` (id, name) and ``topics`` (ids) are
    read from the document itself unless given (a batch reads them for all at once)."""
    if issuers is None:
        issuers = [(issuer.pk, issuer.name) for issuer in document.issuers.all()]
    if topics is None:
        topics = [topic.pk for topic in document.topics.all()]
    topic_ids = {ancestor for topic in topics for ancestor in lineage.get(topic, [topic])}
    attachment_text = "\n".join(item.text for item in document.attachments.all() if item.text)
    return IndexedDocument(
        id=document.pk,
        title=document.title,
        title_en=document.title_en,
        doc_number=document.doc_number,
        doc_number_key=document.doc_number_key,
        summary=document.summary,
        body="\n".join(part for part in (strip_tags(document.body or ""), attachment_text) if part),
        keywords=document.keyword_list,
        department_ids=sorted({document.department_id, *(pk for pk, _name in issuers)}),
        department_names=[name for _pk, name in issuers],
        year=(document.published_on or document.written_on).year
        if (document.published_on or document.written_on)
        else None,
        doc_type=document.doc_type.name,
        topic_ids=sorted(topic_ids),
        validity=document.validity,
        disclosure=document.disclosure,
        published_on=document.published_on,
        modified_at=document.updated_at,
    )


def load(ids: list[int]) -> dict[int, IndexedDocument | None]:
    """Each id's indexed form, or None when the document is not public (any more)."""
    lineage = _topic_ancestors()
    found = {
        indexed.id: indexed
        for indexed in _indexed_batch(list(_queryset().filter(pk__in=ids)), lineage)
    }
    return {pk: found.get(pk) for pk in ids}


def iter_all(batch_size: int = 500) -> Iterator[list[IndexedDocument]]:
    lineage = _topic_ancestors()
    ids = list(public_documents().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = _queryset().filter(pk__in=ids[start : start + batch_size]).order_by("pk")
        yield _indexed_batch(list(batch), lineage)


def count_all() -> int:
    return public_documents().count()
