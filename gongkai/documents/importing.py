"""Importing documents into the library (导入): one file through the back-office form, or
files, folders and zip archives in bulk (`gongkai import`).

An imported document is a draft for the sign-off workflow, with the metadata extraction
found: its issuers matched to departments, its kind guessed from its title, its body as
paragraphs, its citations (resolved where the cited document is in the library), the
original file kept as the attachment 原文 (web pages and text zipped: see
import_files.original_file), the attachments it lists (附件：…) with, as downloads, the
files of the import that supply them (same folder or archive folder, same batch; matched by
name, see attachment_names; a file that cannot be read as text, a scan or a spreadsheet, is
attached as it is), and the tasks of an implementation plan handed to the execution app.
A file that supplies, by its name alone, an attachment a document already in the library
lacks is attached to that document's draft instead (Importer.library_missing; the
back-office form offers it, library_attachment). A file already imported (same SHA-256),
or a document already in the library (same normalised number; or same title and date
where a number is missing) is a duplicate and skipped, so a re-run imports only what is new.

Bulk imports extract in a process pool and write in batches: documents, issuers,
attachments, citations, import records and Wagtail revisions are inserted with bulk_create,
index numbers reserved per department and year at once. `publish=True` is for migrating an
archive of already-public documents: the documents go live without the sign-off workflow,
which only an administrator may do; each import is audited, and the published ones are
indexed for search in large batches.
"""

from __future__ import annotations

import gc
import logging
import os
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, partial
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Revision

from gongkai.core import audit, bulk
from gongkai.core.docnumbers import normalize_doc_number
from gongkai.core.models import Department
from gongkai.core.roles import Role, has_role
from gongkai.documents import services as document_services
from gongkai.documents.attachment_names import ORIGINAL_TITLE, MissingAttachments, match_listed
from gongkai.documents.citations import citation_rows, citations_bulk_create, citations_resolve_to
from gongkai.documents.extraction import DEFAULT_MAX_BYTES
from gongkai.documents.import_files import (
    Prepared,
    SourceFile,
    iter_sources,
    prepare,
    sha256_of,
)
from gongkai.documents.import_pool import CHUNK, prepared_in_order
from gongkai.documents.models import (
    LISTED_NAME_MAX_LENGTH,
    Disclosure,
    Document,
    DocumentAttachment,
    DocumentKind,
    ImportRecord,
    IndexNumberCounter,
    Validity,
)
from gongkai.documents.selectors import documents_for_user, missing_listed_attachments

logger = logging.getLogger(__name__)

IMPORTED, DUPLICATE, FAILED = "imported", "duplicate", "failed"
ATTACHED = "attached"  # a file of the import that is a listed attachment of a document in it
FALLBACK_KIND = "其他"
DEFAULT_BATCH_SIZE = 500
INDEX_BATCH_SIZE = 2000
_FILE_THREADS = 4  # writing files waits on the disk, not the interpreter
DISCLOSURE_CODES = {
    "主动公开": Disclosure.PROACTIVE,
    "依申请公开": Disclosure.ON_REQUEST,
    "不予公开": Disclosure.WITHHELD,
}
_AUDIT_ACTOR = "gongkai import"
# A first revision's content, as save_revision takes it: before the document points at it.
_NO_REVISION_YET = {"latest_revision": None, "live_revision": None}


def _field_max(name: str) -> int:
    return Document._meta.get_field(name).max_length


