from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import TaskState

from gongkai.core.admin_views import visible_instances
from gongkai.core.forms import NativeDateInput
from gongkai.core.language import in_ui_language
from gongkai.core.permissions import DEPARTMENT_REFUSED, acts_for_department, user_department_id
from gongkai.documents.attachment_names import listing_errors
from gongkai.documents.models import LISTED_NAME_MAX_LENGTH, Disclosure, Document, Validity
from gongkai.documents.prepublication import blocking, not_overridable
from gongkai.documents.publication import revision_to_publish
from gongkai.documents.selectors import publication_problems

CHECK_REQUIRED = _("三关须全部通过才能审签。")


class SignOffForm(forms.Form):
    """审签: the three checks, a comment, and a reason when blocking problems are overridden."""

    reviewed_task_state = forms.IntegerField(widget=forms.HiddenInput)
    political = forms.BooleanField(label=_("政治关"), error_messages={"required": CHECK_REQUIRED})
    policy = forms.BooleanField(label=_("政策关"), error_messages={"required": CHECK_REQUIRED})
    content = forms.BooleanField(label=_("内容关"), error_messages={"required": CHECK_REQUIRED})
    comment = forms.CharField(
        label=_("审签意见"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    override_reason = forms.CharField(
        label=_("越过检查的理由"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("仅在存在阻止发布的问题时填写，将记入审计日志。"),
    )

    def clean(self):
        cleaned = super().clean()
        task_state = TaskState.objects.filter(pk=cleaned.get("reviewed_task_state")).first()
        if task_state is None:
            raise forms.ValidationError(_("审签任务不存在。"))
        problems = blocking(publication_problems(revision_to_publish(task_state).as_object()))
        if fixed := not_overridable(problems):
            raise forms.ValidationError(
                [_("存在不能越过的问题，须先解决：")]
                + [in_ui_language(problem.message_zh, problem.message_en) for problem in fixed]
            )
        if problems and not cleaned.get("override_reason", "").strip():
            raise forms.ValidationError(
                [_("存在阻止发布的问题，请处理或填写越过理由：")]
                + [in_ui_language(problem.message_zh, problem.message_en) for problem in problems]
            )
        return cleaned


class OwnDepartmentForm(WagtailAdminModelForm):
    """A new item starts in the author's own department (and, for a document, issued by it);
    only the openness office puts one into another department. The documents offered are those
    the author may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        department_id = user_department_id(self.for_user) if self.for_user else None
        if not self.instance.pk and department_id:
            self.initial.setdefault("department", department_id)
            if "issuers" in self.fields:
                self.initial.setdefault("issuers", [department_id])
        if "documents" in self.fields and self.for_user:
            self.fields["documents"].queryset = visible_instances(self.for_user, Document)

    def clean_department(self):
        department = self.cleaned_data["department"]
        if self.for_user and not acts_for_department(
            self.for_user, department.pk if department else None
        ):
            raise forms.ValidationError(DEPARTMENT_REFUSED)
        return department


class ListedAttachmentsField(forms.Field):
    """文件所列附件 as staff edit it: one name a line, the N-th line is 附件N; a name may be
    added, removed, renamed or moved. Blank lines at either end are dropped; a blank line
    between names is an empty name and refused, like a duplicate or a name too long."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        text = (value or "").strip()
        return [line.strip() for line in text.splitlines()] if text else []

    def validate(self, value):
        super().validate(value)
        if errors := listing_errors(value, LISTED_NAME_MAX_LENGTH):
            raise forms.ValidationError(
                [in_ui_language(error.message_zh, error.message_en) for error in errors]
            )


class DocumentAdminForm(OwnDepartmentForm):
    """Cross-field rules of a document, each with a message in Chinese and English."""

    listed_attachments = ListedAttachmentsField(
        label=capfirst(_("文件所列附件")),
        required=False,
        help_text=_(
            "每行一个附件名称，第一行为附件1，第二行为附件2，依次类推；"
            "上传的附件按名称与之对应，公开页面列出每个附件（未上传的注明“附件未随文件导入”）。"
        ),
    )

    def clean(self):
        cleaned = super().clean()
        written_on, published_on = cleaned.get("written_on"), cleaned.get("published_on")
        if written_on and published_on and written_on > published_on:
            self.add_error(
                "written_on",
                _("成文日期不能晚于发布日期。"),
            )
        if published_on and published_on > self._latest_allowed_publication():
            self.add_error(
                "published_on",
                _("发布日期不能是将来的日期（定时发布除外）。"),
            )
        if written_on and written_on > timezone.localdate():
            self.add_error(
                "written_on",
                _("成文日期不能是将来的日期。"),
            )
        if (
            cleaned.get("disclosure") == Disclosure.WITHHELD
            and not (cleaned.get("withheld_reason") or "").strip()
        ):
            self.add_error(
                "withheld_reason",
                _("不予公开须填写理由。"),
            )
        return cleaned

    def _latest_allowed_publication(self):
        go_live_at = self.cleaned_data.get("go_live_at") or getattr(
            self.instance, "go_live_at", None
        )
        if go_live_at:
            return timezone.localtime(go_live_at).date()
        return timezone.localdate()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("将在公开页面显示。"),
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("有效性"), choices=Validity.choices)
    on = forms.DateField(label=_("变更日期"), widget=NativeDateInput)
    reason = forms.CharField(
        label=_("说明"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
