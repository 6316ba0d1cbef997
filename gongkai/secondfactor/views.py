"""Back-office pages of the second factor: the account page's 两步验证 (status), enrolment with
a QR code and the secret in text, the backup codes shown once, and verification after the
password. Every change goes through ``services``."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from gongkai.secondfactor import rules, selectors, services
from gongkai.secondfactor.forms import CodeForm

_BACKUP_CODES_KEY = "secondfactor_backup_codes"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _with_next(name: str, request) -> str:
    return reverse(name) + "?" + urlencode({"next": _next_url(request)})


def qr_data_uri(text: str) -> str:
    """An SVG QR code of ``text`` as a data: URI for an <img> (the CSP allows data: images and
    no inline markup is needed)."""
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def status(request):
    """Account settings → 两步验证: whether it is required and enrolled."""
    return TemplateResponse(
        request, "secondfactor/status.html", {"status": selectors.status(request.user)}
    )


def enrol(request):
    user = request.user
    if selectors.has_device(user):
        return redirect("secondfactor_status" if user.is_verified() else "secondfactor_verify")
    device = services.enrolment_device(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            codes = services.confirm_enrolment(
                user=user, device=device, code=form.cleaned_data["code"]
            )
        except services.CodeRefused as refusal:
            form.add_error("code", refusal)
        else:
            device.refresh_from_db()
            otp_login(request, device)
            request.session[_BACKUP_CODES_KEY] = codes
            return redirect(_with_next("secondfactor_backup_codes", request))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return TemplateResponse(
        request,
        "secondfactor/enrol.html",
        {
            "form": form,
            "qr": qr_data_uri(device.config_url),
            "secret": rules.grouped(secret),
            "next": _next_url(request),
            "required": selectors.status(user).required,
        },
    )


def backup_codes(request):
    """The backup codes, once: taken out of the session as they are shown."""
    codes = request.session.pop(_BACKUP_CODES_KEY, None)
    if not codes:
        return redirect("secondfactor_status")
    return TemplateResponse(
        request, "secondfactor/backup_codes.html", {"codes": codes, "next": _next_url(request)}
    )


def verify(request):
    user = request.user
    if not selectors.has_device(user):
        return redirect(_with_next("secondfactor_enrol", request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = services.verify(user=user, code=form.cleaned_data["code"])
        except services.CodeRefused as refusal:
            form.add_error("code", refusal)
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    return TemplateResponse(
        request, "secondfactor/verify.html", {"form": form, "next": _next_url(request)}
    )
