"""Reads behind the portal's pages, built on gongkai.documents.selectors.

Every list reads a fixed number of queries whatever its length (tests/portal/test_queries.py).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import (
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import get_language

from gongkai.core import versiontokens
from gongkai.core.models import Department
from gongkai.documents import classification_cache
from gongkai.documents.models import (
    Document,
    DocumentKind,
    DocumentRelation,
    Interpretation,
    InterpretationForm,
    Topic,
)
from gongkai.documents.selectors import (
    PUBLIC_DOCUMENTS_VERSION,
    PUBLIC_STATE_COLUMNS,
    ListedDocument,
    listed_attachments,
    listed_documents,
    public_document_list,
    public_documents,
    public_interpretations,
)
from gongkai.portal.models import GuidePage
from gongkai.search import get_backend
from gongkai.search.suggest import did_you_mean
from gongkai.search.types import SearchHit, SearchQuery, SearchResults

# The titles a spelling suggestion is looked for in (the newest: enough words, bounded work).
SUGGESTION_TITLES = 20_000

# Filter options built under tokens that no longer hold are not asked for again: let the cache
# drop them after a day.
FILTER_OPTIONS_KEPT = 24 * 60 * 60

SORT_ORDERS = {
    "newest": ("-published_on", "-id"),
    "oldest": ("published_on", "id"),
    "title": ("title", "id"),
    "views": ("-view_count", "-id"),
}
DEFAULT_SORT = "newest"


@dataclass(frozen=True)
class TopicOption:
    """A topic with its depth in the tree, for indented choices and descendant filters."""

    topic: Topic
    depth: int


@dataclass(frozen=True)
class FilterOptions:
    """What the filter forms offer: departments that issued public documents, kinds, topics, years."""

    departments: list[Department]
    kinds: list[DocumentKind]
    topics: list[TopicOption]
    years: list[int]


@dataclass(frozen=True)
class DocumentFilters:
    department: int | None = None
    year: int | None = None
    doc_type: int | None = None
    topic: int | None = None
    validity: str | None = None
    disclosure: str | None = None
    sort: str = DEFAULT_SORT


@dataclass(frozen=True)
class RelatedDocument:
    """One line of 相关文件: how this document relates to ``document`` (依据, 被废止 …)."""

    kind: str
    label: str
    document: Document


@dataclass(frozen=True)
class SearchResultItem:
    hit: SearchHit
    document: ListedDocument
    url: str


@dataclass(frozen=True)
class SearchPage:
    results: SearchResults
    items: list[SearchResultItem]


def filter_options() -> FilterOptions:
    """The filter forms' choices (search, catalogue, site map), kept in the shared cache.

    Built from every public document (four queries whose cost grows with their number: 165 ms
    of the 185 ms of processor a search page took at 20,000 documents, 7 to 10 s at 1,000,000),
    so kept under the version tokens (gongkai.core.versiontokens) of the public documents,
    bumped whenever one is published, unpublished, withdrawn, edited while live or deleted
    (gongkai.documents.selectors.PUBLIC_DOCUMENTS_VERSION), and of the departments, kinds and
    topics, bumped on each save or delete (classification_cache). No query while both hold.
    """
    classified = versiontokens.current(classification_cache.VERSION_KEY)
    public = versiontokens.current(PUBLIC_DOCUMENTS_VERSION)
    key = f"gongkai:filter-options:{classified}:{public}"
    options = cache.get(key)
    if options is None:
        options = _read_filter_options()
        cache.set(key, options, timeout=FILTER_OPTIONS_KEPT)
    return options


def _read_filter_options() -> FilterOptions:
    """Four queries: departments, kinds, topics and publication years of public documents."""
    public = public_documents()
    issuers = Document.issuers.through.objects.filter(document_id__in=public.values("pk"))
    departments = Department.objects.filter(
        Q(pk__in=public.values("department_id")) | Q(pk__in=issuers.values("department_id"))
    )
    return FilterOptions(
        departments=list(departments),
        kinds=list(DocumentKind.objects.filter(pk__in=public.values("doc_type_id"))),
        topics=topic_tree(Topic.objects.all()),
        years=[day.year for day in public.dates("published_on", "year", order="DESC")],
    )


def topic_tree(topics: Iterable[Topic]) -> list[TopicOption]:
    """Topics in tree order (each parent followed by its children), with their depth."""
    topics = list(topics)
    children: dict[int | None, list[Topic]] = {}
    for topic in topics:
        children.setdefault(topic.parent_id, []).append(topic)
    ordered: list[TopicOption] = []

    def walk(parent_id, depth):
        for topic in children.get(parent_id, []):
            ordered.append(TopicOption(topic, depth))
            walk(topic.pk, depth + 1)

    walk(None, 0)
    return ordered


def topic_with_descendants(topic_id: int) -> set[int]:
    return _subtree(topic_id, dict(Topic.objects.values_list("pk", "parent_id")))


def _subtree(topic_id: int, parents: dict[int, int | None]) -> set[int]:
    """``topic_id`` and every topic below it, given each topic's parent."""
    found, grew = {topic_id}, True
    while grew:
        new = {pk for pk, parent in parents.items() if parent in found} - found
        found |= new
        grew = bool(new)
    return found


