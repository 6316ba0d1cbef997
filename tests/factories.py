"""Builders of test data shared by every app's tests.

Plain functions: each saves and returns its object and takes any field of the model as a keyword.
Documents and interpretations are published the only way they can be: through the sign-off
workflow (head review, then the office's 审签), so the documents services run: published_on
defaults to today, relations change their targets' validity, the search index is refreshed on
commit, the audit log names the signing reviewer.

    make_department(name="财政局", code="czj")     make_kind(name="通知", needs_interpretation=False)
    make_topic(name="财政预算", parent=economy)    make_user(role=Role.REVIEWER, department=office)
    make_document(department=finance, doc_type=notice, issuers=[...], topics=[...],
                  attachments=[make_attachment()], relations=[(RelationKind.REPEALS, old)],
                  publish=False, title=..., ...)
    make_interpretation(documents=[document], forms=[InterpretationForm(...)], publish=False)
    publish_object(obj)    withdraw_document(document, reason="...")
    enrol_second_factor(user)    pass_second_factor(client, user)    totp_code(device)
    unused_totp_code(device)    api_token(user)    force_login(client, user)
    force_login_password_only(client, user)

The short forms at the end (department, draft_document, staff_user …) are the same builders with
positional arguments, as the documents tests use them.
"""

import itertools
import time
from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.core.models import Department, StaffProfile
from gongkai.core.roles import ROLE_GROUP_NAMES, Role
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
from gongkai.documents.models.workflow import drafting_department_id
from gongkai.documents.publication import sign_off_through

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def make_department(**fields) -> Department:
    number = _next()
    fields.setdefault("name", f"测试部门{number}")
    fields.setdefault("code", f"d{number}")
    return Department.objects.create(**fields)


def make_topic(*, name: str | None = None, parent: Topic | None = None, **fields) -> Topic:
    number = _next()
    fields.setdefault("slug", f"topic-{number}")
    return Topic.objects.create(name=name or f"主题{number}", parent=parent, **fields)


def make_kind(*, name: str = "通知", **fields) -> DocumentKind:
    """A 公文种类; an existing kind of that name is returned unchanged. 通知 by default, which
    (like every kind unless marked exempt) needs an interpretation before sign-off."""
    kind, _created = DocumentKind.objects.get_or_create(name=name, defaults=fields)
    return kind


def make_user(*, role: str | None = None, department: Department | None = None, **fields):
    """A user; with ``role`` (gongkai.core.roles.Role) a staff member in its group with a profile."""
    fields.setdefault("username", f"user{_next()}")
    fields.setdefault("password", "correct horse battery staple")
    user = get_user_model().objects.create_user(**fields)
    if role:
        user.groups.add(Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])[0])
        StaffProfile.objects.create(user=user, department=department, role=role)
    return user


