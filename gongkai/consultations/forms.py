"""Forms of 决策预公开: the back office's consultation editor, and the public comment form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.consultations import rules
from gongkai.documents.forms import OwnDepartmentForm


class ConsultationAdminForm(OwnDepartmentForm):
    """A new consultation starts in the author's department; its period is checked."""

    def clean(self):
        cleaned = super().clean()
        codes = rules.period_problems(
            cleaned.get("starts_on"), cleaned.get("ends_on"), cleaned.get("short_period_reason", "")
        )
        if "order" in codes:
            self.add_error("ends_on", _("截止日期不能早于开始日期。"))
        if "reason" in codes:
            self.add_error(
                "short_period_reason",
                _("征求意见期限少于30日，须说明理由（理由将向公众公开）。"),
            )
        return cleaned


class CommentForm(forms.Form):
    clause = forms.TypedChoiceField(label=_("针对"), coerce=int, empty_value=None, required=False)
    text = forms.CharField(
        label=_("意见内容"),
        max_length=rules.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": rules.TEXT_MAX_LENGTH}),
        help_text=_("请勿填写身份证号、电话、住址等个人信息。意见经审核后公开。"),
    )
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", _("草案整体"))] + [
            (clause.pk, f"{clause.heading}") for clause in clauses
        ]


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("不予公开的原因"), max_length=300)


class DisposeForm(forms.Form):
    comments = forms.TypedMultipleChoiceField(label=_("意见"), coerce=int)
    disposition = forms.ChoiceField(label=_("处理意见"))
    reason = forms.CharField(
        label=_("理由"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, comment_ids=(), **kwargs):
        from gongkai.consultations.models import Disposition

        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(pk, pk) for pk in comment_ids]
        self.fields["disposition"].choices = Disposition.choices