def filter_documents(documents: QuerySet[Document], filters: DocumentFilters) -> QuerySet[Document]:
    """Apply the portal's filters. A department matches as drafter or as one of the issuers."""
    if filters.department:
        issued = Document.issuers.through.objects.filter(department_id=filters.department)
        documents = documents.filter(
            Q(department_id=filters.department) | Q(pk__in=issued.values("document_id"))
        )
    if filters.year:
        documents = documents.filter(published_on__year=filters.year)
    if filters.doc_type:
        documents = documents.filter(doc_type_id=filters.doc_type)
    if filters.topic:
        tagged = Document.topics.through.objects.filter(
            topic_id__in=topic_with_descendants(filters.topic)
        )
        documents = documents.filter(pk__in=tagged.values("document_id"))
    if filters.validity:
        documents = documents.filter(validity=filters.validity)
    if filters.disclosure:
        documents = documents.filter(disclosure=filters.disclosure)
    return documents


def document_list(filters: DocumentFilters) -> QuerySet[Document]:
    order = SORT_ORDERS.get(filters.sort, SORT_ORDERS[DEFAULT_SORT])
    return filter_documents(public_document_list(), filters).order_by(*order)


def latest_documents(limit: int = 8) -> list[Document]:
    return list(public_document_list().order_by(*SORT_ORDERS["newest"])[:limit])


def interpretation_list() -> QuerySet[Interpretation]:
    return (
        public_interpretations()
        .select_related("department")
        .prefetch_related(
            Prefetch("documents", queryset=public_documents().only("pk", "title", "title_en")),
            Prefetch(
                "forms", queryset=InterpretationForm.objects.only("pk", "kind", "interpretation_id")
            ),
        )
        .order_by("-published_on", "-id")
    )


def latest_interpretations(limit: int = 6) -> list[Interpretation]:
    return list(interpretation_list()[:limit])


def wants_english(language: str | None = None) -> bool:
    """True when the page should show English: ``language`` if given (?lang=), else the UI's."""
    return (language or get_language() or "").lower().startswith("en")


def document_page_context(
    document: Document, *, preview: bool = False, language: str | None = None
) -> dict:
    """Everything the document page shows. With ``preview`` the document is a revision being
    edited (maybe unsaved): its relations come from the revision and nothing is filtered."""
    has_english = bool(document.title_en or document.body_en or document.summary_en)
    listed, attachments = listed_attachments(
        document, sorted(document.attachments.all(), key=lambda item: item.sort_order or 0)
    )
    return {
        "document": document,
        "issuers": list(document.issuers.all()),
        "topics": list(document.topics.all()),
        "listed_attachments": listed,
        "attachments": attachments,
        "interpretations": _document_interpretations(document),
        **_relations(document, preview=preview),
        "has_english": has_english,
        "show_english": has_english and wants_english(language),
        "english_requested": wants_english(language),
        "preview": preview,
    }


# What a document page shows of the documents and interpretations it links to (link, title, a
# document's number): these columns only, not their bodies (a third of the processor time of
# the relations' queries, issue 7). Any other attribute read from them costs a query each.
LINKED_COLUMNS = ("title", "title_en", "doc_number")
LINKED_INTERPRETATION_COLUMNS = ("title", "title_en", "interpreter_kind", "published_on")


