"""Back-office forms of 回应关切. They collect and check input; services write."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.concerns import rules, selectors
from gongkai.concerns.models import Channel, RiskLevel
from gongkai.concerns.services import ConcernFields
from gongkai.core.forms import NativeDateInput
from gongkai.core.models import Department
from gongkai.core.permissions import acts_for_department


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.username
        department = user.staff_profile.department
        return f"{name}（{department.name}）" if department else name


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_profile__isnull=False)
        .select_related("staff_profile__department")
        .order_by("staff_profile__department__sort_order", "last_name", "first_name", "username")
    )


class ConcernForm(forms.Form):
    """登记 or 修改 a concern: the lead department is one the user acts for."""

    title = forms.CharField(label=_("关切事项"), max_length=rules.TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("具体情况"),
        max_length=rules.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    channel = forms.ChoiceField(label=_("来源渠道"), choices=Channel.choices)
    source_url = forms.URLField(
        label=_("来源链接"), max_length=500, required=False, assume_scheme="https"
    )
    source_note = forms.CharField(
        label=_("来源说明"),
        max_length=300,
        required=False,
        help_text=_("如报道媒体、热线工单号、建议提案编号。"),
    )
    raised_on = forms.DateField(label=_("提出日期"), widget=NativeDateInput)
    lead_department = forms.ModelChoiceField(
        label=_("牵头部门"), queryset=Department.objects.none(), help_text=_("涉事责任部门。")
    )
    supporting_departments = forms.ModelMultipleChoiceField(
        label=_("配合部门"),
        queryset=Department.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("涉及多个部门时选择；管委会作为第一责任主体组织回应。"),
    )
    owner = OwnerChoiceField(label=_("责任人"), queryset=staff_users())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.order_by("sort_order", "name")
        self.fields["lead_department"].queryset = departments.filter(
            pk__in=[d.pk for d in departments if acts_for_department(user, d.pk)]
        )
        self.initial.setdefault("raised_on", timezone.localdate())
        self.initial.setdefault("owner", user.pk)
        profile = getattr(user, "staff_profile", None)
        if profile and profile.department_id:
            self.initial.setdefault("lead_department", profile.department_id)

    @staticmethod
    def initial_of(concern) -> dict:
        return {
            "title": concern.title,
            "description": concern.description,
            "channel": concern.channel,
            "source_url": concern.source_url,
            "source_note": concern.source_note,
            "raised_on": concern.raised_on,
            "lead_department": concern.lead_department_id,
            "supporting_departments": [d.pk for d in concern.supporting_departments.all()],
            "owner": concern.owner_id,
        }

    def fields_for_service(self) -> ConcernFields:
        data = self.cleaned_data
        return ConcernFields(
            title=data["title"],
            description=data["description"],
            channel=data["channel"],
            raised_on=data["raised_on"],
            lead_department=data["lead_department"],
            owner=data["owner"],
            source_url=data["source_url"],
            source_note=data["source_note"],
            supporting_departments=list(data["supporting_departments"]),
        )


class ResponseForm(forms.Form):
    """回应: the text, its date and the published documents and interpretations it rests on."""

    text = forms.CharField(
        label=_("回应内容"),
        max_length=rules.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    responded_on = forms.DateField(label=_("回应日期"), widget=NativeDateInput)
    links = forms.CharField(
        label=_("相关文件和解读"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个：网站上文件或解读的网址，或文件的索引号、发文字号。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("responded_on", timezone.localdate())

    def clean_links(self):
        documents, interpretations, unresolved = selectors.resolve_links(
            rules.parse_links(self.cleaned_data["links"])
        )
        if unresolved:
            raise forms.ValidationError(
                _("找不到这些已公开的文件或解读：%(lines)s") % {"lines": "；".join(unresolved)}
            )
        self.documents, self.interpretations = documents, interpretations
        return self.cleaned_data["links"]


def response_initial(response) -> dict:
    """A draft's values in the response form, its links as the portal addresses it names."""
    lines = [d.get_absolute_url() for d in response.documents.all()]
    lines += [i.get_absolute_url() for i in response.interpretations.all()]
    return {"text": response.text, "responded_on": response.responded_on, "links": "\n".join(lines)}


class ReturnForm(forms.Form):
    """退回修改 of a draft response, with the reason the department reads."""

    reason = forms.CharField(
        label=_("退回理由"),
        max_length=rules.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssessmentForm(forms.Form):
    """舆情风险评估 of one document."""

    risk_level = forms.ChoiceField(label=_("风险等级"), choices=RiskLevel.choices)
    analysis = forms.CharField(
        label=_("风险研判"),
        max_length=rules.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("文件涉及哪些群体的切身利益，可能引发的关注和误读。"),
    )
    response_plan = forms.CharField(
        label=_("应对处置预案"),
        max_length=rules.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("发布后的舆情监测、解读与回应安排、责任人。"),
    )
    assessed_on = forms.DateField(label=_("评估日期"), widget=NativeDateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("assessed_on", timezone.localdate())
