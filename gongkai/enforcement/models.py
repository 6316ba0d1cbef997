"""行政执法公示: each department's list of enforcement powers (行政执法事项清单, versioned), its
enforcement decisions published on a clock and masked, the public's feedback on them, and the
random inspections drawn verifiably (双随机、一公开). Rules: regulations.md §3; the clocks are in
``deadlines``, the masking in ``masking``, the draw in ``gongkai.core.draw``."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.models import Department
from gongkai.documents.models import Document


class Kind(models.TextChoices):
    """执法类别 (the kinds of administrative enforcement)."""

    LICENCE = "licence", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    LEVY = "levy", _("行政征收")
    REQUISITION = "requisition", _("行政征用")
    CONFIRMATION = "confirmation", _("行政确认")
    BENEFIT = "benefit", _("行政给付")
    ADJUDICATION = "adjudication", _("行政裁决")
    AWARD = "award", _("行政奖励")
    OTHER = "other", _("其他行政权力")


class TargetKind(models.TextChoices):
    NATURAL = "natural", _("自然人")
    LEGAL = "legal", _("法人")
    OTHER = "other", _("其他组织")


class ItemListVersion(models.Model):
    """One published version of a department's 行政执法事项清单; its items are the list."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        on_delete=models.PROTECT,
        related_name="enforcement_lists",
    )
    number = models.PositiveIntegerField(_("版本号"))
    note = models.CharField(_("修订说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "执法事项清单")
        verbose_name_plural = pgettext_lazy("models", "执法事项清单")
        ordering = ["department", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "number"], name="enforcement_list_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.department} v{self.number}"

    def get_absolute_url(self):
        return reverse("enforcement:items", args=[self.department_id]) + f"?version={self.number}"


class Item(models.Model):
    """行政执法事项: one power in a version of the list (事前公开)."""

    version = models.ForeignKey(
        ItemListVersion, verbose_name=_("版本"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(_("事项编码"), max_length=50, blank=True)
    name = models.CharField(_("事项名称"), max_length=300)
    kind = models.CharField(_("执法类别"), max_length=20, choices=Kind.choices)
    legal_basis = models.TextField(_("设定依据"), max_length=5000)
    basis_documents = models.ManyToManyField(
        Document,
        verbose_name=_("依据文件"),
        blank=True,
        related_name="enforcement_items",
        help_text=_("文件库中已有的依据文件。"),
    )
    acting_body = models.CharField(_("实施主体"), max_length=200)
    procedure = models.TextField(_("办理程序"), max_length=5000, blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=200, blank=True)
    remedy = models.TextField(_("救济渠道"), max_length=2000, blank=True)
    random_inspection = models.BooleanField(_("列入随机抽查事项清单"), default=False)
    position = models.PositiveIntegerField(_("序号"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "执法事项")
        verbose_name_plural = pgettext_lazy("models", "执法事项")
        ordering = ["version", "position", "id"]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("未公开")
    PUBLISHED = "published", _("已公开")
    WITHDRAWN = "withdrawn", _("已撤回")
    EXPIRED = "expired", _("已到期撤下")


class WithdrawalReason(models.TextChoices):
    REVOKED = "revoked", _("撤销")
    CHANGED = "changed", _("变更")
    ANNULLED = "annulled", _("确认无效")
    ILLEGAL = "illegal", _("确认违法")
    REMADE = "remade", _("责令重新作出")


class Decision(models.Model):
    """行政执法决定: the full record (staff only) and its public, masked version beside it."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("执法部门"),
        on_delete=models.PROTECT,
        related_name="enforcement_decisions",
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("执法事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    kind = models.CharField(_("执法类别"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("执法文书号"), max_length=100)
    target_kind = models.CharField(_("当事人类别"), max_length=10, choices=TargetKind.choices)
    target_name = models.CharField(_("当事人名称"), max_length=200)
    target_code = models.CharField(
        _("证件号码"),
        max_length=30,
        blank=True,
        help_text=_("法人和其他组织填写统一社会信用代码；自然人填写身份证号码（不公开）。"),
    )
    other_names = models.TextField(
        _("文中其他自然人姓名"),
        max_length=2000,
        blank=True,
        help_text=_("每行一个；公开文本中将删除。"),
    )
    facts = models.TextField(_("主要违法事实"), max_length=20000)
    legal_basis = models.TextField(_("执法依据"), max_length=5000)
    conclusion = models.TextField(_("执法结论"), max_length=5000)
    penalty_amount = models.DecimalField(
        _("罚没金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    decided_on = models.DateField(_("决定日期"), db_index=True)
    publication_due = models.DateField(_("公开期限"), db_index=True)
    minor = models.BooleanField(_("当事人是未成年人"), default=False)

    public_target_name = models.CharField(_("公开的当事人名称"), max_length=200, blank=True)
    public_facts = models.TextField(_("公开的违法事实"), max_length=20000, blank=True)
    public_legal_basis = models.TextField(_("公开的执法依据"), max_length=5000, blank=True)
    public_conclusion = models.TextField(_("公开的执法结论"), max_length=5000, blank=True)

    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    takedown_on = models.DateField(_("公开截止日期"), null=True, blank=True, db_index=True)
    withdrawal_reason = models.CharField(
        _("撤回原因"), max_length=10, choices=WithdrawalReason.choices, blank=True
    )
    withdrawal_event_on = models.DateField(_("撤销等决定日期"), null=True, blank=True)
    withdrawal_due = models.DateField(_("撤回期限"), null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_note = models.CharField(_("撤回说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "执法决定")
        verbose_name_plural = pgettext_lazy("models", "执法决定")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "number"], name="enforcement_decision_number_unique"
            )
        ]
        # The public list: newest first, filtered by department or kind (the department's
        # also answers which departments have a published decision).
        indexes = [
            models.Index(fields=["status", "-decided_on", "-id"]),
            models.Index(
                fields=["status", "department", "-decided_on", "-id"],
                name="enforcement_public_department",
            ),
            models.Index(
                fields=["status", "kind", "-decided_on", "-id"], name="enforcement_public_kind"
            ),
            # The list's text search (number or public name contains q, case-insensitive as
            # Django's icontains, UPPER on PostgreSQL): trigrams, on PostgreSQL only. SQLite
            # has an FTS5 trigram table kept by triggers instead (migration 0003): a migration
            # that remakes this table on SQLite drops those triggers and must create them again.
            GinIndex(OpClass(Upper("number"), name="gin_trgm_ops"), name="enforcement_number_trgm"),
            GinIndex(
                OpClass(Upper("public_target_name"), name="gin_trgm_ops"),
                name="enforcement_target_trgm",
            ),
        ]
        permissions = [("publish_decision", _("公开和撤回执法决定"))]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("enforcement:decision", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED


class FeedbackKind(models.TextChoices):
    WRONG = "wrong", _("信息有误")
    INCOMPLETE = "incomplete", _("信息不完整")
    OTHER = "other", pgettext_lazy("feedback", "其他")


class Feedback(models.Model):
    """公众反馈 on a published decision, routed to its department with a reply deadline."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("执法决定"), on_delete=models.CASCADE, related_name="feedback"
    )
    kind = models.CharField(_("反馈类型"), max_length=12, choices=FeedbackKind.choices)
    text = models.TextField(_("反馈内容"), max_length=2000)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    reply_due = models.DateField(_("答复期限"), db_index=True)
    reply = models.TextField(_("答复"), max_length=5000, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "执法公示反馈")
        verbose_name_plural = pgettext_lazy("models", "执法公示反馈")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.decision} #{self.pk}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("准备中")
    COMMITTED = "committed", _("已公布承诺")
    DRAWN = "drawn", _("已抽取")


class InspectionPlan(models.Model):
    """双随机抽查计划: the entity list and inspector pool, published with their hashes and a
    commitment to the seed before the draw; the draw and its verification (gongkai.core.draw)."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    title = models.CharField(_("计划名称"), max_length=200)
    item = models.ForeignKey(
        Item,
        verbose_name=_("抽查事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_plans",
    )
    entities = models.JSONField(_("检查对象名录"), default=list)
    inspectors = models.JSONField(_("执法检查人员库"), default=list)
    exclusions = models.JSONField(
        _("回避名单"), default=list, help_text=_("每项为［检查人员, 检查对象］。")
    )
    entity_count = models.PositiveIntegerField(_("抽取对象数"))
    inspectors_per_entity = models.PositiveIntegerField(_("每个对象的检查人员数"), default=2)
    entity_list_sha256 = models.CharField(_("对象名录哈希值"), max_length=64, blank=True)
    inspector_pool_sha256 = models.CharField(_("人员库哈希值"), max_length=64, blank=True)
    exclusions_sha256 = models.CharField(_("回避名单哈希值"), max_length=64, blank=True)
    seed = models.CharField(max_length=64, blank=True)
    seed_commitment = models.CharField(_("种子承诺值"), max_length=64, blank=True)
    committed_at = models.DateTimeField(_("承诺公布时间"), null=True, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    result = models.JSONField(_("抽取结果"), default=list, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "抽查计划")
        verbose_name_plural = pgettext_lazy("models", "抽查计划")
        ordering = ["-created_at", "-id"]
        permissions = [("draw_inspectionplan", _("公布承诺和抽取"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("enforcement:plan", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status != PlanStatus.DRAFT


class Outcome(models.TextChoices):
    NO_PROBLEM = "no_problem", _("未发现问题")
    PROBLEM = "problem", _("发现问题")
    NOT_FOUND = "not_found", _("未找到检查对象")


class InspectionResult(models.Model):
    """The result of inspecting one drawn entity, published after the inspection."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.CASCADE, related_name="results"
    )
    entity = models.CharField(_("检查对象"), max_length=300)
    outcome = models.CharField(_("检查结果"), max_length=12, choices=Outcome.choices)
    follow_up = models.TextField(_("后续处理"), max_length=5000, blank=True)
    public_follow_up = models.TextField(_("公开的后续处理"), max_length=5000, blank=True)
    inspected_on = models.DateField(_("检查日期"))
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "抽查结果")
        verbose_name_plural = pgettext_lazy("models", "抽查结果")
        ordering = ["plan", "entity"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "entity"], name="inspection_result_unique")
        ]

    def __str__(self):
        return f"{self.plan} · {self.entity}"
