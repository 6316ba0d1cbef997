"""Reads behind the public API: the public documents, interpretations, departments and topics,
filtered as the portal filters them. Only public data (gongkai.documents.selectors)."""

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Case, IntegerField, Prefetch, QuerySet, When
from django.utils import timezone

from gongkai.core.models import Department
from gongkai.documents.classification_cache import classifications
from gongkai.documents.models import (
    Disclosure,
    Document,
    DocumentKind,
    DocumentRelation,
    Interpretation,
    Topic,
    Validity,
)
from gongkai.documents.selectors import (
    ListedDocument,
    listed_documents,
    public_document_list,
    public_documents,
    public_interpretations,
)
from gongkai.portal.selectors import DocumentFilters as PortalFilters
from gongkai.portal.selectors import filter_documents
from gongkai.search import get_backend
from gongkai.search.query import MAX_PAGE_SIZE
from gongkai.search.types import SearchQuery, SearchResults

# ``q`` on the document list keeps the best matches only: the list pages through the
# database, so it needs the matching ids up front (the search endpoint pages the index instead).
LIST_SEARCH_LIMIT = 1000

ORDERINGS = {
    "-published_on": ("-published_on", "-id"),
    "published_on": ("published_on", "id"),
    "-updated_at": ("-updated_at", "-id"),
    "updated_at": ("updated_at", "id"),
}


@dataclass(frozen=True)
class DocumentFilters:
    """The portal's filters (gongkai.portal.selectors.filter_documents: ``department`` matches
    the drafting department or an issuer, ``topic`` includes its sub-topics), plus the API's
    full-text ``q``, ``modified_since`` and ``ordering``."""

    department: int | None = None
    year: int | None = None
    doc_type: int | None = None
    topic: int | None = None
    validity: str | None = None
    q: str = ""
    modified_since: datetime | None = None
    ordering: str | None = None

    def portal_filters(self) -> PortalFilters:
        return PortalFilters(
            department=self.department,
            year=self.year,
            doc_type=self.doc_type,
            topic=self.topic,
            validity=self.validity,
        )


def document_list(filters: DocumentFilters) -> QuerySet[Document]:
    """Public documents matching ``filters``, ordered; with ``q``, by relevance unless another
    ordering is asked for."""
    documents = filter_documents(
        public_document_list().prefetch_related("topics"), filters.portal_filters()
    )
    if since := filters.modified_since:
        documents = documents.filter(updated_at__gte=_aware(since))
    if filters.q.strip():
        ranked = _search_ids(filters)
        documents = documents.filter(pk__in=ranked)
        if filters.ordering in (None, "relevance"):
            return documents.order_by(_rank_order(ranked), "-id")
    return documents.order_by(*ORDERINGS.get(filters.ordering, ("-published_on", "-id")))


def _search_ids(filters: DocumentFilters) -> list[int]:
    """Ids of the best matches of ``filters.q`` (with the index's own filters), best first."""
    query = search_query(filters, page_size=MAX_PAGE_SIZE, with_facets=False)
    if query is None:
        return []
    backend, ids = get_backend(), []
    for page in range(1, LIST_SEARCH_LIMIT // MAX_PAGE_SIZE + 1):
        results = backend.search(replace(query, page=page))
        ids += [hit.id for hit in results.hits]
        if len(ids) >= results.total or not results.hits:
            break
    return ids


def _rank_order(ids: list[int]) -> Case:
    return Case(
        *(When(pk=pk, then=rank) for rank, pk in enumerate(ids)),
        default=len(ids),
        output_field=IntegerField(),
    )


def search_query(
    filters: DocumentFilters,
    *,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    with_facets: bool = True,
) -> SearchQuery | None:
    """The index query for ``filters``, or None when they cannot match (unknown 公文种类)."""
    doc_type_name = None
    if filters.doc_type is not None:
        doc_type_name = (
            DocumentKind.objects.filter(pk=filters.doc_type).values_list("name", flat=True).first()
        )
        if doc_type_name is None:
            return None
    return SearchQuery(
        text=filters.q,
        department=filters.department,
        year=filters.year,
        doc_type=doc_type_name,
        topic=filters.topic,
        validity=filters.validity or None,
        sort=sort,
        page=page,
        page_size=page_size,
        with_facets=with_facets,
    )


def search_documents(
    query: SearchQuery | None,
) -> tuple[SearchResults | None, dict[int, ListedDocument]]:
    """Run ``query`` on the index; the public documents of its hits by id, as listed. A hit the
    index still holds after its document stopped being public is left out by the caller."""
    if query is None:
        return None, {}
    results = get_backend().search(query)
    return results, listed_documents([hit.id for hit in results.hits])


def withdrawn_documents(modified_since: datetime | None = None) -> QuerySet[Document]:
    """撤回的文件: proactively disclosed documents taken off the portal, newest first, so a
    client syncing with ``modified_since`` learns what to remove."""
    documents = Document.objects.filter(withdrawn_at__isnull=False, disclosure=Disclosure.PROACTIVE)
    if modified_since:
        documents = documents.filter(withdrawn_at__gte=_aware(modified_since))
    return documents.only(
        "id", "title", "doc_number", "withdrawn_at", "withdrawal_reason"
    ).order_by("-withdrawn_at", "-id")


def document_interpretations(document: Document) -> list[Interpretation]:
    return list(
        Interpretation.objects.filter(documents=document, live=True)
        .select_related("department")
        .prefetch_related("forms")
        .order_by("-published_on", "-id")
    )


def document_relations(document: Document) -> list[tuple[str, DocumentRelation, Document]]:
    """The document's relations both ways as (direction, relation, other document), only with
    public documents: "outgoing" (this document 依据/修订/废止 the other) and "incoming"."""
    public_ids = public_documents().values("pk")
    outgoing = (
        DocumentRelation.objects.filter(source=document, target__in=public_ids)
        .select_related("target")
        .order_by("sort_order", "pk")
    )
    incoming = (
        DocumentRelation.objects.filter(target=document, source__in=public_ids)
        .select_related("source")
        .order_by("sort_order", "pk")
    )
    return [("outgoing", r, r.target) for r in outgoing] + [
        ("incoming", r, r.source) for r in incoming
    ]


@dataclass(frozen=True)
class InterpretationFilters:
    department: int | None = None
    document: int | None = None
    interpreter_kind: str | None = None
    modified_since: datetime | None = None
    ordering: str | None = None


def interpretation_list(filters: InterpretationFilters) -> QuerySet[Interpretation]:
    """Public interpretations (同步发布) with their public documents and forms prefetched."""
    interpretations = (
        public_interpretations()
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=public_documents()
                .only("id", "title", "doc_number")
                .order_by("-published_on", "-id"),
            ),
            "forms",
        )
    )
    if filters.department is not None:
        interpretations = interpretations.filter(department_id=filters.department)
    if filters.document is not None:
        interpretations = interpretations.filter(documents__pk=filters.document)
    if filters.interpreter_kind:
        interpretations = interpretations.filter(interpreter_kind=filters.interpreter_kind)
    if since := filters.modified_since:
        interpretations = interpretations.filter(updated_at__gte=_aware(since))
    ordering = ORDERINGS.get(filters.ordering, ("-published_on", "-id"))
    return interpretations.order_by(*ordering)


