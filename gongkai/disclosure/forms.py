"""Forms of the public pages and the back office. They parse input; what a request must contain
is checked by ``gongkai.disclosure.application`` inside the services, whose field errors the
views put back on the form (``add_problems``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import NativeDateInput
from gongkai.core.models import Department
from gongkai.disclosure.clock import MAX_EXTENSION_WORKING_DAYS
from gongkai.disclosure.fees import METHODS, PER_REQUEST
from gongkai.disclosure.models import DeliveredVia, Delivery, IdType, ProvisionForm
from gongkai.disclosure.models.choices import (
    APPLICANT_TYPE_CHOICES,
    CHANNEL_CHOICES,
    OUTCOME_CHOICES,
)

DATE_WIDGET = NativeDateInput()
# Generous bounds for the raw input; the services give the precise limits and messages.
_TEXT_INPUT_MAX = 30000


def add_problems(form: forms.Form, problems) -> None:
    """Field errors from a service's ``RequestError.problems``, in the user's language."""
    english = (get_language() or "").startswith("en")
    for problem in problems:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.en if english else problem.zh)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class ApplicationForm(forms.Form):
    """政府信息公开申请表 (no purpose field: the 2019 条例 removed it)."""

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=APPLICANT_TYPE_CHOICES)
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=_TEXT_INPUT_MAX)
    contact_person = forms.CharField(
        label=_("联系人（法人或其他组织）"), required=False, max_length=200
    )
    id_type = forms.ChoiceField(
        label=_("身份证件类型（自然人）"), choices=[("", "—"), *IdType.choices], required=False
    )
    id_number = forms.CharField(label=_("身份证件号码（自然人）"), required=False, max_length=200)
    org_code = forms.CharField(
        label=_("统一社会信用代码（法人或其他组织）"), required=False, max_length=200
    )
    phone = forms.CharField(label=_("联系电话"), required=False, max_length=200)
    email = forms.CharField(label=_("电子邮箱"), required=False, max_length=500)
    postal_address = forms.CharField(label=_("通信地址"), required=False, max_length=2000)
    description = forms.CharField(
        label=_("所需政府信息的名称、文号或其他特征性描述"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=_TEXT_INPUT_MAX,
    )
    doc_number_hint = forms.CharField(label=_("文号（如知道）"), required=False, max_length=100)
    provision_form = forms.ChoiceField(
        label=_("提供形式"), choices=ProvisionForm.choices, widget=forms.RadioSelect
    )
    delivery = forms.ChoiceField(
        label=_("获取方式"), choices=Delivery.choices, widget=forms.RadioSelect
    )
    attachments = MultipleFileField(label=_("附件（可选）"), required=False)
    nonce = forms.CharField(widget=forms.HiddenInput)

    def application(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("attachments", None)
        data.pop("nonce", None)
        return data


class RegisterForm(ApplicationForm):
    """登记线下申请: the channel and the dates its receipt rule needs."""

    channel = forms.ChoiceField(
        label=_("申请渠道"), choices=[c for c in CHANNEL_CHOICES if c[0] != "online"]
    )
    handed_in_on = forms.DateField(label=_("提交日期（当面）"), required=False, widget=DATE_WIDGET)
    signed_on = forms.DateField(
        label=_("签收日期（邮寄需签收）"), required=False, widget=DATE_WIDGET
    )
    arrived_on = forms.DateField(
        label=_("到达日期（平常信函）"), required=False, widget=DATE_WIDGET
    )
    confirmed_on = forms.DateField(
        label=_("确认日期（平常信函、传真、电子邮件）"), required=False, widget=DATE_WIDGET
    )
    department = forms.ModelChoiceField(
        label=_("承办部门"), queryset=Department.objects.all(), required=False
    )
    carried_over = forms.BooleanField(label=_("从原台账结转（上年结转）"), required=False)
    nonce = None

    def receipt_dates(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("handed_in_on", "signed_on", "arrived_on", "confirmed_on")
            if self.cleaned_data.get(name)
        }

    def application(self) -> dict:
        data = super().application()
        for name in (
            "channel",
            "handed_in_on",
            "signed_on",
            "arrived_on",
            "confirmed_on",
            "department",
            "carried_over",
        ):
            data.pop(name, None)
        return data


class LookupForm(forms.Form):
    tracking_number = forms.CharField(label=_("申请编号"), max_length=20)
    contact = forms.CharField(
        label=_("申请时填写的联系电话或电子邮箱"),
        help_text=_("也可填写查询码（专属链接中 /track/ 之后的部分）。"),
        max_length=254,
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=_TEXT_INPUT_MAX
    )


# -- back office ---------------------------------------------------------------------------------


class EventForm(forms.Form):
    """An event of the request's record: its date, and what its kind needs (subclasses)."""

    on = forms.DateField(label=_("日期"), widget=DATE_WIDGET)

    def event_fields(self) -> dict:
        """The service's keyword arguments for this event (days, until, note)."""
        data = self.cleaned_data
        return {
            "on": data["on"],
            "days": data.get("days"),
            "until": data.get("until"),
            "note": data.get("note", ""),
        }


