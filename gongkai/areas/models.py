"""重点领域: structured records of the key-area columns. 办事指南 (service guides: how to get a
service item done, with the documents it rests on) and the 证明事项清单 (the certificates a
department still asks citizens for, each with the basis for keeping it). A guide whose basis
document is repealed or has expired is flagged 待修订 (``rules.revision_reasons``).

财政预决算 (budgets and final accounts, one record per department, year and kind, with the
tables of its XLSX as data) and 政府债务 (the government's debt: limit, balance, new bonds,
use and repayment, per year and kind of bond), guides and certificate items are published
through the sign-off workflow (部门负责人审核 → 政务公开办审签), as documents are."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from gongkai.areas import rules
from gongkai.core.models import Department
from gongkai.documents.models import Document
from gongkai.documents.models.workflow import SignedOffModel, SignedOffPublishingMixin
from gongkai.documents.validators import validate_attachment_file


class ServiceGuide(
    SignedOffPublishingMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """办事指南: one service item (政务服务事项) as a citizen needs it to apply."""

    name = models.CharField(_("事项名称"), max_length=200)
    code = models.CharField(_("事项编码"), max_length=50, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("实施部门"),
        on_delete=models.PROTECT,
        related_name="service_guides",
    )
    basis_documents = models.ManyToManyField(
        Document,
        verbose_name=_("依据文件"),
        through="GuideBasis",
        related_name="service_guides",
        blank=True,
    )
    basis = models.TextField(
        _("设定依据"),
        max_length=5000,
        help_text=_("法律、法规、规章及规范性文件的名称和条款。"),
    )
    conditions = models.TextField(_("受理条件"), max_length=5000)
    statutory_days = models.PositiveSmallIntegerField(
        _("法定办结时限（工作日）"), null=True, blank=True
    )
    promised_days = models.PositiveSmallIntegerField(
        _("承诺办结时限（工作日）"), null=True, blank=True, help_text=_("0 表示即办。")
    )
    free = models.BooleanField(_("不收费"), default=True)
    fees = models.TextField(
        _("收费标准"), max_length=2000, blank=True, help_text=_("收费的，写明标准和依据。")
    )
    flow = models.TextField(_("办理流程"), max_length=5000, help_text=_("每行一个步骤。"))
    where_to_apply = models.TextField(
        _("办理地点"), max_length=1000, help_text=_("地址和办理时间。")
    )
    contact = models.CharField(_("咨询电话"), max_length=100, blank=True)
    online_url = models.URLField(_("网上办理"), max_length=500, blank=True)
    needs_revision = models.BooleanField(
        _("待修订"),
        default=False,
        db_index=True,
        editable=False,
        help_text=_("依据文件已废止或失效。"),
    )
    revision_reason = models.TextField(_("待修订原因"), blank=True, editable=False)
    search_words = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="service_guide")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="service_guide",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "办事指南")
        verbose_name_plural = pgettext_lazy("models", "办事指南")
        ordering = ["department__name", "name", "id"]
        indexes = [models.Index(fields=["live", "department"])]

    # Kept from the row when a revision is published or restored: whether a basis is still in
    # force belongs to the guide as it is now (a basis repealed while a draft waited), and is
    # worked out again once a new version is live (services.guide_published).
    PRESERVED_ON_REVISION = ("needs_revision", "revision_reason", "search_words")

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.PRESERVED_ON_REVISION:
            setattr(obj, field, getattr(self, field))
        return obj

    def get_absolute_url(self):
        return reverse("areas:guide", args=[self.pk])

    def clean(self):
        super().clean()
        statutory, promised = self.statutory_days, self.promised_days
        if statutory is not None and promised is not None and promised > statutory:
            raise ValidationError({"promised_days": _("承诺办结时限不能超过法定办结时限。")})
        if not self.free and not self.fees.strip():
            raise ValidationError({"fees": _("收费的事项须写明收费标准。")})

    def get_preview_template(self, request, mode_name):
        return "areas/guide.html"

    def get_preview_context(self, request, mode_name):
        documents = [basis.document for basis in self.bases.all()]
        stale = [doc for doc in documents if doc.validity in rules.NOT_IN_FORCE]
        return {"guide": self, "documents": documents, "stale": stale, "section": "services"}

    @property
    def flow_steps(self) -> list[str]:
        return [line.strip() for line in self.flow.splitlines() if line.strip()]


class GuideBasis(Orderable):
    """A document of the library a guide rests on (设定依据)."""

    guide = ParentalKey(ServiceGuide, on_delete=models.CASCADE, related_name="bases")
    document = models.ForeignKey(
        Document, verbose_name=_("依据文件"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("依据文件")
        verbose_name_plural = _("依据文件")

    def __str__(self):
        return str(self.document)


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    BOTH = "both", _("原件和复印件")
    ELECTRONIC = "electronic", _("电子材料")


class MaterialNeed(models.TextChoices):
    REQUIRED = "required", _("必需")
    CONDITIONAL = "conditional", _("视情形提交")
    DEFERRABLE = "deferrable", _("可容缺后补")


class GuideMaterial(Orderable):
    """申请材料: one material of a guide's list."""

    guide = ParentalKey(ServiceGuide, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=300)
    form = models.CharField(
        _("材料形式"), max_length=12, choices=MaterialForm.choices, default=MaterialForm.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    need = models.CharField(
        _("是否必需"), max_length=12, choices=MaterialNeed.choices, default=MaterialNeed.REQUIRED
    )
    note = models.CharField(_("备注"), max_length=500, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self):
        return self.name


class CertificateStatus(models.TextChoices):
    RETAINED = "retained", pgettext_lazy("certificate", "保留")
    CANCELLED = "cancelled", pgettext_lazy("certificate", "取消")


class CertificateItem(SignedOffModel):
    """证明事项: a certificate a department asks for, kept (with the basis for keeping it) or
    cancelled (证明事项清单), published through the sign-off workflow."""

    name = models.CharField(_("证明名称"), max_length=200)
    department = models.ForeignKey(
        Department,
        verbose_name=_("索要部门"),
        on_delete=models.PROTECT,
        related_name="certificate_items",
    )
    used_for = models.CharField(_("用于办理的事项"), max_length=300, blank=True)
    issuing_body = models.CharField(_("开具单位"), max_length=200)
    basis = models.TextField(
        _("设定依据"), max_length=5000, help_text=_("保留该证明的法律、法规或规章条款。")
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.RETAINED,
        db_index=True,
    )
    note = models.CharField(
        _("备注"),
        max_length=500,
        blank=True,
        help_text=_("取消的，写明替代方式（如告知承诺、部门核查）。"),
    )
    search_words = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="certificate_item")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="certificate_item",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "证明事项")
        verbose_name_plural = pgettext_lazy("models", "证明事项清单")
        ordering = ["department__name", "name", "id"]
        indexes = [models.Index(fields=["live", "department"])]

    # Kept from the row when a revision is published or restored: the words are worked out
    # again once the new version is live (services.certificate_published).
    PRESERVED_ON_REVISION = ("search_words",)

    def __str__(self):
        return self.name

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.PRESERVED_ON_REVISION:
            setattr(obj, field, getattr(self, field))
        return obj

    def get_preview_template(self, request, mode_name):
        return "areas/certificate_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"certificates": [self], "section": "services"}