# --- results ---------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What became of one file: imported (document_id; missing_attachments: the listed
    attachments the import had no file for), attached to the imported document_id as its
    listed attachment ``title``, duplicate (duplicate_of: the library document it repeats,
    when known) or failed (code and reason in zh and en)."""

    name: str
    status: str
    document_id: int | None = None
    title: str = ""
    duplicate_of: int | None = None
    code: str = ""
    message_zh: str = ""
    message_en: str = ""
    unknown_issuers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing_attachments: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return f"{self.message_zh} / {self.message_en}" if self.message_zh else ""


@dataclass
class ImportSummary:
    """What an import did: how many files had each outcome, the unknown issuers, and the
    outcomes someone has to read: failures, duplicates, listed attachments and imported
    documents with notes or missing attachments. A plain imported document is counted
    only, so that the summary of a million-file import stays small; the import's
    ``progress`` callback sees every outcome."""

    counts: Counter[str] = field(default_factory=Counter)
    outcomes: list[ImportOutcome] = field(default_factory=list)
    issuers: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: ImportOutcome) -> None:
        self.counts[outcome.status] += 1
        self.issuers.update(outcome.unknown_issuers)
        if outcome.status != IMPORTED or outcome.warnings or outcome.missing_attachments:
            self.outcomes.append(outcome)

    def _with(self, status: str) -> list[ImportOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def imported(self) -> list[ImportOutcome]:
        """The imported documents kept: those with notes or missing attachments."""
        return self._with(IMPORTED)

    @property
    def duplicates(self) -> list[ImportOutcome]:
        return self._with(DUPLICATE)

    @property
    def failed(self) -> list[ImportOutcome]:
        return self._with(FAILED)

    @property
    def attached(self) -> list[ImportOutcome]:
        return self._with(ATTACHED)

    def unknown_issuers(self) -> Counter[str]:
        """Issuer names no department answers to, with how many documents name them."""
        return self.issuers


def _failed(name: str, code: str, zh: str, en: str) -> ImportOutcome:
    return ImportOutcome(name, FAILED, code=code, message_zh=zh, message_en=en)


def _duplicate(name: str, title: str, existing: int | None, zh: str, en: str) -> ImportOutcome:
    return ImportOutcome(
        name, DUPLICATE, title=title, duplicate_of=existing, message_zh=zh, message_en=en
    )


# --- matching names -----------------------------------------------------------------------------


def _name_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


class DepartmentDirectory:
    """Departments by every name they are written under (name, short name, aliases).
    Only whole names match: 贵州省财政局 is not the local 财政局."""

    def __init__(self, departments: Iterable[Department]):
        self._by_name: dict[str, Department] = {}
        for department in departments:
            for name in department.all_names():
                self._by_name.setdefault(_name_key(name), department)

    def match(self, names: Iterable[str]) -> tuple[list[Department], list[str]]:
        """The departments named (in order, once each) and the names nobody answers to."""
        found: dict[int, Department] = {}
        unknown: list[str] = []
        for name in names:
            department = self._by_name.get(_name_key(name))
            if department is None:
                unknown.append(name)
            else:
                found.setdefault(department.pk, department)
        return list(found.values()), unknown


# --- from extraction to a document ------------------------------------------------------------------


@dataclass
class PendingDocument:
    """A document about to be created: its field values, issuers, and where it came from."""

    prepared: Prepared
    fields: dict
    issuers: list[Department]
    unknown_issuers: list[str]
    warnings: list[str]
    # The files of the import that are its listed attachments: (listed name, file).
    listed_files: list[tuple[str, Prepared]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.prepared.name

    @property
    def missing_attachments(self) -> list[tuple[int, str]]:
        """(N, name) of each 附件N listed whose file the import did not include."""
        supplied = {name for name, _file in self.listed_files}
        listed = self.fields["listed_attachments"]
        return [(n, name) for n, name in enumerate(listed, start=1) if name not in supplied]

    @property
    def date(self) -> date | None:
        return self.fields.get("written_on") or self.fields.get("published_on")


def _clip(value: str | None, name: str) -> str:
    return (value or "")[: _field_max(name)]


class _Kinds:
    """公文种类 by name; a title naming no kind in the library gets the kind 其他 (made on
    first use)."""

    def __init__(self):
        self._by_name = {kind.name: kind for kind in DocumentKind.objects.all()}

    def get(self, name: str | None) -> DocumentKind:
        if name and name in self._by_name:
            return self._by_name[name]
        if FALLBACK_KIND not in self._by_name:
            self._by_name[FALLBACK_KIND], _ = DocumentKind.objects.get_or_create(
                name=FALLBACK_KIND, defaults={"name_en": "Other"}
            )
        return self._by_name[FALLBACK_KIND]


def _require_publisher(user) -> None:
    if user is None or not has_role(user, Role.ADMIN):
        raise PermissionDenied(
            "只有管理员可以直接发布导入的文件。Only an administrator may publish imported documents directly."
        )


def _plan_service() -> Callable | None:
    """The execution app's plan_create_from_document, where that app provides it."""
    try:
        from gongkai.execution import services
    except ImportError:
        return None
    return getattr(services, "plan_create_from_document", None)


