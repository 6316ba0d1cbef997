"""Forms of 政策通: the rule editor and the import (back office), the profile (portal)."""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.enterprise import rules
from gongkai.enterprise.models import Enterprise


class RuleForm(forms.Form):
    rule = forms.CharField(
        label=_("申报条件规则（JSON）"),
        widget=forms.Textarea(attrs={"rows": 18, "class": "rule-json", "spellcheck": "false"}),
        help_text=_(
            "全部满足用 all，满足其一用 any，不满足用 not；每个条件注明 clause（依据条款）。"
        ),
    )

    def clean_rule(self):
        try:
            data = json.loads(self.cleaned_data["rule"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("不是有效的 JSON：%(error)s") % {"error": error.msg}
            ) from None
        try:
            rules.parse(data)
        except rules.RuleError as error:
            raise forms.ValidationError(str(error)) from None
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("企业名单文件"),
        help_text=_(
            "XLSX 或 CSV；第一行为列名：企业名称、统一社会信用代码、所属行业、注册地、"
            "成立日期、注册资本、从业人数、标签、年度、营业收入、研发投入。"
        ),  # fmt: skip
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("请上传 XLSX 或 CSV 文件。"))
        return upload


class ProfileForm(forms.ModelForm):
    """An enterprise's own profile, with last year's figures and its qualifications."""

    tags_text = forms.CharField(
        label=_("标签"), required=False, help_text=_("以逗号分隔，例如 出口, 软件。")
    )
    year = forms.IntegerField(label=_("年度"), min_value=1949, max_value=2100)
    revenue = forms.DecimalField(
        label=_("营业收入（万元）"), required=False, max_digits=14, decimal_places=2
    )
    rd_spend = forms.DecimalField(
        label=_("研发投入（万元）"), required=False, max_digits=14, decimal_places=2
    )

    class Meta:
        model = Enterprise
        fields = ["name", "uscc", "industry", "region", "founded", "registered_capital",
                  "employees"]  # fmt: skip
        widgets = {"founded": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        enterprise = self.instance
        last_year = timezone.localdate().year - 1
        figures = enterprise.figures.filter(year=last_year).first() if enterprise.pk else None
        self.fields["year"].initial = last_year
        self.fields["tags_text"].initial = ", ".join(enterprise.tags or [])
        if figures:
            self.fields["revenue"].initial = figures.revenue
            self.fields["rd_spend"].initial = figures.rd_spend
        held = {q.kind: q for q in enterprise.qualifications.all()} if enterprise.pk else {}
        for kind, label in rules.QUALIFICATIONS.items():
            current = held.get(kind)
            self.fields[f"q_{kind}_from"] = forms.DateField(
                label=label, required=False, initial=current and current.valid_from,
                help_text=_("有效期起"), widget=forms.DateInput(attrs={"type": "date"}),
            )  # fmt: skip
            self.fields[f"q_{kind}_until"] = forms.DateField(
                label=label, required=False, initial=current and current.valid_until,
                help_text=_("有效期止"), widget=forms.DateInput(attrs={"type": "date"}),
            )  # fmt: skip

    def qualification_rows(self):
        return [(self[f"q_{kind}_from"], self[f"q_{kind}_until"], label)
                for kind, label in rules.QUALIFICATIONS.items()]  # fmt: skip

    def clean_tags_text(self):
        text = self.cleaned_data["tags_text"].replace("，", ",")
        return [tag.strip() for tag in text.split(",") if tag.strip()]

    def clean(self):
        data = super().clean()
        for kind in rules.QUALIFICATIONS:
            start, end = data.get(f"q_{kind}_from"), data.get(f"q_{kind}_until")
            if end and not start:
                self.add_error(f"q_{kind}_from", _("请填写有效期起始日期。"))
            if start and end and end < start:
                self.add_error(f"q_{kind}_until", _("有效期止应晚于有效期起。"))
        return data

    def qualifications(self) -> dict:
        data = self.cleaned_data
        return {kind: (data[f"q_{kind}_from"], data[f"q_{kind}_until"])
                for kind in rules.QUALIFICATIONS if data.get(f"q_{kind}_from")}  # fmt: skip
