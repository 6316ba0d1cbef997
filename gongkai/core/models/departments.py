from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.roles import Role


class DepartmentKind(models.TextChoices):
    DISTRICT = "district", _("区属部门")
    VERTICAL = "vertical", _("垂直管理部门")
    PARK_OFFICE = "park_office", _("园区办")
    AFFILIATED = "affiliated", _("直属企事业单位")
    OTHER = "other", _("其他")


class Department(models.Model):
    """部门 / 单位: a body that issues documents, answers requests and is assessed."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    aliases = models.JSONField(
        _("别名"),
        default=list,
        blank=True,
        help_text=_("其他写法，例如改革前的名称。"),
    )
    code = models.SlugField(
        _("机构代码"),
        max_length=30,
        unique=True,
        help_text=_("用于索引号。"),
    )
    kind = models.CharField(
        _("类别"),
        max_length=20,
        choices=DepartmentKind.choices,
        default=DepartmentKind.DISTRICT,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_openness_office = models.BooleanField(
        _("政务公开办"),
        default=False,
        help_text=_("负责审签并登记线下申请。"),
    )
    # The 政府信息公开工作机构's contact details the 政府信息公开指南 must give (条例 art. 12).
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    address_en = models.CharField(_("英文办公地址"), max_length=300, blank=True)
    office_hours = models.CharField(
        _("办公时间"),
        max_length=200,
        blank=True,
        help_text=_("例如：工作日 9:00—12:00，13:30—17:30"),
    )
    office_hours_en = models.CharField(_("英文办公时间"), max_length=300, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真号码"), max_length=50, blank=True)
    email = models.EmailField(_("联系邮箱"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "部门")
        verbose_name_plural = pgettext_lazy("models", "部门")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def all_names(self) -> list[str]:
        """Every name the department is written under, for matching imported text."""
        names = [self.name, self.short_name, *self.aliases]
        return [name for name in names if name]


class DepartmentGroup(models.Model):
    """部门组: a named set of departments, e.g. 区属各部门 or 各行政执法部门."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    departments = models.ManyToManyField(
        Department, verbose_name=_("部门"), related_name="groups", blank=True
    )
    kinds = models.JSONField(
        _("包含的部门类别"),
        default=list,
        blank=True,
        help_text=_("该类别的部门全部属于本组。"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "部门组")
        verbose_name_plural = pgettext_lazy("models", "部门组")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def members(self):
        return Department.objects.filter(
            models.Q(groups=self) | models.Q(kind__in=self.kinds)
        ).distinct()


class StaffProfile(models.Model):
    """A staff member's department. Their roles are their groups (see gongkai.core.roles)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField(_("主要角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = pgettext_lazy("model", "工作人员")
        verbose_name_plural = pgettext_lazy("models", "工作人员")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"