def _document_interpretations(document: Document) -> list[Interpretation]:
    if not document.pk:
        return []
    # The document is public, so each live interpretation of it is public too (同步发布).
    return list(
        Interpretation.objects.filter(live=True, documents=document)
        .order_by("-published_on")
        .only(*LINKED_INTERPRETATION_COLUMNS)
    )


def _relations(document: Document, *, preview: bool) -> dict[str, list[RelatedDocument]]:
    """相关文件: ``relations`` (this document 依据/修订/废止 another: in a preview, those of the
    revision) and ``related_by`` (the public documents that relate to it)."""
    relations, related_by = _public_relations(document, outgoing=not preview)
    return {
        "relations": _preview_relations(document) if preview else relations,
        "related_by": related_by,
    }


def _public_relations(
    document: Document, *, outgoing: bool
) -> tuple[list[RelatedDocument], list[RelatedDocument]]:
    """The document's relations with public documents, both ways (or incoming only), in one
    query reading only what the page shows of the other document and whether it is public
    (checked here: the same query with that condition on each end cost a third more to build)."""
    if not document.pk:
        return [], []
    wanted = Q(target_id=document.pk)
    if outgoing:
        wanted |= Q(source_id=document.pk)
    columns = (*LINKED_COLUMNS, *PUBLIC_STATE_COLUMNS)
    rows = (
        DocumentRelation.objects.filter(wanted)
        .select_related("source", "target")
        .only(
            "kind",
            "sort_order",
            *(f"{end}__{name}" for end in ("source", "target") for name in columns),
        )
        .order_by("sort_order", "pk")
    )
    relations, related_by = [], []
    for row in rows:
        if outgoing and row.source_id == document.pk and row.target.is_public:
            relations.append(RelatedDocument(row.kind, row.get_kind_display(), row.target))
        if row.target_id == document.pk and row.source.is_public:
            related_by.append(RelatedDocument(row.kind, row.reverse_label, row.source))
    return relations, related_by


def _preview_relations(document: Document) -> list[RelatedDocument]:
    """The relations of the revision being previewed (maybe unsaved), whatever their target."""
    return [
        RelatedDocument(relation.kind, relation.get_kind_display(), relation.target)
        for relation in document.relations.all()
        if relation.target_id
    ]


def public_interpretation(pk: int) -> Interpretation | None:
    return (
        public_interpretations()
        .filter(pk=pk)
        .select_related("department", "spoken")  # spoken: its 每日一听 reading (gongkai.audio)
        .prefetch_related(
            Prefetch("forms", queryset=InterpretationForm.objects.order_by("sort_order"))
        )
        .first()
    )


def interpretation_page_context(
    interpretation: Interpretation, *, preview: bool = False, language: str | None = None
) -> dict:
    """The interpretation page: its forms in order and the public documents it interprets."""
    if preview:
        documents = list(interpretation.documents.all())
    else:
        documents = list(public_document_list().filter(interpretations=interpretation))
    return {
        "interpretation": interpretation,
        "forms": sorted(interpretation.forms.all(), key=lambda form: form.sort_order or 0),
        "documents": documents,
        "show_english": bool(interpretation.title_en) and wants_english(language),
        "preview": preview,
    }


def search_documents(query: SearchQuery) -> SearchPage:
    """Run the search and pair each hit with its document as listed and its page's address;
    hits the index still holds for a document that is no longer public (the index lags the
    database briefly) are left out."""
    results = get_backend().search(query)
    documents = listed_documents([hit.id for hit in results.hits])
    if not documents:
        return SearchPage(results=results, items=[])
    items = [
        SearchResultItem(hit, documents[hit.id], documents[hit.id].get_absolute_url())
        for hit in results.hits
        if hit.id in documents
    ]
    return SearchPage(results=results, items=items)


def spelling_suggestion(text: str) -> str | None:
    """您是不是要找: the query with its near misses corrected from public documents' titles,
    offered only when it finds something (two queries and one search; only on empty results)."""
    rows = (
        public_documents()
        .order_by("-published_on", "-id")
        .values_list("title", "title_en")[:SUGGESTION_TITLES]
    )
    suggestion = did_you_mean(text, "\n".join(title for row in rows for title in row if title))
    if suggestion is None:
        return None
    found = get_backend().search(SearchQuery(text=suggestion, page_size=1, with_facets=False))
    return suggestion if found.total and not found.some_words_only else None