class Importer:
    """One import: the departments, kinds and files already known, the default drafting
    department, and the writer of batches of documents."""

    def __init__(self, *, department: Department | None, user=None, publish: bool = False):
        if publish:
            _require_publisher(user)
        self.department = department
        self.user = user if getattr(user, "pk", None) else None
        self.publish = publish
        self.directory = DepartmentDirectory(Department.objects.all())
        self.kinds = _Kinds()
        # The documents of the batch being imported, for the duplicate checks within it.
        # The database answers for earlier batches (its checks come first, with the same
        # messages), so these are emptied after each batch: an import's memory does not
        # grow with its size.
        self.known_files: dict[str, int | None] = {}
        self.run_keys: dict[str, int | None] = {}
        self.run_titles: dict[tuple[str, date | None], int | None] = {}
        self.to_index: list[Document] = []
        # Plain text and segmented words of the documents waiting to be indexed, by id.
        self.texts: dict[int, tuple[str, str | None]] = {}

    # --- planning ---

    def pending(self, prepared: Prepared) -> PendingDocument | ImportOutcome:
        """The document a prepared file becomes, or why it does not become one."""
        if not prepared.ok:
            return _failed(
                prepared.name, prepared.error_code, prepared.message_zh, prepared.message_en
            )
        meta = prepared.result.metadata
        warnings = list(prepared.result.source.warnings)
        title = meta.title
        if not title:
            title = Path(prepared.name).stem
            warnings.append(
                "未识别出标题，暂以文件名为标题。No title found; the file name stands in."
            )
        issuers, unknown = self.directory.match(meta.issuers)
        department = issuers[0] if issuers else self.department
        fields = {
            "title": _clip(title, "title"),
            "doc_number": _clip(meta.doc_number, "doc_number"),
            "department": department,
            "doc_type": self.kinds.get(prepared.kind_name),
            "recipients": _clip(meta.recipients_text or "、".join(meta.recipients), "recipients"),
            "written_on": meta.written_on,
            "published_on": meta.published_on,
            "region": _clip(meta.region, "region"),
            "keywords": _clip("、".join(meta.keywords), "keywords"),
            "disclosure": DISCLOSURE_CODES.get(meta.disclosure or "", Disclosure.PROACTIVE),
            "source": _clip(meta.source, "source"),
            "validity": meta.validity or Validity.IN_FORCE,  # a 有效性 field or mark on the page
            "body": prepared.body_html,
            "listed_attachments": [
                name[:LISTED_NAME_MAX_LENGTH] for name in meta.attachments if name.strip()
            ],
        }
        if fields["disclosure"] == Disclosure.WITHHELD:
            warnings.append(
                "原文标注不予公开，发布前须填写不予公开的理由。"
                "Marked as withheld: enter the reason before publication."
            )
        issuers = issuers or ([department] if department else [])
        return PendingDocument(prepared, fields, issuers, unknown, warnings)

    def duplicates(self, pendings: Sequence[PendingDocument]) -> dict[int, ImportOutcome]:
        """Which of these documents are in the library already (or earlier in this run),
        by position: same file, same normalised number, or same title and date where
        either lacks a number."""
        found: dict[int, ImportOutcome] = {}
        keys = {_key_of(p) for p in pendings} - {""}
        by_key = dict(
            Document.objects.filter(doc_number_key__in=keys)
            .order_by("pk")
            .values_list("doc_number_key", "pk")
        )
        by_title = _documents_by_title({p.fields["title"] for p in pendings})
        shas = [p.prepared.sha256 for p in pendings]
        files = dict(
            ImportRecord.objects.filter(sha256__in=shas).values_list("sha256", "document_id")
        )
        for position, pending in enumerate(pendings):
            outcome = self._duplicate_of(pending, files, by_key, by_title)
            if outcome is not None:
                found[position] = outcome
            else:
                self._remember(pending, None)
        return found

    def _duplicate_of(self, pending, files, by_key, by_title) -> ImportOutcome | None:
        name, title, sha = pending.name, pending.fields["title"], pending.prepared.sha256
        if sha in files or sha in self.known_files:
            return _duplicate(
                name,
                title,
                files.get(sha) or self.known_files.get(sha),
                "该文件已导入过。",
                "This file has been imported before.",
            )
        key = _key_of(pending)
        if key and (key in by_key or key in self.run_keys):
            number = pending.fields["doc_number"]
            return _duplicate(
                name,
                title,
                by_key.get(key) or self.run_keys.get(key),
                f"文库中已有发文字号为 {number} 的文件。",
                f"The library already holds a document numbered {number}.",
            )
        when = pending.date
        for pk, other_key in by_title.get((title, when), []):
            if not key or not other_key:
                return _duplicate(
                    name,
                    title,
                    pk,
                    "文库中已有标题和日期相同的文件。",
                    "The library already holds a document with this title and date.",
                )
        if not key and (title, when) in self.run_titles:
            return _duplicate(
                name,
                title,
                self.run_titles[(title, when)],
                "本次导入中已有标题和日期相同的文件。",
                "A document with this title and date is already in this import.",
            )
        return None

    def _remember(self, pending: PendingDocument, pk: int | None) -> None:
        """Count the document in for the duplicate checks of the rest of the run (``pk``
        None while it is being saved)."""
        key = _key_of(pending)
        if key:
            self.run_keys[key] = pk
        self.run_titles[(pending.fields["title"], pending.date)] = pk
        self.known_files[pending.prepared.sha256] = pk

    def _forget(self, pending: PendingDocument) -> None:
        """A document that failed to save does not make later ones duplicates."""
        self.run_keys.pop(_key_of(pending), None)
        self.run_titles.pop((pending.fields["title"], pending.date), None)
        self.known_files.pop(pending.prepared.sha256, None)

    # --- writing ---

    def import_batch(self, batch: Sequence[Prepared]) -> list[ImportOutcome]:
        """Import a batch of prepared files; one outcome per file, in order."""
        outcomes: list[ImportOutcome | None] = [None] * len(batch)
        pendings: list[tuple[int, PendingDocument]] = []
        results = [self.pending(prepared) for prepared in batch]
        owners = _gather_listed_files(batch, results)
        for position, outcome in self._attach_to_library(batch, results, owners).items():
            outcomes[position] = outcome
        for position, result in enumerate(results):
            if position in owners or outcomes[position] is not None:
                continue
            if isinstance(result, PendingDocument) and result.fields["department"] is None:
                result = _no_department(result)
            if isinstance(result, ImportOutcome):
                outcomes[position] = result
            else:
                pendings.append((position, result))
        duplicates = self.duplicates([pending for _position, pending in pendings])
        fresh = []
        for index, (position, pending) in enumerate(pendings):
            if index in duplicates:
                outcomes[position] = duplicates[index]
            else:
                fresh.append((position, pending))
        for position, outcome in zip(
            [position for position, _ in fresh], self.save([p for _, p in fresh]), strict=True
        ):
            outcomes[position] = outcome
        # A duplicate of a file earlier in this batch learns that file's document now.
        for index, outcome in duplicates.items():
            if outcome.duplicate_of is None:
                pending = pendings[index][1]
                outcome.duplicate_of = (
                    self.known_files.get(pending.prepared.sha256)
                    or self.run_keys.get(_key_of(pending))
                    or self.run_titles.get((pending.fields["title"], pending.date))
                )
        for position, owner in owners.items():
            outcomes[position] = _attached_outcome(batch[position], results[owner], outcomes[owner])
        self.known_files, self.run_keys, self.run_titles = {}, {}, {}
        return [outcome for outcome in outcomes if outcome is not None]

    @cached_property
    def library_missing(self) -> MissingAttachments:
        """The attachments documents in the library (those the user may edit) lack."""
        documents = documents_for_user(self.user) if self.user else Document.objects.all()
        return MissingAttachments(missing_listed_attachments(documents))

    def _attach_to_library(
        self,
        batch: Sequence[Prepared],
        results: Sequence[PendingDocument | ImportOutcome],
        owners: dict[int, int],
    ) -> dict[int, ImportOutcome]:
        """The files of the batch no document of the batch lists that supply, by their name
        alone, an attachment a document in the library lacks: attached to that document
        instead of becoming documents of their own (a file that lists attachments itself
        is a document). {file position: outcome}."""
        attached = {}
        for position, (prepared, result) in enumerate(zip(batch, results, strict=True)):
            if position in owners or not prepared.attachable:
                continue
            if isinstance(result, PendingDocument) and result.fields["listed_attachments"]:
                continue
            found = self.library_missing.supplied_by(Path(prepared.name).name)
            if found is None:
                continue
            document_id, _number, title = found
            _attach(Document.objects.get(pk=document_id), title, prepared, self.user)
            self.library_missing.remove(found)
            attached[position] = ImportOutcome(
                prepared.name, ATTACHED, document_id=document_id, title=title
            )
        return attached

    def save(self, pendings: Sequence[PendingDocument]) -> list[ImportOutcome]:
        """Create the documents; a batch that fails is retried one by one, so one bad
        document fails alone."""
        if not pendings:
            return []
        try:
            documents = self._write(pendings)
        except Exception as error:
            if len(pendings) > 1:
                return [outcome for pending in pendings for outcome in self.save([pending])]
            logger.warning(
                "import of %s failed: %s",
                pendings[0].name,
                error,
                exc_info=logger.isEnabledFor(logging.DEBUG),
            )
            self._forget(pendings[0])
            return [_save_failed(pendings[0], error)]
        if self.publish:
            document_services.drop_document_pages([document.pk for document in documents])
        outcomes = []
        for pending, document in zip(pendings, documents, strict=True):
            self._remember(pending, document.pk)
            outcomes.append(
                ImportOutcome(
                    pending.name,
                    IMPORTED,
                    document_id=document.pk,
                    title=document.title,
                    unknown_issuers=pending.unknown_issuers,
                    warnings=pending.warnings,
                    missing_attachments=[
                        f"附件{number} {name}" for number, name in pending.missing_attachments
                    ],
                )
            )
        if self.publish:
            self.to_index += documents
            self.texts |= {
                document.pk: (pending.prepared.result.metadata.body, pending.prepared.body_words)
                for document, pending in zip(documents, pendings, strict=True)
            }
            if len(self.to_index) >= INDEX_BATCH_SIZE:
                self.flush_index()
        return outcomes

    def _write(self, pendings: Sequence[PendingDocument]) -> list[Document]:
        saving: list[list[Future]] = []
        try:
            with transaction.atomic(), ThreadPoolExecutor(_FILE_THREADS) as files:
                documents = self._new_documents(pendings)
                saving = [
                    [
                        files.submit(_save_original, document, prepared)
                        for prepared in (pending.prepared, *(f for _, f in pending.listed_files))
                    ]
                    for document, pending in zip(documents, pendings, strict=True)
                ]
                bulk.insert(documents)
                self._create_links(documents, pendings)
                self._create_attachments(
                    documents, pendings, [[job.result() for job in jobs] for jobs in saving]
                )
                self._create_revisions(documents)
                self._audit(documents, pendings)
                self._create_plans(documents, pendings)
                bulk.insert(
                    [
                        _import_record(document, pending, self.user)
                        for document, pending in zip(documents, pendings, strict=True)
                    ]
                )
        except BaseException:
            _discard_files([job for jobs in saving for job in jobs])
            raise
        return documents

    def _new_documents(self, pendings: Sequence[PendingDocument]) -> list[Document]:
        """The documents, not saved yet, with their keys and their first revision's key
        reserved (latest, and live when publishing), so that no UPDATE follows."""
        now = timezone.now()
        today = timezone.localdate()
        numbers = _reserve_index_numbers(
            [(p.fields["department"], (p.fields["written_on"] or today).year) for p in pendings]
        )
        ids = bulk.reserve_ids(Document, len(pendings))
        revision_ids = bulk.reserve_ids(Revision, len(pendings))
        documents = []
        for pending, index_number, pk, revision_id in zip(
            pendings, numbers, ids, revision_ids, strict=True
        ):
            values = dict(pending.fields)
            values["doc_number_key"] = _key_of(pending)
            if self.publish:
                values["published_on"] = values["published_on"] or today
                values |= {
                    "first_published_at": now,
                    "last_published_at": now,
                    "live_revision_id": revision_id,
                }
            documents.append(
                Document(
                    **values,
                    pk=pk,
                    latest_revision_id=revision_id,
                    index_number=index_number,
                    live=self.publish,
                    has_unpublished_changes=not self.publish,
                )
            )
        return documents

    def _create_links(self, documents: list[Document], pendings: Sequence[PendingDocument]):
        """Issuers and citations (resolved both ways)."""
        through = Document.issuers.through
        bulk.insert(
            [
                through(document_id=document.pk, department_id=issuer.pk)
                for document, pending in zip(documents, pendings, strict=True)
                for issuer in pending.issuers
            ]
        )
        citations_bulk_create(
            [
                row
                for document, pending in zip(documents, pendings, strict=True)
                for row in citation_rows(document, pending.prepared.result.metadata.cited)
            ]
        )
        citations_resolve_to(documents=documents, published=self.publish)

    def _create_attachments(
        self,
        documents: list[Document],
        pendings: Sequence[PendingDocument],
        stored: list[list[tuple[str, str, int]]],
    ) -> None:
        """The 原文 attachments of the saved files, and the listed attachments the import
        had the files of (titled with their listed names); the documents in memory also get
        their children, for the revisions' content and the search index."""
        ids = iter(bulk.reserve_ids(DocumentAttachment, sum(len(files) for files in stored)))
        by_document = []
        for document, pending, files in zip(documents, pendings, stored, strict=True):
            sources = [(ORIGINAL_TITLE, None), *pending.listed_files]
            by_document.append(
                [
                    DocumentAttachment(
                        pk=next(ids),
                        document=document,
                        title=title,
                        file=name,
                        kind=kind,
                        size=size,
                        text=prepared.result.metadata.body if prepared and prepared.ok else "",
                        sort_order=order,
                    )
                    for order, ((title, prepared), (name, kind, size)) in enumerate(
                        zip(sources, files, strict=True)
                    )
                ]
            )
        bulk.insert([attachment for attachments in by_document for attachment in attachments])
        for document, pending, attachments in zip(documents, pendings, by_document, strict=True):
            document.issuers = pending.issuers
            document.topics = []
            document.attachments = attachments
            document.relations = []

    def _create_revisions(self, documents: list[Document]) -> None:
        """One revision per document, under the key reserved for it, as save_revision
        would make it (its content taken before the document points at it)."""
        now = timezone.now()
        content_type = ContentType.objects.get_for_model(Document)
        base_content_type = Document.get_base_content_type()
        revisions = [
            Revision(
                pk=document.latest_revision_id,
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(document.pk),
                user=self.user,
                content=document.serializable_data() | _NO_REVISION_YET,
                object_str=str(document)[:255],
                created_at=now,
            )
            for document in documents
        ]
        bulk.insert(revisions)
        for document, revision in zip(documents, revisions, strict=True):
            document.latest_revision = revision
            if self.publish:
                document.live_revision = revision

    def _audit(self, documents: list[Document], pendings: Sequence[PendingDocument]) -> None:
        """One document.import event per document."""
        from gongkai.documents.services import document_snapshot

        audit.record_many(
            actor=self.user or _AUDIT_ACTOR,
            action="document.import",
            changes=[
                (
                    document,
                    None,
                    {
                        **document_snapshot(document),
                        "file": pending.name[-255:],
                        "sha256": pending.prepared.sha256,
                    },
                )
                for document, pending in zip(documents, pendings, strict=True)
            ],
        )

    def _create_plans(self, documents: list[Document], pendings: Sequence[PendingDocument]):
        planned = [
            (document, pending)
            for document, pending in zip(documents, pendings, strict=True)
            if pending.prepared.result.tasks
        ]
        service = _plan_service() if planned else None
        for document, pending in planned:
            if service is None:
                pending.warnings.append(
                    "执行公开模块不可用，任务未导入。The execution app is not available; tasks were not imported."
                )
                continue
            result = pending.prepared.result
            try:
                with transaction.atomic():
                    service(
                        document=document,
                        tasks=result.tasks,
                        user=self.user,
                        text=result.metadata.body,
                    )
            except ValidationError as error:
                pending.warnings.append(" ".join(error.messages))

    def flush_index(self) -> None:
        """Index the documents published so far (in the CLI: tantivy has one writer)."""
        documents, self.to_index = self.to_index, []
        texts, self.texts = self.texts, {}
        if documents:
            index_documents(documents, texts)


