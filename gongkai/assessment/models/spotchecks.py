"""抽查: spot checks of normative documents or pages, drawn per department with the verifiable
draw of the random inspections (``gongkai.assessment.sampling``); the problems reviewers find
on the items drawn, and their rectification (整改) to closure (销号)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.assessment import scoring
from gongkai.core.models import Department


class Scope(models.TextChoices):
    NORMATIVE = "normative", _("行政规范性文件")
    PAGES = "pages", _("网站页面（文件和解读）")


class SpotCheckStatus(models.TextChoices):
    COMMITTED = "committed", _("已公布承诺")
    DRAWN = "drawn", _("已抽取")


class SpotCheck(models.Model):
    """抽查: the population of each department, published with its hash and a commitment to
    the seed before the draw (``population``: per department its id, name at the time,
    ``entities`` in canonical order and the ``objects`` behind them); the draw reveals the seed."""

    name = models.CharField(_("抽查名称"), max_length=200)
    scope = models.CharField(_("抽查范围"), max_length=20, choices=Scope.choices)
    sample_size = models.PositiveSmallIntegerField(_("每个部门抽取数"))
    population = models.JSONField(_("抽查对象名录"), default=list)
    seed = models.CharField(max_length=64)
    seed_commitment = models.CharField(_("种子承诺值"), max_length=64)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=SpotCheckStatus.choices,
        default=SpotCheckStatus.COMMITTED,
    )
    committed_at = models.DateTimeField(_("承诺公布时间"), auto_now_add=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("抽取人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "抽查")
        verbose_name_plural = pgettext_lazy("models", "抽查")
        ordering = ["-committed_at", "-pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assessment:spot_check", args=[self.pk])

    @property
    def is_drawn(self) -> bool:
        return self.status == SpotCheckStatus.DRAWN


class SpotCheckItem(models.Model):
    """An item drawn: ``entity`` is its published line (address and title), ``position`` its
    place in the department's draw."""

    spot_check = models.ForeignKey(
        SpotCheck,
        verbose_name=pgettext_lazy("model", "抽查"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("抽取顺序"))
    entity = models.CharField(_("抽中对象"), max_length=1000)
    object_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "抽中对象")
        verbose_name_plural = pgettext_lazy("models", "抽中对象")
        ordering = ["spot_check", "department__sort_order", "department__name", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["spot_check", "department", "position"], name="spot_check_item_once"
            )
        ]

    def __str__(self):
        return self.entity

    @property
    def path(self) -> str:
        """The item's public address, as published (``sampling.entity_line``)."""
        return self.entity.split(" ", 1)[0]

    @property
    def title(self) -> str:
        return self.entity.partition(" ")[2]


class Severity(models.TextChoices):
    MINOR = "minor", _("一般")
    MAJOR = "major", _("较重")
    SERIOUS = "serious", _("严重")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    RECTIFIED = "rectified", _("已整改")
    CLOSED = "closed", _("已销号")


class SpotCheckFinding(models.Model):
    """问题: what a reviewer found on an item drawn, who rectifies it (整改责任人) by when (整改期限);
    the department reports the rectification, the assessor closes it (销号)."""

    item = models.ForeignKey(
        SpotCheckItem,
        verbose_name=pgettext_lazy("model", "抽中对象"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    description = models.TextField(_("问题描述"), max_length=2000)
    severity = models.CharField(
        _("严重程度"), max_length=10, choices=Severity.choices, default=Severity.MINOR
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("整改责任人"),
        on_delete=models.PROTECT,
        related_name="spot_check_findings",
    )
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    rectification = models.TextField(_("整改情况"), max_length=2000, blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    closure_note = models.TextField(_("销号意见"), max_length=2000, blank=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "抽查问题")
        verbose_name_plural = pgettext_lazy("models", "抽查问题")
        ordering = ["deadline", "pk"]
        permissions = [
            ("rectify_spotcheckfinding", _("可以报告抽查问题的整改情况")),
            ("close_spotcheckfinding", _("可以对抽查问题销号")),
        ]

    def __str__(self):
        return self.description[:50]

    @property
    def overdue(self) -> bool:
        """整改逾期 as of today (``scoring.is_overdue``)."""
        return scoring.is_overdue(self.deadline, self.rectified_on, timezone.localdate())