def feed_documents(
    *, department: Department | None = None, topic: Topic | None = None, limit: int = 50
) -> list[Document]:
    filters = DocumentFilters(
        department=department.pk if department else None, topic=topic.pk if topic else None
    )
    return list(document_list(filters)[:limit])


def catalogue_list(
    *,
    department: int | None = None,
    year: int | None = None,
    topic: int | None = None,
    doc_type: int | None = None,
) -> QuerySet[Document]:
    """政府信息公开目录: public documents with their 生成日期 (成文日期, else 发布日期)."""
    filters = DocumentFilters(department=department, topic=topic, doc_type=doc_type)
    documents = filter_documents(public_document_list(), filters)
    documents = documents.annotate(
        generated_on=Coalesce("written_on", "published_on", output_field=DateField())
    )
    if year:
        documents = documents.filter(generated_on__year=year)
    return documents.order_by("-generated_on", "-id")


def catalogue_years() -> list[int]:
    years = (
        public_documents()
        .annotate(
            year=ExtractYear(Coalesce("written_on", "published_on", output_field=DateField()))
        )
        .exclude(year__isnull=True)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return list(years)


def catalogue_rows(documents: QuerySet[Document]) -> Iterator[Document]:
    """Stream a whole catalogue (CSV download) in chunks, issuers prefetched per chunk."""
    return documents.iterator(chunk_size=1000)


def live_guide_page() -> GuidePage | None:
    return GuidePage.objects.live().public().order_by("path").first()


@dataclass(frozen=True)
class Category:
    """One class of the 政府信息公开指南's 分类: a topic, kind or department, its depth in the
    tree, the catalogue's filter that lists it and how many public documents that shows."""

    item: Topic | DocumentKind | Department
    depth: int
    parameter: str
    count: int


@dataclass(frozen=True)
class GuideSections:
    """The parts of the 政府信息公开指南 generated from the library (条例 art. 12): the bodies
    handling disclosure with their contact details, and the classes of information with the
    number of documents in each (the catalogue's filters)."""

    offices: list[Department]
    topics: list[Category]
    kinds: list[Category]
    departments: list[Category]
    total: int


def guide_sections() -> GuideSections:
    """Six queries whatever the library's size: departments, topics, the topic counts (one
    conditional count per topic, its sub-topics included), kinds with counts, departments with
    counts (as drafter or issuer, the catalogue's department filter) and the total."""
    public = public_documents()
    offices = list(Department.objects.order_by("-is_openness_office", "sort_order", "name"))
    tree = topic_tree(Topic.objects.all())
    parents = {option.topic.pk: option.topic.parent_id for option in tree}
    tagged = Document.topics.through.objects.filter(document_id__in=public.values("pk"))
    topic_counts = (
        tagged.aggregate(
            **{
                f"t{option.topic.pk}": Count(
                    "document_id",
                    distinct=True,
                    filter=Q(topic_id__in=_subtree(option.topic.pk, parents)),
                )
                for option in tree
            }
        )
        if tree
        else {}
    )
    kinds = DocumentKind.objects.annotate(
        shown=Count("documents", filter=Q(documents__in=public.values("pk")))
    ).filter(shown__gt=0)
    issued = Document.issuers.through.objects.filter(department_id=OuterRef(OuterRef("pk"))).values(
        "document_id"
    )
    per_department = (
        public.filter(Q(department_id=OuterRef("pk")) | Q(pk__in=issued))
        .order_by()
        .annotate(shown=Func(F("pk"), function="COUNT"))
        .values("shown")
    )
    departments = Department.objects.annotate(
        shown=Subquery(per_department, output_field=IntegerField())
    ).filter(shown__gt=0)
    return GuideSections(
        offices=offices,
        topics=[
            Category(option.topic, option.depth, "topic", topic_counts[f"t{option.topic.pk}"])
            for option in tree
            if topic_counts[f"t{option.topic.pk}"]
        ],
        kinds=[Category(kind, 0, "doc_type", kind.shown) for kind in kinds],
        departments=[
            Category(department, 0, "department", department.shown) for department in departments
        ],
        total=public.count(),
    )
