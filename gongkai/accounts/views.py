"""Public account pages: register, verify, log in and out, reset a password, my items, profile,
delete, and the privacy page. Views are thin: the services write."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.accounts import limits, selectors, services, tokens
from gongkai.accounts.forms import (
    AccountPasswordResetForm,
    DeleteForm,
    EmailForm,
    LoginForm,
    MobileCodeForm,
    ProfileForm,
    RegistrationForm,
)
from gongkai.accounts.models import PublicAccount
from gongkai.accounts.my_items import sections_for
from gongkai.core.addresses import client_address
from gongkai.core.pagecache import public_page


def public_account_required(view):
    """The view needs a live public account; others go to the public login page."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if selectors.account_of(request.user) is None:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        return view(request, *args, **kwargs)

    return never_cache(guarded)


def rate_limited(request, limit: limits.RateLimit):
    response = render(
        request, "accounts/rate_limited.html", {"minutes": max(1, limit.window // 60)}, status=429
    )
    response["Retry-After"] = str(limit.window)
    return response


@never_cache
def register(request):
    if request.method != "POST":
        form = RegistrationForm(initial={"nonce": tokens.new_nonce()})
        return render(request, "accounts/register.html", {"form": form})
    address = client_address(request)
    if not limits.REGISTRATION.allowed(address):
        return rate_limited(request, limits.REGISTRATION)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/register.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        registration = services.account_register(
            email=data["email"],
            password=data["password1"],
            name=data["name"],
            kind=data["kind"],
            mobile=data["mobile"],
            nonce=data["nonce"],
            language=get_language() or "zh-hans",
        )
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "accounts/register.html", {"form": form}, status=400)
    if registration.created:
        limits.REGISTRATION.count(address)
    return redirect("accounts:register_sent")


@never_cache
def register_sent(request):
    return render(request, "accounts/register_sent.html", {"form": EmailForm()})


@never_cache
def verify(request, reference, token):
    account = services.account_verify_email(reference=reference, token=token)
    if account is None:
        return render(request, "accounts/verify_failed.html", {"form": EmailForm()}, status=400)
    messages.success(request, _("邮箱已验证，请登录。"))
    return redirect("accounts:login")


@never_cache
@require_POST
def resend(request):
    address = client_address(request)
    form = EmailForm(request.POST)
    if not limits.LOGIN_MAIL.allowed(address):
        return rate_limited(request, limits.LOGIN_MAIL)
    if form.is_valid():
        limits.LOGIN_MAIL.count(address)
        services.account_send_verification(email=form.cleaned_data["email"])
    return render(request, "accounts/register_sent.html", {"form": EmailForm(), "resent": True})


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("accounts:mine")


@never_cache
def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, problem = _authenticate(request, **form.cleaned_data)
        if user is not None:
            login(request, user)
            return redirect(_next_url(request))
        form.add_error(None, problem)
    context = {"form": form, "next": _next_url(request), "resend_form": EmailForm()}
    return render(request, "accounts/login.html", context, status=400 if form.errors else 200)


def _authenticate(request, *, email: str, password: str):
    """The public account's user for ``email`` and ``password``, or None and why not. Staff
    accounts are refused here: they log in at /admin/."""
    wrong = _("邮箱或密码不正确。")
    account = PublicAccount.objects.filter(email=email.strip().lower()).select_related("user")
    account = account.first()
    username = account.user.username if account else email
    # Django-axes counts every failure, also for unknown addresses, per name and address.
    user = authenticate(request, username=username, password=password)
    if user is None or account is None or user.pk != account.user_id:
        return None, wrong
    if account.email_verified_at is None:
        return None, _("邮箱尚未验证：请点击注册邮件中的链接，或在下方重新发送验证邮件。")
    return user, ""


@require_POST
def logout_view(request):
    logout(request)
    return redirect("portal:home")


@public_account_required
def mine(request):
    account = selectors.account_of(request.user)
    return render(
        request,
        "accounts/mine.html",
        {"account": account, "sections": sections_for(request.user)},
    )


@public_account_required
def profile(request):
    account = selectors.account_of(request.user)
    form = ProfileForm(
        request.POST or None, initial={"name": account.name, "mobile": account.mobile}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.account_update(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("账号信息已保存。"))
            return redirect("accounts:profile")
    context = {
        "account": account,
        "form": form,
        "code_form": MobileCodeForm(),
        "name_shown": selectors.public_name(account),
    }
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


@public_account_required
@require_POST
def mobile_code(request):
    subject = limits.account_subject(request.user)
    if not limits.SMS_CODE.allowed(subject, client_address(request)):
        return rate_limited(request, limits.SMS_CODE)
    try:
        services.account_send_mobile_code(user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        limits.SMS_CODE.count(subject, client_address(request))
        messages.success(request, _("验证码已发送，10分钟内有效。"))
    return redirect("accounts:profile")


@public_account_required
@require_POST
def mobile_verify(request):
    form = MobileCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写6位数字验证码。"))
        return redirect("accounts:profile")
    try:
        services.account_verify_mobile(user=request.user, code=form.cleaned_data["code"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("手机号码已验证。"))
    return redirect("accounts:profile")


@public_account_required
def delete(request):
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error)
        else:
            logout(request)
            return render(request, "accounts/deleted.html")
    return render(
        request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200
    )


@public_page()
def privacy(request):
    return render(request, "accounts/privacy.html")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = AccountPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        address = client_address(self.request)
        if not limits.LOGIN_MAIL.allowed(address):
            return rate_limited(self.request, limits.LOGIN_MAIL)
        limits.LOGIN_MAIL.count(address)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_user(self, uidb64):
        """Only a public account's password is reset here; staff reset theirs in /admin/."""
        user = super().get_user(uidb64)
        return user if selectors.account_of(user) is not None else None


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
