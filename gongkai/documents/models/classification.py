from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentKind(models.Model):
    """公文种类: 通知, 意见, 方案 …; kinds such as 表彰决定 need no interpretation (政策解读)."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=60, blank=True)
    needs_interpretation = models.BooleanField(
        _("需要解读"),
        default=True,
        help_text=_("除领导工作分工、责任分解、表彰决定等明显无需解读的文件外，均应进行解读。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "公文种类")
        verbose_name_plural = pgettext_lazy("models", "公文种类")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """主题分类: a hierarchical subject classification."""

    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=120, blank=True)
    slug = models.SlugField(_("标识"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "主题分类")
        verbose_name_plural = pgettext_lazy("models", "主题分类")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="topic_unique_name_in_parent")
        ]

    def __str__(self):
        return " / ".join(topic.name for topic in self.lineage())

    def lineage(self) -> list["Topic"]:
        """This topic and its ancestors, root first."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))
