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
        )
    except services.RequestError as error:
        add_problems(form, error.field_problems())
        return render(request, "disclosure/apply.html", {"form": form}, status=400)
    if submission.created:
        throttle.SUBMISSIONS.count(address)
    # Committed before acknowledged: the redirect is sent only after the transaction.
    return redirect(reverse("disclosure:track", args=[submission.token]) + "?submitted=1")


@never_cache
def track(request, token):
    found = selectors.request_by_token(token)
    if found is None:
        raise Http404
    context = request_page_context(found, lang(), public=True)
    context.update(
        token=token,
        submitted=request.GET.get("submitted") == "1",
        track_url=request.build_absolute_uri(reverse("disclosure:track", args=[token])),
        correction_form=CorrectionForm(),
    )
    return render(request, "disclosure/track.html", context)


@require_POST
def correct(request, token):
    found = selectors.request_by_token(token)
    if found is None:
        raise Http404
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
    return redirect("disclosure:track", token=token)


@require_POST
def withdraw(request, token):
    found = selectors.request_by_token(token)
    if found is None:
        raise Http404
    if request.POST.get("confirm") != "1":
        messages.error(request, _("请勾选确认后再撤回。"))
        return redirect("disclosure:track", token=token)
    try:
        services.request_withdraw_by_applicant(request=found)
    except services.RequestError as error:
        messages.error(request, error.text(lang()))
    else:
        messages.success(request, _("申请已撤回。"))
    return redirect("disclosure:track", token=token)


def letter(request, token, fmt):
    found = selectors.request_by_token(token)
    if found is None or not hasattr(found, "reply"):
        raise Http404
    try:
        return letter_response(letter_for(found), fmt)
    except FontMissing as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")


@never_cache
def lookup(request):
    form = LookupForm(request.GET or None)
    if form.is_valid():
        found = selectors.request_by_tracking_number(
            form.cleaned_data["tracking_number"], form.cleaned_data["token"]
        )
        if found is not None:
            return redirect("disclosure:track", token=form.cleaned_data["token"].strip())
        form.add_error(None, _("申请编号与查询码不符，请核对。"))
    return render(request, "disclosure/lookup.html", {"form": form})


@login_required
def mine(request):
    return render(
        request,
        "disclosure/mine.html",
        {"requests": selectors.requests_of_applicant(request.user).select_related("department")},
    )


@login_required
def mine_detail(request, tracking_number):
    found = (
        selectors.requests_of_applicant(request.user)
        .filter(tracking_number=tracking_number)
        .first()
    )
    if found is None:
        raise Http404
    context = request_page_context(found, lang(), public=True)
    context["own_page"] = True
    return render(request, "disclosure/track.html", context)


@login_required
def mine_letter(request, tracking_number, fmt):
    found = (
        selectors.requests_of_applicant(request.user)
        .filter(tracking_number=tracking_number)
        .first()
    )
    if found is None or not hasattr(found, "reply"):
        raise Http404
    return letter_response(letter_for(found), fmt)
