"""Back-office forms of 执行公开. They validate input; the services write."""

from __future__ import annotations

import dataclasses
import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput
from wagtail.snippets.widgets import AdminSnippetChooser

from gongkai.core.models import Department
from gongkai.documents.extraction import ExtractedTask
from gongkai.documents.models import Document
from gongkai.execution.models import Finding, ReportStatus, Task


class PlanSourceForm(forms.Form):
    """从文件生成任务, step 1: the plan document and the plan's period."""

    document = forms.ModelChoiceField(
        queryset=Document.objects.all(),
        label=_("方案文件"),
        widget=AdminSnippetChooser(Document),
    )
    title = forms.CharField(
        label=_("方案名称"),
        max_length=255,
        required=False,
        help_text=_("留空则使用文件所印发方案的名称。"),
    )
    period_start = forms.DateField(label=_("起始日期"), required=False, widget=AdminDateInput)
    period_end = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=AdminDateInput,
        help_text=_("留空则为方案年度。未写明时限的任务以此为完成时限。"),
    )
    lead_department = forms.ModelChoiceField(
        queryset=Department.objects.all(),
        label=_("牵头部门"),
        required=False,
        help_text=_("留空则为起草部门。"),
    )


def tasks_digest(tasks: list[ExtractedTask]) -> str:
    """Fingerprint of the proposed tasks, so a confirmation made against another version of
    the document is refused rather than applied to the wrong tasks."""
    payload = "\n".join(f"{t.heading}\t{t.text}\t{t.unit_names}" for t in tasks)
    return hashlib.sha256(payload.encode()).hexdigest()


class PlanConfirmForm(PlanSourceForm):
    """Step 2: which proposed tasks to create and their deadlines (task_<n>, due_<n>)."""

    digest = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, tasks: list[ExtractedTask], default_due, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = tasks
        for number, task in enumerate(tasks):
            self.fields[f"task_{number}"] = forms.BooleanField(
                required=False, initial=True, label=task.heading
            )
            self.fields[f"due_{number}"] = forms.DateField(
                required=False,
                initial=task.due_on or default_due,
                widget=AdminDateInput,
                label=_("完成时限"),
            )

    def plan_fields(self):
        return [self[name] for name in PlanSourceForm.base_fields]

    def rows(self):
        """(task, include field, due field) for the template."""
        return [(task, self[f"task_{n}"], self[f"due_{n}"]) for n, task in enumerate(self.tasks)]

    def clean(self):
        data = super().clean()
        if data.get("digest") != tasks_digest(self.tasks):
            raise forms.ValidationError(_("文件内容已变化，请重新生成任务。"))
        if not self.chosen_tasks():
            raise forms.ValidationError(_("请至少选择一项任务。"))
        return data

    def chosen_tasks(self) -> list[ExtractedTask]:
        return [
            dataclasses.replace(task, due_on=self.cleaned_data.get(f"due_{n}") or task.due_on)
            for n, task in enumerate(self.tasks)
            if self.cleaned_data.get(f"task_{n}")
        ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class ProgressReportForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=ReportStatus.choices)
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100)
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 6}))
    reported_on = forms.DateField(label=_("填报日期"), widget=AdminDateInput)
    files = MultipleFileField(
        label=_("佐证材料"),
        required=False,
        help_text=_("PDF、Word、Excel、OFD、图片或ZIP。"),
    )


class TaskForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("修改理由"),
        required=False,
        help_text=_("例如调整完成时限的依据。"),
    )

    class Meta:
        model = Task
        fields = ["heading_text", "text", "due_on"]
        widgets = {"due_on": AdminDateInput}


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["source", "found_on", "problem", "measures", "result", "accountability"]
        widgets = {"found_on": AdminDateInput}


class FindingUpdateForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["problem", "measures", "result", "accountability"]


class ProposalDecisionForm(forms.Form):
    """An administrator's decision on an unknown unit name."""

    CREATE, MAP, REJECT = "create", "map", "reject"
    decision = forms.ChoiceField(
        label=_("处理方式"),
        widget=forms.RadioSelect,
        choices=[
            (CREATE, _("新建部门（类别：其他）")),
            (MAP, _("对应已有部门")),
            (REJECT, _("不是责任单位")),
        ],
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), label=_("已有部门"), required=False
    )
    add_alias = forms.BooleanField(
        label=_("将此名称添加为该部门的别名"),
        required=False,
        initial=True,
    )
    reason = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.MAP and not data.get("department"):
            self.add_error("department", _("请选择部门。"))
        return data
