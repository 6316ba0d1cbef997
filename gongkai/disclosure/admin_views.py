"""Back office (Wagtail admin, menu 依申请公开): dashboard, list, registration, the request page
and one view per action. Every write goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.fileserve import file_response
from gongkai.core.models import Department
from gongkai.core.permissions import DepartmentRefused
from gongkai.disclosure import now, permissions, selectors, services
from gongkai.disclosure.forms import (
    EVENT_FORMS,
    AssignForm,
    DeliveryForm,
    FeeNoticeForm,
    ProactiveForm,
    RegisterForm,
    ReplyForm,
    add_problems,
)
from gongkai.disclosure.letters import FontMissing
from gongkai.disclosure.models import DisclosureRequest, RequestAttachment, Status
from gongkai.disclosure.presenters import letter_for, letter_response, request_page_context

WARNING_CLASSES = {"overdue": "critical", "due_soon_2": "critical", "due_soon_5": "warning"}


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def _require_view_permission(user) -> None:
    if not user.has_perm("disclosure.view_disclosurerequest"):
        raise PermissionDenied


def _visible(request, pk) -> DisclosureRequest:
    _require_view_permission(request.user)
    found = get_object_or_404(DisclosureRequest.objects.select_related("department"), pk=pk)
    if not permissions.can_view(request.user, found):
        raise PermissionDenied
    return found


def _handled(request, pk) -> DisclosureRequest:
    found = _visible(request, pk)
    if not permissions.can_handle(request.user, found):
        raise PermissionDenied
    return found


def _detail_url(found: DisclosureRequest) -> str:
    return reverse("disclosure_admin:detail", args=[found.pk])


def dashboard(request):
    _require_view_permission(request.user)
    rows = [
        {"req": req, "state": state, "css": WARNING_CLASSES.get(state.warning, "")}
        for req, state in selectors.dashboard(request.user)
    ]
    return TemplateResponse(request, "disclosure/admin/dashboard.html", {"rows": rows})


def request_list(request):
    _require_view_permission(request.user)
    department = request.GET.get("department") or ""
    queryset = selectors.requests_for_staff(
        request.user,
        status=request.GET.get("status", ""),
        department_id=int(department) if department.isdigit() else None,
        due=request.GET.get("due", ""),
        query=request.GET.get("q", "").strip()[:50],
    )
    return TemplateResponse(
        request,
        "disclosure/admin/list.html",
        {
            "requests": queryset[:500],
            "statuses": Status.choices,
            "departments": Department.objects.all(),
            "filters": request.GET,
        },
    )


def register(request):
    if not permissions.can_register(request.user):
        raise PermissionDenied
    form = RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.request_register(
                actor=request.user,
                application=form.application(),
                channel=form.cleaned_data["channel"],
                department=form.cleaned_data["department"],
                carried_over=form.cleaned_data["carried_over"],
                attachments=form.cleaned_data["attachments"],
                **form.receipt_dates(),
            )
        except services.RequestError as error:
            add_problems(form, error.field_problems())
        except DepartmentRefused as error:
            form.add_error("department", str(error))
        else:
            link = request.build_absolute_uri(reverse("disclosure:track", args=[submission.token]))
            messages.success(
                request,
                _("已登记 %(number)s。申请人专属链接（仅显示一次，请告知申请人）：%(link)s")
                % {"number": submission.request.tracking_number, "link": link},
            )
            return redirect(_detail_url(submission.request))
    return TemplateResponse(request, "disclosure/admin/register.html", {"form": form})


def detail(request, pk):
    return _detail_page(request, _visible(request, pk))


def _detail_page(request, found: DisclosureRequest, failed: tuple[str, object] | None = None):
    """The request's page; ``failed`` is (action, bound form) of an action that was refused:
    that form is shown open, with its errors, in place of the blank one."""
    handles = permissions.can_handle(request.user, found)
    context = request_page_context(found, _lang(), public=False)
    action_forms = _action_forms(found)
    if failed:
        action_forms[failed[0]] = failed[1]
    context.update(
        handles=handles,
        applicant=selectors.applicant_details(found, masked=not handles),
        masked=not handles,
        can_extend=handles and permissions.can_approve_extension(request.user),
        can_assign=handles and permissions.can_register(request.user),
        event_forms=[
            (kind, label, action_forms[kind]) for kind, (label, _form) in EVENT_FORMS.items()
        ],
        fee_form=action_forms["fee"],
        reply_form=action_forms["reply"],
        delivery_form=action_forms["delivery"],
        assign_form=action_forms["assign"],
        open_action=failed[0] if failed else "",
        attachments=found.attachments.all() if handles else [],
        warning_class=WARNING_CLASSES.get(context["state"].warning, ""),
    )
    return TemplateResponse(request, "disclosure/admin/detail.html", context)


def _action_forms(found: DisclosureRequest) -> dict:
    """A blank form per action of the request's page, keyed by action (an event kind or
    fee, reply, delivery, assign)."""
    today = now.today()
    return {
        **{
            kind: form(prefix=kind, initial={"on": today})
            for kind, (_l, form) in EVENT_FORMS.items()
        },
        "fee": FeeNoticeForm(prefix="fee", initial={"on": today}),
        "reply": ReplyForm(prefix="reply", initial={"on": today}),
        "delivery": DeliveryForm(prefix="delivery", initial={"on": today}),
        "assign": AssignForm(prefix="assign", initial={"department": found.department_id}),
    }


def _act(request, found: DisclosureRequest, action: str, form, perform):
    """Validate ``form`` and run ``perform(cleaned_data)`` (a service call that returns the
    success message): on success back to the request's page with the message; when the input
    or the service refuses, the page again with the form open and its errors on it."""
    if form.is_valid():
        try:
            message = perform(form.cleaned_data)
        except services.RequestError as error:
            add_problems(form, error.field_problems())
        except DepartmentRefused as error:
            form.add_error("department", str(error))
        else:
            messages.success(request, message)
            return redirect(_detail_url(found))
    return _detail_page(request, found, failed=(action, form))


@require_POST
def add_event(request, pk, kind):
    found = _handled(request, pk)
    if kind not in EVENT_FORMS:
        raise Http404

    def perform(data):
        services.request_add_event(
            request=found, actor=request.user, kind=kind, **form.event_fields()
        )
        return _("已登记。")

    form = EVENT_FORMS[kind][1](request.POST, prefix=kind)
    return _act(request, found, kind, form, perform)


@require_POST
def fee_notice(request, pk):
    found = _handled(request, pk)

    def perform(data):
        notice, _state = services.request_fee_notice(
            request=found,
            actor=request.user,
            on=data["on"],
            method=data["method"],
            pages=data["pages"] if data["method"] == "per_volume" else None,
            items=data["items"],
            requests_this_month=data["requests_this_month"],
        )
        return _("收费通知已登记：%(amount)s 元。") % {"amount": notice.amount}

    return _act(request, found, "fee", FeeNoticeForm(request.POST, prefix="fee"), perform)


@require_POST
def reply(request, pk):
    found = _handled(request, pk)

    def perform(data):
        services.request_reply(
            request=found,
            actor=request.user,
            outcome=data["outcome"],
            on=data["on"],
            reasons=data["reasons"],
            legal_basis=data["legal_basis"] or None,
        )
        return _("已答复，告知书已生成。")

    return _act(request, found, "reply", ReplyForm(request.POST, prefix="reply"), perform)


@require_POST
def delivery(request, pk):
    found = _handled(request, pk)

    def perform(data):
        services.request_record_delivery(
            request=found, actor=request.user, via=data["via"], on=data["on"]
        )
        return _("送达已登记。")

    form = DeliveryForm(request.POST, prefix="delivery")
    return _act(request, found, "delivery", form, perform)


@require_POST
def assign(request, pk):
    found = _handled(request, pk)

    def perform(data):
        services.request_assign(request=found, actor=request.user, department=data["department"])
        return _("承办部门已指定。")

    return _act(request, found, "assign", AssignForm(request.POST, prefix="assign"), perform)


def proactive(request, pk):
    """第四十四条: make a draft document for sign-off from this request."""
    found = _handled(request, pk)
    initial = {
        "title": found.description[:100],
        "body": found.reply.letter_text if hasattr(found, "reply") else "",
    }
    form = ProactiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.request_publish_proactively(
                request=found, actor=request.user, **form.cleaned_data
            )
        except services.RequestError as error:
            add_problems(form, error.field_problems())
        else:
            messages.success(request, _("已生成待审签的主动公开文件草稿。"))
            return redirect(reverse("wagtailsnippets_documents_document:edit", args=[document.pk]))
    return TemplateResponse(
        request,
        "disclosure/admin/form.html",
        {
            "req": found,
            "form": form,
            "title": _("转为主动公开（第四十四条）"),
            "submit": _("生成草稿并提交审签"),
        },
    )


def letter(request, pk, fmt):
    found = _visible(request, pk)
    if not hasattr(found, "reply"):
        raise Http404
    try:
        return letter_response(letter_for(found), fmt)
    except FontMissing as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")


def attachment(request, pk, attachment_id):
    found = _handled(request, pk)
    item = get_object_or_404(RequestAttachment, pk=attachment_id, request=found)
    return file_response(request, item.file.name, filename=item.name, public=False)