# --- 财政预决算 and 政府债务 -------------------------------------------------------------------

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class SignedOffRecord(SignedOffModel):
    """A record published through the sign-off workflow, dated when it first goes live."""

    disclosed_on = models.DateField(
        _("公开日期"), null=True, blank=True, help_text=_("留空则在审签发布之日自动填写。")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class BudgetKind(models.TextChoices):
    DEPARTMENT_BUDGET = "department_budget", _("部门预算")
    DEPARTMENT_FINAL = "department_final", _("部门决算")
    GOVERNMENT_BUDGET = "government_budget", _("政府预算")
    GOVERNMENT_FINAL = "government_final", _("政府决算")
    THREE_PUBLIC_BUDGET = "three_public_budget", _("“三公”经费预算")
    THREE_PUBLIC_FINAL = "three_public_final", _("“三公”经费决算")


def budget_upload_to(instance, filename):
    return f"budgets/{instance.year}/{filename}"


class BudgetDisclosure(SignedOffRecord):
    """财政预决算公开: a department's (or the government's) budget or final account of a year,
    the document of the library that publishes it and/or its file; an XLSX file's tables are
    kept as data (``tables``, read by ``gongkai.areas.tables``)."""

    title = models.CharField(_("标题"), max_length=200)
    department = models.ForeignKey(
        Department,
        verbose_name=_("公开部门"),
        on_delete=models.PROTECT,
        related_name="budget_disclosures",
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("类别"), max_length=20, choices=BudgetKind.choices)
    document = models.ForeignKey(
        Document,
        verbose_name=_("公开文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_disclosures",
        help_text=_("文件库中公开该预决算的文件（如有）。"),
    )
    file = models.FileField(
        _("预决算表格"),
        upload_to=budget_upload_to,
        max_length=300,
        blank=True,
        validators=[validate_attachment_file],
        help_text=_("xlsx 工作簿的表格将作为数据公开；也可上传 pdf 等格式。"),
    )
    tables = models.JSONField(_("表格数据"), default=list, blank=True, editable=False)
    note = models.TextField(_("说明"), max_length=2000, blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="budget_disclosure")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="budget_disclosure",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "财政预决算")
        verbose_name_plural = pgettext_lazy("models", "财政预决算")
        ordering = ["-year", "department__name", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "kind"],
                name="areas_budget_one_per_department_year_kind",
                violation_error_message=_("该部门该年度的这类预决算已有记录，请编辑原记录。"),
            )
        ]
        indexes = [models.Index(fields=["live", "-year"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("finance:budget", args=[self.pk])

    def clean(self):
        super().clean()
        if not (self.document_id or self.file):
            raise ValidationError(_("请选择公开文件或上传预决算表格。"), code="no_source")

    def get_preview_template(self, request, mode_name):
        return "areas/budget.html"

    def get_preview_context(self, request, mode_name):
        return {"record": self, "preview": True}


def amount_field(label, **kwargs):
    """万元, two decimals, never negative."""
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


class DebtKind(models.TextChoices):
    GENERAL = "general", _("一般债务")
    SPECIAL = "special", _("专项债务")


class DebtDisclosure(SignedOffRecord):
    """政府债务公开: the government's debt of one kind (一般债务, repaid from the general budget;
    专项债务, from the funds of the projects) in one year, in 万元: the limit set by the
    higher level, the balance at the year's end, the bonds issued, what was repaid, and the
    use of the new bonds."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("公开部门"),
        on_delete=models.PROTECT,
        related_name="debt_disclosures",
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("债务类别"), max_length=10, choices=DebtKind.choices)
    limit = amount_field(_("债务限额（万元）"))
    balance = amount_field(_("债务余额（万元）"))
    new_bonds = amount_field(_("新增债券发行额（万元）"), default=0)
    refinancing_bonds = amount_field(_("再融资债券发行额（万元）"), default=0)
    principal_repaid = amount_field(_("还本额（万元）"), default=0)
    interest_paid = amount_field(_("付息额（万元）"), default=0)
    use_of_funds = models.TextField(
        _("新增债券资金使用安排"), max_length=5000, blank=True, help_text=_("每行一个项目。")
    )
    repayment = models.TextField(_("还本付息情况"), max_length=5000, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("公开文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="debt_disclosures",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="debt_disclosure")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="debt_disclosure",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "政府债务")
        verbose_name_plural = pgettext_lazy("models", "政府债务")
        ordering = ["-year", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "kind"],
                name="areas_debt_one_per_department_year_kind",
                violation_error_message=_("该年度的这类债务已有记录，请编辑原记录。"),
            )
        ]

    def __str__(self):
        return str(_("%(year)s年%(kind)s") % {"year": self.year, "kind": self.get_kind_display()})

    @property
    def projects(self) -> list[str]:
        return [line.strip() for line in self.use_of_funds.splitlines() if line.strip()]

    def get_preview_template(self, request, mode_name):
        return "areas/debt_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"debts": [self], "preview": True}


# --- 就业 and 放管服 ---------------------------------------------------------------------------


class ColumnRecord(SignedOffRecord):
    """A record of a key-area column found by words (就业, 放管服): one department's, of a year,
    with its title, the document of the library that publishes it when there is one, and the
    words it is found by (``rules.search_words`` of ``search_texts()``, kept when it goes live)."""

    title = models.CharField(_("标题"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    search_words = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def search_texts(self) -> list[str]:
        raise NotImplementedError


class EmploymentKind(models.TextChoices):
    PROGRAMME = "programme", _("就业项目")
    SUBSIDY = "subsidy", _("就业补贴")
    JOB_FAIR = "job_fair", _("招聘会")


class EmploymentRecord(ColumnRecord):
    """就业信息: a 就业项目 (a programme: 见习, 培训, 创业扶持...), a 就业补贴 (who gets how much, by
    which standard) or a 招聘会 (a job fair: when and where), with whom it is for, how to apply
    and whom to ask."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("公开部门"),
        on_delete=models.PROTECT,
        related_name="employment_records",
    )
    kind = models.CharField(_("类别"), max_length=10, choices=EmploymentKind.choices)
    summary = models.TextField(_("摘要"), max_length=500)
    body = models.TextField(_("正文"), max_length=10000, blank=True)
    target_groups = models.CharField(
        _("适用对象"), max_length=300, blank=True, help_text=_("如高校毕业生、就业困难人员。")
    )
    standard = models.TextField(
        _("补贴标准"), max_length=2000, blank=True, help_text=_("就业补贴须写明补贴标准。")
    )
    amount = amount_field(_("补贴金额（元）"), null=True, blank=True)
    held_on = models.DateField(_("举办日期"), null=True, blank=True)
    place = models.CharField(_("举办地点"), max_length=200, blank=True)
    how_to_apply = models.TextField(_("申请方式"), max_length=2000, blank=True)
    contact = models.CharField(_("咨询电话"), max_length=100, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("公开文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employment_records",
        help_text=_("文件库中公开该信息的文件（如有）。"),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="employment_record")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="employment_record",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "就业信息")
        verbose_name_plural = pgettext_lazy("models", "就业信息")
        ordering = ["-year", "-disclosed_on", "-id"]
        indexes = [models.Index(fields=["live", "-year"])]

    def get_absolute_url(self):
        return reverse("keyareas:employment_record", args=[self.pk])

    def clean(self):
        super().clean()
        if self.kind == EmploymentKind.SUBSIDY and not (self.standard.strip() or self.amount):
            raise ValidationError({"standard": _("就业补贴须写明补贴标准或金额。")})
        if self.kind == EmploymentKind.JOB_FAIR and not (self.held_on and self.place.strip()):
            raise ValidationError({"held_on": _("招聘会须写明举办日期和地点。")})

    def search_texts(self) -> list[str]:
        return [self.title, self.summary, self.body, self.target_groups, self.place]

    def get_preview_template(self, request, mode_name):
        return "areas/employment.html"

    def get_preview_context(self, request, mode_name):
        return {"record": self, "preview": True}


class ReformCategory(models.TextChoices):
    STREAMLINE = "streamline", _("简政放权")
    REGULATE = "regulate", _("放管结合")
    SERVE = "serve", _("优化服务")


class ReformStatus(models.TextChoices):
    PLANNED = "planned", _("拟实施")
    UNDER_WAY = "under_way", _("实施中")
    DONE = "done", _("已完成")


class ReformMeasure(ColumnRecord):
    """放管服改革措施: a measure of 简政放权 (powers handed down or cancelled), 放管结合 (regulation
    after the event) or 优化服务 (better services), what it changes, the document it rests on, from
    when it applies and how far it has come."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("实施部门"),
        on_delete=models.PROTECT,
        related_name="reform_measures",
    )
    category = models.CharField(_("改革类别"), max_length=10, choices=ReformCategory.choices)
    content = models.TextField(_("改革内容"), max_length=10000)
    basis = models.TextField(
        pgettext_lazy("legal basis", "依据"),
        max_length=2000,
        blank=True,
        help_text=_("文件名称和条款。"),
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("依据文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reform_measures",
        help_text=_("文件库中的依据文件（如有）。"),
    )
    implemented_on = models.DateField(_("实施日期"), null=True, blank=True)
    status = models.CharField(
        _("实施状态"), max_length=10, choices=ReformStatus.choices, default=ReformStatus.PLANNED
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="reform_measure")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="reform_measure",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "放管服改革措施")
        verbose_name_plural = pgettext_lazy("models", "放管服改革措施")
        ordering = ["-year", "-implemented_on", "-id"]
        indexes = [models.Index(fields=["live", "-year"])]

    def get_absolute_url(self):
        return reverse("keyareas:reform", args=[self.pk])

    def clean(self):
        super().clean()
        if not (self.basis.strip() or self.document_id):
            raise ValidationError({"basis": _("请写明依据或选择依据文件。")})

    def search_texts(self) -> list[str]:
        return [self.title, self.content, self.basis]

    def get_preview_template(self, request, mode_name):
        return "areas/reform.html"

    def get_preview_context(self, request, mode_name):
        return {"record": self, "preview": True}