def _no_department(pending: PendingDocument) -> ImportOutcome:
    named = pending.prepared.result.metadata.issuers
    return _failed(
        pending.name,
        "no_department",
        f"发文机关（{'、'.join(named) or '未识别'}）不是已有部门，且未指定默认部门。",
        f"The issuer ({', '.join(named) or 'not found'}) is not a known department and no "
        "default department was given.",
    )


def _folder(name: str) -> str:
    return name.replace("\\", "/").rpartition("/")[0]


def _gather_listed_files(
    batch: Sequence[Prepared], results: Sequence[PendingDocument | ImportOutcome]
) -> dict[int, int]:
    """Hand each document the files of the batch that are its listed attachments (files in
    the same folder or archive folder whose names match, see attachment_names); those
    files are not documents of their own. Returns {file position: document position}."""
    listing = {
        position
        for position, result in enumerate(results)
        if isinstance(result, PendingDocument) and result.fields["listed_attachments"]
    }
    by_folder: dict[str, list[int]] = defaultdict(list)
    for position, prepared in enumerate(batch):
        if prepared.attachable and position not in listing:
            by_folder[_folder(prepared.name)].append(position)
    owners: dict[int, int] = {}
    for position in sorted(listing):
        pending = results[position]
        candidates = [p for p in by_folder[_folder(pending.name)] if p not in owners]
        listed = pending.fields["listed_attachments"]
        found = match_listed(listed, [[Path(batch[p].name).name] for p in candidates])
        for number, (name, index) in enumerate(zip(listed, found, strict=True), start=1):
            if index is not None:
                file = batch[candidates[index]]
                owners[candidates[index]] = position
                pending.listed_files.append((name, file))
                if not file.ok:
                    pending.warnings.append(_unread_attachment(number, file))
    return owners


