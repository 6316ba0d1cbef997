"""The back-office import form (导入文件): upload a file, confirm or correct what extraction
found, save it as a draft and continue on its edit page.

The uploaded file waits in storage between the two steps under an unguessable name; the
confirmation form carries a signed token naming it, so a user can only confirm a file that
this site stored for them. Waiting files older than a day are removed on the next upload.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.language import in_ui_language
from gongkai.core.models import Department
from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments
from gongkai.documents.extraction import to_json_dict
from gongkai.documents.forms import DocumentAdminForm
from gongkai.documents.import_files import Prepared
from gongkai.documents.import_review import field_checks, final_values
from gongkai.documents.importing import (
    CONFIRMED_FIELDS,
    DUPLICATE,
    IMPORTED,
    ImportOutcome,
    document_import,
    import_preview,
    library_attach,
    library_attachment,
    prepare_upload,
)
from gongkai.documents.models import Document, Validity
from gongkai.documents.selectors import documents_for_user
from gongkai.documents.services import import_review_record

PENDING_DIR = "imports/pending"
PENDING_MAX_AGE = timedelta(days=1)
_SALT = "gongkai.documents.import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("文件"),
        help_text=gettext_lazy(
            "网页（.html）、文本（.txt）、Word（.docx）、PDF（含文字层）或 OFD，最大 50 MB。"
        ),
    )


class ConfirmForm(DocumentAdminForm):
    """The extracted metadata, for confirmation and correction; the document rules of the
    edit form apply (dates, document number, reason for withholding)."""

    token = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Document
        fields = [*CONFIRMED_FIELDS, "issuers"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_for(user)
        self.fields["issuers"].required = False


def departments_for(user):
    """The departments a user may draft for: all for the office, else their own."""
    if user.is_superuser or sees_all_departments(user):
        return Department.objects.all()
    return Department.objects.filter(pk=user_department_id(user))


def _require_add(user) -> None:
    if not user.has_perm("documents.add_document"):
        raise PermissionDenied


def _remove_stale_uploads() -> None:
    """Best effort: a file whose confirmation never came is not kept for ever."""
    try:
        _folders, files = default_storage.listdir(PENDING_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - PENDING_MAX_AGE
    for name in files:
        path = f"{PENDING_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


def _keep_upload(data: bytes, filename: str) -> str:
    name = get_valid_filename(Path(filename).name) or "upload"
    stored = default_storage.save(f"{PENDING_DIR}/{uuid.uuid4().hex}-{name}", ContentFile(data))
    return signing.dumps({"path": stored, "name": Path(filename).name}, salt=_SALT)


def _load_upload(token: str) -> tuple[str, str, bytes] | None:
    try:
        value = signing.loads(token, salt=_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    path = value.get("path", "")
    if not path.startswith(f"{PENDING_DIR}/") or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return path, value.get("name", ""), handle.read()


def _initial(pending, user) -> dict:
    initial = {name: pending.fields.get(name) for name in CONFIRMED_FIELDS}
    allowed = departments_for(user)
    issuers = [issuer for issuer in pending.issuers if issuer is not None]
    if initial["department"] is None or not allowed.filter(pk=initial["department"].pk).exists():
        initial["department"] = allowed.first()
    initial["doc_type"] = pending.fields["doc_type"].pk
    initial["department"] = initial["department"].pk if initial["department"] else None
    initial["issuers"] = [issuer.pk for issuer in issuers]
    return initial


def _details(prepared: Prepared, pending) -> dict:
    """What the form shows besides its fields: reader details, what extraction found, and
    the fields it is unsure of (with where it read them) for the editor to check."""
    data = to_json_dict(prepared.result, detailed=True)
    checks = field_checks(prepared.result.metadata)
    validity = prepared.result.metadata.validity
    return {
        "extracted": data,
        "validity": Validity(validity).label if validity else None,
        "validity_source": data["provenance"]["validity"]["label"],
        "unsure": {name: check for name, check in checks.items() if check.needs_review},
        "unknown_issuers": pending.unknown_issuers if pending else [],
        "warnings": pending.warnings if pending else [],
        "missing_attachments": pending.missing_attachments if pending else [],
    }


def _saved_issuer_names(departments, extracted: list[str]) -> list[str]:
    """The saved issuers under the name the text used where a department answers to it, in
    the text's order, so issuers matched by an alias or listed in another order do not
    count as a correction."""
    names = []
    for department in departments:
        known = [name for name in extracted if name in department.all_names()]
        names.append(known[0] if known else department.name)
    order = {name: position for position, name in enumerate(extracted)}
    return sorted(names, key=lambda name: order.get(name, len(order)))


def _record_review(prepared: Prepared, outcome: ImportOutcome, values: dict, issuers) -> None:
    meta = prepared.result.metadata
    saved = list(issuers) or [values["department"]]
    final = final_values(values, _saved_issuer_names(saved, meta.issuers))
    import_review_record(document_id=outcome.document_id, checks=field_checks(meta), final=final)


def _duplicate_context(outcome: ImportOutcome, user) -> dict:
    """The duplicate, and the document it repeats where the user may open it."""
    existing = documents_for_user(user).filter(pk=outcome.duplicate_of).first()
    return {"duplicate": outcome, "existing": existing}


def upload(request):
    """Step 1: the file. A file that cannot be read, or a duplicate, is reported here."""
    _require_add(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            form.add_error("file", _("文件超过 50 MB。"))
        else:
            response = _preview(request, upload.read(), upload.name, context)
            if response is not None:
                return response
    return TemplateResponse(request, "documents/import/upload.html", context)


def _preview(request, data: bytes, filename: str, context: dict):
    prepared = prepare_upload(data, filename)
    department = Department.objects.filter(pk=user_department_id(request.user)).first()
    pending, stop = import_preview(prepared=prepared, user=request.user, department=department)
    if stop is not None and stop.status == DUPLICATE:
        context |= _duplicate_context(stop, request.user)
        return None
    # A file a document in the library lacks is offered to it, even one that is no document.
    offer = library_attachment(prepared=prepared, user=request.user)
    if stop is not None and offer is None:
        context["error"] = stop
        return None
    _remove_stale_uploads()
    token = _keep_upload(data, filename)
    if offer is not None:
        context |= {"offer": offer, "token": token}
    if stop is not None:
        return None
    form = ConfirmForm(
        initial=_initial(pending, request.user) | {"token": token}, user=request.user
    )
    return _confirm_page(request, form, filename, prepared, pending, context)


def _confirm_page(request, form, filename, prepared, pending, context=None):
    details = _details(prepared, pending)
    rows = [(field, details["unsure"].get(field.name)) for field in form.visible_fields()]
    return TemplateResponse(
        request,
        "documents/import/confirm.html",
        {**(context or {}), "form": form, "filename": filename, "rows": rows, **details},
    )


def attach(request):
    """The uploaded file, attached to the document in the library that lacks it (offered
    on the upload or confirmation page); its edit page opens."""
    _require_add(request.user)
    loaded = _load_upload(request.POST.get("token", "")) if request.method == "POST" else None
    if loaded is None:
        return redirect("documents_import")
    path, filename, data = loaded
    attached = library_attach(prepared=prepare_upload(data, filename), user=request.user)
    if attached is None:
        messages.error(request, _("该文件不再是文库中任何文件所缺的附件，请重新上传。"))
        return redirect("documents_import")
    default_storage.delete(path)
    messages.success(
        request,
        _("已作为附件%(number)s附到该文件的草稿中，请核对后提交审签。")
        % {"number": attached.number},
    )
    return redirect(reverse("wagtailsnippets_documents_document:edit", args=[attached.document.pk]))


def confirm(request):
    """Step 2: the corrected metadata; saving creates the draft and opens its edit page."""
    _require_add(request.user)
    if request.method != "POST":
        return redirect("documents_import")
    form = ConfirmForm(request.POST, user=request.user)
    loaded = _load_upload(request.POST.get("token", ""))
    if loaded is None:
        messages.error(
            request,
            _("上传的文件已过期，请重新上传。"),
        )
        return redirect("documents_import")
    path, filename, data = loaded
    prepared = prepare_upload(data, filename)
    if not prepared.ok:
        return redirect("documents_import")
    if not form.is_valid():
        pending, _stop = import_preview(prepared=prepared, user=request.user, department=None)
        return _confirm_page(request, form, filename, prepared, pending)
    values = {name: form.cleaned_data.get(name) for name in CONFIRMED_FIELDS}
    outcome = document_import(
        prepared=prepared,
        user=request.user,
        values=values,
        issuers=form.cleaned_data.get("issuers") or [],
    )
    if outcome.status == DUPLICATE:
        return TemplateResponse(
            request,
            "documents/import/upload.html",
            {"form": UploadForm(), **_duplicate_context(outcome, request.user)},
        )
    if outcome.status != IMPORTED:
        form.add_error(None, in_ui_language(outcome.message_zh, outcome.message_en))
        pending, _stop = import_preview(prepared=prepared, user=request.user, department=None)
        return _confirm_page(request, form, filename, prepared, pending)
    _record_review(prepared, outcome, values, form.cleaned_data.get("issuers") or [])
    default_storage.delete(path)
    messages.success(
        request,
        _("已导入为草稿，请核对正文后提交审签。"),
    )
    return redirect(reverse("wagtailsnippets_documents_document:edit", args=[outcome.document_id]))