def enrol_second_factor(user) -> TOTPDevice:
    """The user's confirmed authenticator (gongkai.secondfactor), made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="测试", confirmed=True)


def totp_code(device: TOTPDevice, *, offset: int = 0) -> str:
    """The code the authenticator app shows now (``offset`` time steps away)."""
    return f"{totp(device.bin_key, step=device.step, drift=offset):0{device.digits}d}"


def unused_totp_code(device: TOTPDevice) -> str:
    """A code the authenticator accepts now although this time step's code may already have been
    used (django-otp takes each step's code once): the next step's, within the tolerance. When
    those are used too (a third sign-in within one step, on a fast machine), it waits for the
    next step, as a person waits for the app's next code."""
    device.refresh_from_db()
    while True:
        now = int(time.time() - device.t0) // device.step
        ahead = max(0, device.last_t + 1 - now)
        if ahead <= device.tolerance:
            return totp_code(device, offset=ahead)
        time.sleep(device.t0 + (now + 1) * device.step - time.time() + 0.05)


def wrong_code(device: TOTPDevice) -> str:
    """Six digits the authenticator accepts at no step within its tolerance."""
    near = {totp_code(device, offset=step) for step in range(-2, 3)}
    return next(code for code in (f"{n:06d}" for n in range(1_000_000)) if code not in near)


def pass_second_factor(client, user) -> None:
    """Complete the second factor in ``client``'s session after a forced login, as the
    verification page does (``django_otp.login`` keeps the device's id in the session), for a user
    who must pass it."""
    from gongkai.secondfactor import selectors

    if not selectors.requires_second_factor(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = enrol_second_factor(user).persistent_id
    session.save()


_django_force_login = ClientMixin.force_login


def force_login(client, user, backend=None) -> None:
    """``client.force_login`` in every test (tests/conftest.py): signed in past the password and,
    for those who must use it, the second factor, as a user who has done both."""
    _django_force_login(client, user, backend)
    pass_second_factor(client, user)


def force_login_password_only(client, user) -> None:
    """Django's own ``force_login``: signed in as after the password, second factor not passed."""
    _django_force_login(client, user)


def api_token(user, name: str = "") -> str:
    """A staff API token's plaintext for ``user``, who has enrolled a second factor when their
    role requires one (else the token would not act, gongkai.api.auth)."""
    from gongkai.api.services import api_token_create
    from gongkai.secondfactor import selectors

    if selectors.requires_second_factor(user):
        enrol_second_factor(user)
    plaintext, _token = api_token_create(user=user, name=name)
    return plaintext


def make_attachment(
    *,
    title: str = "附件1",
    name: str = "attachment.pdf",
    content: bytes = b"%PDF-1.4\n%%EOF\n",
    text: str = "",
) -> DocumentAttachment:
    """An unsaved attachment for make_document(attachments=[...])."""
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
    """A document with its 索引号, as an editor creates it; published unless ``publish=False``.

    ``issuers`` default to the drafting ``department``; ``relations`` are (RelationKind, target)
    pairs read from this document (it is based on / amends / repeals the target).
    """
    department = department or make_department()
    fields.setdefault("title", f"关于测试事项{_next()}的通知")
    fields.setdefault("written_on", date(2025, 3, 1))
    fields.setdefault("body", "<p>各部门：现就有关事项通知如下。</p>")
    # Wagtail's DraftStateMixin makes new objects live; an editor's new document is a draft.
    document = Document(
        department=department, doc_type=doc_type or make_kind(), live=False, **fields
    )
    document.clean()  # normalises the document number, as the edit form does
    document.issuers.set(list(issuers) if issuers is not None else [department])
    document.topics.set(list(topics))
    attachments, relations = list(attachments), list(relations)
    if attachments:
        document.attachments = attachments
    if relations:
        document.relations = [
            DocumentRelation(kind=kind, target=target) for kind, target in relations
        ]
    document.save()
    services.document_created(document=document, user=None)
    document = Document.objects.get(pk=document.pk)
    return publish_object(document) if publish else document


def make_interpretation(
    *,
    documents: Iterable[Document],
    publish: bool = True,
    forms: Iterable[InterpretationForm] | None = None,
    **fields,
) -> Interpretation:
    """An interpretation of ``documents`` by the first one's department, with one text form
    unless ``forms`` are given; published unless ``publish=False``."""
    documents = list(documents)
    fields.setdefault("title", f"测试解读{_next()}")
    fields.setdefault("interpreter_kind", InterpreterKind.DRAFTING_HEAD)
    fields.setdefault("department", documents[0].department)
    interpretation = Interpretation(live=False, **fields)
    interpretation.documents.set(documents)
    interpretation.forms = (
        list(forms)
        if forms is not None
        else [
            InterpretationForm(kind=InterpretationFormKind.TEXT, text="<p>本文件的主要内容是……</p>")
        ]
    )
    for order, form in enumerate(interpretation.forms.all()):
        form.sort_order = (
            order if form.sort_order is None else form.sort_order
        )  # as the editor sets it
    interpretation.save()
    interpretation = Interpretation.objects.get(pk=interpretation.pk)
    return publish_object(interpretation) if publish else interpretation


def publish_object(obj):
    """Publish the object's current state the only way it can go live: its department's head
    approves and an office reviewer signs off (overriding any blocking problem with a reason).
    ``obj`` is then reloaded and returned."""
    department = Department.objects.get(pk=drafting_department_id(obj))
    head = _factory_staff(Role.HEAD, department)
    return sign_off_through(
        obj,
        submitter=head,
        head=head,
        reviewer=_factory_staff(Role.REVIEWER, None),
        override_reason="测试数据。Test data.",
    )


def _factory_staff(role: str, department: Department | None):
    """One staff user per role and department, made on first use."""
    username = f"factory-{role}-{department.pk if department else 'office'}"
    user = get_user_model().objects.filter(username=username).first()
    return user or make_user(role=role, department=department, username=username)


def make_relation(*, source: Document, kind: str, target: Document) -> DocumentRelation:
    """A relation row; it changes the target's validity when ``source`` is next published."""
    return DocumentRelation.objects.create(source=source, kind=kind, target=target)


def withdraw_document(
    document: Document, *, reason: str = "内容有误，已撤回。", user=None
) -> Document:
    """撤回 through the service, by an office reviewer unless ``user`` is given."""
    user = user or make_user(role=Role.REVIEWER)
    services.document_withdraw(document=document, user=user, reason=reason)
    return Document.objects.get(pk=document.pk)


# Short forms with positional arguments.


def department(name: str | None = None, **fields) -> Department:
    return make_department(**({"name": name} if name else {}), **fields)


def document_kind(name: str = "通知", needs_interpretation: bool = True, **fields) -> DocumentKind:
    return make_kind(name=name, needs_interpretation=needs_interpretation, **fields)


def staff_user(role: str, dept: Department | None = None, **fields):
    return make_user(role=role, department=dept, **fields)


def draft_document(*, dept: Department | None = None, kind: DocumentKind | None = None, **fields):
    return make_document(publish=False, department=dept, doc_type=kind, **fields)


def published_document(
    *, dept: Department | None = None, kind: DocumentKind | None = None, **fields
):
    return make_document(department=dept, doc_type=kind, **fields)


def publish(obj):
    return publish_object(obj)


def relation(source: Document, kind: str, target: Document) -> DocumentRelation:
    return make_relation(source=source, kind=kind, target=target)


def interpretation(*documents: Document, live: bool = True, **fields) -> Interpretation:
    return make_interpretation(documents=documents, publish=live, **fields)
