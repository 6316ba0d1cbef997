"""Forms of the subscription pages. Validation of input only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.language import in_ui_language
from gongkai.core.models import Department
from gongkai.documents.models import DocumentKind, Topic
from gongkai.subscriptions.models import Channel, Criterion, Frequency


class _LocalizedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return in_ui_language(str(obj), getattr(obj, "name_en", ""))


class SubscriptionForm(forms.Form):
    criterion = forms.ChoiceField(label=_("订阅条件"), choices=Criterion.choices)
    department = _LocalizedChoice(
        label=_("发布部门"), queryset=Department.objects.order_by("name"), required=False
    )
    topic = _LocalizedChoice(label=_("主题分类"), queryset=Topic.objects.all(), required=False)
    doc_type = _LocalizedChoice(
        label=_("公文种类"), queryset=DocumentKind.objects.all(), required=False
    )
    value = forms.CharField(
        label=_("地区或检索词"),
        max_length=200,
        required=False,
        help_text=_("按地区订阅时填写地区名称；保存检索时填写检索词，以空格分隔，须全部出现。"),
    )
    channel = forms.ChoiceField(label=_("推送方式"), choices=Channel.choices, initial=Channel.EMAIL)
    frequency = forms.ChoiceField(
        label=_("推送频率"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        help_text=_("每日摘要于每天早上 7:30 发送，每周摘要于每周一发送。"),
    )


class WebhookForm(forms.Form):
    webhook_url = forms.URLField(
        label=_("Webhook 地址"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("以 Webhook 方式推送的订阅发送到此地址（HTTPS 公网地址）。"),
    )
