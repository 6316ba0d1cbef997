from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.documents.models.document import Document


class ImportRecord(models.Model):
    """导入记录: which file a document was imported from, so a re-run recognises the file
    (by SHA-256) and the import's findings (unknown issuers, reader warnings) are kept."""

    document = models.ForeignKey(
        Document,
        verbose_name=pgettext_lazy("document", "文件"),
        on_delete=models.CASCADE,
        related_name="import_records",
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    filename = models.CharField(_("文件名"), max_length=500)
    file_format = models.CharField(_("格式"), max_length=10)
    encoding = models.CharField(_("编码"), max_length=30, blank=True)
    unknown_issuers = models.JSONField(_("未匹配的发文机关"), default=list)
    warnings = models.JSONField(_("提示"), default=list)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "导入记录")
        verbose_name_plural = pgettext_lazy("models", "导入记录")

    def __str__(self):
        return self.filename


class ImportedField(models.Model):
    """导入字段核对: one metadata field of a document imported through the form, as
    extraction found it (with how sure it was and where it read it) and as the editor
    saved it, so the accuracy of extraction on real imports can be reported
    (`gongkai extract --stats`)."""

    record = models.ForeignKey(
        ImportRecord,
        verbose_name=_("导入记录"),
        on_delete=models.CASCADE,
        related_name="fields",
    )
    name = models.CharField(_("字段"), max_length=40)
    extracted = models.TextField(_("提取值"), blank=True)
    final = models.TextField(_("保存值"), blank=True)
    confidence = models.CharField(_("把握"), max_length=10, blank=True)
    source = models.CharField(_("提取来源"), max_length=100, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "导入字段核对")
        verbose_name_plural = pgettext_lazy("models", "导入字段核对")
        constraints = [
            models.UniqueConstraint(fields=["record", "name"], name="imported_field_once")
        ]

    def __str__(self):
        return f"{self.record_id}:{self.name}"

    @property
    def corrected(self) -> bool:
        return self.extracted != self.final