def interpretation_detail(pk: int) -> Interpretation | None:
    return interpretation_list(InterpretationFilters()).filter(pk=pk).first()


def department_list(*, kind: str | None = None, modified_since: datetime | None = None):
    departments = Department.objects.order_by("sort_order", "name", "pk")
    if kind:
        departments = departments.filter(kind=kind)
    if modified_since:
        departments = departments.filter(updated_at__gte=_aware(modified_since))
    return departments


def topic_list(*, parent: int | None = None) -> list[Topic]:
    """Every topic (or the children of ``parent``), each with ``path``: the names of its
    lineage, root first. Topics are few; one query reads them all."""
    topics = list(Topic.objects.order_by("sort_order", "name", "pk"))
    by_id = {topic.pk: topic for topic in topics}
    for topic in topics:
        topic.path = [node.name for node in _lineage(topic, by_id)]
    if parent is not None:
        topics = [topic for topic in topics if topic.parent_id == parent]
    return topics


def _lineage(topic: Topic, by_id: dict[int, Topic]) -> list[Topic]:
    chain, node = [], topic
    while node is not None and node not in chain:
        chain.append(node)
        node = by_id.get(node.parent_id)
    return list(reversed(chain))


def doc_type_list() -> QuerySet[DocumentKind]:
    return DocumentKind.objects.order_by("sort_order", "name")


def _aware(moment: datetime) -> datetime:
    """A naive date-time is read in the site's time zone (Asia/Shanghai by default)."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def labelled_facets(facets: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    """The index's facet counts with names, each value as the list filters take it (ids for
    department, 公文种类 and topic). Counts descending; years newest first. The names come from
    the process's classification_cache (they were three queries per search, issue 7 §4)."""
    known = classifications()
    departments = _names(known.departments, facets.get("department", {}))
    topics = _names(known.topics, facets.get("topic", {}))
    kinds = {kind.name: pk for pk, kind in known.kinds.items()}
    labelled = {
        "department": [
            _facet(key, departments[key], count)
            for key, count in facets.get("department", {}).items()
            if key in departments
        ],
        "year": [_facet(key, key, count) for key, count in facets.get("year", {}).items()],
        "doc_type": [
            _facet(str(kinds[name]), name, count)
            for name, count in facets.get("doc_type", {}).items()
            if name in kinds
        ],
        "topic": [
            _facet(key, topics[key], count)
            for key, count in facets.get("topic", {}).items()
            if key in topics
        ],
        "validity": [
            _facet(key, _validity_label(key), count)
            for key, count in facets.get("validity", {}).items()
        ],
    }
    for name, values in labelled.items():
        if name == "year":
            values.sort(key=lambda value: value["value"], reverse=True)
        else:
            values.sort(key=lambda value: (-value["count"], value["label"]))
    return labelled


def _names(rows: dict, counts: dict[str, int]) -> dict[str, str]:
    ids = (int(key) for key in counts if key.isdigit())
    return {str(pk): rows[pk].name for pk in ids if pk in rows}


def _facet(value: str, label: str, count: int) -> dict:
    return {"value": value, "label": label, "count": count}


def _validity_label(code: str) -> str:
    return str(Validity(code).label) if code in Validity.values else code
