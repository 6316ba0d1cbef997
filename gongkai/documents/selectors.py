"""Reads of documents and interpretations shared by the portal, the API, the back office and reports."""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import F, Prefetch, QuerySet
from django.db.models.sql.compiler import SQLCompiler
from django.utils.html import strip_tags

from gongkai.core.models import Department
from gongkai.core.roles import sees_all_departments
from gongkai.core.urlpaths import reverse_id
from gongkai.documents import signed_off
from gongkai.documents.attachment_names import ORIGINAL_TITLE, match_listed
from gongkai.documents.classification_cache import classifications
from gongkai.documents.metadata import split_keywords
from gongkai.documents.models import (
    Disclosure,
    Document,
    DocumentAttachment,
    DocumentKind,
    Interpretation,
    OpennessSettings,
    Topic,
    Validity,
)
from gongkai.documents.prepublication import Problem, PublicationFacts, check_publication


def public_documents() -> QuerySet[Document]:
    """Documents the portal shows: published, not withdrawn, proactively disclosed (主动公开)."""
    return Document.objects.filter(
        live=True, withdrawn_at__isnull=True, disclosure=Disclosure.PROACTIVE
    )


# The shared cache's version token (gongkai.core.versiontokens) of the public documents: bumped
# by every service that changes a public document (services._drop_pages) — published,
# unpublished, withdrawn, its validity changed or edited while live — and by a document's
# deletion, so what is built from them (the portal's filter options) is built again.
PUBLIC_DOCUMENTS_VERSION = "gongkai:public-documents-version"


# The columns Document.is_public reads: load them with ``only`` to check a document in Python.
PUBLIC_STATE_COLUMNS = ("live", "withdrawn_at", "disclosure")


def public_interpretations() -> QuerySet[Interpretation]:
    """Approved interpretations of at least one public document (同步发布)."""
    return Interpretation.objects.filter(
        live=True, documents__in=public_documents().values("pk")
    ).distinct()


# What a linked issuer or topic shows: its name in either language (with_links adds the
# columns modelcluster sorts the links by).
LINK_COLUMNS = ("name", "name_en")
# The ParentalManyToManyFields a listed document can carry, and the fields of their link table
# naming the document and the linked row.
LINKED = {"issuers": ("document", "department"), "topics": ("document", "topic")}


def public_document_list() -> QuerySet[Document]:
    return public_documents().select_related("department", "doc_type").prefetch_related("issuers")


def with_links(documents: Iterable[Document], *names: str) -> None:
    """Put the named ParentalManyToManyFields (``issuers``, ``topics``) of every document in
    place, one query per field whatever the number of documents, as modelcluster holds them in
    memory: ``document.issuers.all()`` then reads no more. Prefetching them instead builds
    querysets per document and field in modelcluster: a quarter of an index rebuild and about
    two thirds of a search request (issue 7)."""
    documents = list(documents)
    ids = [document.pk for document in documents]
    for name in names:
        field = Document._meta.get_field(name)
        query_name = field.related_query_name()
        linked = defaultdict(list)
        related = field.related_model
        # modelcluster's set() sorts the links by their model's ordering: read those columns too.
        ordering = [name.lstrip("-") for name in related._meta.ordering]
        rows = (
            related.objects.filter(**{f"{query_name}__in": ids})
            .only(*LINK_COLUMNS, *ordering)
            .annotate(linked_document_id=F(query_name))
        )
        for row in rows:
            linked[row.linked_document_id].append(row)
        for document in documents:
            getattr(document, name).set(linked[document.pk])


@dataclass(frozen=True, slots=True)
class ListedDocument:
    """A public document as a page of search hits shows it (检索结果): the columns the API's
    DocumentOut and the portal's search page show, its drafting department (起草部门), kind
    (公文种类), issuers (发文机关) and topics (主题分类) from the process's
    classification_cache. Read as plain values, not as Document instances: initialising a
    Document (its ClusterableModel and mixins), its queryset and the modelcluster managers
    holding its links were over half of the search service's time (issue 7 §4)."""

    id: int
    title: str
    title_en: str
    doc_number: str
    index_number: str | None
    written_on: date | None
    published_on: date | None
    effective_on: date | None
    validity: str
    region: str
    keywords: str
    summary: str
    source: str
    updated_at: datetime
    department: Department
    doc_type: DocumentKind
    issuers: tuple[Department, ...]
    topics: tuple[Topic, ...]

    @property
    def pk(self) -> int:
        return self.id

    @property
    def keyword_list(self) -> list[str]:
        return split_keywords(self.keywords)

    @property
    def validity_label(self) -> str:
        return str(Validity(self.validity).label)

    def get_absolute_url(self) -> str:
        return reverse_id("portal:document_detail", self.id)


