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