def _unread_attachment(number: int, file: Prepared) -> str:
    """A listed attachment's file that is attached as it is, its text unread: nobody has
    checked it for personal data."""
    name = Path(file.name).name
    return (
        f"附件{number}（{name}）无法读取文字（{file.message_zh}），已作为下载附上；"
        "其中是否有个人信息须人工检查。"
        f"Attachment {number} ({name}) has no readable text ({file.message_en}); it is "
        "attached for download as it is: check it for personal data by hand."
    )


def _attached_outcome(
    prepared: Prepared, owner: PendingDocument, outcome: ImportOutcome
) -> ImportOutcome:
    """What became of a listed attachment's file: it follows its document."""
    title = next(name for name, file in owner.listed_files if file is prepared)
    if outcome.status == IMPORTED:
        return ImportOutcome(prepared.name, ATTACHED, document_id=outcome.document_id, title=title)
    if outcome.status == DUPLICATE:
        return _duplicate(
            prepared.name,
            title,
            outcome.duplicate_of,
            f"所属文件 {outcome.name} 已在文库中，其附件一并跳过。",
            f"The document it is attached to, {outcome.name}, is in the library already; "
            "its attachments are skipped with it.",
        )
    return _failed(
        prepared.name,
        "owner_failed",
        f"所属文件 {outcome.name} 未能导入，其附件也未导入。",
        f"The document it is attached to, {outcome.name}, was not imported; nor were its "
        "attachments.",
    )