# ListedDocument's own columns, in the order of its fields, then its department's and kind's.
LISTED_COLUMNS = (
    "id",
    "title",
    "title_en",
    "doc_number",
    "index_number",
    "written_on",
    "published_on",
    "effective_on",
    "validity",
    "region",
    "keywords",
    "summary",
    "source",
    "updated_at",
    "department_id",
    "doc_type_id",
)


def listed_documents(ids: Collection[int]) -> dict[int, ListedDocument]:
    """The public documents among ``ids`` (search hits) by id, as listed: one statement for
    their columns and one for the ids of their issuers and topics. Always read from the
    database, never from the index's stored fields: the index lags the database after an edit,
    and still holds a withdrawn document until it is refreshed."""
    if not ids:
        return {}
    statement, params, compiler, converters = _listed_statement()
    marks = ", ".join(["%s"] * len(ids))
    with compiler.connection.cursor() as cursor:
        cursor.execute(f"{statement} IN ({marks})", [*params, *ids])
        rows = list(compiler.apply_converters(cursor.fetchall(), converters))
    linked = _link_rows(LINKED, [row[0] for row in rows])
    known = classifications(
        departments={row[-2] for row in rows} | {pk for _, pk in linked["issuers"]},
        kinds={row[-1] for row in rows},
        topics={pk for _, pk in linked["topics"]},
    )
    issuers = _linked_rows(linked["issuers"], known.departments)
    topics = _linked_rows(linked["topics"], known.topics)
    return {
        row[0]: ListedDocument(
            *row[:-2],
            department=known.departments[row[-2]],
            doc_type=known.kinds[row[-1]],
            issuers=issuers.get(row[0], ()),
            topics=topics.get(row[0], ()),
        )
        for row in rows
    }


# Per database connection: listed_documents' statement up to its ids, and what converts its
# values (dates on SQLite, aware date-times) as the queryset would.
_listed_statements: WeakKeyDictionary = WeakKeyDictionary()


def _listed_statement() -> tuple[str, list, SQLCompiler, dict]:
    """The statement reading LISTED_COLUMNS of public documents (public_documents, the one
    place that says which are), built by Django once per connection and ending in the id
    column for its ``IN (…)``. Building the queryset and its SQL on every search took about
    0.3 ms of processor, three times what SQLite takes to answer it (issue 7 §4)."""
    current = connections[DEFAULT_DB_ALIAS]
    built = _listed_statements.get(current)
    if built is None:
        query = public_documents().order_by().values_list(*LISTED_COLUMNS).query
        compiler = query.get_compiler(connection=current)
        sql, params = compiler.as_sql()
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        quote = current.ops.quote_name
        id_column = f"{quote(Document._meta.db_table)}.{quote(Document._meta.pk.column)}"
        built = (f"{sql} AND {id_column}", list(params), compiler, converters)
        _listed_statements[current] = built
    return built


def _linked_rows(pairs: list[tuple[int, int]], rows: dict) -> dict[int, tuple]:
    """The linked rows of each document, in their model's ordering (sort_order, name) as
    modelcluster sorts a document's links."""
    by_document = defaultdict(list)
    for document_id, pk in pairs:
        by_document[document_id].append(rows[pk])
    return {
        document_id: tuple(sorted(linked, key=lambda row: (row.sort_order, row.name)))
        for document_id, linked in by_document.items()
    }


