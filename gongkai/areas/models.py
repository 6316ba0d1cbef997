"""重点领域: structured records of the key-area columns. 办事指南 (service guides: how to get a
service item done, with the documents it rests on) and the 证明事项清单 (the certificates a
department still asks citizens for, each with the basis for keeping it). A guide whose basis
document is repealed or has expired is flagged 待修订 (``rules.revision_reasons``)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from gongkai.core.models import Department
from gongkai.documents.models import Document


class ServiceGuide(ClusterableModel):
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
    published = models.BooleanField(_("已公开"), default=False, db_index=True)
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

    class Meta:
        verbose_name = pgettext_lazy("model", "办事指南")
        verbose_name_plural = pgettext_lazy("models", "办事指南")
        ordering = ["department__name", "name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("areas:guide", args=[self.pk])

    def clean(self):
        super().clean()
        statutory, promised = self.statutory_days, self.promised_days
        if statutory is not None and promised is not None and promised > statutory:
            raise ValidationError({"promised_days": _("承诺办结时限不能超过法定办结时限。")})
        if not self.free and not self.fees.strip():
            raise ValidationError({"fees": _("收费的事项须写明收费标准。")})

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


class CertificateItem(models.Model):
    """证明事项: a certificate a department asks for, kept (with the basis for keeping it) or
    cancelled (证明事项清单)."""

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

    class Meta:
        verbose_name = pgettext_lazy("model", "证明事项")
        verbose_name_plural = pgettext_lazy("models", "证明事项清单")
        ordering = ["department__name", "name", "id"]

    def __str__(self):
        return self.name