def _key_of(pending: PendingDocument) -> str:
    number = pending.fields["doc_number"]
    return _clip(normalize_doc_number(number), "doc_number_key") if number else ""


def _documents_by_title(titles: set[str]) -> dict[tuple[str, date | None], list[tuple[int, str]]]:
    found: dict[tuple[str, date | None], list[tuple[int, str]]] = defaultdict(list)
    rows = Document.objects.filter(title__in=titles).values_list(
        "pk", "title", "written_on", "published_on", "doc_number_key"
    )
    for pk, title, written_on, published_on, key in rows:
        for when in {written_on, published_on} - {None} or {None}:
            found[(title, when)].append((pk, key))
    return found


def _save_failed(pending: PendingDocument, error: Exception) -> ImportOutcome:
    detail = f"{type(error).__name__}: {error}"[:300]
    return _failed(
        pending.name,
        "save_failed",
        f"保存文件时出错（{detail}）。",
        f"The document could not be saved ({detail}).",
    )


def _reserve_index_numbers(wanted: list[tuple[Department, int]]) -> list[str]:
    """索引号 for each (department, year), in order: what services.next_index_number does
    one at a time, done with one locking read and one update for the whole batch."""
    counts = Counter((department.pk, year) for department, year in wanted)
    scope = {
        "department_id__in": {pk for pk, _year in counts},
        "year__in": {year for _pk, year in counts},
    }
    present = set(IndexNumberCounter.objects.filter(**scope).values_list("department_id", "year"))
    IndexNumberCounter.objects.bulk_create(
        [
            IndexNumberCounter(department_id=pk, year=year)
            for pk, year in counts
            if (pk, year) not in present
        ],
        ignore_conflicts=True,
    )
    counters = {
        (counter.department_id, counter.year): counter
        for counter in IndexNumberCounter.objects.select_for_update().filter(**scope)
    }
    next_seq = {key: counters[key].last + 1 for key in counts}
    # One UPDATE per distinct count (most are 1 or 2), not one per counter.
    by_count: dict[int, list[int]] = defaultdict(list)
    for key, count in counts.items():
        by_count[count].append(counters[key].pk)
    for count, pks in by_count.items():
        IndexNumberCounter.objects.filter(pk__in=pks).update(last=F("last") + count)
    numbers = []
    for department, year in wanted:
        seq = next_seq[(department.pk, year)]
        next_seq[(department.pk, year)] += 1
        numbers.append(
            settings.INDEX_NUMBER_PATTERN.format(dept=department.code, year=year, seq=seq)
        )
    return numbers


