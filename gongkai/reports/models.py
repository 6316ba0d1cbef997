"""The annual report (政府信息公开工作年度报告) of the whole government or of one department."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.fields import RichTextField
from wagtail.models import PreviewableMixin

from gongkai.core.models import Department
from gongkai.disclosure.outcomes import FORMAT_2019, FORMAT_2021
from gongkai.reports.annual import FIRST_REPORT_YEAR, report_due_on

SECTION_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class ReportFormat(models.TextChoices):
    F2021 = FORMAT_2021, _("国办公开办函〔2021〕30号格式")
    F2019 = FORMAT_2019, _("国办公开办函〔2019〕60号试行格式")


class AnnualReport(PreviewableMixin, models.Model):
    """One year's report of one body: the staff-written sections 一、五、六, the figures of table 二
    entered by staff, and the computed tables.

    The tables are recomputed while the report is a draft (on every save and on request) and
    frozen when it is published: a published report is never changed again, so its page, exports
    and API answer stay what was published even when requests are corrected later.
    """

    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(FIRST_REPORT_YEAR)]
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("报告主体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        help_text=_("留空为本级政府的年度报告。"),
    )
    format = models.CharField(
        _("报告格式"), max_length=4, choices=ReportFormat.choices, editable=False
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        editable=False,
    )
    overview = RichTextField(_("一、总体情况"), blank=True, features=SECTION_FEATURES)
    problems = RichTextField(
        _("五、存在的主要问题及改进情况"),
        blank=True,
        features=SECTION_FEATURES,
    )
    other_matters = RichTextField(
        _("六、其他需要报告的事项"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("信息处理费收取情况由系统自动填入。"),
    )
    entered_figures = models.JSONField(
        _("表二填报数"),
        default=dict,
        blank=True,
        editable=False,
        help_text='{"row.column": number}; decimal amounts are stored as strings.',
    )
    tables = models.JSONField(
        _("统计表"),
        null=True,
        editable=False,
        help_text="AnnualTables.as_dict(); frozen when the report is published.",
    )
    requests_by_month = models.JSONField(_("各月新收申请数"), default=list, editable=False)
    fees_collected = models.DecimalField(
        _("收取的信息处理费（元）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        editable=False,
    )
    computed_at = models.DateTimeField(_("统计时间"), null=True, editable=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "年度报告")
        verbose_name_plural = pgettext_lazy("models", "年度报告")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "department"], name="annual_report_unique_department_year"
            ),
            # NULLs are distinct in a unique constraint: the government's report needs its own.
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(department__isnull=True),
                name="annual_report_unique_government_year",
            ),
        ]
        permissions = [("publish_annualreport", _("可以发布年度报告"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.is_government:
            return reverse("reports:annual_detail", args=[self.year])
        return reverse("reports:annual_department", args=[self.year, self.department.code])

    @property
    def title(self) -> str:
        name = self.department.name if self.department_id else ""
        return f"{name}{self.year}年政府信息公开工作年度报告"

    @property
    def body_label(self) -> str:
        return self.department.name if self.department_id else str(_("本级政府"))

    @property
    def is_government(self) -> bool:
        return self.department_id is None

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Files its text refers to may be served to anyone (gongkai.core.media)."""
        return self.is_published

    @property
    def due_on(self):
        return report_due_on(self.year, government=self.is_government)

    def get_preview_template(self, request, mode_name):
        return "reports/annual_report.html"

    def get_preview_context(self, request, mode_name):
        from gongkai.reports.selectors import report_page_context

        return report_page_context(self, preview=True)
