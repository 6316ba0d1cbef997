"""Forms of 政民互动: the public message and rating forms, and the back office's actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.interaction import rules


class MessageForm(forms.Form):
    category = forms.TypedChoiceField(label=_("留言类别"), coerce=int)
    addressee = forms.TypedChoiceField(
        label=_("写给"), coerce=int, empty_value=None, required=False
    )
    title = forms.CharField(
        label=_("标题"),
        max_length=rules.TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"maxlength": rules.TITLE_MAX_LENGTH}),
    )
    body = forms.CharField(
        label=_("留言内容"),
        max_length=rules.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": rules.BODY_MAX_LENGTH}),
        help_text=_("请勿在内容中填写身份证号、电话、住址等个人信息；含有个人信息的留言不公开。"),
    )
    wants_private = forms.BooleanField(label=_("不公开我的留言和答复"), required=False)
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, categories=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.pk, c.name) for c in categories]
        self.fields["addressee"].choices = [("", _("政府（由政务公开办分办）"))] + [
            (d.pk, d.name) for d in departments
        ]


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("满意度"),
        coerce=int,
        choices=[(n, n) for n in rules.RATINGS],
        widget=forms.RadioSelect,
    )
    solved = forms.TypedChoiceField(
        label=_("问题是否解决"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("已解决")), ("no", _("未解决"))],
        widget=forms.RadioSelect,
    )


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label=_("承办部门"), queryset=None)

    def __init__(self, *args, **kwargs):
        from gongkai.core.models import Department

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("sort_order", "name")


class TransferForm(AssignForm):
    reason = forms.CharField(
        label=_("转办理由"),
        max_length=rules.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("答复内容"),
        max_length=rules.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
