"""What the search index knows of each public document (the search app's SEARCH_SOURCE)."""

from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.html import strip_tags

from gongkai.documents.models import Document, DocumentAttachment, Topic
from gongkai.documents.selectors import public_documents, with_links
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


def _indexed_batch(documents: list[Document], lineage: dict[int, list[int]]):
    with_links(documents, "issuers", "topics")
    return [to_indexed(document, lineage) for document in documents]


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


def to_indexed(document: Document, lineage: dict[int, list[int]]) -> IndexedDocument:
    """The document as the index knows it (a batch puts the issuers and topics of all its
    documents in place at once: with_links)."""
    issuers = [(issuer.pk, issuer.name) for issuer in document.issuers.all()]
    topic_ids = {
        ancestor
        for topic in document.topics.all()
        for ancestor in lineage.get(topic.pk, [topic.pk])
    }
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
