"""The public 政民互动 pages: the list of answered messages and a message with its timeline
(cached pages), the write form with its suggestions, and the writer's own page of a message
with the rating form (not cached: they carry a CSRF token or need the writer's account)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from gongkai.accounts import tokens
from gongkai.accounts.selectors import account_of, participation_refusal, public_name
from gongkai.accounts.views import public_account_required, rate_limited
from gongkai.core.addresses import client_address
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag
from gongkai.interaction import limits, selectors, services
from gongkai.interaction.forms import MessageForm, RatingForm
from gongkai.interaction.models import Message, MessageCategory

PAGE_SIZE = 20


def _category_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


@require_safe
@public_page(list_tag(Message), list_tag(MessageCategory))
def message_list(request):
    category = _category_id(request.GET.get("category", ""))
    rows = selectors.public_messages(category)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for message in page:
        message.writer = public_name(message.account)
    context = {
        "page_obj": page,
        "category": category,
        "categories": MessageCategory.objects.all(),
        "section": "interaction",
    }
    return render(request, "interaction/list.html", context)


@require_safe
@public_page(list_tag(MessageCategory))
def message_detail(request, pk: int):
    message = selectors.public_message(pk)
    if message is None:
        raise Http404
    events = selectors.timeline(message)
    departments = {event.department for event in events if event.department} | {message.department}
    tag(request, obj_tag(message), *(obj_tag(d) for d in departments if d))
    context = {"message": message, "events": events, "writer": public_name(message.account)}
    return render(request, "interaction/detail.html", context)


def _write_context(request, form=None) -> dict:
    categories = list(MessageCategory.objects.all())
    departments = list(Department.objects.order_by("sort_order", "name"))
    if form is None:
        form = MessageForm(
            initial={"nonce": tokens.new_nonce()}, categories=categories, departments=departments
        )
    return {
        "form": form,
        "categories": categories,
        "departments": departments,
        "refusal": participation_refusal(request.user),
    }


@public_account_required
def write(request):
    if request.method != "POST":
        return render(request, "interaction/write.html", _write_context(request))
    subjects = (client_address(request), f"account:{request.user.pk}")
    if not limits.MESSAGE.allowed(*subjects):
        return rate_limited(request, limits.MESSAGE)
    context = _write_context(request)
    form = context["form"] = MessageForm(
        request.POST, categories=context["categories"], departments=context["departments"]
    )
    if not form.is_valid():
        return render(request, "interaction/write.html", context, status=400)
    data = form.cleaned_data
    try:
        submission = services.message_submit(
            user=request.user,
            category_id=data["category"],
            addressee_id=data["addressee"],
            title=data["title"],
            body=data["body"],
            wants_private=data["wants_private"],
            nonce=data["nonce"],
        )
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, _error_text(error))
        return render(request, "interaction/write.html", context, status=400)
    if submission.created:
        limits.MESSAGE.count(*subjects)
    message = submission.message
    messages.success(
        request,
        _("留言已收到（编号 %(number)s），请在 %(due)s 前留意答复。")
        % {"number": message.tracking_number, "due": message.due_on.isoformat()},
    )
    return redirect("interaction:mine", message.pk)


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("您不能提交留言。")


@never_cache
@require_safe
def suggest(request):
    """What may already answer the message being typed: public 政策问答 entries and documents
    found by the portal's search words (JSON for the write form)."""
    if not limits.SUGGEST.hit(client_address(request)):
        return JsonResponse({"error": _("请求过于频繁，请稍后再试。")}, status=429)
    found = selectors.suggestions(request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {"title": s.title, "url": s.url, "kind": s.kind, "label": s.label} for s in found
            ]
        }
    )


@public_account_required
def mine(request, pk: int):
    """The writer's own page of a message: state, deadline, timeline, reply, rating."""
    message = get_object_or_404(
        Message.objects.select_related("category", "department"),
        pk=pk,
        account=account_of(request.user),
    )
    form = RatingForm(request.POST or None)
    if request.method == "POST":
        if not limits.RATING.hit(client_address(request), f"account:{request.user.pk}"):
            return rate_limited(request, limits.RATING)
        if form.is_valid():
            try:
                services.message_rate(
                    message=message,
                    user=request.user,
                    rating=form.cleaned_data["rating"],
                    solved=form.cleaned_data["solved"],
                )
                messages.success(request, _("感谢您的评价。"))
                return redirect("interaction:mine", message.pk)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
    context = {
        "message": message,
        "events": selectors.timeline(message),
        "form": form,
        "can_rate": message.state == "replied" and message.rated_at is None,
    }
    return render(request, "interaction/mine.html", context, status=400 if form.errors else 200)