def _note(label, *, required=False, rows=3, required_message=None):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=5000,
        error_messages={"required": required_message} if required_message else None,
    )


class CorrectionRequestForm(EventForm):
    days = forms.IntegerField(
        label=_("补正期限（工作日数）"), required=False, min_value=1, max_value=60
    )
    until = forms.DateField(
        label=_("补正截止日期（或填工作日数）"), required=False, widget=DATE_WIDGET
    )
    note = _note(_("需要补正的事项"), required=True, required_message=_("请写明需要补正的事项。"))


class ConsultationStartForm(EventForm):
    note = _note(_("征求意见的对象和事项"))


class ExtensionForm(EventForm):
    """延期答复 (第三十三条第二款): up to 20 working days, which is what is usually asked."""

    days = forms.IntegerField(
        label=_("延长的工作日数"),
        min_value=1,
        max_value=MAX_EXTENSION_WORKING_DAYS,
        initial=MAX_EXTENSION_WORKING_DAYS,
        error_messages={
            "min_value": _("延长的期限须为1至20个工作日。"),
            "max_value": _("延长的期限须为1至20个工作日。"),
        },
    )
    note = _note(_("延期理由"), required=True, required_message=_("请填写延期理由。"))


class NoteEventForm(EventForm):
    note = _note(_("说明"), rows=2)


# kind -> (label, form): the events staff record on a request's page, in the order shown.
EVENT_FORMS = {
    "correction_requested": (_("告知补正"), CorrectionRequestForm),
    "correction_received": (_("收到补正"), NoteEventForm),
    "consultation_started": (_("征求意见开始"), ConsultationStartForm),
    "consultation_ended": (_("征求意见结束"), EventForm),
    "extended": (_("延期答复"), ExtensionForm),
    "fee_paid": (_("缴纳费用"), EventForm),
    "withdrawn": (_("申请人撤回"), NoteEventForm),
}


class FeeNoticeForm(forms.Form):
    on = forms.DateField(label=_("通知日期"), widget=DATE_WIDGET)
    method = forms.ChoiceField(
        label=_("计费方式"), choices=list(METHODS.items()), initial=PER_REQUEST
    )
    items = forms.IntegerField(label=_("本申请件数（一事一申请拆分后）"), min_value=1, initial=1)
    requests_this_month = forms.IntegerField(
        label=_("本自然月累计件数（留空按登记自动统计）"), min_value=1, required=False
    )
    pages = forms.IntegerField(label=_("页数（按量计收）"), min_value=1, required=False)


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("处理结果"), choices=OUTCOME_CHOICES)
    on = forms.DateField(label=_("答复日期"), widget=DATE_WIDGET)
    legal_basis = forms.CharField(
        label=_("法律依据（留空取该处理结果的条款）"), required=False, max_length=300
    )
    reasons = forms.CharField(
        label=_("答复内容及理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )


class DeliveryForm(forms.Form):
    via = forms.ChoiceField(label=_("送达方式"), choices=DeliveredVia.choices)
    on = forms.DateField(label=_("送达日期"), widget=DATE_WIDGET)


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label=_("承办部门"), queryset=Department.objects.all())


class ProactiveForm(forms.Form):
    title = forms.CharField(label=_("文件标题"), max_length=300)
    doc_type = forms.ModelChoiceField(label=_("公文种类"), queryset=None)
    summary = forms.CharField(
        label=_("内容概述"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.documents.models import DocumentKind

        self.fields["doc_type"].queryset = DocumentKind.objects.all()
