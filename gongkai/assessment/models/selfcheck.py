"""The site's own health check (网站自查): runs, their findings, and the update rule of each
column (栏目)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.assessment import health
from gongkai.core.models import Department


class FindingKind(models.TextChoices):
    DEAD_LINK = health.DEAD_LINK, _("站内死链")
    EXTERNAL_DEAD_LINK = health.EXTERNAL_DEAD_LINK, _("外部死链")
    PAGE_ERROR = health.PAGE_ERROR, _("页面错误")
    PERSONAL_DATA = health.PERSONAL_DATA, _("页面含未脱敏个人信息")
    STALE_COLUMN = health.STALE_COLUMN, _("栏目未按时更新")
    EMPTY_COLUMN = health.EMPTY_COLUMN, _("空白栏目")
    DOCUMENT_PROBLEM = health.DOCUMENT_PROBLEM, _("文件缺少要素或解读")
    OVERSIZED_PAGE = health.OVERSIZED_PAGE, _("页面过大")
    SLOW_PAGE = health.SLOW_PAGE, _("页面过慢")


class VetoItem(models.TextChoices):
    """单项否决 items of 国办秘函〔2019〕19号."""

    UNREACHABLE = health.VETO_UNREACHABLE, _("站点无法访问")
    HOME_NOT_UPDATED = health.VETO_HOME_NOT_UPDATED, _("首页不更新")
    COLUMNS_NOT_UPDATED = health.VETO_COLUMNS_NOT_UPDATED, _("栏目不更新")
    LEAK = health.VETO_LEAK, _("安全、泄密事故等严重问题")


class HealthCheck(models.Model):
    """网站自查: one crawl of the public site and the checks of its content."""

    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pages = models.PositiveIntegerField(_("检查页面数"), default=0)
    links = models.PositiveIntegerField(_("检查链接数"), default=0)
    external_links = models.PositiveIntegerField(_("检查外部链接数"), default=0)
    seconds = models.FloatField(_("用时（秒）"), default=0)
    vetoes = models.JSONField(_("单项否决"), default=list, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "网站自查")
        verbose_name_plural = pgettext_lazy("models", "网站自查")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def veto_labels(self) -> list[str]:
        return [VetoItem(value).label for value in self.vetoes if value in VetoItem.values]


class HealthFinding(models.Model):
    """A problem the check found, under the department that can fix it (none: the office)."""

    check_run = models.ForeignKey(
        HealthCheck,
        verbose_name=pgettext_lazy("model", "网站自查"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    kind = models.CharField(_("问题类型"), max_length=30, choices=FindingKind.choices)
    path = models.CharField(_("页面"), max_length=500)
    target = models.CharField(pgettext_lazy("self-check", "对象"), max_length=1000, blank=True)
    detail = models.CharField(_("说明"), max_length=500, blank=True)
    detail_en = models.CharField(_("英文说明"), max_length=500, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("责任部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_veto = models.BooleanField(_("单项否决项"), default=False)
    object_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "自查问题")
        verbose_name_plural = pgettext_lazy("models", "自查问题")
        ordering = ["-is_veto", "department__name", "kind", "path"]
        indexes = [models.Index(fields=["check_run", "department"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.path}"

    @property
    def object(self):
        if self.object_type_id is None:
            return None
        model = self.object_type.model_class()
        return model.objects.filter(pk=self.object_id).first() if model else None


class ColumnRule(models.Model):
    """栏目更新要求: how many days a column may go without a new item (the default is 2 weeks
    for 动态/要闻, 6 months for the others)."""

    document_kind = models.OneToOneField(
        "documents.DocumentKind",
        verbose_name=pgettext_lazy("model", "公文种类"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    topic = models.OneToOneField(
        "documents.Topic",
        verbose_name=pgettext_lazy("model", "主题分类"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    max_age_days = models.PositiveIntegerField(_("最长不更新天数"))

    class Meta:
        verbose_name = pgettext_lazy("model", "栏目更新要求")
        verbose_name_plural = pgettext_lazy("models", "栏目更新要求")
        constraints = [
            models.CheckConstraint(
                condition=Q(document_kind__isnull=False, topic__isnull=True)
                | Q(document_kind__isnull=True, topic__isnull=False),
                name="column_rule_one_column",
            )
        ]

    def __str__(self):
        return f"{self.document_kind or self.topic}: {self.max_age_days}"
