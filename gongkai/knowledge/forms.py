"""Forms of the 政策问答库's back office: an entry's editor and the review of a flagged entry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.documents.forms import OwnDepartmentForm
from gongkai.knowledge import rules
from gongkai.knowledge.models import AnswerValidity


class PolicyAnswerAdminForm(OwnDepartmentForm):
    """A new entry starts in the author's department; the documents offered are those the
    author may see."""


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("复核结果"),
        choices=[
            (AnswerValidity.EFFECTIVE, _("答复仍然有效")),
            (AnswerValidity.WITHDRAWN, _("撤销该问答（不再公开）")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("复核说明"),
        required=False,
        max_length=rules.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("撤销时必填。"),
    )
