"""执行公开: implementation plans broken into tasks with responsible departments, their
progress reports, audit and inspection findings, and unit names awaiting confirmation."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.models import Department, DepartmentGroup
from gongkai.execution import progress
from gongkai.execution.progress import COMPLETED, DELAYED, IN_PROGRESS, NOT_STARTED


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("未公开")
    PUBLISHED = "published", _("已公开")


class Plan(models.Model):
    """实施方案 / 工作要点: a document's tasks, tracked over the plan's period."""

    title = models.CharField(_("方案名称"), max_length=255)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("方案文件"),
        on_delete=models.PROTECT,
        related_name="execution_plans",
    )
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("牵头部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_plans",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "实施方案")
        verbose_name_plural = pgettext_lazy("models", "实施方案")
        ordering = ["-period_start", "-id"]
        permissions = [("publish_plan", _("可以公开实施方案的执行情况"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("execution:plan_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == PlanStatus.PUBLISHED


class Task(models.Model):
    """任务: one numbered item of the plan's task section, e.g. (三)1."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("实施方案"), on_delete=models.CASCADE, related_name="tasks"
    )
    heading = models.CharField(_("序号"), max_length=40, help_text="(三)1")
    heading_text = models.CharField(_("任务名称"), max_length=200)
    section = models.CharField(
        _("所属部分"), max_length=200, blank=True, help_text="(三)以公开优服务，…"
    )
    text = models.TextField(_("任务内容"))
    due_text = models.CharField(_("完成时限（原文）"), max_length=100, blank=True)
    due_on = models.DateField(_("完成时限"), null=True, blank=True, db_index=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "任务")
        verbose_name_plural = pgettext_lazy("models", "任务")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self):
        return f"{self.heading} {self.heading_text}"


class UnitRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    SUPPORTING = "supporting", _("配合单位")
    RESPONSIBLE = "responsible", _("责任单位")


class TaskUnit(models.Model):
    """A unit the plan names for a task, as written, and what it resolved to: a department,
    a department group (every member responsible), or nothing yet (a UnitProposal waits)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("名称（原文）"), max_length=100)
    role = models.CharField(_("职责"), max_length=20, choices=UnitRole.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_units",
    )
    group = models.ForeignKey(
        DepartmentGroup,
        verbose_name=_("部门组"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_units",
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "责任单位")
        verbose_name_plural = pgettext_lazy("models", "责任单位")
        ordering = ["task", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(department__isnull=False) & models.Q(group__isnull=False)),
                name="execution_taskunit_department_or_group",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_resolved(self) -> bool:
        return self.department_id is not None or self.group_id is not None


class ReportStatus(models.TextChoices):
    NOT_STARTED = NOT_STARTED, _("未开始")
    IN_PROGRESS = IN_PROGRESS, _("进行中")
    COMPLETED = COMPLETED, _("已完成")
    DELAYED = DELAYED, _("滞后")


class ProgressReport(models.Model):
    """进展情况: one department's report on one task; the latest one counts."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("状态"), max_length=20, choices=ReportStatus.choices)
    percent = models.PositiveSmallIntegerField(
        _("完成进度（%）"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("进展情况"))
    reported_on = models.DateField(_("填报日期"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "进展报告")
        verbose_name_plural = pgettext_lazy("models", "进展报告")
        ordering = ["-reported_on", "-id"]

    def __str__(self):
        return f"{self.task.heading} {self.department} {self.reported_on}"

    @property
    def progress(self) -> progress.Progress:
        return progress.Progress(self.status, self.percent)


def evidence_upload_to(instance, filename):
    return f"execution/evidence/{instance.report.task.plan_id}/{filename}"


class Evidence(models.Model):
    """佐证材料: a file attached to a progress report (checked by content on upload)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("文件"), upload_to=evidence_upload_to, max_length=255)
    name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveBigIntegerField(_("大小"))

    class Meta:
        verbose_name = pgettext_lazy("model", "佐证材料")
        verbose_name_plural = pgettext_lazy("models", "佐证材料")

    def __str__(self):
        return self.name


class FindingSource(models.TextChoices):
    AUDIT = "audit", _("审计")
    INSPECTION = "inspection", _("督查")


class Finding(models.Model):
    """审计、督查发现的问题 and its rectification (整改) and accountability (问责), attached to a
    task and published with it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="findings")
    source = models.CharField(_("来源"), max_length=20, choices=FindingSource.choices)
    found_on = models.DateField(_("发现日期"), null=True, blank=True)
    problem = models.TextField(_("问题"))
    measures = models.TextField(_("整改措施"), blank=True)
    result = models.TextField(_("整改结果"), blank=True)
    accountability = models.TextField(_("问责情况"), blank=True)
    published = models.BooleanField(_("已公开"), default=False)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "审计督查发现")
        verbose_name_plural = pgettext_lazy("models", "审计督查发现")
        ordering = ["task", "id"]
        permissions = [("publish_finding", _("可以公开审计、督查发现"))]

    def __str__(self):
        return f"{self.task.heading} {self.get_source_display()} {self.problem[:30]}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("已驳回")


class UnitProposal(models.Model):
    """A unit name a plan uses that matches no department: an administrator confirms it (a
    new department, or an existing one under this name as an alias) or rejects it."""

    name = models.CharField(_("名称"), max_length=100)
    plan = models.ForeignKey(
        Plan, verbose_name=_("实施方案"), on_delete=models.CASCADE, related_name="proposals"
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("对应部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "新单位确认")
        verbose_name_plural = pgettext_lazy("models", "新单位确认")
        ordering = ["status", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="execution_proposal_unique")
        ]

    def __str__(self):
        return self.name
