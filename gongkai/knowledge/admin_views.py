"""Back office of the 政策问答库 besides Wagtail's snippet views: promote a message's reply to
an entry, the queue of entries waiting for review (待复核) and the review itself. Every write
goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.interaction.models import Message
from gongkai.interaction.permissions import can_view as can_view_message
from gongkai.knowledge import permissions, selectors, services
from gongkai.knowledge.forms import ReviewForm
from gongkai.knowledge.models import PolicyAnswer


def edit_url(answer: PolicyAnswer) -> str:
    return reverse("wagtailsnippets_knowledge_policyanswer:edit", args=[answer.pk])


@require_POST
def promote(request, pk: int):
    """转为政策问答: from the back-office page of an answered message."""
    message = get_object_or_404(Message.objects.select_related("account"), pk=pk)
    if not (
        can_view_message(request.user, message) and permissions.can_promote(request.user, message)
    ):
        raise PermissionDenied
    try:
        answer = services.answer_promote(message=message, user=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("interaction_admin:message", message.pk)
    messages.success(
        request,
        _("已生成政策问答草稿（留言人的个人信息已隐去）：请核对、选择依据文件后提交审签。"),
    )
    return redirect(edit_url(answer))


def review_queue(request):
    """待复核: entries whose source document was repealed or expired."""
    if not request.user.has_perm("knowledge.view_policyanswer"):
        raise PermissionDenied
    context = {"rows": selectors.review_queue(request.user), "title": _("待复核政策问答")}
    return TemplateResponse(request, "knowledge/admin/queue.html", context)


def review(request, pk: int):
    answer = get_object_or_404(PolicyAnswer.objects.select_related("department"), pk=pk)
    if not permissions.can_review(request.user, answer):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_review(
                answer=answer,
                user=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _("复核结果已保存。"))
            return redirect("knowledge_admin:queue")
    context = {
        "answer": answer,
        "form": form,
        "ended": selectors.ended_documents(answer),
        "edit_url": edit_url(answer),
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "knowledge/admin/review.html", context, status=status)
