"""Every change of state of service guides, certificate items and the records of the 财政预决算,
政府债务, 就业 and 放管服 columns: validate, write, audit, drop the public pages showing them.
Staff edit them in the back office (snippets, whose hooks hand over here; the columns' records
go live only by the sign-off workflow, which calls ``record_published``); the demo and imports
create them through the ``*_create`` services.

A guide or a certificate item goes live only when the sign-off workflow publishes it
(``guide_published``, ``certificate_published`` run then): ``guide_create`` and
``certificate_create`` make a draft and refuse to make a live one.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.areas import rules, tables
from gongkai.areas.models import (
    BudgetDisclosure,
    CertificateItem,
    ColumnRecord,
    DebtDisclosure,
    EmploymentRecord,
    GuideBasis,
    GuideMaterial,
    ReformMeasure,
    ServiceGuide,
)
from gongkai.core import audit, pagecache
from gongkai.core.language import in_ui_language
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.permissions import require_department
from gongkai.documents.publication import create_draft


def guide_snapshot(guide: ServiceGuide) -> dict:
    return {
        "name": guide.name,
        "department": guide.department_id,
        "live": guide.live,
        "needs_revision": guide.needs_revision,
        "revision_reason": guide.revision_reason,
    }


def _bases(guide: ServiceGuide) -> list[rules.Basis]:
    documents = [basis.document for basis in guide.bases.select_related("document")]
    return [
        rules.Basis(
            title=doc.title,
            doc_number=doc.doc_number,
            validity=doc.validity,
            validity_label=str(doc.get_validity_display()),
            changed_on=doc.validity_changed_on,
        )
        for doc in documents
    ]


def _guide_words(guide: ServiceGuide) -> str:
    materials = " ".join(guide.materials.values_list("name", flat=True))
    return rules.search_words(
        guide.name, guide.code, guide.department.name, guide.basis, guide.conditions, materials
    )


def _drop_guide_pages(guide: ServiceGuide) -> None:
    pagecache.invalidate(obj_tag(guide), list_tag(ServiceGuide))


def _follow_bases(guide: ServiceGuide) -> None:
    """Flag the guide 待修订 if a basis is no longer in force and index its words (its row)."""
    guide.revision_reason = rules.revision_reason(_bases(guide))
    guide.needs_revision = bool(guide.revision_reason)
    guide.search_words = _guide_words(guide)
    ServiceGuide.objects.filter(pk=guide.pk).update(
        needs_revision=guide.needs_revision,
        revision_reason=guide.revision_reason,
        search_words=guide.search_words,
    )


@transaction.atomic
def guide_saved(*, guide: ServiceGuide, user, created: bool = False) -> ServiceGuide:
    """After a guide, its basis documents and materials are saved (the back office or
    ``guide_create``): a draft, unless the guide is live (then the row changes only when a new
    version is signed off). Flag, index, audit."""
    require_department(user, guide.department_id)
    _follow_bases(guide)
    action = "service_guide.create" if created else "service_guide.edit"
    audit.record(actor=user, action=action, obj=guide, after=guide_snapshot(guide))
    if guide.live:
        _drop_guide_pages(guide)
    return guide


@transaction.atomic
def guide_published(*, guide: ServiceGuide, user) -> None:
    """After the sign-off put a guide (or a new version of it) live; ``user`` signed it off."""
    _follow_bases(guide)
    audit.record(actor=user, action="service_guide.publish", obj=guide, after=guide_snapshot(guide))
    _drop_guide_pages(guide)


@transaction.atomic
def guide_unpublished(*, guide: ServiceGuide, user) -> None:
    audit.record(actor=user, action="service_guide.unpublish", obj=guide)
    _drop_guide_pages(guide)


@transaction.atomic
def guide_create(*, user, bases=(), materials=(), **fields) -> ServiceGuide:
    """A new draft guide with its basis documents (in order) and materials (dicts of
    ``GuideMaterial`` fields), saved as its first revision; it goes live when signed off."""

    def children(guide):
        GuideBasis.objects.bulk_create(
            GuideBasis(guide=guide, document=doc, sort_order=i) for i, doc in enumerate(bases)
        )
        rows = [GuideMaterial(guide=guide, sort_order=i, **m) for i, m in enumerate(materials)]
        for row in rows:
            row.full_clean()
        GuideMaterial.objects.bulk_create(rows)

    guide = create_draft(ServiceGuide, user=user, children=children, **fields)
    return guide_saved(guide=guide, user=user, created=True)


@transaction.atomic
def guide_deleted(*, guide: ServiceGuide, user) -> None:
    audit.record(actor=user, action="service_guide.delete", obj=guide, before=guide_snapshot(guide))
    _drop_guide_pages(guide)


@transaction.atomic
def guides_follow_basis(*, document, user) -> list[ServiceGuide]:
    """A document's 有效性 changed: each guide resting on it is flagged 待修订 (or no longer,
    when it is back in force) at once, audited as a consequence of the change; returns the
    guides whose flag changed."""
    changed = []
    for guide in ServiceGuide.objects.filter(basis_documents=document).distinct():
        before = guide_snapshot(guide)
        reason = rules.revision_reason(_bases(guide))
        if reason == guide.revision_reason:
            continue
        guide.revision_reason, guide.needs_revision = reason, bool(reason)
        ServiceGuide.objects.filter(pk=guide.pk).update(
            needs_revision=guide.needs_revision, revision_reason=reason
        )
        audit.record(
            actor=user,
            action="service_guide.flag" if reason else "service_guide.unflag",
            obj=guide,
            before=before,
            after=guide_snapshot(guide),
            reason=f"《{document.title}》{document.get_validity_display()}",
        )
        _drop_guide_pages(guide)
        changed.append(guide)
    return changed


def certificate_snapshot(item: CertificateItem) -> dict:
    return {
        "name": item.name,
        "department": item.department_id,
        "issuing_body": item.issuing_body,
        "status": item.status,
        "live": item.live,
    }


def _drop_certificate_pages(item: CertificateItem) -> None:
    pagecache.invalidate(obj_tag(item), list_tag(CertificateItem))


def _index_certificate(item: CertificateItem) -> None:
    item.search_words = rules.search_words(
        item.name, item.used_for, item.issuing_body, item.department.name, item.basis
    )
    CertificateItem.objects.filter(pk=item.pk).update(search_words=item.search_words)


@transaction.atomic
def certificate_saved(*, item: CertificateItem, user, created: bool = False) -> CertificateItem:
    """After a certificate item is saved (the back office or ``certificate_create``): a draft,
    unless the item is live (then the row changes only when a new version is signed off)."""
    require_department(user, item.department_id)
    _index_certificate(item)
    action = "certificate_item.create" if created else "certificate_item.edit"
    audit.record(actor=user, action=action, obj=item, after=certificate_snapshot(item))
    if item.live:
        _drop_certificate_pages(item)
    return item


@transaction.atomic
def certificate_published(*, item: CertificateItem, user) -> None:
    """After the sign-off put an item (or a new version of it) live; ``user`` signed it off."""
    _index_certificate(item)
    audit.record(
        actor=user, action="certificate_item.publish", obj=item, after=certificate_snapshot(item)
    )
    _drop_certificate_pages(item)


@transaction.atomic
def certificate_unpublished(*, item: CertificateItem, user) -> None:
    audit.record(actor=user, action="certificate_item.unpublish", obj=item)
    _drop_certificate_pages(item)


@transaction.atomic
def certificate_create(*, user, **fields) -> CertificateItem:
    """A new draft certificate item, saved as its first revision; it goes live when signed
    off."""
    item = create_draft(CertificateItem, user=user, **fields)
    return certificate_saved(item=item, user=user, created=True)


@transaction.atomic
def certificate_deleted(*, item: CertificateItem, user) -> None:
    audit.record(
        actor=user, action="certificate_item.delete", obj=item, before=certificate_snapshot(item)
    )
    _drop_certificate_pages(item)


# --- 财政预决算 and 政府债务 -------------------------------------------------------------------


def is_workbook(name: str) -> bool:
    return name.lower().endswith(".xlsx")


def tables_of(file) -> list[dict]:
    """The tables of an uploaded budget file: read from an XLSX workbook, none from another
    kind of file. A workbook that cannot be read is refused (ValidationError, in the page's
    language) and nothing of it is kept."""
    if not file or not is_workbook(file.name):
        return []
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        return tables.read_workbook(data)
    except tables.TableError as error:
        raise ValidationError(in_ui_language(error.zh, error.en), code="workbook") from None


# The audit's name of each column's records.
AUDIT_NAMES = {
    BudgetDisclosure: "budget_disclosure",
    DebtDisclosure: "debt_disclosure",
    EmploymentRecord: "employment_record",
    ReformMeasure: "reform_measure",
}


def _record_snapshot(record) -> dict:
    snapshot = {"live": record.live, "department": record.department_id, "year": record.year}
    if isinstance(record, BudgetDisclosure):
        snapshot.update(kind=record.kind, file=record.file.name if record.file else "")
        snapshot["tables"] = len(record.tables)
    elif isinstance(record, DebtDisclosure):
        snapshot.update(kind=record.kind, limit=str(record.limit), balance=str(record.balance))
    elif isinstance(record, EmploymentRecord):
        snapshot.update(title=record.title, kind=record.kind)
    else:
        snapshot.update(title=record.title, category=record.category, status=record.status)
    return snapshot


def _action(record, verb: str) -> str:
    return f"{AUDIT_NAMES[type(record)]}.{verb}"


def _drop_record_pages(record) -> None:
    pagecache.invalidate(obj_tag(record), list_tag(type(record)))


@transaction.atomic
def record_saved(*, record, user, created: bool) -> None:
    """After the snippet views saved a budget or debt record (a draft, unless it is live: a
    live record's row changes only when a new revision is signed off)."""
    require_department(user, record.department_id)
    audit.record(
        actor=user,
        action=_action(record, "create" if created else "edit"),
        obj=record,
        after=_record_snapshot(record),
    )
    if record.live:
        _drop_record_pages(record)


@transaction.atomic
def record_published(*, record, user) -> None:
    """After the sign-off put a record (or a new version of it) live; ``user`` signed it off.
    公开日期 is the day of the first publication unless staff gave one; the words a 就业 or 放管服
    record is found by are those of the version now live."""
    if record.disclosed_on is None:
        record.disclosed_on = timezone.localdate()
        type(record).objects.filter(pk=record.pk).update(disclosed_on=record.disclosed_on)
    if isinstance(record, ColumnRecord):
        record.search_words = rules.search_words(*record.search_texts())
        type(record).objects.filter(pk=record.pk).update(search_words=record.search_words)
    audit.record(
        actor=user, action=_action(record, "publish"), obj=record, after=_record_snapshot(record)
    )
    _drop_record_pages(record)


@transaction.atomic
def record_unpublished(*, record, user) -> None:
    audit.record(actor=user, action=_action(record, "unpublish"), obj=record)
    _drop_record_pages(record)


@transaction.atomic
def record_deleted(*, record, user) -> None:
    audit.record(
        actor=user, action=_action(record, "delete"), obj=record, before=_record_snapshot(record)
    )
    _drop_record_pages(record)


@transaction.atomic
def budget_create(*, user, file=None, **fields) -> BudgetDisclosure:
    """A draft 财政预决算 record, as staff create it in the back office; ``file`` (a Django
    File) is read first: a workbook that cannot be read leaves nothing behind. Publish it
    through the sign-off (``gongkai.documents.publication.sign_off_through``)."""
    if file is not None:
        fields["file"] = file
    record = create_draft(BudgetDisclosure, user=user, tables=tables_of(file), **fields)
    record_saved(record=record, user=user, created=True)
    return record


@transaction.atomic
def record_create(model, *, user, **fields):
    """A draft record of a column without a file (政府债务, 就业, 放管服), as staff create it in
    the back office, saved as its first revision; it goes live when signed off."""
    record = create_draft(model, user=user, **fields)
    record_saved(record=record, user=user, created=True)
    return record