def _save_original(document: Document, prepared: Prepared) -> tuple[str, str, int]:
    """Store a document's original file: (stored name, kind, size). Files go a thousand
    documents to a folder: a folder per document costs a mkdir each in bulk imports."""
    name, data, kind = prepared.original
    storage = DocumentAttachment._meta.get_field("file").storage
    path = f"attachments/originals/{document.pk // 1000:04d}/{document.pk}-{name}"
    return storage.save(path, ContentFile(data)), kind, len(data)


def _discard_files(saving: list[Future]) -> None:
    storage = DocumentAttachment._meta.get_field("file").storage
    for job in saving:
        try:
            storage.delete(job.result()[0])
        except Exception:  # the file was never written, or is gone already
            logger.debug("could not remove an imported file", exc_info=True)


def _import_record(document: Document, pending: PendingDocument, user) -> ImportRecord:
    source = pending.prepared.result.source
    return ImportRecord(
        document=document,
        sha256=pending.prepared.sha256,
        filename=pending.name[-500:],
        file_format=source.format,
        encoding=source.encoding or "",
        unknown_issuers=pending.unknown_issuers,
        warnings=pending.warnings,
        imported_by=user,
    )


def index_documents(
    documents: Sequence[Document], texts: dict[int, tuple[str, str | None]]
) -> None:
    """Index freshly published documents from their in-memory form (issuers and
    attachments set) and their plain text and segmented words (segmented by the
    extraction processes), sparing the search source a reload and an HTML parse of each
    body; a missing index is rebuilt from the database."""
    from gongkai.search import get_backend
    from gongkai.search.backends.base import IndexUnavailable
    from gongkai.search.services import search_index_rebuild

    public = [document for document in documents if document.is_public]
    try:
        get_backend().index_documents(
            [_indexed(document, *texts[document.pk]) for document in public]
        )
    except IndexUnavailable:
        search_index_rebuild()


def _indexed(document: Document, text: str, words: str | None):
    """The search source's form of the document, with its body as the extracted text (what
    stripping the tags of its body gives, with the line breaks kept) and its words."""
    from gongkai.documents.search_source import to_indexed

    body, document.body = document.body, ""
    try:
        # Imported documents have no topics, so no topic lineage is needed.
        indexed = to_indexed(document, {})
    finally:
        document.body = body
    if indexed.body:  # attachments with text: the words of the whole are found anew
        return replace(indexed, body="\n".join(part for part in (text, indexed.body) if part))
    return replace(indexed, body=text, body_words=words)


