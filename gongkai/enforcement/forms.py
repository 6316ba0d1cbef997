"""Forms of 行政执法公示: the staff decision form (full record beside its public version), the
withdrawal form, item-list and decision imports, inspection plans and results, and the public
feedback form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments
from gongkai.enforcement.models import (
    Decision,
    FeedbackKind,
    InspectionPlan,
    Item,
    Outcome,
    WithdrawalReason,
)

FULL_FIELDS = [
    "department",
    "item",
    "kind",
    "number",
    "target_kind",
    "target_name",
    "target_code",
    "other_names",
    "facts",
    "legal_basis",
    "conclusion",
    "penalty_amount",
    "decided_on",
    "minor",
]
PUBLIC_FIELDS = ["public_target_name", "public_facts", "public_legal_basis", "public_conclusion"]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _scope_departments(field, user):
    if not (user.is_superuser or sees_all_departments(user)):
        field.queryset = field.queryset.filter(pk=user_department_id(user))
        field.empty_label = None


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = FULL_FIELDS + PUBLIC_FIELDS
        widgets = {
            "decided_on": DATE,
            "other_names": forms.Textarea(attrs={"rows": 2}),
            "facts": forms.Textarea(attrs={"rows": 6}),
            "public_facts": forms.Textarea(attrs={"rows": 6}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "public_legal_basis": forms.Textarea(attrs={"rows": 3}),
            "conclusion": forms.Textarea(attrs={"rows": 3}),
            "public_conclusion": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "public_target_name": _("留空则按规则自动生成；公开前检查是否还含有个人信息。"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _scope_departments(self.fields["department"], user)
        items = Item.objects.select_related("version")
        if not (user.is_superuser or sees_all_departments(user)):
            items = items.filter(version__department_id=user_department_id(user))
        self.fields["item"].queryset = items
        for name in PUBLIC_FIELDS:
            self.fields[name].required = False

    @property
    def full_fields(self):
        return [self[name] for name in FULL_FIELDS]

    @property
    def public_fields(self):
        return [self[name] for name in PUBLIC_FIELDS]


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(label=_("撤回原因"), choices=WithdrawalReason.choices)
    event_on = forms.DateField(label=_("撤销等决定日期"), widget=DATE)
    note = forms.CharField(
        label=_("撤回说明"),
        max_length=500,
        required=False,
        help_text=_("公开的撤回说明，不含个人信息。"),
    )
    take_down = forms.BooleanField(label=_("立即从公示平台撤下"), required=False, initial=True)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class ItemListImportForm(ImportForm):
    department = forms.ModelChoiceField(label=_("部门"), queryset=None)
    note = forms.CharField(label=_("修订说明"), max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        from gongkai.core.models import Department

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        _scope_departments(self.fields["department"], user)


class DecisionImportForm(ItemListImportForm):
    note = None


class PlanForm(forms.ModelForm):
    entities_text = forms.CharField(
        label=_("检查对象名录"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("每行一个对象（名称及统一社会信用代码）。"),
    )
    inspectors_text = forms.CharField(
        label=_("执法检查人员库"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("每行一人（姓名及执法证号）。"),
    )
    exclusions_text = forms.CharField(
        label=_("回避名单"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("每行一项：检查人员｜检查对象。"),
    )

    class Meta:
        model = InspectionPlan
        fields = ["department", "title", "item", "entity_count", "inspectors_per_entity"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _scope_departments(self.fields["department"], user)
        self.fields["item"].queryset = Item.objects.filter(random_inspection=True)
        if self.instance.pk:
            self.initial["entities_text"] = "\n".join(self.instance.entities)
            self.initial["inspectors_text"] = "\n".join(self.instance.inspectors)
            self.initial["exclusions_text"] = "\n".join(
                "｜".join(pair) for pair in self.instance.exclusions
            )

    def clean_exclusions_text(self):
        pairs = []
        for number, line in enumerate(self.cleaned_data["exclusions_text"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
            if len(parts) != 2 or not all(parts):
                raise forms.ValidationError(
                    _("第 %(line)s 行应为“检查人员｜检查对象”。") % {"line": number}
                )
            pairs.append(parts)
        return pairs

    def save(self, commit=True):
        plan = super().save(commit=False)
        plan.entities = self.cleaned_data["entities_text"].splitlines()
        plan.inspectors = self.cleaned_data["inspectors_text"].splitlines()
        plan.exclusions = self.cleaned_data["exclusions_text"]
        return plan


class ResultForm(forms.Form):
    entity = forms.ChoiceField(label=_("检查对象"))
    outcome = forms.ChoiceField(label=_("检查结果"), choices=Outcome.choices)
    inspected_on = forms.DateField(label=_("检查日期"), widget=DATE)
    follow_up = forms.CharField(
        label=_("后续处理"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, entities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity"].choices = [(e, e) for e in entities]


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("答复"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(label=_("反馈类型"), choices=FeedbackKind.choices)
    text = forms.CharField(
        label=_("反馈内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=5,
        max_length=2000,
    )
    name = forms.CharField(label=_("姓名（选填）"), max_length=50, required=False)
    contact = forms.CharField(
        label=_("联系方式（选填）"),
        max_length=100,
        required=False,
        help_text=_("用于答复，不公开。"),
    )
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=16)