def _link_rows(names: Iterable[str], ids: list[int]) -> dict[str, list[tuple[int, int]]]:
    """(document id, linked id) of the ``names`` links of the documents ``ids``, all in one
    statement written here: Django took about 0.3 ms of processor to build each of these
    queries, ten times what the database takes to answer them (issue 7 §4)."""
    linked = {name: [] for name in names}
    if not linked or not ids:
        return linked
    quote, marks = connection.ops.quote_name, ", ".join(["%s"] * len(ids))
    selects = []
    for position, name in enumerate(linked):
        through = Document._meta.get_field(name).remote_field.through
        document, other = (through._meta.get_field(field).column for field in LINKED[name])
        table, column, linked_column = quote(through._meta.db_table), quote(document), quote(other)
        select = f"SELECT {position}, {column}, {linked_column} FROM {table} WHERE {column} IN "  # noqa: S608 (the model's own names)
        selects.append(f"{select}({marks})")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), ids * len(selects))
        rows = cursor.fetchall()
    names = list(linked)
    for position, document_id, pk in rows:
        linked[names[position]].append((document_id, pk))
    return linked


def public_document_detail(pk: int) -> Document | None:
    """The document with everything its page shows, or None. A withdrawn document is returned
    too, so that its page can show the withdrawal notice instead of a 404. Its departments,
    kind and topics come from the process's classification_cache and its issuers' and topics'
    ids from one statement (_classify): the joins and the two prefetches they replace cost the
    compiler more than a third of the page's queries (issue 7, cold document page). Not an
    attachment's extracted text (``text``, up to the whole file's words, read only by the
    search index)."""
    found = (
        Document.objects.filter(pk=pk, disclosure=Disclosure.PROACTIVE)
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=DocumentAttachment.objects.defer("text").order_by("sort_order"),
            ),
        )
        # One row at most: no ORDER BY, which would cost the compiler a hash of each of the
        # ~70 selected columns (first() orders by the default ordering).
        .order_by()
    )
    document = next(iter(found), None)
    if document is None or not (document.live or document.withdrawn_at):
        return None
    _classify(document)
    return document


def _classify(document: Document) -> None:
    """Put in place the document's drafting department and kind, and its issuers and topics as
    with_links puts them: the rows from the process's classification_cache, the links' ids
    from one statement (_link_rows)."""
    linked = _link_rows(LINKED, [document.pk])
    known = classifications(
        departments=({document.department_id} - {None}) | {pk for _, pk in linked["issuers"]},
        kinds={document.doc_type_id} - {None},
        topics={pk for _, pk in linked["topics"]},
    )
    department, doc_type = Document.department.field, Document.doc_type.field
    department.set_cached_value(document, known.departments.get(document.department_id))
    doc_type.set_cached_value(document, known.kinds.get(document.doc_type_id))
    document.issuers.set([known.departments[pk] for _, pk in linked["issuers"]])
    document.topics.set([known.topics[pk] for _, pk in linked["topics"]])


@dataclass(frozen=True)
class ListedAttachment:
    """附件N as the document lists it, with the attachment that supplies it (None: the
    import did not include the file and nobody has uploaded it yet)."""

    number: int
    name: str
    attachment: DocumentAttachment | None


def listed_attachments(
    document: Document, attachments: Iterable[DocumentAttachment]
) -> tuple[list[ListedAttachment], list[DocumentAttachment]]:
    """The attachments the document lists, each paired with the attachment (by title or
    file name) that supplies it, and the other attachments (the 原文, unlisted ones)."""
    attachments = list(attachments)
    candidates = [item for item in attachments if item.title != ORIGINAL_TITLE]
    listed = list(document.listed_attachments or [])
    found = match_listed(
        listed, [(item.title, PurePosixPath(item.file.name or "").name) for item in candidates]
    )
    rows = [
        ListedAttachment(number, name, candidates[index] if index is not None else None)
        for number, (name, index) in enumerate(zip(listed, found, strict=True), start=1)
    ]
    paired = {id(candidates[index]) for index in found if index is not None}
    others = [item for item in attachments if id(item) not in paired]
    return rows, others


def missing_listed_attachments(documents: QuerySet[Document]) -> list[tuple[int, int, str]]:
    """(document id, N, name) of each attachment ``documents`` list and have no file for."""
    listing = documents.exclude(listed_attachments=[]).only("pk", "listed_attachments")
    attachments = DocumentAttachment.objects.only("document_id", "title", "file")
    return [
        (document.pk, row.number, row.name)
        for document in listing.prefetch_related(Prefetch("attachments", queryset=attachments))
        for row in listed_attachments(document, document.attachments.all())[0]
        if row.attachment is None
    ]


