"""Builders of test data shared by every app's tests.

Plain functions with keyword-only arguments and sensible defaults; each saves and returns its
object, and any field of the model can be given. Documents and interpretations are published the
way Wagtail publishes them (save_revision, then revision.publish), so the publish signals and the
documents services run: published_on defaults to today, relations change their targets' validity,
the search index is refreshed on commit.
"""

import itertools
from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from gongkai.core.models import Department, StaffProfile
from gongkai.core.roles import ROLE_GROUP_NAMES
from gongkai.documents import services
from gongkai.documents.models import (
    Document,
    DocumentAttachment,
    DocumentKind,
    DocumentRelation,
    Interpretation,
    InterpretationForm,
    InterpretationFormKind,
    InterpreterKind,
    Topic,
)

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def make_department(**fields) -> Department:
    number = _next()
    fields.setdefault("name", f"测试部门{number}")
    fields.setdefault("code", f"dept{number}")
    return Department.objects.create(**fields)


def make_kind(*, name: str | None = None, **fields) -> DocumentKind:
    """A 公文种类; an existing kind of the same name is returned as it is."""
    kind, _created = DocumentKind.objects.get_or_create(
        name=name or f"种类{_next()}", defaults=fields
    )
    return kind


def make_topic(*, name: str | None = None, parent: Topic | None = None, **fields) -> Topic:
    number = _next()
    fields.setdefault("slug", f"topic-{number}")
    return Topic.objects.create(name=name or f"主题{number}", parent=parent, **fields)


def make_user(*, role: str | None = None, department: Department | None = None, **fields):
    """A staff user; with ``role`` (gongkai.core.roles.Role) they join its group and get a profile."""
    fields.setdefault("username", f"user{_next()}")
    password = fields.pop("password", "correct horse battery staple")
    user = get_user_model().objects.create_user(password=password, **fields)
    if role:
        user.groups.add(Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])[0])
        StaffProfile.objects.create(user=user, department=department, role=role)
    return user


def make_attachment(
    *,
    title: str = "附件",
    name: str = "附件.pdf",
    content: bytes = b"%PDF-1.4\n%%EOF\n",
    text: str = "",
):
    """An unsaved attachment, for make_document(attachments=[...])."""
    return DocumentAttachment(
        title=title,
        file=ContentFile(content, name=name),
        kind=name.rsplit(".", 1)[-1].lower(),
        size=len(content),
        text=text,
    )


def make_document(
    *,
    publish: bool = True,
    department: Department | None = None,
    issuers: Iterable[Department] | None = None,
    doc_type: DocumentKind | None = None,
    topics: Iterable[Topic] = (),
    attachments: Iterable[DocumentAttachment] = (),
    relations: Iterable[tuple[str, Document]] = (),
    **fields,
) -> Document:
    """A document with its 索引号; published unless ``publish=False``.

    ``issuers`` defaults to the drafting department; ``relations`` are (RelationKind, target)
    pairs read from this document (it is based on / amends / repeals the target).
    """
    department = department or make_department()
    fields.setdefault("title", f"测试文件{_next()}")
    fields.setdefault("written_on", date(2024, 1, 10))
    fields.setdefault("body", "<p>为做好相关工作，特制定本文件。</p>")
    document = Document(department=department, doc_type=doc_type or make_kind(), **fields)
    document.clean()  # normalises the document number as the edit form does
    document.issuers.set(list(issuers) if issuers is not None else [department])
    document.topics.set(list(topics))
    document.attachments = list(attachments)
    document.relations = [DocumentRelation(kind=kind, target=target) for kind, target in relations]
    document.save()
    services.document_created(document=document, user=None)
    if publish:
        return publish_object(document)
    return Document.objects.get(pk=document.pk)


def make_interpretation(
    *,
    documents: Iterable[Document],
    publish: bool = True,
    department: Department | None = None,
    forms: Iterable[InterpretationForm] | None = None,
    **fields,
) -> Interpretation:
    """An interpretation of ``documents`` with one text form unless ``forms`` are given."""
    documents = list(documents)
    fields.setdefault("title", f"测试解读{_next()}")
    fields.setdefault("interpreter_kind", InterpreterKind.DRAFTING_HEAD)
    interpretation = Interpretation(department=department or documents[0].department, **fields)
    interpretation.documents.set(documents)
    if forms is None:
        forms = [InterpretationForm(kind=InterpretationFormKind.TEXT, text="<p>解读正文。</p>")]
    interpretation.forms = list(forms)
    interpretation.save()
    if publish:
        return publish_object(interpretation)
    return Interpretation.objects.get(pk=interpretation.pk)


def publish_object(obj):
    """Publish the object's current state as Wagtail does; returns it fresh from the database."""
    revision = obj.save_revision()
    revision.publish()
    return type(obj).objects.get(pk=obj.pk)


def withdraw_document(
    document: Document, *, reason: str = "内容有误，已撤回。", user=None
) -> Document:
    """撤回 through the service, by an office reviewer unless ``user`` is given."""
    from gongkai.core.roles import Role

    services.document_withdraw(
        document=document, user=user or make_user(role=Role.REVIEWER), reason=reason
    )
    return Document.objects.get(pk=document.pk)
