"""Back office (Wagtail admin, menu 决策预公开): the moderation queue, a consultation's comments
(approve, refuse, block the author, dispose in bulk, export) and its adoption report's page
(generate the draft from the dispositions; it is edited, submitted and signed off in the report's
editor, a snippet in the sign-off workflow). Every write goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts import services as accounts
from gongkai.accounts.selectors import public_name, sees_personal_data
from gongkai.consultations import exports, permissions, selectors, services
from gongkai.consultations.forms import DisposeForm, RefuseForm
from gongkai.consultations.models import AdoptionReport, Comment, CommentStatus, Consultation


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _consultation(request, pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("department"), pk=pk)
    _require(permissions.can_view(request.user, consultation))
    return consultation


def _flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _with_authors(user, comments) -> list[Comment]:
    """Staff see a commenter's name and address only for their own department's items."""
    comments = list(comments)
    for comment in comments:
        account = comment.account
        if sees_personal_data(user, comment.consultation.department_id) and not account.is_deleted:
            comment.author = f"{account.name} <{account.email}>"
        else:
            comment.author = public_name(account)
    return comments


def queue(request):
    """待审核意见: pending comments and those hidden after reports, oldest first."""
    _require(request.user.has_perm("consultations.moderate_comment"))
    comments = _with_authors(request.user, selectors.moderation_queue(request.user))
    return TemplateResponse(
        request, "consultations/admin/queue.html", {"comments": comments, "refuse": RefuseForm()}
    )


def comments(request, pk: int):
    consultation = _consultation(request, pk)
    status = request.GET.get("status", "")
    if status not in CommentStatus.values:
        status = ""
    rows = _with_authors(request.user, selectors.staff_comments(consultation, status))
    disposable = consultation.phase() == "closed"
    context = {
        "consultation": consultation,
        "comments": rows,
        "status": status,
        "statuses": CommentStatus.choices,
        "stats": selectors.disposition_stats(consultation),
        "can_moderate": permissions.can_moderate(request.user, consultation),
        "can_block": permissions.can_block_accounts(request.user),
        "disposable": disposable,
        "dispose_form": DisposeForm(comment_ids=[c.pk for c in rows]),
        "refuse": RefuseForm(),
    }
    return TemplateResponse(request, "consultations/admin/comments.html", context)


def _back(request, comment: Comment):
    target = request.POST.get("next", "")
    if target == "queue":
        return redirect("consultations_admin:queue")
    return redirect("consultations_admin:comments", comment.consultation_id)


def _comment(pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("consultation", "account"), pk=pk)


@require_POST
def approve(request, pk: int):
    comment = _comment(pk)
    services.comment_approve(comment=comment, user=request.user)
    messages.success(request, _("意见 %(number)s 已公开。") % {"number": comment.tracking_number})
    return _back(request, comment)


@require_POST
def refuse(request, pk: int):
    comment = _comment(pk)
    form = RefuseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写不予公开的原因。"))
        services.comment_refuse(
            comment=comment, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("意见 %(number)s 不予公开，已告知提交人。") % {"number": comment.tracking_number},
        )
    except ValidationError as error:
        _flash_errors(request, error)
    return _back(request, comment)


@require_POST
def block_author(request, pk: int):
    """限制发言 of the comment's author; their comment is refused with the same reason."""
    comment = _comment(pk)
    _require(permissions.can_moderate(request.user, comment.consultation))
    form = RefuseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写限制发言的原因。"))
        reason = form.cleaned_data["reason"]
        accounts.account_block(account=comment.account, actor=request.user, reason=reason)
        if comment.status != CommentStatus.REJECTED:
            services.comment_refuse(comment=comment, user=request.user, reason=reason)
        messages.success(request, _("已限制该用户发言。"))
    except ValidationError as error:
        _flash_errors(request, error)
    return _back(request, comment)


@require_POST
def dispose(request, pk: int):
    consultation = _consultation(request, pk)
    form = DisposeForm(request.POST, comment_ids=consultation.comments.values_list("pk", flat=True))
    try:
        if not form.is_valid():
            raise ValidationError(_("请选择意见和处理意见。"))
        data = form.cleaned_data
        count = services.comments_dispose(
            consultation=consultation,
            comment_ids=data["comments"],
            user=request.user,
            disposition=data["disposition"],
            reason=data["reason"],
        )
        messages.success(request, _("已处理 %(count)s 条意见。") % {"count": count})
    except ValidationError as error:
        _flash_errors(request, error)
    return redirect("consultations_admin:comments", consultation.pk)


def export(request, pk: int, fmt: str):
    consultation = _consultation(request, pk)
    _require(permissions.can_moderate(request.user, consultation))
    rows = selectors.staff_comments(consultation)
    if fmt == "csv":
        return exports.comments_csv(consultation, rows.iterator())
    if fmt == "xlsx":
        return exports.comments_xlsx(consultation, rows)
    raise Http404


def report(request, pk: int):
    """意见采纳情况说明: generate the draft from the dispositions; its state in the workflow, the
    link to its editor and, once signed off, the published text."""
    consultation = _consultation(request, pk)
    can_moderate = permissions.can_moderate(request.user, consultation)
    if request.method == "POST":
        _require(can_moderate)
        try:
            services.report_generate(consultation=consultation, user=request.user)
            messages.success(request, _("已根据处理意见生成说明草稿，请修改后提交审核。"))
        except ValidationError as error:
            _flash_errors(request, error)
        return redirect("consultations_admin:report", consultation.pk)
    report = AdoptionReport.objects.filter(consultation=consultation).first()
    context = {
        "consultation": consultation,
        "report": report,
        "stats": selectors.disposition_stats(consultation),
        "can_moderate": can_moderate,
    }
    return TemplateResponse(request, "consultations/admin/report.html", context)