def documents_for_user(user) -> QuerySet[Document]:
    """The back office list: an editor or head sees only their own department's documents."""
    documents = Document.objects.all()
    if user.is_superuser or sees_all_departments(user):
        return documents
    profile = getattr(user, "staff_profile", None)
    if profile is None or profile.department_id is None:
        return documents.none()
    return documents.filter(department_id=profile.department_id)


def interpretations_for_user(user) -> QuerySet[Interpretation]:
    interpretations = Interpretation.objects.all()
    if user.is_superuser or sees_all_departments(user):
        return interpretations
    profile = getattr(user, "staff_profile", None)
    if profile is None or profile.department_id is None:
        return interpretations.none()
    return interpretations.filter(department_id=profile.department_id)


def publication_problems(obj) -> list[Problem]:
    """The pre-publication checks of a document or interpretation (as it stands in ``obj``)."""
    words = OpennessSettings.load().forbidden_word_list()
    if isinstance(obj, Interpretation):
        return check_publication(_interpretation_facts(obj), words)
    if (model := signed_off.registered(obj)) is not None:
        return check_publication(model.facts(obj), words)
    return check_publication(_document_facts(obj), words)


def _document_facts(document: Document) -> PublicationFacts:
    texts = [("正文", strip_tags(document.body or "")), ("概述", document.summary or "")]
    texts += [
        (f"附件《{item.title}》", item.text) for item in document.attachments.all() if item.text
    ]
    interpretations = _approved_interpretations(document)
    needs = bool(document.doc_type_id) and document.doc_type.needs_interpretation
    return PublicationFacts(
        title=document.title,
        texts=texts,
        missing_fields=_missing_document_fields(document),
        needs_interpretation=needs,
        has_approved_interpretation=bool(interpretations),
        interpretation_form_count=max(
            (len({f.kind for f in i.forms.all()}) for i in interpretations), default=0
        ),
        missing_attachments=tuple(
            (row.number, row.name)
            for row in listed_attachments(document, document.attachments.all())[0]
            if row.attachment is None
        ),
        extra_problems=tuple(signed_off.document_problems(document)),
    )


def _approved_interpretations(document: Document) -> list[Interpretation]:
    if not document.pk:
        return []
    return list(
        Interpretation.objects.filter(documents=document, live=True).prefetch_related("forms")
    )


def _missing_document_fields(document: Document) -> list[tuple[str, str]]:
    missing = []
    if not document.title.strip():
        missing.append(("标题", "title"))
    if not document.doc_type_id:
        missing.append(("公文种类", "document kind"))
    if not document.written_on:
        missing.append(("成文日期", "date written"))
    if not document.department_id:
        missing.append(("起草部门", "drafting department"))
    if not list(document.issuers.all()):
        missing.append(("发文机关", "issuing body"))
    if not strip_tags(document.body or "").strip() and not list(document.attachments.all()):
        missing.append(("正文或附件", "body or attachment"))
    if document.disclosure == Disclosure.WITHHELD and not document.withheld_reason.strip():
        missing.append(("不予公开理由", "reason withheld"))
    return missing


def _interpretation_facts(interpretation: Interpretation) -> PublicationFacts:
    texts = [("摘要", interpretation.summary or "")]
    forms = interpretation.forms.all()
    texts += [(f"解读（{form.get_kind_display()}）", strip_tags(form.text or "")) for form in forms]
    missing = []
    if not list(interpretation.documents.all()):
        missing.append(("解读的文件", "documents interpreted"))
    if not forms:
        missing.append(("解读形式", "interpretation form"))
    return PublicationFacts(title=interpretation.title, texts=texts, missing_fields=missing)


def import_review_stats() -> dict[str, dict[str, dict[str, int]]]:
    """For real imports through the form (ImportedField): per field and per confidence
    level, how many values extraction gave and how many the editor corrected."""
    from django.db.models import Count, F, Q

    from gongkai.documents.models import ImportedField

    rows = (
        ImportedField.objects.values("name", "confidence")
        .annotate(total=Count("pk"), corrected=Count("pk", filter=~Q(extracted=F("final"))))
        .order_by("name", "confidence")
    )
    stats: dict[str, dict[str, dict[str, int]]] = {}
    for row in rows:
        level = {"total": row["total"], "corrected": row["corrected"]}
        stats.setdefault(row["name"], {})[row["confidence"]] = level
    return stats
