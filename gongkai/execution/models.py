"""执行公开: implementation plans broken into tasks with responsible departments, their
progress reports, audit and inspection findings, and unit names awaiting confirmation."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Department, DepartmentGroup
from gongkai.execution import progress
from gongkai.execution.progress import COMPLETED, DELAYED, IN_PROGRESS, NOT_STARTED


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("未公开 Not published")
    PUBLISHED = "published", _("已公开 Published")


class Plan(models.Model):
    """实施方案 / 工作要点: a document's tasks, tracked over the plan's period."""

    title = models.CharField(_("方案名称 title"), max_length=255)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("方案文件 plan document"),
        on_delete=models.PROTECT,
        related_name="execution_plans",
    )
    period_start = models.DateField(_("起始日期 period start"))
    period_end = models.DateField(_("截止日期 period end"))
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("牵头部门 lead department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_plans",
    )
    status = models.CharField(
        _("状态 status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    published_at = models.DateTimeField(_("公开时间 published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("实施方案 plan")
        verbose_name_plural = _("实施方案 plans")
        ordering = ["-period_start", "-id"]
        permissions = [("publish_plan", _("Can publish a plan (执行公开)"))]

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
        Plan, verbose_name=_("实施方案 plan"), on_delete=models.CASCADE, related_name="tasks"
    )
    heading = models.CharField(_("序号 heading"), max_length=40, help_text="(三)1")
    heading_text = models.CharField(_("任务名称 heading text"), max_length=200)
    section = models.CharField(
        _("所属部分 section"), max_length=200, blank=True, help_text="(三)以公开优服务，…"
    )
    text = models.TextField(_("任务内容 text"))
    due_text = models.CharField(
        _("完成时限（原文） deadline as written"), max_length=100, blank=True
    )
    due_on = models.DateField(_("完成时限 due on"), null=True, blank=True, db_index=True)
    sort_order = models.PositiveIntegerField(_("排序 order"), default=0)

    class Meta:
        verbose_name = _("任务 task")
        verbose_name_plural = _("任务 tasks")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self):
        return f"{self.heading} {self.heading_text}"


class UnitRole(models.TextChoices):
    LEAD = "lead", _("牵头单位 lead")
    SUPPORTING = "supporting", _("配合单位 supporting")
    RESPONSIBLE = "responsible", _("责任单位 responsible")


class TaskUnit(models.Model):
    """A unit the plan names for a task, as written, and what it resolved to: a department,
    a department group (every member responsible), or nothing yet (a UnitProposal waits)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("名称（原文） name as written"), max_length=100)
    role = models.CharField(_("职责 role"), max_length=20, choices=UnitRole.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门 department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_units",
    )
    group = models.ForeignKey(
        DepartmentGroup,
        verbose_name=_("部门组 department group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_units",
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("责任单位 task unit")
        verbose_name_plural = _("责任单位 task units")
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
    NOT_STARTED = NOT_STARTED, _("未开始 Not started")
    IN_PROGRESS = IN_PROGRESS, _("进行中 In progress")
    COMPLETED = COMPLETED, _("已完成 Completed")
    DELAYED = DELAYED, _("滞后 Behind schedule")


class ProgressReport(models.Model):
    """进展情况: one department's report on one task; the latest one counts."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    department = models.ForeignKey(
        Department, verbose_name=_("部门 department"), on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人 reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("状态 status"), max_length=20, choices=ReportStatus.choices)
    percent = models.PositiveSmallIntegerField(
        _("完成进度（%） percent"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("进展情况 progress"))
    reported_on = models.DateField(_("填报日期 reported on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("进展报告 progress report")
        verbose_name_plural = _("进展报告 progress reports")
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
    file = models.FileField(_("文件 file"), upload_to=evidence_upload_to, max_length=255)
    name = models.CharField(_("文件名 file name"), max_length=255)
    kind = models.CharField(_("类型 kind"), max_length=10)
    size = models.PositiveBigIntegerField(_("大小 size"))

    class Meta:
        verbose_name = _("佐证材料 evidence")
        verbose_name_plural = _("佐证材料 evidence")

    def __str__(self):
        return self.name


class FindingSource(models.TextChoices):
    AUDIT = "audit", _("审计 Audit")
    INSPECTION = "inspection", _("督查 Inspection")


class Finding(models.Model):
    """审计、督查发现的问题 and its rectification (整改) and accountability (问责), attached to a
    task and published with it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="findings")
    source = models.CharField(_("来源 source"), max_length=20, choices=FindingSource.choices)
    found_on = models.DateField(_("发现日期 found on"), null=True, blank=True)
    problem = models.TextField(_("问题 problem"))
    measures = models.TextField(_("整改措施 rectification measures"), blank=True)
    result = models.TextField(_("整改结果 rectification result"), blank=True)
    accountability = models.TextField(_("问责情况 accountability"), blank=True)
    published = models.BooleanField(_("已公开 published"), default=False)
    published_at = models.DateTimeField(_("公开时间 published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("审计督查发现 finding")
        verbose_name_plural = _("审计督查发现 findings")
        ordering = ["task", "id"]
        permissions = [("publish_finding", _("Can publish a finding (执行公开)"))]

    def __str__(self):
        return f"{self.task.heading} {self.get_source_display()} {self.problem[:30]}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("待确认 Proposed")
    CONFIRMED = "confirmed", _("已确认 Confirmed")
    REJECTED = "rejected", _("已驳回 Rejected")


class UnitProposal(models.Model):
    """A unit name a plan uses that matches no department: an administrator confirms it (a
    new department, or an existing one under this name as an alias) or rejects it."""

    name = models.CharField(_("名称 name"), max_length=100)
    plan = models.ForeignKey(
        Plan, verbose_name=_("实施方案 plan"), on_delete=models.CASCADE, related_name="proposals"
    )
    status = models.CharField(
        _("状态 status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("对应部门 department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("理由 reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("新单位确认 unit proposal")
        verbose_name_plural = _("新单位确认 unit proposals")
        ordering = ["status", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="execution_proposal_unique")
        ]

    def __str__(self):
        return self.name
