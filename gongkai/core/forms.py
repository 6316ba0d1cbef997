"""Back-office forms of core models."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.auth import LoginForm


class NativeDateInput(forms.DateInput):
    """The browser's own date picker. Its value must be ISO (YYYY-MM-DD) whatever the user's
    language: a localised value such as 2026/03/31 leaves the field blank."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


_SPAN = re.compile(
    r"^\s*(?P<name>\S+)\s+(?P<first>\d{4}-\d{2}-\d{2})\s*(?:至|到|-|~|\s)\s*(?P<last>\d{4}-\d{2}-\d{2})\s*$"
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class HolidayArrangementForm(WagtailAdminModelForm):
    """放假安排 as an administrator types it from the State Council notice.

    One holiday span per line (``国庆节 2027-10-01 至 2027-10-07``) and the 调休上班 dates in
    any order, instead of raw JSON.
    """

    holidays_text = forms.CharField(
        label=_("放假"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("每行一段：名称 起始日期 至 结束日期，如“国庆节 2027-10-01 至 2027-10-07”。"),
    )
    makeup_text = forms.CharField(
        label=_("调休上班"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("周末上班的日期，以空格或逗号分隔。"),
    )

    class Meta:
        fields = ["year", "notice"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["holidays_text"].initial = "\n".join(
                f"{item['name']} {item['first']} 至 {item['last']}"
                for item in self.instance.holidays
            )
            self.fields["makeup_text"].initial = " ".join(self.instance.makeup_workdays)

    def clean_holidays_text(self):
        spans = []
        for number, line in enumerate(self.cleaned_data["holidays_text"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _SPAN.match(line)
            if not match:
                raise forms.ValidationError(
                    _("第%(n)s行格式有误：%(line)s。") % {"n": number, "line": line.strip()}
                )
            spans.append({key: match[key] for key in ("name", "first", "last")})
        return spans

    def clean_makeup_text(self):
        days = _DAY.findall(self.cleaned_data.get("makeup_text") or "")
        try:
            return sorted({date.fromisoformat(day).isoformat() for day in days})
        except ValueError as error:
            raise forms.ValidationError(_("日期无效：%(e)s。") % {"e": error}) from error

    def _post_clean(self):
        self.instance.holidays = self.cleaned_data.get("holidays_text", [])
        self.instance.makeup_workdays = self.cleaned_data.get("makeup_text", [])
        super()._post_clean()


class AdminLoginForm(LoginForm):
    """Wagtail's sign-in form leaves the password unlabelled, so Django shows the field's
    English name ("Password") on Chinese pages, and its hint puts a space before the field's
    name ("输入你的 用户名")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("密码")
        self.fields["username"].widget.attrs["placeholder"] = _("输入用户名")
