"""Public pages: apply, acknowledgement, tracking (private link or number + code), the
applicant's own requests, corrections and letters. Views are thin: services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.core.addresses import client_address
from gongkai.core.siteurl import site_base_url
from gongkai.disclosure import selectors, services, throttle, tokens
from gongkai.disclosure.forms import ApplicationForm, CorrectionForm, LookupForm, add_problems
from gongkai.disclosure.letters import FontMissing
from gongkai.disclosure.presenters import letter_for, letter_response, request_page_context


def lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


@never_cache
def apply(request):
    if request.method == "POST":
        return _submit(request)
    form = ApplicationForm(
        initial={"nonce": tokens.new_nonce(), "provision_form": "electronic", "delivery": "online"}
    )
    return render(request, "disclosure/apply.html", {"form": form})


def _submit(request):
    address = client_address(request)
    # A repeat of a form submitted before is answered even over the limit (looked up only then).
    if not throttle.SUBMISSIONS.allowed(address) and not selectors.is_repeat_submit(
        request.POST.get("nonce", "")
    ):
        return render(
            request,
            "disclosure/rate_limited.html",
            {"minutes": throttle.SUBMISSIONS.window_minutes},
            status=429,
        )
    form = ApplicationForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "disclosure/apply.html", {"form": form}, status=400)
    try:
        submission = services.request_submit(
            application=form.application(),
            nonce=form.cleaned_data["nonce"],
            address=address,
            user=request.user if request.user.is_authenticated else None,
            attachments=form.cleaned_data["attachments"],
            site_url=site_base_url(request),
        )
    except services.RequestError as error:
        add_problems(form, error.field_problems())
        return render(request, "disclosure/apply.html", {"form": form}, status=400)
    if submission.created:
        throttle.SUBMISSIONS.count(address)
    # Committed before acknowledged: the redirect is sent only after the transaction.
    return redirect(reverse("disclosure:track", args=[submission.token]) + "?submitted=1")


# A request's page is reached three ways: its private link (the token), a lookup by tracking
# number and contact remembered in the session, or the applicant's own account. Each "via" names
# its URL patterns; the page and its actions work the same whichever way it was reached.
VIA_ROUTES = {
    "token": "disclosure:track",
    "found": "disclosure:found",
    "mine": "disclosure:mine_detail",
}
FOUND_SESSION_KEY = "disclosure_found"
FOUND_SESSION_MAX = 20


def _find(request, key: str, via: str, *, page: bool = False):
    if via == "token":
        by_token = selectors.request_page_by_token if page else selectors.request_by_token
        found = by_token(key)
    elif via == "found":
        known = key in request.session.get(FOUND_SESSION_KEY, [])
        found = selectors.request_by_number(key) if known else None
    elif request.user.is_authenticated:
        found = selectors.requests_of_applicant(request.user).filter(tracking_number=key).first()
    else:
        found = None
    if found is None:
        raise Http404
    return found


def _remember_found(request, tracking_number: str) -> None:
    found = [n for n in request.session.get(FOUND_SESSION_KEY, []) if n != tracking_number]
    request.session[FOUND_SESSION_KEY] = [*found, tracking_number][-FOUND_SESSION_MAX:]


def _routes(via: str, key: str) -> dict:
    prefix = VIA_ROUTES[via]
    return {
        "key": key,
        "page": prefix,
        "correct": f"{prefix}_correct",
        "withdraw": f"{prefix}_withdraw",
        "letter": f"{prefix}_letter",
        "receipt": f"{prefix}_receipt",
    }


@never_cache
def track(request, token, via="token"):
    found = _find(request, token, via, page=True)
    context = request_page_context(found, lang(), public=True)
    context.update(
        token=token if via == "token" else "",
        routes=_routes(via, token),
        submitted=request.GET.get("submitted") == "1",
        track_url=request.build_absolute_uri(reverse("disclosure:track", args=[token])),
        correction_form=CorrectionForm(),
    )
    return render(request, "disclosure/track.html", context)


@never_cache
def receipt(request, token, via="token"):
    """回执: what the office received and when, and when the reply is due; printable."""
    found = _find(request, token, via)
    context = request_page_context(found, lang(), public=True)
    context.update(routes=_routes(via, token), body=selectors.answering_body(found))
    return render(request, "disclosure/receipt.html", context)


@require_POST
def correct(request, token, via="token"):
    found = _find(request, token, via)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.request_correct_by_applicant(request=found, text=form.cleaned_data["text"])
        except services.RequestError as error:
            messages.error(request, error.text(lang()))
        else:
            messages.success(request, _("补正内容已提交，答复期限自今日起重新计算。"))
    else:
        messages.error(request, _("请填写补正内容。"))
    return redirect(VIA_ROUTES[via], token)


@require_POST
def withdraw(request, token, via="token"):
    found = _find(request, token, via)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("请勾选确认后再撤回。"))
        return redirect(VIA_ROUTES[via], token)
    try:
        services.request_withdraw_by_applicant(request=found)
    except services.RequestError as error:
        messages.error(request, error.text(lang()))
    else:
        messages.success(request, _("申请已撤回。"))
    return redirect(VIA_ROUTES[via], token)


def letter(request, token, fmt, via="token"):
    found = _find(request, token, via)
    if not hasattr(found, "reply"):
        raise Http404
    try:
        return letter_response(letter_for(found), fmt)
    except FontMissing as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")


@never_cache
def lookup(request):
    """By tracking number and the phone or e-mail given in the application (or the access code).
    Every attempt counts against the address's limit, and an unknown number and a wrong contact
    get the same answer, so the form cannot be used to find out whose request a number is."""
    form = LookupForm(request.POST or None)
    if request.method == "POST" and not throttle.LOOKUPS.hit(client_address(request)):
        minutes = throttle.LOOKUPS.window_minutes
        return render(request, "disclosure/rate_limited.html", {"minutes": minutes}, status=429)
    if form.is_valid():
        number, contact = form.cleaned_data["tracking_number"], form.cleaned_data["contact"]
        if selectors.request_by_tracking_number(number, contact) is not None:
            return redirect("disclosure:track", token=contact.strip())
        found = selectors.request_by_contact(number, contact)
        if found is not None:
            _remember_found(request, found.tracking_number)
            return redirect("disclosure:found", token=found.tracking_number)
        form.add_error(None, _("未找到与申请编号和联系方式相符的申请，请核对后重试。"))
    return render(request, "disclosure/lookup.html", {"form": form})


@login_required
def mine(request):
    return render(
        request,
        "disclosure/mine.html",
        {"requests": selectors.requests_of_applicant(request.user).select_related("department")},
    )
