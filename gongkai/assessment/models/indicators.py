"""考核指标: the indicators, defined as data, their scores per department and period, and
assessors' adjustments."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting

from gongkai.assessment import scoring
from gongkai.core.models import Department


class Direction(models.TextChoices):
    HIGHER = scoring.HIGHER, _("按时完成比例（越高越好）")
    LOWER = scoring.LOWER, _("发现问题扣分（越少越好）")


class IndicatorCode(models.TextChoices):
    """The rules that compute an indicator (``gongkai.assessment.indicator_rows``)."""

    INTERPRETATIONS = "interpretations", _("政策解读与文件同步发布")
    REQUESTS_ON_TIME = "requests_on_time", _("依申请公开按时答复")
    ENFORCEMENT_ON_TIME = "enforcement_on_time", _("行政执法决定按时公开")
    MESSAGES_ON_TIME = "messages_on_time", _("留言按期答复")
    COLUMNS_UPDATED = "columns_updated", _("栏目按时更新")
    DEAD_LINKS = "dead_links", _("死链")
    PERSONAL_DATA = "personal_data", _("页面含未脱敏个人信息")
    CONSULTATION_REPORTS = "consultation_reports", _("征求意见采纳情况公开")
    SPOT_CHECKS = "spot_checks", _("抽查发现问题及整改")


class Indicator(models.Model):
    """考核指标: what is measured, how, and its weight in a department's total. Defined as data
    and published with its definition; ``code`` names the rule that computes it. Assessors and
    administrators edit the text, weight, deduction, pass mark, use and publication in the back
    office (audited, ``services.indicator_update``); a result keeps the weight it was computed
    with (``IndicatorResult.weight``), and an indicator taken out of use (停用) is no longer
    computed nor counted in the periods still moving (``scoring.counted``)."""

    code = models.CharField(
        _("计算规则"), max_length=40, unique=True, choices=IndicatorCode.choices
    )
    name = models.CharField(_("指标名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    definition = models.TextField(_("指标定义"), max_length=2000)
    definition_en = models.TextField(_("英文定义"), max_length=4000, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("权重"),
        validators=[MinValueValidator(0, message=_("权重不能为负数，请填写 0 或正整数。"))],
        help_text=_("加权总分是各适用指标得分按权重的加权平均；填 0 则不计入总分。"),
    )
    direction = models.CharField(_("计分方式"), max_length=10, choices=Direction.choices)
    deduction = models.PositiveSmallIntegerField(
        _("每个问题扣分"), default=10, help_text=_("仅用于“发现问题扣分”的指标。")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("达标分"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, message=_("达标分须在 0 到 100 之间。")),
            MaxValueValidator(100, message=_("达标分须在 0 到 100 之间。")),
        ],
        help_text=_("部门该项得分低于达标分即为未达标，不论总分多少都列入通报；留空则不设达标分。"),
    )
    active = models.BooleanField(
        _("在用"),
        default=True,
        help_text=_(
            "停用的指标不再计算，本期和刚结束的季度不再显示、不计入总分；"
            "已结束的考核周期保留原来的结果。"
        ),
    )
    published = models.BooleanField(_("公开"), default=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "考核指标")
        verbose_name_plural = pgettext_lazy("models", "考核指标")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name

    @property
    def localized_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def localized_definition(self) -> str:
        return (
            self.definition_en if get_language() == "en" and self.definition_en else self.definition
        )


class IndicatorResult(models.Model):
    """An indicator's score for one department and period (``scoring.Period.key``: "2026" or
    "2026Q4"), with the items behind it; recomputed by the worker, adjusted by assessors."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=pgettext_lazy("model", "考核指标"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("考核周期"), max_length=6, db_index=True)
    score = models.FloatField(_("得分"), null=True, blank=True)
    adjustment = models.FloatField(_("调整分"), default=0)
    # The indicator's weight when this result was computed: a closed period keeps it when the
    # indicator's weight changes later (``scoring.applied_weight``).
    weight = models.PositiveSmallIntegerField(_("计算时的权重"), default=0)
    total = models.PositiveIntegerField(_("事项数"), default=0)
    failing = models.PositiveIntegerField(_("未达标事项数"), default=0)
    items = models.JSONField(_("事项"), default=list, blank=True)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = pgettext_lazy("model", "指标得分")
        verbose_name_plural = pgettext_lazy("models", "指标得分")
        ordering = ["period", "department__sort_order", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "department", "period"], name="indicator_result_once"
            )
        ]

    def __str__(self):
        return f"{self.period} {self.department} {self.indicator}"

    @property
    def final_score(self) -> float | None:
        return scoring.adjusted(self.score, self.adjustment)


class Adjustment(models.Model):
    """考核调整: points an assessor adds to (or takes from) a score, with the reason; audited."""

    result = models.ForeignKey(
        IndicatorResult,
        verbose_name=pgettext_lazy("model", "指标得分"),
        on_delete=models.CASCADE,
        related_name="adjustments",
    )
    points = models.FloatField(_("调整分值"))
    reason = models.TextField(_("调整理由"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("调整人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("调整时间"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "考核调整")
        verbose_name_plural = pgettext_lazy("models", "考核调整")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.points:+g} {self.result}"


NOTICE_THRESHOLD_RANGE = _("通报分数线须在 0 到 100 之间。")


class AssessmentSettings(BaseGenericSetting):
    """考核设置: the 通报 line (通报分数线), under which a department's weighted total lists it
    for 通报 on the staff and public boards and in the draft notice.

    One line for the whole site, not one per period: it is a rule of the government's
    assessment method (考核办法, e.g. "年度考核得分低于60分的部门予以通报"), the same for every
    department and period and revised with the method, seldom. A line per period would leave
    each new quarter without one until somebody remembered to set it, or copy the last one
    unseen. Unlike a weight, the line changes no score, only whom the boards and the draft name;
    a notice already issued is a signed document of its own, and every change of the line is in
    the audit log with its value before and after and who changed it. Changed only through
    ``services.notice_threshold_set`` (the back office's form calls it)."""

    notice_threshold = models.PositiveSmallIntegerField(
        _("通报分数线"),
        default=60,
        validators=[
            MinValueValidator(0, message=NOTICE_THRESHOLD_RANGE),
            MaxValueValidator(100, message=NOTICE_THRESHOLD_RANGE),
        ],
        help_text=_(
            "加权总分低于此分数的部门列入通报；有指标得分低于其达标分的部门不论总分多少也列入通报。"
        ),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "考核设置")
        verbose_name_plural = pgettext_lazy("models", "考核设置")

    def __str__(self):
        return str(self._meta.verbose_name)
