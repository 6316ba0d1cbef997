"""政策通: enterprise profiles, support policies with their eligibility rule, programmes
(申报项目, published through the sign-off workflow) with their application window, funded projects (已入库项目) and stored matches.

Amounts are in 万元. A value an enterprise typed is self-declared (自行填报) until a member of
staff verifies it; which values were verified is kept beside them.
"""

import uuid
from datetime import timedelta

import numpy as np
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from gongkai.accounts.models import PublicAccount
from gongkai.core.models import Department
from gongkai.documents.models import Document
from gongkai.documents.models.workflow import SignedOffModel
from gongkai.enterprise import rules, uscc

CLOSING_SOON = timedelta(days=7)
# A window is still open at its closing instant and closed right after it.
CLOSED_AFTER = timedelta(microseconds=1)
QUALIFICATION_CHOICES = list(rules.QUALIFICATIONS.items())


def validate_uscc(value):
    if not uscc.is_valid(value):
        raise ValidationError(_("统一社会信用代码不正确（校验位不符或含非法字符）。"))


def validate_industry(value):
    try:
        rules.parse_industry(value)
    except rules.RuleError as error:
        raise ValidationError(str(error)) from None


def validate_region(value):
    try:
        rules.parse_region(value)
    except rules.RuleError as error:
        raise ValidationError(str(error)) from None


def new_token() -> str:
    return uuid.uuid4().hex