# --- running an import ------------------------------------------------------------------------


def _batched(items: Iterator[Prepared], size: int) -> Iterator[list[Prepared]]:
    batch: list[Prepared] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def documents_import(
    *,
    paths: Iterable[str | os.PathLike[str]],
    department: Department | None = None,
    user=None,
    publish: bool = False,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[ImportOutcome], None] | None = None,
) -> ImportSummary:
    """Import files, folders and zip archives. ``department`` drafts what no known
    department issued; ``publish`` (administrators only) publishes directly. Never raises
    for a bad file: each one's outcome is in the summary."""
    importer = Importer(department=department, user=user, publish=publish)
    workers = default_workers() if workers is None else workers
    stream = prepared_in_order(
        iter_sources(paths, max_bytes=max_bytes),
        partial(prepare, max_bytes=max_bytes, segment=publish),
        workers=workers,
        ahead=max(2 * batch_size // CHUNK, 4 * workers),
    )
    summary = ImportSummary()
    with closing(stream), _collector_frozen():  # closing: stops the pool whatever happens
        for batch in _batched(stream, batch_size):
            for outcome in importer.import_batch(batch):
                summary.add(outcome)
                if progress is not None:
                    progress(outcome)
        importer.flush_index()
    return summary


@contextmanager
def _collector_frozen() -> Iterator[None]:
    """Keep the objects alive before the import (Django, Wagtail, the modules: hundreds of
    thousands) out of the garbage collector's full passes while it runs: the batches'
    many new objects trigger those passes, and each walked them all (pauses of 0.7-2.2 s
    in a 2,000-document import, seen with gc.callbacks)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def prepare_upload(data: bytes, filename: str) -> Prepared:
    """Extract an uploaded file (the back-office form)."""
    return prepare(SourceFile(filename, data, sha256_of(data)))


# Fields the back-office form confirms; the rest (body, source) come from extraction.
CONFIRMED_FIELDS = (
    "title", "doc_number", "doc_type", "department", "recipients", "written_on",
    "published_on", "region", "keywords", "disclosure", "withheld_reason",
)  # fmt: skip


@dataclass(frozen=True)
class LibraryAttachment:
    """A document in the library that lacks, as its listed 附件N ``title``, the file."""

    document: Document
    number: int
    title: str


def library_attachment(*, prepared: Prepared, user) -> LibraryAttachment | None:
    """The document ``user`` may edit whose missing listed attachment an uploaded file
    supplies by its name alone (see Importer.library_missing); never for a file that lists
    attachments itself, a document."""
    if not prepared.attachable or (prepared.ok and prepared.result.metadata.attachments):
        return None
    importer = Importer(department=None, user=user)
    found = importer.library_missing.supplied_by(Path(prepared.name).name)
    if found is None:
        return None
    document_id, number, title = found
    return LibraryAttachment(Document.objects.get(pk=document_id), number, title)


def library_attach(*, prepared: Prepared, user) -> LibraryAttachment | None:
    """Attach an uploaded file to the document that lacks it (None: no document does, or
    no longer)."""
    found = library_attachment(prepared=prepared, user=user)
    if found is not None:
        _attach(found.document, found.title, prepared, user)
    return found


def _attach(document: Document, title: str, prepared: Prepared, user) -> None:
    name, data, kind = prepared.original
    document_services.document_attach_listed(
        document=document,
        title=title,
        file_name=name,
        data=data,
        kind=kind,
        text=prepared.result.metadata.body if prepared.ok else "",
        user=user,
    )


def import_preview(
    *, prepared: Prepared, user, department: Department | None
) -> tuple[PendingDocument | None, ImportOutcome | None]:
    """What importing an uploaded file would create (for the confirmation form), and the
    outcome that stops it: the file cannot be read, or the document is a duplicate."""
    importer = Importer(department=department, user=user)
    pending = importer.pending(prepared)
    if isinstance(pending, ImportOutcome):
        return None, pending
    return pending, importer.duplicates([pending]).get(0)


def document_import(
    *, prepared: Prepared, user, values: dict, issuers: Sequence[Department]
) -> ImportOutcome:
    """Import one uploaded file as a draft with the field values confirmed in the form
    (CONFIRMED_FIELDS) and the issuers chosen there."""
    importer = Importer(department=values.get("department"), user=user)
    pending = importer.pending(prepared)
    if isinstance(pending, ImportOutcome):
        return pending
    pending.fields |= {name: values[name] for name in CONFIRMED_FIELDS if name in values}
    pending.fields["keywords"] = _clip(pending.fields["keywords"], "keywords")
    pending.issuers = list(issuers) or [pending.fields["department"]]
    duplicate = importer.duplicates([pending]).get(0)
    return duplicate or importer.save([pending])[0]
