"""Back-office actions on a published document that Wagtail does not have: withdraw, change validity."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.core.roles import Role, has_role
from gongkai.documents import services
from gongkai.documents.forms import ValidityForm, WithdrawForm
from gongkai.documents.models import Document


def is_office(user) -> bool:
    return user.is_superuser or has_role(user, Role.REVIEWER) or has_role(user, Role.ADMIN)


def redirect_to_edit(document):
    return redirect(reverse("wagtailsnippets_documents_document:edit", args=[document.pk]))


def _office_document(request, pk) -> Document:
    if not is_office(request.user):
        raise PermissionDenied
    return get_object_or_404(Document, pk=pk)


def withdraw(request, pk):
    document = _office_document(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_withdraw(
                document=document, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已撤回。"))
            return redirect_to_edit(document)
    return TemplateResponse(
        request,
        "documents/admin/action_form.html",
        {
            "document": document,
            "form": form,
            "title": _("撤回文件"),
            "submit": _("撤回"),
        },
    )


def change_validity(request, pk):
    document = _office_document(request, pk)
    form = ValidityForm(request.POST or None, initial={"validity": document.validity})
    if request.method == "POST" and form.is_valid():
        services.document_change_validity(
            document=document,
            user=request.user,
            validity=form.cleaned_data["validity"],
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("有效性已变更。"))
        return redirect_to_edit(document)
    return TemplateResponse(
        request,
        "documents/admin/action_form.html",
        {
            "document": document,
            "form": form,
            "title": _("变更有效性"),
            "submit": _("保存"),
        },
    )
