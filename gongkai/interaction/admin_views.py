"""Back office (Wagtail admin, menu 政民互动): messages per department (the office sees all),
a message with its timeline and the actions its reader may take (route, transfer, draft the
reply from a template, submit it, approve and publish it), the overdue queue and the
statistics. Every write goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail import hooks

from gongkai.accounts.selectors import public_name, sees_personal_data
from gongkai.interaction import permissions, selectors, services
from gongkai.interaction.forms import AssignForm, ReplyForm, TransferForm
from gongkai.interaction.models import Message, MessageState, ReplyTemplate


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def message_list(request):
    """留言办理: the messages the user's department holds (all for the office), by state."""
    _require(request.user.has_perm("interaction.view_message"))
    state = request.GET.get("state", "")
    rows = selectors.messages_for_user(request.user).order_by("due_on", "pk")
    if state in MessageState.values:
        rows = rows.filter(state=state)
    else:
        state = ""
    context = {
        "rows": selectors.with_clock(rows[:500]),
        "state": state,
        "states": MessageState.choices,
        "title": _("留言办理"),
    }
    return TemplateResponse(request, "interaction/admin/messages.html", context)


def overdue(request):
    """逾期留言: open messages past their deadline."""
    _require(request.user.has_perm("interaction.view_message"))
    context = {
        "rows": selectors.with_clock(selectors.overdue(request.user)),
        "title": _("逾期留言"),
        "overdue": True,
    }
    return TemplateResponse(request, "interaction/admin/messages.html", context)


def statistics(request):
    """留言统计 per department: received, on time, overdue, average working days, ratings."""
    _require(request.user.has_perm("interaction.view_message"))
    return TemplateResponse(
        request, "interaction/admin/statistics.html", {"rows": selectors.department_stats()}
    )


def _writer(user, message: Message) -> str:
    """Staff see the writer's name and address only for their own department's messages."""
    account = message.account
    if sees_personal_data(user, message.department_id) and not account.is_deleted:
        return f"{account.name} <{account.email}>"
    return public_name(account)


def _templates(message: Message):
    return ReplyTemplate.objects.filter(
        Q(department__isnull=True) | Q(department_id=message.department_id)
    )


def message_detail(request, pk: int):
    message = get_object_or_404(
        Message.objects.select_related("category", "department", "account"), pk=pk
    )
    _require(permissions.can_view(request.user, message))
    if request.method == "POST":
        _run_action(request, message)
        return redirect("interaction_admin:message", message.pk)
    user = request.user
    can_handle = permissions.can_handle(user, message) and message.is_open
    context = {
        "message": message,
        "writer": _writer(user, message),
        "events": selectors.timeline(message),
        "clock": selectors.with_clock([message])[0].clock,
        "can_assign": permissions.can_assign(user) and message.is_open,
        "can_transfer": can_handle and message.department_id is not None,
        "can_handle": can_handle and message.department_id is not None,
        "can_publish": permissions.can_publish(user, message)
        and message.is_open
        and bool(message.reply_draft),
        "assign_form": AssignForm(),
        "transfer_form": TransferForm(),
        "reply_form": ReplyForm(initial={"text": message.reply_draft}),
        "templates": _templates(message),
        "panels": _panels(request, message),
    }
    return TemplateResponse(request, "interaction/admin/message.html", context)


def _panels(request, message: Message) -> list[str]:
    """What other apps show on a message's page (the knowledge base's 「转为政策问答」):
    each ``interaction_message_panels`` hook, called with the request and the message, returns
    a rendered template (safe HTML) or an empty string."""
    rendered = (hook(request, message) for hook in hooks.get_hooks("interaction_message_panels"))
    return [html for html in rendered if html]


def _run_action(request, message: Message) -> None:
    action = request.POST.get("action", "")
    handler = _ACTIONS.get(action)
    if handler is None:
        messages.error(request, _("未知的操作。"))
        return
    try:
        messages.success(request, handler(request, message))
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)


def _assign(request, message):
    form = AssignForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("请选择承办部门。"))
    services.message_assign(
        message=message, user=request.user, department=form.cleaned_data["department"]
    )
    return _("已分办。")


def _transfer(request, message):
    form = TransferForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("请选择部门并填写转办理由。"))
    data = form.cleaned_data
    services.message_transfer(
        message=message, user=request.user, department=data["department"], reason=data["reason"]
    )
    return _("已转办。")


def _from_template(request, message):
    template = _templates(message).filter(pk=request.POST.get("template") or 0).first()
    if template is None:
        raise ValidationError(_("请选择答复模板。"))
    services.reply_save(message=message, user=request.user, template=template)
    return _("已按模板起草答复，请修改后提交。")


def _save(request, message, *, submit: bool = False):
    form = ReplyForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("请填写答复内容。"))
    services.reply_save(
        message=message, user=request.user, text=form.cleaned_data["text"], submit=submit
    )
    return _("答复已提交部门负责人审核。") if submit else _("答复草稿已保存。")


def _submit(request, message):
    return _save(request, message, submit=True)


def _publish(request, message):
    services.reply_publish(message=message, user=request.user)
    if message.is_public:
        return _("答复已发布，并在网站公开。")
    return _("答复已发布（不公开），已告知留言人。")


_ACTIONS = {
    "assign": _assign,
    "transfer": _transfer,
    "template": _from_template,
    "save": _save,
    "submit": _submit,
    "publish": _publish,
}
