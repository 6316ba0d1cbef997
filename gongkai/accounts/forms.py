"""Forms of the public account pages. Validation of input only; the services decide."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.accounts import tokens
from gongkai.accounts.mail import absolute_url, mail_account
from gongkai.accounts.masking import normalise_mobile
from gongkai.accounts.models import NAME_MAX_LENGTH, AccountKind, PublicAccount

PASSWORD_MAX_LENGTH = 128


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("账号类型"),
        choices=AccountKind.choices,
        initial=AccountKind.CITIZEN,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("姓名或名称"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("公开显示时只显示第一个字，例如“张**”。"),
    )
    email = forms.EmailField(label=_("电子邮箱"), max_length=254)
    password1 = forms.CharField(
        label=_("密码"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少8位，不能全为数字，不能过于常见。"),
    )
    password2 = forms.CharField(
        label=_("确认密码"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    mobile = forms.CharField(
        label=_("手机号码（选填）"),
        max_length=20,
        required=False,
        help_text=_("用于接收短信通知，不会公开。"),
    )
    agree = forms.BooleanField(label=_("我已阅读并同意《个人信息保护说明》"))
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        if mobile.strip() and normalise_mobile(mobile) is None:
            raise forms.ValidationError(_("请填写正确的手机号码。"))
        return mobile

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), max_length=254)
    password = forms.CharField(
        label=_("密码"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), max_length=254)


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("姓名或名称"), max_length=NAME_MAX_LENGTH)
    mobile = forms.CharField(label=_("手机号码（选填）"), max_length=20, required=False)

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        if mobile.strip() and normalise_mobile(mobile) is None:
            raise forms.ValidationError(_("请填写正确的手机号码。"))
        return mobile


class MobileCodeForm(forms.Form):
    code = forms.RegexField(label=_("短信验证码"), regex=r"^\s*\d{6}\s*$", max_length=10)


class DeleteForm(forms.Form):
    password = forms.CharField(
        label=_("密码"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("我确认注销账号。已公开的意见和留言将保留，署名显示为“已注销用户”。")
    )


class AccountPasswordResetForm(PasswordResetForm):
    """Django's reset form for public accounts only (staff reset theirs in the back office);
    the link goes out through the accounts mail job in the account's language."""

    def get_users(self, email):
        accounts = PublicAccount.objects.filter(
            email=email.strip().lower(),
            deleted_at__isnull=True,
            email_verified_at__isnull=False,
            user__is_active=True,
        ).select_related("user")
        return [account.user for account in accounts if account.user.has_usable_password()]

    def save(self, *args, token_generator=None, **kwargs):
        from django.contrib.auth.tokens import default_token_generator

        generator = token_generator or default_token_generator
        for user in self.get_users(self.cleaned_data["email"]):
            path = reverse(
                "accounts:password_reset_confirm",
                args=[tokens.user_reference(user), generator.make_token(user)],
            )
            mail_account(user.pk, "accounts/mail/password_reset", {"link": absolute_url(path)})
