from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models.document import Document


class ImportRecord(models.Model):
    """导入记录: which file a document was imported from, so a re-run recognises the file
    (by SHA-256) and the import's findings (unknown issuers, reader warnings) are kept."""

    document = models.ForeignKey(
        Document,
        verbose_name=_("文件 document"),
        on_delete=models.CASCADE,
        related_name="import_records",
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    filename = models.CharField(_("文件名 file name"), max_length=500)
    file_format = models.CharField(_("格式 format"), max_length=10)
    encoding = models.CharField(_("编码 encoding"), max_length=30, blank=True)
    unknown_issuers = models.JSONField(_("未匹配的发文机关 unknown issuers"), default=list)
    warnings = models.JSONField(_("提示 warnings"), default=list)
    imported_at = models.DateTimeField(_("导入时间 imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人 imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("导入记录 import record")
        verbose_name_plural = _("导入记录 import records")

    def __str__(self):
        return self.filename