class Enterprise(ClusterableModel):
    """企业档案: one enterprise, kept by its own public account or by staff."""

    account = models.OneToOneField(
        PublicAccount,
        verbose_name=_("公众账号"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enterprise",
    )
    name = models.CharField(_("企业名称"), max_length=200)
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc]
    )
    industry = models.CharField(
        _("所属行业"),
        max_length=5,
        blank=True,
        validators=[validate_industry],
        help_text=_("国民经济行业分类（GB/T 4754）代码，如 C3911。"),
    )
    region = models.CharField(
        _("注册地"),
        max_length=6,
        blank=True,
        validators=[validate_region],
        help_text=_("六位行政区划代码，如 350102。"),
    )
    founded = models.DateField(_("成立日期"), null=True, blank=True)
    registered_capital = models.DecimalField(
        _("注册资本（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    employees = models.PositiveIntegerField(_("从业人数"), null=True, blank=True)
    tags = models.JSONField(_("标签"), default=list, blank=True)
    verified_fields = models.JSONField(
        _("已核实的字段"),
        default=list,
        blank=True,
        help_text=_("工作人员核实过的字段；其余为企业自行填报。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Moved whenever one of its yearly figures or qualifications is saved or deleted
    # (receivers.py; a bulk write, which sends no signal, moves it itself): with the fields of
    # this row, it names every fact the rules read of the enterprise, so a kept matches answer
    # is found without reading those rows.
    facts_token = models.CharField(max_length=32, default=new_token, editable=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "企业档案")
        verbose_name_plural = pgettext_lazy("models", "企业档案")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_verified(self, field_name: str) -> bool:
        return field_name in self.verified_fields


class YearlyFigures(Orderable):
    """年度经营数据: revenue and R&D spend of one year."""

    enterprise = ParentalKey(Enterprise, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("年度"))
    revenue = models.DecimalField(
        _("营业收入（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    rd_spend = models.DecimalField(
        _("研发投入（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    verified = models.BooleanField(_("已核实"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "年度经营数据")
        verbose_name_plural = pgettext_lazy("models", "年度经营数据")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="enterprise_year_once")
        ]

    def __str__(self):
        return f"{self.enterprise} {self.year}"


class Qualification(Orderable):
    """资质: a certificate (高新技术企业 ...) and its validity."""

    enterprise = ParentalKey(Enterprise, on_delete=models.CASCADE, related_name="qualifications")
    kind = models.CharField(_("资质"), max_length=20, choices=QUALIFICATION_CHOICES)
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期止"), null=True, blank=True)
    certificate_number = models.CharField(_("证书编号"), max_length=60, blank=True)
    verified = models.BooleanField(_("已核实"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "资质")
        verbose_name_plural = pgettext_lazy("models", "资质")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "kind"], name="enterprise_kind_once")
        ]

    def __str__(self):
        return f"{self.enterprise} {self.get_kind_display()}"


class SupportPolicy(models.Model):
    """扶持政策: a document of the library (or part of it) whose 申报条件 are a rule."""

    title = models.CharField(_("政策名称"), max_length=300)
    document = models.ForeignKey(
        Document,
        verbose_name=_("政策文件"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_policies",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("主管部门"),
        on_delete=models.PROTECT,
        related_name="support_policies",
    )
    conditions_text = models.TextField(
        _("申报条件原文"),
        blank=True,
        help_text=_("从政策文件摘录的申报条件，用于提取候选条件。"),
    )
    rule = models.JSONField(
        _("申报条件规则"),
        default=dict,
        blank=True,
        help_text=_("条件树（全部满足 / 满足其一 / 不满足），每个条件注明依据条款。"),
    )
    active = models.BooleanField(_("参与匹配"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "扶持政策")
        verbose_name_plural = pgettext_lazy("models", "扶持政策")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.rule:
            try:
                rules.parse(self.rule)
            except rules.RuleError as error:
                raise ValidationError({"rule": str(error)}) from None

    def parsed_rule(self):
        return rules.parse(self.rule) if self.rule else None


def _ids(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<i4") if data else np.zeros(0, "<i4")


class PolicyMatch(models.Model):
    """匹配结果: the enterprises of one policy by outcome, packed as little-endian int32 ids."""

    policy = models.OneToOneField(
        SupportPolicy, on_delete=models.CASCADE, related_name="match", verbose_name=_("扶持政策")
    )
    as_of = models.DateField(_("匹配日期"))
    met_ids = models.BinaryField(default=b"")
    near_ids = models.BinaryField(default=b"")
    unknown_ids = models.BinaryField(default=b"")
    met_count = models.PositiveIntegerField(_("符合"), default=0)
    near_count = models.PositiveIntegerField(_("差一项"), default=0)
    unknown_count = models.PositiveIntegerField(_("缺少数据"), default=0)
    computed_at = models.DateTimeField(_("匹配时间"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "匹配结果")
        verbose_name_plural = pgettext_lazy("models", "匹配结果")

    def __str__(self):
        return str(self.policy)

    def ids(self, outcome: str) -> np.ndarray:
        return _ids(bytes(getattr(self, f"{outcome}_ids")))


class ProgrammeState(models.TextChoices):
    UPCOMING = "upcoming", _("即将开始")
    OPEN = "open", _("申报中")
    CLOSING = "closing", _("即将截止")
    CLOSED = "closed", _("已截止")


class Programme(SignedOffModel):
    """申报项目: a call for applications under a policy, open in a window; public once signed
    off (部门负责人审核 → 政务公开办审签), as documents are."""

    policy = models.ForeignKey(
        SupportPolicy,
        verbose_name=_("扶持政策"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("受理部门"), on_delete=models.PROTECT, related_name="programmes"
    )
    title = models.CharField(_("项目名称"), max_length=300)
    opens_at = models.DateTimeField(_("申报开始时间"))
    closes_at = models.DateTimeField(_("申报截止时间"))
    where_to_apply = models.CharField(
        _("申报地址"), max_length=500, help_text=_("网上申报网址或窗口地址。")
    )
    how_to_apply = models.TextField(_("申报方式"), blank=True)
    materials = models.TextField(_("申报材料"), blank=True)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="programme")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="programme",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "申报项目")
        verbose_name_plural = pgettext_lazy("models", "申报项目")
        ordering = ["closes_at"]
        indexes = [models.Index(fields=["live", "closes_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="window_forward"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("enterprise:programme", args=[self.pk])

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("截止时间应晚于开始时间。")})

    def get_preview_template(self, request, mode_name):
        return "enterprise/programme.html"

    def get_preview_context(self, request, mode_name):
        state = self.state() if self.opens_at and self.closes_at else None
        return {"programme": self, "state": state, "section": "enterprise", "preview": True}

    def state(self, now=None) -> ProgrammeState:
        now = now or timezone.now()
        if now < self.opens_at:
            return ProgrammeState.UPCOMING
        if now > self.closes_at:
            return ProgrammeState.CLOSED
        if self.closes_at - now <= CLOSING_SOON:
            return ProgrammeState.CLOSING
        return ProgrammeState.OPEN

    def get_state_display(self) -> str:
        return self.state().label

    def next_change(self, now=None):
        """When ``state()`` next changes after ``now`` (None once closed): the window opens,
        enters its last CLOSING_SOON, closes (just after ``closes_at``, which is still open)."""
        now = now or timezone.now()
        last_week = max(self.opens_at, self.closes_at - CLOSING_SOON)  # may open in it
        moments = (self.opens_at, last_week, self.closes_at + CLOSED_AFTER)
        return min((moment for moment in moments if moment > now), default=None)


class FundedProject(models.Model):
    """已入库项目: a project funded under a programme."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("申报项目"),
        on_delete=models.PROTECT,
        related_name="funded_projects",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("企业"),
        on_delete=models.PROTECT,
        related_name="funded_projects",
    )
    title = models.CharField(_("项目名称"), max_length=300)
    amount = models.DecimalField(_("扶持金额（万元）"), max_digits=14, decimal_places=2)
    public = models.BooleanField(
        _("公开"), default=True, help_text=_("涉及商业秘密等不宜公开的项目不公开。")
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "已入库项目")
        verbose_name_plural = pgettext_lazy("models", "已入库项目")
        ordering = ["-year", "programme"]

    def __str__(self):
        return self.title


class PolicyRevision(models.Model):
    """政策规则版本: one row whose token changes whenever a support policy or a programme is
    saved or deleted (receivers.py). Each process keeps the rules compiled and the next windows
    under the token it read (selectors.compiled_policies) and makes them again when it moves;
    a random token, not a counter, so that a rolled-back change is not mistaken for the next."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = pgettext_lazy("model", "政策规则版本")
        verbose_name_plural = pgettext_lazy("models", "政策规则版本")

    def __str__(self):
        return self.token
